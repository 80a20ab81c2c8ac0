/**
 * What hash-wasm hands back, watched: before its first use the module is checked against
 * hash-wasm's own function on a small cost (a module found in the script that no longer derives
 * what hash-wasm derives is not used, and `deriveKek` derives the unlock instead); and no copy a
 * BLAKE2b hasher handed back during a derivation is left holding anything once the caller has
 * zeroed the key (a block's tail lets a guess be checked by BLAKE2b alone).
 */
import { expect, it, vi } from 'vitest';
import type { IHasher } from 'hash-wasm';
import { prepareFastArgon2id } from './argon2id-fast';
import { argon2Module, cost, hex, reference } from './argon2id-test-kit';

const watch = vi.hoisted(() => ({ disagree: false, digests: [] as Uint8Array[] }));
vi.mock('hash-wasm', async (original) => {
  const real = await original<typeof import('hash-wasm')>();
  return {
    ...real,
    // hash-wasm's own answer, one bit changed: as if the module and the function no longer agreed.
    argon2id: async (options: Parameters<typeof real.argon2id>[0]) => {
      const out = (await real.argon2id({ ...options, outputType: 'binary' })) as Uint8Array;
      if (watch.disagree) out[0]! ^= 1;
      return options.outputType === 'hex' ? Array.from(out, (x) => x.toString(16).padStart(2, '0')).join('') : out;
    },
    createBLAKE2b: async (bits?: number, key?: never): Promise<IHasher> => {
      const h = await real.createBLAKE2b(bits, key);
      const digest = h.digest.bind(h) as (type: 'binary') => Uint8Array;
      return Object.assign(h, {
        digest: (type: 'binary') => {
          const out = digest(type);
          watch.digests.push(out);
          return out;
        },
      });
    },
  };
});

it('is used when it agrees with hash-wasm, and not when it does not', async () => {
  expect(await prepareFastArgon2id(argon2Module, 1024)).not.toBeNull();
  watch.disagree = true;
  try {
    expect(await prepareFastArgon2id(argon2Module, 1024)).toBeNull();
  } finally {
    watch.disagree = false;
  }
});

it('leaves no digest it was handed holding anything once the key is zeroed', async () => {
  const fast = (await prepareFastArgon2id(argon2Module, 2048))!;
  const c = cost(2048, 1, 2);
  const salt = new Uint8Array(16).fill(6);
  watch.digests.length = 0;
  const key = (await fast('港の灯台で待ち合わせる合言葉', c, salt))!;
  expect(hex(key)).toBe(await reference('港の灯台で待ち合わせる合言葉', c, salt));
  // As kekFromBytes does with the key once imported.
  key.fill(0);
  expect(watch.digests.length).toBeGreaterThan(60);
  expect(watch.digests.filter((d) => d.some((b) => b !== 0)).length, 'digests still holding bytes').toBe(0);
});
