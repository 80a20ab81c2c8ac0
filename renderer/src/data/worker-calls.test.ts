import { describe, expect, it, vi } from 'vitest';
import { StoreClosedError } from './store-contract';
import { FakeWorker } from './test-worker';
import { serveCalls, WorkerCallError, WorkerCalls, WorkerFailed, WorkerUnavailable, type WorkerScope } from './worker-calls';

type Calls = {
  double: { args: { n: number; wait: number }; result: number };
  sum: { args: Uint8Array; result: number; progress: number };
  fail: { args: string; result: never };
  forever: { args: null; result: never };
};

/** The worker's side: answers after `wait` ms, so answers can come out of order. */
function serve(scope: WorkerScope) {
  serveCalls<Calls>(
    {
      double: ({ n, wait }) => new Promise<number>((ok) => setTimeout(() => ok(n * 2), wait)),
      sum(bytes, ctx) {
        ctx.progress(bytes.length);
        return bytes.reduce((a, b) => a + b, 0);
      },
      fail(message) {
        throw new Error(message);
      },
      forever: () => new Promise<never>(() => undefined),
    },
    scope,
  );
}

function open() {
  const made: FakeWorker[] = [];
  const report = vi.fn();
  const calls = new WorkerCalls<Calls>(
    () => {
      const w = new FakeWorker(serve);
      made.push(w);
      return w as unknown as Worker;
    },
    { name: 'test', report },
  );
  return { calls, made, report };
}

describe('calls to a worker', () => {
  it('answers that come out of order settle the calls they answer', async () => {
    const { calls, made } = open();
    const slow = calls.call('double', { n: 1, wait: 40 });
    const fast = calls.call('double', { n: 2, wait: 0 });
    const order: number[] = [];
    await Promise.all([slow.then((v) => order.push(v)), fast.then((v) => order.push(v))]);
    expect(order).toEqual([4, 2]);
    expect(made).toHaveLength(1);
    expect(calls.waiting).toBe(0);
  });

  it('a worker that crashes mid-call fails every call waiting, reports once, and refuses later calls', async () => {
    const { calls, made, report } = open();
    const a = calls.call('forever', null);
    const b = calls.call('double', { n: 1, wait: 1_000 });
    await new Promise((r) => setTimeout(r, 5));
    made[0]!.crash();
    const [ea, eb] = await Promise.all([a.catch((e: unknown) => e), b.catch((e: unknown) => e)]);
    expect(ea).toBeInstanceOf(WorkerFailed);
    expect(eb).toBe(ea);
    expect(report).toHaveBeenCalledOnce();
    expect(report).toHaveBeenCalledWith(ea);
    expect(made[0]!.terminated).toBe(true);
    expect(made[0]!.listeners).toBe(0);
    await expect(calls.call('double', { n: 3, wait: 0 })).rejects.toBe(ea);
    expect(made).toHaveLength(1);
  });

  it('a message that cannot be read fails every call waiting like a crash', async () => {
    const { calls, made, report } = open();
    const a = calls.call('forever', null);
    made[0]!.garble();
    await expect(a).rejects.toBeInstanceOf(WorkerFailed);
    expect(report).toHaveBeenCalledOnce();
    expect(made[0]!.terminated).toBe(true);
  });

  it('on dispose (the lock) calls waiting and later ones are refused as locked, and no worker or listener is left', async () => {
    const { calls, made, report } = open();
    const a = calls.call('forever', null);
    calls.dispose();
    await expect(a).rejects.toBeInstanceOf(StoreClosedError);
    await expect(calls.call('double', { n: 1, wait: 0 })).rejects.toBeInstanceOf(StoreClosedError);
    expect(made).toHaveLength(1);
    expect(made[0]!.terminated).toBe(true);
    expect(made[0]!.listeners).toBe(0);
    expect(calls.running).toBe(false);
    expect(report).not.toHaveBeenCalled();
  });

  it('a call that throws in the worker fails that call only, with its message', async () => {
    const { calls } = open();
    const failed = calls.call('fail', 'bad row 12');
    const fine = calls.call('double', { n: 5, wait: 0 });
    await expect(failed).rejects.toThrow(WorkerCallError);
    await expect(failed).rejects.toThrow('bad row 12');
    expect(await fine).toBe(10);
  });

  it('moves transferred bytes, and reports progress to the caller', async () => {
    const { calls } = open();
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const progress: number[] = [];
    expect(await calls.call('sum', bytes, { transfer: [bytes.buffer], onProgress: (p) => progress.push(p) })).toBe(10);
    expect(bytes.byteLength).toBe(0);
    expect(progress).toEqual([4]);
  });

  it('where no worker can start, calls are refused as unavailable, not reported', async () => {
    const report = vi.fn();
    const calls = new WorkerCalls<Calls>(() => new Worker('nowhere.js'), { name: 'test', report });
    await expect(calls.call('double', { n: 1, wait: 0 })).rejects.toBeInstanceOf(WorkerUnavailable);
    expect(report).not.toHaveBeenCalled();
  });

  it('a cancelled call reaches the handler as an aborted signal', async () => {
    const made: FakeWorker[] = [];
    const calls = new WorkerCalls<{ wait: { args: null; result: string } }>(
      () => {
        const w = new FakeWorker((scope) =>
          serveCalls<{ wait: { args: null; result: string } }>({ wait: (_, ctx) => new Promise((ok) => ctx.signal.addEventListener('abort', () => ok('stopped'))) }, scope),
        );
        made.push(w);
        return w as unknown as Worker;
      },
      { name: 'test', report: () => undefined },
    );
    const ctl = new AbortController();
    const p = calls.call('wait', null, { signal: ctl.signal });
    ctl.abort();
    expect(await p).toBe('stopped');
  });
});
