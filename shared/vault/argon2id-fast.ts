/**
 * Argon2id for the unlock, on memory made ready before the press (decision 070).
 *
 * hash-wasm (`deriveKek`) makes a new WebAssembly instance with a new memory for each
 * derivation, so every unlock first pays for writing 64 MiB of pages the system has not yet
 * handed over: on the test machine more than half the derivation (about 200 of 350 ms). Here
 * the same module of hash-wasm's — its Argon2 WebAssembly, which its argon2 script carries —
 * is instantiated by the unlock's worker while the unlock screen waits for the passphrase, and
 * its memory written once (a few MiB at a time, so that a press before it is done is answered
 * at once: the pages not yet written are then written by the derivation, as hash-wasm's are).
 * The blocks it starts from and the tag it ends with are hashed by hash-wasm's BLAKE2b, as
 * hash-wasm does (RFC 9106, 3.2 and 3.3). The bytes are hash-wasm's: tests hold it to them, and
 * before it is used the module is checked once against hash-wasm's own function on a small cost.
 *
 * One derivation per preparation: afterwards every byte of the Argon2 module's memory is zeroed
 * (its working block and globals too, which leaves the instance unusable) and the BLAKE2b
 * buffers it used are overwritten; a second call, even one made before the first ended, answers
 * null. Where this cannot derive (the module not found or not as expected, a cost or passphrase
 * hash-wasm would refuse, memory refused) it answers null, and `deriveKek` derives instead:
 * slower, the same key.
 */
import { argon2id, createBLAKE2b, type IHasher } from 'hash-wasm';
import type { KdfParams } from './kdf';

/** What hash-wasm's Argon2 module exports (its src/argon2.c). */
interface Argon2Module {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  /** Grows the buffer by whole pages to hold `totalBytes`; -1 if it could not. Only ever grows. */
  Hash_SetMemorySize(totalBytes: number): number;
  /** Fills the blocks and leaves the last column's XOR in the buffer's first 1,024 bytes. */
  Hash_Calculate(length: number, memorySize: number): void;
}

/** An instance and what its buffer holds, counted as the module counts it. */
interface Instance {
  wasm: Argon2Module;
  base: number;
  bytes: number;
}

export type FastArgon2id = (passphrase: string, params: KdfParams, salt: Uint8Array) => Promise<Uint8Array | null>;

const BLOCK = 1024;
const PAGE = 64 * 1024;
/** What the module's buffer holds once it is first asked for it (Hash_GetBuffer). */
const PREALLOCATED = 512 * 1024;
/** hash-wasm's hashers copy what they are given into their buffer this much at a time. */
const HASHER_BUFFER = 16 * 1024;
const VERSION = 0x13;
const ARGON2ID = 2;
/** Bytes of memory written before the worker looks at its messages again (about 10 ms here). */
const WRITE_STEP = 4 * 1024 * 1024;

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

/** A hasher's buffer and state overwritten with zeros: what it was last given (a passphrase, a block) is gone. */
function scrub(h: IHasher): void {
  h.init();
  h.update(new Uint8Array(HASHER_BUFFER));
  h.digest('binary').fill(0);
}

/** H' of RFC 9106 (3.3): `length` bytes from BLAKE2b over LE32(length) ‖ input. Each hasher made is added to `used`. */
async function hPrime(blake512: IHasher, input: Uint8Array, length: number, used: IHasher[]): Promise<Uint8Array> {
  const hasher = async (n: number) => {
    if (n === 64) return blake512;
    const h = await createBLAKE2b(n * 8);
    used.push(h);
    return h;
  };
  if (length <= 64) {
    const h = await hasher(length);
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
    const next = blake512.digest('binary');
    v.fill(0);
    v = next;
    out.set(v.subarray(0, 32), i * 32);
  }
  const h = await hasher(length - 32 * r);
  h.init();
  h.update(v);
  const tail = h.digest('binary');
  out.set(tail, r * 32);
  // The copies handed back are zeroed too: a block's tail lets a guess be checked by BLAKE2b alone.
  tail.fill(0);
  v.fill(0);
  return out;
}

/** What hash-wasm would refuse, or could not be given: `deriveKek` then derives (and refuses it as before). */
function derivable(password: Uint8Array, params: KdfParams, salt: Uint8Array): boolean {
  const { memorySize: m, iterations: t, parallelism: p } = params;
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  return password.length >= 1 && salt.length >= 8 && whole(t) && whole(p) && whole(m) && m >= 8 * p && m <= 4 * 1024 * 1024 - 2;
}

async function instantiate(compiled: WebAssembly.Module): Promise<Instance | null> {
  const instance = await WebAssembly.instantiate(compiled, {});
  const wasm = instance.exports as unknown as Argon2Module;
  const base = wasm.Hash_GetBuffer();
  return base ? { wasm, base, bytes: PREALLOCATED } : null;
}

/** Room in the buffer for `kib` KiB of blocks and the parameters after them; false if refused. */
function grow(at: Instance, kib: number): boolean {
  const total = kib * BLOCK + BLOCK;
  if (total <= at.bytes) return true;
  // The module counts whole pages and subtracts without a sign: asked for less than it holds, it fails.
  if (at.wasm.Hash_SetMemorySize(total) !== 0) return false;
  at.bytes += Math.ceil((total - at.bytes) / PAGE) * PAGE;
  return true;
}

/** One Argon2id derivation on `at`, whose blocks must be zeros; the hashers it made are scrubbed. */
async function deriveOn(at: Instance, password: Uint8Array, params: KdfParams, salt: Uint8Array): Promise<Uint8Array> {
  const { memorySize: m, iterations: t, parallelism: p } = params;
  const used: IHasher[] = [];
  const seed = new Uint8Array(72);
  let h0: Uint8Array | null = null;
  let last: Uint8Array | null = null;
  try {
    const blake512 = await createBLAKE2b(512);
    used.push(blake512);
    const head = new Uint8Array(24);
    const view = new DataView(head.buffer);
    [p, 32, m, t, VERSION, ARGON2ID].forEach((n, i) => view.setUint32(i * 4, n, true));
    // H0 (RFC 9106, 3.2): the parameters, the passphrase, the salt, no secret, no associated data.
    blake512.init();
    for (const part of [head, le32(password.length), password, le32(salt.length), salt, le32(0), le32(0)]) blake512.update(part);
    h0 = blake512.digest('binary');
    const memory = () => new Uint8Array(at.wasm.memory.buffer, at.base);
    const laneLength = Math.floor(m / (p * 4)) * 4;
    seed.set(h0);
    for (let lane = 0; lane < p; lane++) {
      for (const column of [0, 1]) {
        seed.set(le32(column), 64);
        seed.set(le32(lane), 68);
        const block = await hPrime(blake512, seed, BLOCK, used);
        memory().set(block, (lane * laneLength + column) * BLOCK);
        block.fill(0);
      }
    }
    memory().set(head, m * BLOCK);
    at.wasm.Hash_Calculate(0, m);
    last = memory().slice(0, BLOCK);
    return await hPrime(blake512, last, 32, used);
  } finally {
    seed.fill(0);
    h0?.fill(0);
    last?.fill(0);
    for (const h of used) scrub(h);
  }
}

/**
 * The module checked against hash-wasm's own function on a small cost, two lanes and two passes
 * (a few milliseconds): a module whose exports no longer mean what this code expects is not used.
 */
async function agreesWithHashWasm(compiled: WebAssembly.Module): Promise<boolean> {
  const password = new TextEncoder().encode('本部 self-check');
  const salt = new Uint8Array(16).fill(0x5a);
  const params: KdfParams = { alg: 'argon2id', memorySize: 256, iterations: 2, parallelism: 2, salt: '' };
  const at = await instantiate(compiled);
  if (!at) return false;
  const ours = await deriveOn(at, password, params, salt);
  const theirs = await argon2id({ password, salt, memorySize: 256, iterations: 2, parallelism: 2, hashLength: 32, outputType: 'binary' });
  return ours.length === 32 && ours.every((b, i) => b === theirs[i]);
}

/**
 * The module compiled, checked and instantiated, ready for one derivation, and `memoryKiB` of its
 * memory being written once (`written` is told when that ends: true when all of it was, false
 * when a derivation asked for meanwhile stopped it). Null where the module does not compile
 * here, does not derive what hash-wasm derives, or its memory is refused.
 */
export async function prepareFastArgon2id(module: BufferSource, memoryKiB: number, written?: (done: boolean) => void): Promise<FastArgon2id | null> {
  let at: Instance | null;
  try {
    const compiled = await WebAssembly.compile(module);
    if (!(await agreesWithHashWasm(compiled))) return null;
    at = await instantiate(compiled);
    if (!at || !grow(at, memoryKiB)) return null;
  } catch {
    return null;
  }
  const ready = at;
  // Every page of the blocks written once now, not during the derivation; a derivation asked
  // for meanwhile stops it (the pages left are then written as the derivation reaches them).
  let asked = false;
  void (async () => {
    const end = ready.wasm.memory.buffer.byteLength;
    for (let from = ready.base; from < end && !asked; from += WRITE_STEP) {
      new Uint8Array(ready.wasm.memory.buffer, from, Math.min(WRITE_STEP, end - from)).fill(0);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    written?.(!asked);
  })();

  return async (passphrase, params, salt) => {
    if (asked) return null;
    asked = true;
    const password = new TextEncoder().encode(passphrase.normalize('NFC'));
    try {
      if (!derivable(password, params, salt) || !grow(ready, params.memorySize)) return null;
      return await deriveOn(ready, password, params, salt);
    } catch {
      return null;
    } finally {
      password.fill(0);
      // All of it, below the blocks too (the module's working block): the instance is not used again.
      new Uint8Array(ready.wasm.memory.buffer).fill(0);
    }
  };
}
