/**
 * Argon2id off the page's thread (kdf-off-thread.ts). The derived key stays a CryptoKey that
 * cannot be exported; its raw bytes never leave this worker (deriveKek wipes them).
 */
import { argon2id } from 'hash-wasm';
import { deriveKek, type KdfParams } from '../../../shared/vault/kdf';
import { serveCalls } from '../data/worker-calls';

export interface KdfRequest {
  passphrase: string;
  params: KdfParams;
  salt: Uint8Array;
}

// Started while the unlock screen waits for the passphrase: its WebAssembly is compiled now,
// with a derivation too small to matter, rather than after the person pressed the button.
const ready = argon2id({ password: 'warm', salt: new Uint8Array(16), memorySize: 8, iterations: 1, parallelism: 1, hashLength: 32, outputType: 'binary' }).catch(() => undefined);

export type KdfCalls = { derive: { args: KdfRequest; result: CryptoKey } };

serveCalls<KdfCalls>({
  derive: ({ passphrase, params, salt }) => ready.then(() => deriveKek(passphrase, params, salt)),
});
