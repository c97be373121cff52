import { defineConfig } from 'vitest/config';

// E2E: Playwright (playwright-core) drives Debian's Chromium against the web host. One file at a time: each test
// starts its own host and browser, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // expect.poll waits for the page to show an outcome; vitest's default 1 s is less than a loaded two-core machine
    // can take to render one, and a poll ends the moment it holds, so a longer limit costs nothing when all is well.
    expect: { poll: { timeout: 15_000 } },
  },
});
