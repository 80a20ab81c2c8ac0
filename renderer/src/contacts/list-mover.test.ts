/**
 * A pass of the list mover shares every complete list and receives every missing one; one
 * list that fails must not keep the others from moving (a damaged block on this laptop used
 * to end the whole pass, so a second list never went out and a missing one never came in).
 */
import { describe, expect, it, vi } from 'vitest';

const shared: string[] = [];
const received: string[] = [];
vi.mock('./list-share', () => {
  class ListRefusedError extends Error {}
  return {
    ListRefusedError,
    shareList: vi.fn(async (_engine: unknown, id: string) => {
      if (id === 'damaged') throw new Error('a block of this list does not open');
      shared.push(id);
      return 'shared';
    }),
    receiveList: vi.fn(async (_engine: unknown, id: string) => {
      if (id === 'broken-store') throw new Error('IndexedDB write failed');
      received.push(id);
      return { status: 'complete', fetched: 1, refused: 0 };
    }),
  };
});

const { ListMover } = await import('./list-mover');

function fakeEngine(complete: string[], missing: string[]) {
  return {
    isDisposed: false,
    tables: { datasets: { where: () => ({ equals: () => ({ primaryKeys: async () => complete }) }), get: async () => undefined } },
    data: { importEvents: async () => missing.map((datasetId) => ({ payload: { datasetId } })) },
  };
}

describe('list mover', () => {
  it('a list that fails to share or to store is told and retried; the other lists still go out and come in', async () => {
    const errors: unknown[] = [];
    const engine = fakeEngine(['damaged', 'good'], ['broken-store', 'wanted']);
    let transfers: Record<string, { phase: string }> = {};
    const mover = new ListMover({
      engine: () => engine as never,
      transport: () => Promise.resolve({ channel: { close: () => undefined } } as never),
      onChange: (t) => (transfers = t),
      onReceived: () => undefined,
      onError: (e) => errors.push(e),
      retryMs: 60_000,
    });
    mover.kick();
    await mover.idle();
    mover.dispose();
    expect(shared).toEqual(['good']);
    expect(received).toEqual(['wanted']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['a block of this list does not open', 'IndexedDB write failed']);
    expect(transfers['wanted']?.phase).toBe('done');
    expect(transfers['broken-store']?.phase).toBe('interrupted');
  });
});
