import { defineConfig } from 'vitest/config';

// `npm run test:soak`: the reliability suite at full size (too slow for `npm test`). The crash spec is the unit
// suite's own, run with 20 trials of 2,000 transactions.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts', 'test/unit/sync/crash.kill.test.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Bundles the CLI once, so specs that spawn it skip tsx's per-process compile (test/support/cli-bin.ts).
    globalSetup: ['test/support/build-cli.ts'],
    fileParallelism: false,
    env: {
      CCXA_CRASH_TRIALS: '20',
      CCXA_CRASH_TRANSACTIONS: '2000',
      CCXA_CRASH_BATCH_SIZE: '50',
      CCXA_CRASH_KILL_WINDOW_MS: '4000',
      CCXA_CRASH_TIMEOUT_MS: '3600000',
    },
  },
});
