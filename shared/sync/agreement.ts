/**
 * X25519 key agreement (WebCrypto: Node 20 and Chromium 133+), for what must reach one
 * device or one joiner and nobody else: a new epoch's key (one box per remaining device)
 * and an invite's bundle (over an ephemeral exchange bound to the code).
 *
 * A box is ephemeral-static ECDH → HKDF-SHA-256 → AES-256-GCM: the sender makes a fresh
 * key pair, derives a key with the recipient's public key, and seals. The HKDF salt holds
 * both public keys and the info names the purpose, so a box opens only for its recipient,
 * its purpose and its place (the associated data names the place as well).
 */
import { concatBytes, fromBase64Url, toBase64Url, utf8 } from '../vault/bytes';
import { openBytes, sealBytes } from '../vault/cipher';

const X25519 = { name: 'X25519' } as const;

export interface AgreementKey {
  /** Raw 32-byte public key, base64url (what the roster carries). */
  publicKey: string;
  privateKey: CryptoKey;
}

export const isAgreementPublicKey = (text: unknown): text is string => typeof text === 'string' && /^[A-Za-z0-9_-]{43}$/.test(text);

/** A new key pair; the private key is exported once (PKCS#8) for sealed storage, then kept non-extractable. */
export async function generateAgreementKey(): Promise<{ key: AgreementKey; pkcs8: Uint8Array<ArrayBuffer> }> {
  const pair = (await crypto.subtle.generateKey(X25519, true, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, X25519, false, ['deriveBits']);
  return { key: { publicKey: toBase64Url(raw), privateKey }, pkcs8 };
}

export async function importAgreementKey(publicKey: string, pkcs8: Uint8Array<ArrayBuffer>): Promise<AgreementKey> {
  return { publicKey, privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, X25519, false, ['deriveBits']) };
}

/** An ephemeral pair whose private key never leaves memory (invites, epoch boxes). */
export async function ephemeralKey(): Promise<AgreementKey> {
  const pair = (await crypto.subtle.generateKey(X25519, true, ['deriveBits'])) as CryptoKeyPair;
  return { publicKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))), privateKey: pair.privateKey };
}

/**
 * The 32-byte shared secret of our private key and their public key. Throws on a key that
 * is not one (wrong length, a low-order point that gives an all-zero secret).
 */
export async function sharedSecret(mine: CryptoKey, theirPublicKey: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!isAgreementPublicKey(theirPublicKey)) throw new Error('agreement: not an X25519 public key');
  const theirs = await crypto.subtle.importKey('raw', fromBase64Url(theirPublicKey), X25519, false, []);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: theirs }, mine, 256));
}

/** HKDF-SHA-256 of input keying material to an AES-256-GCM key. */
export async function hkdfAesKey(ikm: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, info: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8(info) }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

const boxSalt = (senderPublic: string, recipientPublic: string) => concatBytes(fromBase64Url(senderPublic), fromBase64Url(recipientPublic));

/** Seals `plain` to a recipient's public key with our (ephemeral) private key; `context` names purpose and place. */
export async function sealBox(sender: AgreementKey, recipientPublic: string, plain: Uint8Array<ArrayBuffer>, context: string): Promise<string> {
  const secret = await sharedSecret(sender.privateKey, recipientPublic);
  const key = await hkdfAesKey(secret, boxSalt(sender.publicKey, recipientPublic), context);
  secret.fill(0);
  return toBase64Url(await sealBytes(key, plain, context));
}

/** Opens a box sealed to us by `senderPublic`; throws when it is not ours, or was changed. */
export async function openBox(me: AgreementKey, senderPublic: string, box: string, context: string): Promise<Uint8Array<ArrayBuffer>> {
  const secret = await sharedSecret(me.privateKey, senderPublic);
  const key = await hkdfAesKey(secret, boxSalt(senderPublic, me.publicKey), context);
  secret.fill(0);
  return openBytes(key, fromBase64Url(box), context);
}
