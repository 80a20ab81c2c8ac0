/**
 * Each laptop signs what it sends with its own Ed25519 key (WebCrypto: Node 20 and
 * Chromium 137+ have it), so every event is attributable to a device and a device that
 * is revoked can be refused. Beside it, an X25519 key (agreement.ts) to which new epoch
 * keys are sealed. The private keys never leave the laptop; only the raw 32-byte public
 * keys travel, inside the roster.
 */
import { fromBase64Url, toBase64Url } from '../vault/bytes';
import { generateAgreementKey, importAgreementKey, type AgreementKey } from './agreement';

export interface DeviceKey {
  deviceId: string;
  /** Raw public key, base64url (what the roster carries). */
  publicKey: string;
  privateKey: CryptoKey;
  /** The X25519 key epoch keys are sealed to. */
  agreement: AgreementKey;
}

/** Private keys as stored (the caller seals them under the workspace key). */
export interface DeviceKeySecrets {
  pkcs8: Uint8Array<ArrayBuffer>;
  agreementPkcs8: Uint8Array<ArrayBuffer>;
}

const ED25519 = { name: 'Ed25519' } as const;

/** New key pairs; the private keys are kept extractable only long enough to export them for storage. */
export async function generateDeviceKey(deviceId: string): Promise<{ key: DeviceKey } & DeviceKeySecrets> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  const agreement = await generateAgreementKey();
  return { key: { deviceId, publicKey: toBase64Url(raw), privateKey, agreement: agreement.key }, pkcs8, agreementPkcs8: agreement.pkcs8 };
}

/** Re-opens a stored key (the caller keeps the PKCS#8 bytes sealed under the workspace key). */
export async function importDeviceKey(
  deviceId: string,
  publicKey: string,
  pkcs8: Uint8Array<ArrayBuffer>,
  agreement: { publicKey: string; pkcs8: Uint8Array<ArrayBuffer> },
): Promise<DeviceKey> {
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { deviceId, publicKey, privateKey, agreement: await importAgreementKey(agreement.publicKey, agreement.pkcs8) };
}

export async function importVerifyKey(publicKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(publicKey), ED25519, false, ['verify']);
}

export async function sign(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, key, data));
}

export async function verify(key: CryptoKey, sig: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    return await crypto.subtle.verify(ED25519, key, sig, data);
  } catch {
    return false;
  }
}
