/**
 * Argon2id in main, natively (decision 004, addendum 4). The renderer's WebAssembly build takes
 * about 400–460 ms at decision 004's cost on a 2-core laptop, most of an unlock; the native build
 * (@node-rs/argon2, prebuilt N-API binaries) gives the same bytes in about 60–190 ms. The cost is
 * unchanged: only the speed at which this laptop pays it.
 *
 * The passphrase and the key bytes pass through here once per unlock and are not kept: the
 * bytes are copied into the answer and the native buffer zeroed. When the native module cannot
 * load (a platform without a prebuilt binary), this throws and the renderer derives as before.
 */
import type { KdfRequest } from '../../shared/ipc/contract';

type HashRaw = (password: string, options: { salt: Uint8Array; memoryCost: number; timeCost: number; parallelism: number; outputLen: number; algorithm: number }) => Promise<Uint8Array>;

let native: Promise<HashRaw> | null = null;

/** The native hash, loaded on first use (main starts without it). */
function load(): Promise<HashRaw> {
  native ??= import('@node-rs/argon2').then((m) => m.hashRaw as HashRaw);
  return native;
}

/** Argon2id version 0x13, as hash-wasm computes it. */
const ARGON2ID = 2;

export async function deriveKdfBytes(req: KdfRequest, hashRaw: () => Promise<HashRaw> = load): Promise<Uint8Array> {
  const raw = await (await hashRaw())(req.passphrase.normalize('NFC'), {
    salt: req.salt,
    memoryCost: req.memorySize,
    timeCost: req.iterations,
    parallelism: req.parallelism,
    outputLen: 32,
    algorithm: ARGON2ID,
  });
  try {
    return Uint8Array.from(raw);
  } finally {
    raw.fill(0);
  }
}
