/**
 * Test set-up shared by the contact tests: each test of the file fails if a promise was
 * rejected with nobody to hear it while it ran (a read ahead left behind, a hand-over that
 * failed after the call returned).
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** `settleMs`: how long to wait after each test first, for rejections that land after it returned. */
export function failOnUnhandledRejections(settleMs = 0): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);
  beforeAll(() => void process.on('unhandledRejection', onUnhandled));
  afterAll(() => void process.off('unhandledRejection', onUnhandled));
  afterEach(async () => {
    if (settleMs > 0) await new Promise((ok) => setTimeout(ok, settleMs));
    expect(unhandled.splice(0).map(String)).toEqual([]);
  });
}
