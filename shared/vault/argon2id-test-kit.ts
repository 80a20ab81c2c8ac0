/**
 * What the Argon2id tests share (test code only: nothing in the app imports it): hash-wasm's
 * Argon2 module as the worker finds it, a cost, and hash-wasm's own derivation as the reference.
 */
import script from 'hash-wasm/dist/argon2.umd.min.js?raw';
import { argon2id } from 'hash-wasm';
import { argon2ModuleIn } from './argon2id-fast';
import type { KdfParams } from './kdf';

export const argon2Module = argon2ModuleIn(script)!;

export function cost(memorySize: number, iterations: number, parallelism: number): KdfParams {
  return { alg: 'argon2id', memorySize, iterations, parallelism, salt: '' };
}

/** hash-wasm's own key for the passphrase (as deriveKek derives it), in hex. */
export function reference(passphrase: string, p: KdfParams, salt: Uint8Array): Promise<string> {
  return argon2id({ password: passphrase.normalize('NFC'), salt, memorySize: p.memorySize, iterations: p.iterations, parallelism: p.parallelism, hashLength: 32, outputType: 'hex' });
}

export const hex = (b: Uint8Array | null) => (b ? Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('') : null);
