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
    // expect.poll waits for something the page will show; its default second is a timing assumption a busy machine
    // breaks. A poll still fails on a wrong value, only later.
    expect: { poll: { timeout: 15_000 } },
  },
});
