/**
 * A stranger's attacks on the unlock's Argon2id on memory made ready (decision 070), kept as
 * tests after the fixes: two derivations asked of one preparation at once; what of a derivation
 * stays in the WebAssembly memories after it returns or fails (the Argon2 module's working block
 * below its blocks, BLAKE2b's buffers holding the passphrase's tail or a value a guess can be
 * checked against by BLAKE2b alone); costs under or just over the memory made ready.
 * A preparation serves one derivation (a second answers null, and `deriveKek` derives), and a
 * failure answers null rather than throwing, so those cases say so.
 * (Passphrases, salts, lanes, passes and costs in many forms held before the fixes.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blake2b } from 'hash-wasm';
import { prepareFastArgon2id } from './argon2id-fast';
import type { KdfParams } from './kdf';
import { argon2Module, cost, hex, reference } from './argon2id-test-kit';

const hashWasm = vi.hoisted(() => ({ failBlake256: 0 }));
vi.mock('hash-wasm', async (original) => {
  const real = await original<typeof import('hash-wasm')>();
  return {
    ...real,
    // The tag's BLAKE2b refused (a worker short of memory), as many times as asked for;
    // hash-wasm's own argon2id (the reference) uses its own, not this export.
    createBLAKE2b: (bits?: number, key?: never) => {
      if (bits === 256 && hashWasm.failBlake256 > 0) {
        hashWasm.failBlake256--;
        return Promise.reject(new RangeError('WebAssembly.Memory(): could not allocate memory'));
      }
      return real.createBLAKE2b(bits, key);
    },
  };
});

const module = argon2Module;

/** Every WebAssembly memory instantiated while `run` runs, in order. */
async function capturingMemories<T>(run: () => Promise<T>): Promise<{ value: T; memories: WebAssembly.Memory[] }> {
  const real = WebAssembly.instantiate.bind(WebAssembly) as (m: unknown, i: object) => Promise<unknown>;
  const memories: WebAssembly.Memory[] = [];
  WebAssembly.instantiate = (async (m: unknown, i: object) => {
    const made = await real(m, i);
    const instance = made instanceof WebAssembly.Instance ? made : (made as WebAssembly.WebAssemblyInstantiatedSource).instance;
    memories.push(instance.exports.memory as WebAssembly.Memory);
    return made;
  }) as unknown as typeof WebAssembly.instantiate;
  try {
    return { value: await run(), memories };
  } finally {
    WebAssembly.instantiate = real as unknown as typeof WebAssembly.instantiate;
  }
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

afterEach(() => {
  hashWasm.failBlake256 = 0;
});

describe('a stranger’s attacks on Argon2id on memory made ready', () => {
  it('two unlocks asked of one preparation without awaiting the first: the first gets hash-wasm’s key, the second null (deriveKek’s to derive)', async () => {
    const fast = (await prepareFastArgon2id(module, 4096))!;
    const salt = new Uint8Array(16).fill(3);
    const c = cost(2048, 2, 1);
    const [a, b] = await Promise.all([fast('first person’s passphrase', c, salt), fast('second person’s passphrase', c, salt)]);
    expect(hex(a), 'the first of two interleaved derivations').toBe(await reference('first person’s passphrase', c, salt));
    expect(b, 'the second').toBeNull();
  });

  /** A preparation and one derivation on it, with every memory instantiated meanwhile; the derivation's Argon2 memory is the one grown for the cost. */
  async function derivedWatched(passphrase: string, c: KdfParams, salt: Uint8Array, beforeDeriving = () => {}) {
    const { value, memories } = await capturingMemories(async () => {
      const fast = (await prepareFastArgon2id(module, c.memorySize))!;
      beforeDeriving();
      return fast(passphrase, c, salt);
    });
    const argon2 = memories.filter((m) => m.buffer.byteLength >= c.memorySize * 1024);
    return { value, memories, argon2 };
  }

  it('leaves nothing at all in the Argon2 module’s memory after it returns (below its blocks too)', async () => {
    const c = cost(2048, 1, 1);
    const { value, argon2 } = await derivedWatched('passphrase one', c, new Uint8Array(16).fill(5));
    expect(hex(value)).toBe(await reference('passphrase one', c, new Uint8Array(16).fill(5)));
    expect(argon2).toHaveLength(1);
    expect(new Uint8Array(argon2[0]!.buffer).some((b) => b !== 0), 'a byte not zero in the derivation’s Argon2 memory').toBe(false);
  });

  it('leaves no byte of the passphrase in any WebAssembly memory after it returns', async () => {
    const passphrase = 'canary:' + 'しおかぜ-港の灯り-'.repeat(12) + 'end-of-the-canary-passphrase';
    const { memories } = await derivedWatched(passphrase, cost(2048, 1, 1), new Uint8Array(16).fill(1));
    const bytes = new TextEncoder().encode(passphrase.normalize('NFC'));
    // Any 32 bytes of it from its 100th byte on.
    const piece = bytes.subarray(100, 132);
    const found = memories.map((m) => indexOfBytes(new Uint8Array(m.buffer), piece));
    expect(found.filter((at) => at >= 0), 'where 32 bytes of the passphrase are found').toEqual([]);
  });

  it('after it fails (the tag’s BLAKE2b refused): null, nothing in the Argon2 memory, no byte of the passphrase anywhere', async () => {
    const c = cost(2048, 1, 1);
    const passphrase = 'thrown-canary-two:' + '雪の夜-'.repeat(40);
    const { value, memories, argon2 } = await derivedWatched(passphrase, c, new Uint8Array(16).fill(8), () => (hashWasm.failBlake256 = 1));
    expect(value).toBeNull();
    expect(argon2.every((m) => !new Uint8Array(m.buffer).some((b) => b !== 0))).toBe(true);
    const piece = new TextEncoder().encode(passphrase).subarray(100, 132);
    expect(memories.map((m) => indexOfBytes(new Uint8Array(m.buffer), piece)).filter((at) => at >= 0)).toEqual([]);
  });

  it('is not null, as the module compiles, when asked to make ready less than the 512 KiB hash-wasm’s module preallocates', async () => {
    // Hash_SetMemorySize(total) computes total − B_size in uint32: below B_size it wraps, asks for ~4 GiB, and fails.
    const small = await prepareFastArgon2id(module, 256);
    expect(small, 'prepareFastArgon2id(module, 256)').not.toBeNull();
  });

  it('derives, rather than answering null, a cost a little above the memory it made ready (64 MiB + 1 KiB)', async () => {
    const fast = (await prepareFastArgon2id(module, 64 * 1024))!;
    const salt = new Uint8Array(16).fill(4);
    const c = cost(64 * 1024 + 1, 1, 1);
    // Null sends the unlock to deriveKek (the same key, on a fresh 64 MiB): the speed of 070 lost for a cost hash-wasm takes.
    expect(hex(await fast('少しだけ大きい', c, salt))).toBe(await reference('少しだけ大きい', c, salt));
  });

  it('leaves nothing in any memory from which a guess at a short passphrase is checked by BLAKE2b alone, without Argon2’s memory', async () => {
    const salt = new Uint8Array(16).fill(12);
    const c = cost(2048, 1, 1);
    const passphrase = '短い合言葉です'; // 21 bytes: overwritten in BLAKE2b's buffer, unlike a long one
    const { memories } = await derivedWatched(passphrase, c, salt);
    // An attacker's guess, hashed as RFC 9106 3.2 says, with BLAKE2b only: H0, then H' to the first lane's second block.
    const le = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
    const concat = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
    const b2 = async (data: Uint8Array, bytes: number) => Uint8Array.from(Buffer.from(await blake2b(data, bytes * 8), 'hex'));
    const guess = new TextEncoder().encode(passphrase);
    const h0 = await b2(concat(le(1), le(32), le(c.memorySize), le(c.iterations), le(0x13), le(2), le(guess.length), guess, le(salt.length), salt, le(0), le(0)), 64);
    let v = await b2(concat(le(1024), h0, le(1), le(0)), 64);
    for (let i = 1; i < 31; i++) v = await b2(v, 64);
    // v is now the last 64 bytes of block B[0][1] (H' 's last piece is H^64 of it); h0 itself too.
    const found = memories.flatMap((m) => [indexOfBytes(new Uint8Array(m.buffer), v.subarray(0, 32)), indexOfBytes(new Uint8Array(m.buffer), h0.subarray(0, 32))]);
    expect(found.filter((at) => at >= 0), 'where a BLAKE2b-only value of the derivation is found').toEqual([]);
  });
});
