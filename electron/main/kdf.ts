/**
 * Argon2id in main, natively (decision 004, addendum 4). The renderer's WebAssembly build took
 * 442–571 ms at decision 004's cost on this 2-core machine, most of an unlock; the native build
 * (@node-rs/argon2, prebuilt N-API binaries) gives the same bytes in 61–83 ms alone (61–250 ms
 * beside a busy browser). The cost is unchanged: only the speed at which this laptop pays it.
 *
 * One derivation at a time: a renderer that kept calling would otherwise hold 64 MiB and a
 * thread of the pool main's file and database work shares, per call. The native buffer is
 * zeroed once the bytes are copied out; the passphrase and the copy sent back are strings and
 * bytes JavaScript and Electron may keep until their collectors reclaim them (threat model).
 * When the native module cannot load, this throws and the renderer derives as before.
 */
import type { KdfRequest } from '../../shared/ipc/contract';

type HashRaw = (
  password: string,
  options: { salt: Uint8Array; memoryCost: number; timeCost: number; parallelism: number; outputLen: number; algorithm: number; version: number },
) => Promise<Uint8Array>;

let native: Promise<HashRaw> | null = null;

/** The native hash, loaded on first use (main starts without it); a failed load is tried again next time. */
function load(): Promise<HashRaw> {
  native ??= import('@node-rs/argon2').then(
    (m) => m.hashRaw as HashRaw,
    (e: unknown) => {
      native = null;
      throw e;
    },
  );
  return native;
}

/** Argon2id, version 0x13, as hash-wasm computes it: given, never left to the package's defaults. */
const ARGON2ID = 2;
const V0X13 = 1;

let busy = false;

export async function deriveKdfBytes(req: KdfRequest, hashRaw: () => Promise<HashRaw> = load): Promise<Uint8Array> {
  if (busy) throw new Error('kdf: a derivation is already running');
  busy = true;
  try {
    const raw = await (await hashRaw())(req.passphrase.normalize('NFC'), {
      salt: req.salt,
      memoryCost: req.memorySize,
      timeCost: req.iterations,
      parallelism: req.parallelism,
      outputLen: 32,
      algorithm: ARGON2ID,
      version: V0X13,
    });
    try {
      return Uint8Array.from(raw);
    } finally {
      raw.fill(0);
    }
  } finally {
    busy = false;
  }
}
