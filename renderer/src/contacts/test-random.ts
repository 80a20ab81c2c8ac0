/** Seeded generators for the contact tests: a failure names its seed. */

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
