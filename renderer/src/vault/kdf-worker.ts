/**
 * Argon2id off the page's thread (kdf-off-thread.ts). The derived key stays a CryptoKey that
 * cannot be exported; its raw bytes never leave this worker (deriveKek wipes them).
 *
 * The unlock's worker is asked to `prepare` while the unlock screen waits for the passphrase:
 * hash-wasm's Argon2 module is instantiated with its 64 MiB written once, and the unlock's
 * derivation runs on it (shared/vault/argon2id-fast.ts, decision 070). The derivations that
 * write a vault record are not asked to be fast and take `deriveKek`, as every build does.
 */
import argon2Script from 'hash-wasm/dist/argon2.umd.min.js?raw';
import { argon2id } from 'hash-wasm';
import { DEFAULT_KDF_COST, deriveKek, kekFromBytes, type KdfParams } from '../../../shared/vault/kdf';
import { argon2ModuleIn, prepareFastArgon2id, type FastArgon2id } from '../../../shared/vault/argon2id-fast';
import { serveCalls } from '../data/worker-calls';

export interface KdfRequest {
  passphrase: string;
  params: KdfParams;
  salt: Uint8Array;
  /** The unlock: on the memory made ready by `prepare`, when it was. */
  fast?: boolean;
}

// Started at once, with a derivation too small to matter: hash-wasm's WebAssembly compiled
// before a derivation that takes `deriveKek` is asked for.
const ready = argon2id({ password: 'warm', salt: new Uint8Array(16), memorySize: 8, iterations: 1, parallelism: 1, hashLength: 32, outputType: 'binary' }).catch(() => undefined);

let prepared: Promise<FastArgon2id | null> | null = null;

function prepare(): Promise<FastArgon2id | null> {
  const module = argon2ModuleIn(argon2Script);
  return module ? prepareFastArgon2id(module, DEFAULT_KDF_COST.memorySize) : Promise.resolve(null);
}

export type KdfCalls = {
  /** True when the unlock's derivation will run on memory made ready. */
  prepare: { args: undefined; result: boolean };
  derive: { args: KdfRequest; result: CryptoKey };
};

serveCalls<KdfCalls>({
  prepare: async () => {
    prepared ??= prepare();
    return (await prepared) !== null;
  },
  derive: async ({ passphrase, params, salt, fast }) => {
    // Whatever went wrong in preparing, the derivation still runs here, in the worker: not on the page.
    const derive = fast && prepared ? await prepared.catch(() => null) : null;
    const raw = derive ? await derive(passphrase, params, salt).catch(() => null) : null;
    if (raw) return kekFromBytes(raw);
    // Its 64 MiB let go before deriveKek takes another 64 (the fast path fails mostly when memory is short).
    prepared = null;
    await ready;
    return deriveKek(passphrase, params, salt);
  },
});
