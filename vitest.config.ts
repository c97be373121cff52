import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Bundles the CLI once, so specs that spawn it skip tsx's per-process compile (test/support/cli-bin.ts).
    globalSetup: ['test/support/build-cli.ts'],
  },
});
