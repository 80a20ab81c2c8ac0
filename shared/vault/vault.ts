/**
 * The workspace vault: a random 256-bit master key, wrapped (AES-GCM) by a key derived
 * from the passphrase with Argon2id. Only the wrapped key and the KDF parameters are
 * stored; the master key lives in memory while the workspace is unlocked. Changing the
 * passphrase re-wraps the same master key, so no data needs re-encrypting.
 */
import { fromBase64Url, randomBytes, toBase64Url, wipe } from './bytes';
import { DecryptionError, openBytes, sealBytes } from './cipher';
import { DEFAULT_KDF_COST, deriveKek, type KdfParams, type KdfRunner } from './kdf';

export interface VaultRecord {
  version: 1;
  kdf: KdfParams;
  /** The master key sealed by the passphrase key, base64url. */
  wrappedKey: string;
  createdAt: number;
}

/** Keys in memory while unlocked; never extractable, never stored. */
export interface VaultKeys {
  /** AES-GCM key sealing every stored payload. */
  data: CryptoKey;
  /** HMAC-SHA-256 key for blind indexes of personal data. */
  index: CryptoKey;
}

export type KdfCost = Pick<KdfParams, 'memorySize' | 'iterations' | 'parallelism'>;

export class WrongPassphraseError extends Error {
  constructor() {
    super('vault: the passphrase does not open this workspace');
  }
}

export const MIN_PASSPHRASE_LENGTH = 10;
const WRAP_CONTEXT = 'honbu/vault/master-key/v1';

async function keysFromMaster(master: Uint8Array<ArrayBuffer>): Promise<VaultKeys> {
  const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string): HkdfParams => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(32),
    info: new TextEncoder().encode(info),
  });
  const [data, index] = await Promise.all([
    crypto.subtle.deriveKey(hkdf('honbu/data/v1'), base, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveKey(hkdf('honbu/blind-index/v1'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
    ]),
  ]);
  return { data, index };
}

async function wrap(master: Uint8Array<ArrayBuffer>, passphrase: string, cost: KdfCost, derive: KdfRunner): Promise<VaultRecord> {
  const salt = randomBytes(16);
  const kdf: KdfParams = { alg: 'argon2id', memorySize: cost.memorySize, iterations: cost.iterations, parallelism: cost.parallelism, salt: toBase64Url(salt) };
  const kek = await derive(passphrase, kdf, salt);
  const sealed = await sealBytes(kek, master, WRAP_CONTEXT);
  return { version: 1, kdf, wrappedKey: toBase64Url(sealed), createdAt: Date.now() };
}

/**
 * The master key the passphrase unwraps (the host re-enters it to invite, so a laptop left
 * unlocked cannot hand the workspace away silently). `derive` runs Argon2id elsewhere (a
 * worker, or main in the desktop app); the key is the same wherever it runs.
 */
export async function unwrapMasterKey(record: VaultRecord, passphrase: string, derive: KdfRunner = deriveKek): Promise<Uint8Array<ArrayBuffer>> {
  const kek = await derive(passphrase, record.kdf, fromBase64Url(record.kdf.salt));
  try {
    return await openBytes(kek, fromBase64Url(record.wrappedKey), WRAP_CONTEXT);
  } catch (e) {
    if (e instanceof DecryptionError) throw new WrongPassphraseError();
    throw e;
  }
}

export async function createVault(
  passphrase: string,
  cost: KdfCost = DEFAULT_KDF_COST,
  derive: KdfRunner = deriveKek,
): Promise<{ record: VaultRecord; keys: VaultKeys }> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error('vault: passphrase too short');
  const master = randomBytes(32);
  try {
    const record = await wrap(master, passphrase, cost, derive);
    return { record, keys: await keysFromMaster(master) };
  } finally {
    wipe(master);
  }
}

/**
 * A vault around a master key that came with a team invite, under the joiner's own
 * passphrase: one derivation (it used to derive a second time to open the record it had just
 * made, which only ran the same derivation again). The keys come from the master key itself.
 */
export async function vaultFromMasterKey(
  master: Uint8Array,
  passphrase: string,
  cost: KdfCost,
  now: number,
  derive: KdfRunner = deriveKek,
): Promise<{ record: VaultRecord; keys: VaultKeys }> {
  if (master.byteLength !== 32) throw new Error('vault: a master key is 32 bytes');
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error('vault: passphrase too short');
  const copy = new Uint8Array(master);
  try {
    const record = await wrap(copy, passphrase, cost, derive);
    return { record: { ...record, createdAt: now }, keys: await keysFromMaster(copy) };
  } finally {
    wipe(copy);
  }
}

export async function unlockVault(record: VaultRecord, passphrase: string, derive?: KdfRunner): Promise<VaultKeys> {
  const master = await unwrapMasterKey(record, passphrase, derive);
  try {
    return await keysFromMaster(master);
  } finally {
    wipe(master);
  }
}

/** A new record for the same master key under a new passphrase (and a fresh salt). */
export async function changePassphrase(
  record: VaultRecord,
  oldPassphrase: string,
  newPassphrase: string,
  cost: KdfCost = record.kdf,
  derive: KdfRunner = deriveKek,
): Promise<VaultRecord> {
  if (newPassphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error('vault: passphrase too short');
  const master = await unwrapMasterKey(record, oldPassphrase, derive);
  try {
    const next = await wrap(master, newPassphrase, cost, derive);
    return { ...next, createdAt: record.createdAt };
  } finally {
    wipe(master);
  }
}
