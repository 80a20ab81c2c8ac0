import { defineConfig } from 'vitest/config';

/** End-to-end tests in Debian's Chromium against the built renderer (see e2e/harness.ts). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the CI machine has two cores and Argon2id wants one.
    fileParallelism: false,
  },
});
