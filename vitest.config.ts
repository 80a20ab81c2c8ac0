import { defineConfig } from 'vitest/config';

/** Unit tests: shared logic, the data layer on fake-indexeddb, Electron main with electron mocked. */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'test/sync/**/*.test.ts', 'test/faq/**/*.test.ts', 'test/lint/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2,
    // Several tests start real servers, browsers' IndexedDB fakes or ESLint; on a loaded 2-core
    // machine 5 s is too tight for them, and a timeout here is not what any test asserts.
    testTimeout: 30_000,
  },
});
