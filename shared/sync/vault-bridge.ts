/**
 * The two vault operations joining needs that vault.ts does not offer yet: reading the
 * master key back (the host re-enters the passphrase to invite, so a laptop left unlocked
 * cannot hand the workspace away silently) and making a vault around a master key that
 * came with an invite. Same format and context string as vault.ts, which should absorb
 * these two functions (then this file goes).
 */
import { fromBase64Url, randomBytes, toBase64Url } from '../vault/bytes';
import { DecryptionError, openBytes, sealBytes } from '../vault/cipher';
import { deriveKek, type KdfParams } from '../vault/kdf';
import { type KdfCost, MIN_PASSPHRASE_LENGTH, unlockVault, type VaultKeys, type VaultRecord, WrongPassphraseError } from '../vault/vault';

/** Must equal vault.ts's WRAP_CONTEXT: a record made here is opened by unlockVault. */
const WRAP_CONTEXT = 'honbu/vault/master-key/v1';

export async function unwrapMasterKey(record: VaultRecord, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const kek = await deriveKek(passphrase, record.kdf, fromBase64Url(record.kdf.salt));
  try {
    return await openBytes(kek, fromBase64Url(record.wrappedKey), WRAP_CONTEXT);
  } catch (e) {
    if (e instanceof DecryptionError) throw new WrongPassphraseError();
    throw e;
  }
}

export async function vaultFromMasterKey(
  master: Uint8Array,
  passphrase: string,
  cost: KdfCost,
  now: number,
): Promise<{ record: VaultRecord; keys: VaultKeys }> {
  if (master.byteLength !== 32) throw new Error('vault: a master key is 32 bytes');
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error('vault: passphrase too short');
  const salt = randomBytes(16);
  const kdf: KdfParams = { alg: 'argon2id', memorySize: cost.memorySize, iterations: cost.iterations, parallelism: cost.parallelism, salt: toBase64Url(salt) };
  const kek = await deriveKek(passphrase, kdf, salt);
  const record: VaultRecord = { version: 1, kdf, wrappedKey: toBase64Url(await sealBytes(kek, new Uint8Array(master), WRAP_CONTEXT)), createdAt: now };
  // Opening the record we just made proves it round-trips before anything relies on it.
  return { record, keys: await unlockVault(record, passphrase) };
}
