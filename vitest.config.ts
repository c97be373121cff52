import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Hang guards, not speed targets: on a loaded two-core machine a spec that spawns processes can take 20 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Most specs spend their time
    // waiting (on the sandbox's latency, on child processes), so two files side by side use the machine better.
    maxWorkers: 2,
    // Bundles the CLI once, so specs that spawn it skip tsx's per-process compile (test/support/cli-bin.ts).
    globalSetup: ['test/support/build-cli.ts'],
  },
});
