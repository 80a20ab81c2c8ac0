import { defineConfig } from 'vitest/config';

/** End-to-end tests in Debian's Chromium against the built renderer (see e2e/harness.ts). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time: a file spends part of its time waiting (timers, the other laptop,
    // the sync server), which the other file fills. Measured on this two-core machine, the
    // whole suite took 1,096 s one file at a time and 930 s two at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
