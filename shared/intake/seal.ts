/**
 * The intake page's encryption (decision 019): a report is sealed in the reporter's browser
 * to the workspace's intake public key, so the sync host that serves the page and keeps the
 * submission holds only ciphertext. A standard construction, WebCrypto only:
 *
 *   ephemeral ECDH P-256 with the intake key → 32 shared bytes
 *   HKDF-SHA-256 (salt: the ephemeral public key, info: "honbu/intake/v1/" + intake id) → AES-256-GCM key
 *   AES-GCM with a random 12-byte nonce, associated data "honbu/intake/v1/" + intake id
 *
 * The intake id is bound in both, so a box cannot be moved to another workspace's inbox.
 *
 * `sealIntake` is written once and used twice: by the app's tests and, as its source text
 * (Function.prototype.toString), inside the page's script the host serves — so it must stay
 * self-contained: no imports, no helpers outside its body, nothing but WebCrypto.
 */

/** What travels from the page to the host and on to the laptops: base64url fields. */
export interface IntakeBox {
  v: 1;
  /** The ephemeral public key, raw uncompressed P-256 (65 bytes). */
  epk: string;
  /** AES-GCM nonce (12 bytes). */
  iv: string;
  /** Ciphertext with its 16-byte tag. */
  ct: string;
}

/** A box that does not open: the wrong key, damaged or tampered bytes. Shown as unreadable, never a crash. */
export class IntakeUnreadable extends Error {
  constructor(reason: string) {
    super(`intake: the report does not open (${reason})`);
    this.name = 'IntakeUnreadable';
  }
}

export async function sealIntake(publicKey: string, intakeId: string, text: string): Promise<IntakeBox> {
  const subtle = globalThis.crypto.subtle;
  const enc = new TextEncoder();
  const fromB64 = (s: string): Uint8Array<ArrayBuffer> => {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };
  const toB64 = (b: Uint8Array): string => {
    let bin = '';
    for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]!);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const label = enc.encode('honbu/intake/v1/' + intakeId);
  const recipient = await subtle.importKey('raw', fromB64(publicKey), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const eph = (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair;
  const shared = await subtle.deriveBits({ name: 'ECDH', public: recipient }, eph.privateKey, 256);
  const epk = new Uint8Array(await subtle.exportKey('raw', eph.publicKey));
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const key = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: epk, info: label }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: label }, key, enc.encode(text)));
  return { v: 1, epk: toB64(epk), iv: toB64(iv), ct: toB64(ct) };
}

const b64 = (s: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};
const toB64 = (b: Uint8Array): string => {
  let bin = '';
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]!);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A new intake key pair: the public key (raw, base64url) for the host and the page, the private one (PKCS#8, base64url) sealed in the workspace. */
export async function generateIntakeKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  return {
    publicKey: toB64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))),
    privateKey: toB64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))),
  };
}

/** Opens a box with the intake private key (PKCS#8, base64url). Throws IntakeUnreadable when it does not open. */
export async function openIntake(privateKey: string, intakeId: string, box: IntakeBox): Promise<string> {
  const subtle = crypto.subtle;
  const label = new TextEncoder().encode('honbu/intake/v1/' + intakeId);
  try {
    const mine = await subtle.importKey('pkcs8', b64(privateKey), { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    const epk = b64(box.epk);
    const theirs = await subtle.importKey('raw', epk, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const shared = await subtle.deriveBits({ name: 'ECDH', public: theirs }, mine, 256);
    const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    const key = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: epk, info: label }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    const plain = await subtle.decrypt({ name: 'AES-GCM', iv: b64(box.iv), additionalData: label }, key, b64(box.ct));
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (err) {
    throw new IntakeUnreadable(err instanceof Error ? err.name : 'unknown');
  }
}
