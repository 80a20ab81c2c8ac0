/**
 * The background index merge takes its next bucket only in a pause of the person's work
 * (index-merge.ts quietGate): while call results keep landing it waits, so none of them
 * queues behind the merge's transactions.
 */
import { describe, expect, it } from 'vitest';
import { quietGate } from './index-merge';

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

describe('the index merge waits for a quiet moment', () => {
  it('does not go on while writes keep landing, and goes on once they stop', async () => {
    let lastWrite = performance.now();
    let opened = false;
    const gate = quietGate(() => lastWrite, () => false, 120).then(() => (opened = true));
    // A write every 40 ms for 400 ms: never 120 ms of quiet.
    for (let i = 0; i < 10; i++) {
      await sleep(40);
      lastWrite = performance.now();
      expect(opened, `write ${i}`).toBe(false);
    }
    const stopped = performance.now();
    await gate;
    expect(performance.now() - stopped).toBeGreaterThanOrEqual(110);
  });

  it('opens at once when the last write is long past, and when told to stop', async () => {
    const t0 = performance.now();
    await quietGate(() => performance.now() - 60_000, () => false, 10_000);
    expect(performance.now() - t0).toBeLessThan(1_000);
    const t1 = performance.now();
    await quietGate(() => performance.now(), () => true, 10_000);
    expect(performance.now() - t1).toBeLessThan(1_000);
  });
});
