import { defineConfig } from 'vitest/config';

// E2E: Playwright (playwright-core) drives Debian's Chromium against the web host. Each test starts its own host and
// each file its own browser, so files do not share state: two run at a time (the wizard file alone is half the suite).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/e2e/support/build-renderer.ts'],
    // expect.poll waits for the page to show an outcome; vitest's default 1 s is less than a loaded two-core machine
    // can take to render one, and a poll ends the moment it holds, so a longer limit costs nothing when all is well.
    expect: { poll: { timeout: 15_000 } },
  },
});
