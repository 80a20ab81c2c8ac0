/**
 * Passphrase → key-encryption key with Argon2id (RFC 9106), through hash-wasm's
 * WebAssembly build so the same code runs in the renderer, a worker and Node tests.
 */
import { argon2id } from 'hash-wasm';

export interface KdfParams {
  alg: 'argon2id';
  /** KiB of memory. */
  memorySize: number;
  iterations: number;
  parallelism: number;
  salt: string; // base64url
}

/**
 * RFC 9106's second recommended option is 64 MiB and 3 passes; parallelism is 1 because
 * WebAssembly here is single-threaded. About a second on a 2-core laptop, once per unlock.
 */
export const DEFAULT_KDF_COST = { memorySize: 64 * 1024, iterations: 3, parallelism: 1 } as const;

/** Only for unit tests, where a second per derivation adds up. */
export const TEST_KDF_COST = { memorySize: 1024, iterations: 1, parallelism: 1 } as const;

/**
 * Runs the derivation somewhere else (the renderer: in a worker, so the page can get the
 * first screen ready meanwhile). Must return what deriveKek would.
 */
export type KdfRunner = (passphrase: string, params: KdfParams, salt: Uint8Array) => Promise<CryptoKey>;

export async function deriveKek(passphrase: string, params: KdfParams, salt: Uint8Array): Promise<CryptoKey> {
  const raw = await argon2id({
    password: passphrase.normalize('NFC'),
    salt,
    memorySize: params.memorySize,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  return kekFromBytes(raw);
}

/** The key-encryption key from Argon2id's 32 bytes, which are then zeroed. */
export async function kekFromBytes(raw: Uint8Array): Promise<CryptoKey> {
  const copy = new Uint8Array(raw);
  try {
    return await crypto.subtle.importKey('raw', copy, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  } finally {
    copy.fill(0);
    raw.fill(0);
  }
}
