/**
 * Each laptop signs what it sends with its own Ed25519 key (WebCrypto: Node 20 and
 * Chromium 137+ have it), so every event is attributable to a device and a device that
 * is revoked can be refused. The private key never leaves the laptop; only the raw
 * 32-byte public key travels, inside the roster.
 */
import { fromBase64Url, toBase64Url } from '../vault/bytes';

export interface DeviceKey {
  deviceId: string;
  /** Raw public key, base64url (what the roster carries). */
  publicKey: string;
  privateKey: CryptoKey;
}

const ED25519 = { name: 'Ed25519' } as const;

/** A new key pair; the private key is kept extractable only long enough to export it for storage. */
export async function generateDeviceKey(deviceId: string): Promise<{ key: DeviceKey; pkcs8: Uint8Array<ArrayBuffer> }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { key: { deviceId, publicKey: toBase64Url(raw), privateKey }, pkcs8 };
}

/** Re-opens a stored key (the caller keeps the PKCS#8 bytes sealed under the workspace key). */
export async function importDeviceKey(deviceId: string, publicKey: string, pkcs8: Uint8Array<ArrayBuffer>): Promise<DeviceKey> {
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { deviceId, publicKey, privateKey };
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
