/**
 * Argon2id for the unlock, on memory made ready before the press (decision 070).
 *
 * hash-wasm (`deriveKek`) makes a new WebAssembly instance with a new memory for each
 * derivation, so every unlock first pays for writing 64 MiB of pages the system has not yet
 * handed over: on the test machine more than half the derivation (about 200 of 350 ms). Here
 * the same module of hash-wasm's — its Argon2 WebAssembly, which its argon2 script carries —
 * runs in an instance kept by the unlock's worker, whose memory is written once while the
 * unlock screen waits for the passphrase (a few MiB at a time, so that a press before it is done
 * is answered at once: the pages not yet written are then written by the derivation, as
 * hash-wasm's would be); the derivation after the press then only computes.
 * The blocks it starts from and the tag it ends with are hashed by hash-wasm's BLAKE2b, as
 * hash-wasm does (RFC 9106, 3.2 and 3.3). The bytes are hash-wasm's, which tests hold it to.
 *
 * Where this cannot derive (the script no longer carries the module, a cost or passphrase
 * hash-wasm would refuse), it answers null and `deriveKek` derives instead: slower, the same key.
 */
import { createBLAKE2b, type IHasher } from 'hash-wasm';
import type { KdfParams } from './kdf';

/** What hash-wasm's Argon2 module exports (its src/argon2.c). */
interface Argon2Module {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  /** Grows the buffer to hold `totalBytes`; -1 if it could not. Only ever grows. */
  Hash_SetMemorySize(totalBytes: number): number;
  /** Fills the blocks and leaves the last column's XOR in the buffer's first 1,024 bytes. */
  Hash_Calculate(length: number, memorySize: number): void;
}

export type FastArgon2id = (passphrase: string, params: KdfParams, salt: Uint8Array) => Promise<Uint8Array | null>;

const BLOCK = 1024;
/** Bytes of memory written before the worker looks at its messages again (about 10 ms here). */
const WRITE_STEP = 4 * 1024 * 1024;
const VERSION = 0x13;
const ARGON2ID = 2;

/** hash-wasm's Argon2 WebAssembly as its argon2 script carries it (base64); null if it no longer does. */
export function argon2ModuleIn(script: string): Uint8Array<ArrayBuffer> | null {
  const found = /\{name:"argon2",data:"([A-Za-z0-9+/]+={0,2})"/.exec(script);
  if (!found) return null;
  const text = atob(found[1]!);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function le32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

/** H' of RFC 9106 (3.3): `length` bytes from BLAKE2b over LE32(length) ‖ input. */
async function hPrime(blake512: IHasher, input: Uint8Array, length: number): Promise<Uint8Array> {
  if (length <= 64) {
    const h = await createBLAKE2b(length * 8);
    h.init();
    h.update(le32(length));
    h.update(input);
    return h.digest('binary');
  }
  const r = Math.ceil(length / 32) - 2;
  const out = new Uint8Array(length);
  blake512.init();
  blake512.update(le32(length));
  blake512.update(input);
  let v = blake512.digest('binary');
  out.set(v.subarray(0, 32), 0);
  for (let i = 1; i < r; i++) {
    blake512.init();
    blake512.update(v);
    v = blake512.digest('binary');
    out.set(v.subarray(0, 32), i * 32);
  }
  const last = await hPrime64(blake512, v, length - 32 * r);
  out.set(last, r * 32);
  return out;
}

/** H^n(v) for the last piece of H' (n ≤ 64). */
async function hPrime64(blake512: IHasher, v: Uint8Array, n: number): Promise<Uint8Array> {
  const h = n === 64 ? blake512 : await createBLAKE2b(n * 8);
  h.init();
  h.update(v);
  return h.digest('binary');
}

/** What hash-wasm would refuse, or could not be given: `deriveKek` then derives (and refuses it as before). */
function derivable(password: Uint8Array, params: KdfParams, salt: Uint8Array): boolean {
  const { memorySize: m, iterations: t, parallelism: p } = params;
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  return password.length >= 1 && salt.length >= 8 && whole(t) && whole(p) && whole(m) && m >= 8 * p && m <= 4 * 1024 * 1024 - 2;
}

/**
 * The module instantiated, ready to derive, and `memoryKiB` of its memory being written once
 * (`written` settles when it is); null where the module does not compile here. Its memory is
 * zeroed after each derivation: the module adds each block to what its place holds, so a
 * derivation must start on zeros (and nothing of one stays for the next to read).
 */
export async function prepareFastArgon2id(module: BufferSource, memoryKiB: number, written?: (done: boolean) => void): Promise<FastArgon2id | null> {
  let wasm: Argon2Module;
  let base: number;
  let size = 0;
  const grow = (kib: number): boolean => {
    const total = kib * BLOCK + BLOCK;
    if (total <= size) return true;
    if (wasm.Hash_SetMemorySize(total) !== 0) return false;
    size = total;
    return true;
  };
  try {
    const { instance } = await WebAssembly.instantiate(module, {});
    wasm = instance.exports as unknown as Argon2Module;
    base = wasm.Hash_GetBuffer();
    if (!base || !grow(memoryKiB)) return null;
  } catch {
    return null;
  }
  const blake512 = await createBLAKE2b(512);
  // Every page of the blocks written once now, not during the derivation; a derivation asked
  // for meanwhile stops it (the pages left are then written as the derivation reaches them).
  let deriving = false;
  void (async () => {
    const end = wasm.memory.buffer.byteLength;
    for (let at = base; at < end && !deriving; at += WRITE_STEP) {
      new Uint8Array(wasm.memory.buffer, at, Math.min(WRITE_STEP, end - at)).fill(0);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    written?.(!deriving);
  })();

  return async (passphrase, params, salt) => {
    deriving = true;
    const password = new TextEncoder().encode(passphrase.normalize('NFC'));
    try {
      if (!derivable(password, params, salt) || !grow(params.memorySize)) return null;
      const { memorySize: m, iterations: t, parallelism: p } = params;
      const head = new Uint8Array(24);
      const view = new DataView(head.buffer);
      [p, 32, m, t, VERSION, ARGON2ID].forEach((n, i) => view.setUint32(i * 4, n, true));
      // H0 (RFC 9106, 3.2): the parameters, the passphrase, the salt, no secret, no associated data.
      blake512.init();
      for (const part of [head, le32(password.length), password, le32(salt.length), salt, le32(0), le32(0)]) blake512.update(part);
      const h0 = blake512.digest('binary');
      const memory = () => new Uint8Array(wasm.memory.buffer, base);
      const laneLength = Math.floor(m / (p * 4)) * 4;
      const seed = new Uint8Array(72);
      seed.set(h0);
      for (let lane = 0; lane < p; lane++) {
        for (const column of [0, 1]) {
          seed.set(le32(column), 64);
          seed.set(le32(lane), 68);
          memory().set(await hPrime(blake512, seed, BLOCK), (lane * laneLength + column) * BLOCK);
        }
      }
      seed.fill(0);
      h0.fill(0);
      memory().set(head, m * BLOCK);
      wasm.Hash_Calculate(0, m);
      const last = memory().slice(0, BLOCK);
      try {
        return await hPrime(blake512, last, 32);
      } finally {
        last.fill(0);
      }
    } finally {
      password.fill(0);
      new Uint8Array(wasm.memory.buffer, base).fill(0);
    }
  };
}
