/**
 * A stranger's attacks on the calls to a worker: replies that are not replies, values thrown
 * that are not errors, and a worker that answers twice.
 */
import { describe, expect, it, vi } from 'vitest';
import { FakeWorker } from './test-worker';
import { StoreClosedError } from './store-contract';
import { serveCalls, WorkerCallError, WorkerCalls, WorkerFailed } from './worker-calls';

type Calls = { echo: { args: number; result: number }; throwing: { args: number; result: never } };

/** Resolves with how the promise settled, or 'still waiting' after `ms`. */
const settled = (p: Promise<unknown>, ms = 300) =>
  Promise.race([p.then((v) => ({ value: v }), (e: unknown) => ({ error: e })), new Promise((r) => setTimeout(() => r('still waiting'), ms))]);

function open(handlers: Parameters<typeof serveCalls<Calls>>[0]) {
  const made: FakeWorker[] = [];
  const report = vi.fn();
  const calls = new WorkerCalls<Calls>(
    () => {
      const w = new FakeWorker((scope) => serveCalls<Calls>(handlers, scope));
      made.push(w);
      return w as unknown as Worker;
    },
    { name: 'test', report },
  );
  return { calls, made, report };
}

describe('calls to a worker, attacked', () => {
  it('a message from the worker that is not a reply (null, a string, a number, no id) is ignored, and the calls are still answered', async () => {
    const { calls, made, report } = open({ echo: (n) => new Promise((ok) => setTimeout(() => ok(n), 20)), throwing: () => 0 as never });
    const p = calls.call('echo', 7);
    const thrown: unknown[] = [];
    for (const data of [null, undefined, 'garbage', 42, { nope: true }, { id: 1 }, [1, 2]]) {
      try {
        made[0]!.dispatchEvent(new MessageEvent('message', { data }));
      } catch (e) {
        thrown.push(e);
      }
    }
    expect(thrown).toEqual([]);
    expect(await settled(p)).toEqual({ value: 7 });
    expect(report).not.toHaveBeenCalled();
  });

  it('a worker that answers twice or answers an unknown id settles each call once, with its own answer', async () => {
    const { calls, made } = open({ echo: (n) => n, throwing: () => 0 as never });
    const a = calls.call('echo', 1);
    made[0]!.dispatchEvent(new MessageEvent('message', { data: { id: 999, value: 'stranger' } }));
    expect(await a).toBe(1);
    made[0]!.dispatchEvent(new MessageEvent('message', { data: { id: 1, value: 'again' } }));
    expect(await calls.call('echo', 2)).toBe(2);
  });

  it('a handler that throws something that is not an Error (even one that cannot be turned into text) fails that call, not waits for ever', async () => {
    const throwing = [Object.create(null), { toString: () => { throw new Error('no'); } }, Symbol('s'), undefined, 'plain text'];
    let i = 0;
    const { calls } = open({ echo: (n) => n, throwing: () => { throw throwing[i++]; } });
    for (let k = 0; k < throwing.length; k++) {
      const outcome = (await settled(calls.call('throwing', k))) as { error?: unknown };
      expect(outcome.error, `thrown value ${k}`).toBeInstanceOf(WorkerCallError);
    }
    expect(await calls.call('echo', 3)).toBe(3);
  });

  it('a request that is not a request does not crash the worker', async () => {
    const { calls, made, report } = open({ echo: (n) => n, throwing: () => 0 as never });
    expect(await calls.call('echo', 1)).toBe(1);
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      for (const data of [null, 'x', 5]) made[0]!.scope.dispatchEvent(new MessageEvent('message', { data }));
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([]);
    expect(await calls.call('echo', 2)).toBe(2);
    expect(report).not.toHaveBeenCalled();
  });

  it("a call named after what every object has ('constructor', 'toString') is refused, not run", async () => {
    const { calls } = open({ echo: (n) => n, throwing: () => 0 as never });
    const anyCalls = calls as unknown as WorkerCalls<Record<string, { args: unknown; result: unknown }>>;
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const outcome = (await settled(anyCalls.call(name, 1))) as { error?: unknown };
      expect(outcome.error, name).toBeInstanceOf(WorkerCallError);
    }
  });

  it('after a crash, the lock still refuses later calls as locked (expected, not a second fault); disposing twice is harmless', async () => {
    const { calls, made, report } = open({ echo: () => new Promise<number>(() => undefined), throwing: () => 0 as never });
    const waiting = calls.call('echo', 1);
    made[0]!.crash();
    await expect(waiting).rejects.toBeInstanceOf(WorkerFailed);
    calls.dispose();
    calls.dispose();
    await expect(calls.call('echo', 2)).rejects.toBeInstanceOf(StoreClosedError);
    expect(report).toHaveBeenCalledOnce();
    expect(made).toHaveLength(1);
    expect(made[0]!.listeners).toBe(0);
  });
});
