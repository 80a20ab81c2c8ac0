import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from './disposable';

describe('DisposableStore', () => {
  it('disposes every part once, last added first', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => void order.push('store')));
    store.add(toDisposable(() => void order.push('engine')));
    store.add(toDisposable(() => void order.push('client')));
    expect(store.size).toBe(3);
    await store.dispose();
    await store.dispose();
    expect(order).toEqual(['client', 'engine', 'store']);
    expect(store.isDisposed).toBe(true);
    expect(store.size).toBe(0);
  });

  it('runs the synchronous part of every disposal at once and resolves when the slow ones end', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const store = new DisposableStore();
    store.add(toDisposable(() => void order.push('keys dropped')));
    store.add(
      toDisposable(() => {
        order.push('socket closing');
        return new Promise<void>((ok) => (finish = ok)).then(() => order.push('socket closed'));
      }),
    );
    const done = store.dispose();
    // Both have started before anything is awaited: the screens never wait for the network.
    expect(order).toEqual(['socket closing', 'keys dropped']);
    let settled = false;
    void done.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await done;
    expect(order).toEqual(['socket closing', 'keys dropped', 'socket closed']);
  });

  it('disposes every part even when some fail, then throws their errors together', async () => {
    const disposed: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => void disposed.push('a')));
    store.add(
      toDisposable(() => {
        throw new Error('b broke');
      }),
    );
    store.add(toDisposable(() => Promise.reject(new Error('c broke'))));
    store.add(toDisposable(() => void disposed.push('d')));
    const error = await store.dispose().catch((e: unknown) => e);
    expect(disposed).toEqual(['d', 'a']);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message).sort()).toEqual(['b broke', 'c broke']);
  });

  it('throws a single failure as itself', async () => {
    const store = new DisposableStore();
    store.add(toDisposable(() => Promise.reject(new Error('only one'))));
    await expect(store.dispose()).rejects.toThrow('only one');
  });

  it('disposes at once what is added after disposal, so a start that lost the race to a lock does not live on', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let disposed = 0;
    const late = store.add(toDisposable(() => void disposed++));
    expect(disposed).toBe(1);
    expect(store.size).toBe(0);
    late.dispose();
    expect(disposed).toBe(1);
  });
});
