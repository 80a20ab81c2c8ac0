/**
 * The store's turn for background work (background-gate.ts): never while the person's work
 * is under way, only after a quiet moment since it ended, and at once when told to stop.
 */
import { describe, expect, it } from 'vitest';
import { BackgroundGate } from './background-gate';

const tick = () => new Promise<void>((ok) => setTimeout(ok, 0));

describe('the background gate', () => {
  it('gives no turn while the person works, and gives it a quiet moment after the work ends', async () => {
    const gate = new BackgroundGate();
    const order: string[] = [];
    let finish!: () => void;
    const work = gate.hold(() => new Promise<void>((ok) => (finish = ok))).then(() => order.push('work done'));
    const turn = gate.turn({ quietMs: 30 }).then(() => order.push('turn'));
    for (let i = 0; i < 20; i++) await tick();
    expect(order).toEqual([]);
    const ended = performance.now();
    finish();
    await Promise.all([work, turn]);
    expect(order).toEqual(['work done', 'turn']);
    expect(performance.now() - ended).toBeGreaterThanOrEqual(25);
  });

  it('a turn asked while another work starts waits for that one too; stop() ends the wait', async () => {
    const gate = new BackgroundGate();
    const end = gate.begin();
    let stopped = false;
    const turn = gate.turn({ quietMs: 10_000, stop: () => stopped });
    await tick();
    stopped = true;
    gate.wake();
    await turn;
    end();
    expect(gate.isBusy).toBe(false);
  });

  it('gives no turn before notBefore, and at once when nothing happened for long', async () => {
    const gate = new BackgroundGate();
    const t0 = performance.now();
    await gate.turn({ quietMs: 10 });
    expect(performance.now() - t0).toBeLessThan(1_000);
    await gate.turn({ quietMs: 0, notBefore: performance.now() + 40 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
  });
});

describe('the background gate under a floor that never pauses', () => {
  it('results landing more often than the quiet moment do not hold background work back for good', async () => {
    // Call results every 60 ms, each under way 5 ms, with 100 ms of quiet needed: the quiet
    // moment never comes. The fold check, the merge and an upgrade (which a rebuild the person
    // asked for awaits) still get a turn between two results once they have waited long enough.
    const gate = new BackgroundGate();
    let floor = true;
    const results = (async () => {
      while (floor) {
        await gate.hold(() => new Promise<void>((ok) => setTimeout(ok, 5)));
        await new Promise<void>((ok) => setTimeout(ok, 55));
      }
    })();
    let turned = false;
    const t0 = performance.now();
    const turn = gate.turn({ quietMs: 100, patienceMs: 400 }).then(() => {
      turned = true;
      // Given between two results, never during one.
      expect(gate.isBusy).toBe(false);
    });
    while (!turned && performance.now() - t0 < 2_000) await new Promise<void>((ok) => setTimeout(ok, 20));
    floor = false;
    await results;
    await turn;
    expect(turned && performance.now() - t0 < 2_000, 'no turn while the results kept coming').toBe(true);
  });
});
