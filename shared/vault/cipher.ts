/**
 * AES-256-GCM sealing of values before they reach IndexedDB. A sealed value is one byte
 * array: version (1) || IV (12) || ciphertext+tag. A fresh random IV every time; the
 * optional associated data binds a ciphertext to its place (table and key), so a row
 * copied elsewhere fails to open.
 */
import { concatBytes, fromUtf8, randomBytes, utf8 } from './bytes';
import { jsonBytes } from './json-bytes';

const VERSION = 1;
const IV_LENGTH = 12;

export class DecryptionError extends Error {
  constructor(message = 'vault: data could not be decrypted (wrong key or damaged data)') {
    super(message);
  }
}

/**
 * `iv`: only for a synthetic IV — a keyed hash of the associated data and the plaintext
 * (list-pack.ts), so the same IV never seals two different plaintexts. Otherwise random.
 */
export async function sealBytes(
  key: CryptoKey,
  plain: Uint8Array<ArrayBuffer>,
  associated?: string,
  iv: Uint8Array<ArrayBuffer> = randomBytes(IV_LENGTH),
): Promise<Uint8Array<ArrayBuffer>> {
  if (iv.byteLength !== IV_LENGTH) throw new Error('vault: an IV is 12 bytes');
  const params: AesGcmParams = { name: 'AES-GCM', iv };
  if (associated !== undefined) params.additionalData = utf8(associated);
  const ct = new Uint8Array(await crypto.subtle.encrypt(params, key, plain));
  return concatBytes(Uint8Array.of(VERSION), iv, ct);
}

export async function openBytes(
  key: CryptoKey,
  sealed: Uint8Array,
  associated?: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.byteLength < 1 + IV_LENGTH + 16 || sealed[0] !== VERSION) {
    throw new DecryptionError('vault: sealed value has an unknown format');
  }
  const iv = sealed.slice(1, 1 + IV_LENGTH);
  const params: AesGcmParams = { name: 'AES-GCM', iv };
  if (associated !== undefined) params.additionalData = utf8(associated);
  try {
    return new Uint8Array(await crypto.subtle.decrypt(params, key, sealed.slice(1 + IV_LENGTH)));
  } catch {
    throw new DecryptionError();
  }
}

export async function sealJson(key: CryptoKey, value: unknown, associated?: string): Promise<Uint8Array<ArrayBuffer>> {
  return sealBytes(key, jsonBytes(value), associated);
}

export async function openJson<T>(key: CryptoKey, sealed: Uint8Array, associated?: string): Promise<T> {
  return JSON.parse(fromUtf8(await openBytes(key, sealed, associated))) as T;
}
