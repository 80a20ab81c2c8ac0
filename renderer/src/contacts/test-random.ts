/** Seeded generators for the contact tests: a failure names its seed. */
import { seededRandom } from '../../../shared/testing/seeded-random';
import type { ContactTables } from './tables';

/** xorshift32: the next 32-bit unsigned number each call. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** The same numbers, with an integer below n and a pick from a list. */
export function randomPicks(seed: number) {
  const u32 = xorshift32(seed);
  return { u32, int: (n: number) => u32() % n, pick: <T>(a: readonly T[]) => a[u32() % a.length]! };
}

/**
 * A block table whose reads answer 0–2 ms late, in an order set by `seed`: concurrent reads of
 * the block cache then finish in an order no one chose.
 */
export function jitteredBlocks(store: ReadonlyMap<string, { id: string; sealed: Uint8Array }>, seed: number): ContactTables {
  const jitter = seededRandom(seed);
  const later = () => new Promise((ok) => setTimeout(ok, Math.floor(jitter() * 3)));
  return {
    blocks: {
      get: async (id: string) => (await later(), store.get(id)),
      bulkGet: async (ids: string[]) => (await later(), ids.map((id) => store.get(id))),
    },
  } as unknown as ContactTables;
}
