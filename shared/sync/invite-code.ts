/**
 * The invite code and what carries it: a one-time code (100 random bits, typed as 4×5
 * characters with the server's address) or a QR code with the server's address, the code
 * and — when the host serves TLS with its own certificate — the certificate's SHA-256
 * fingerprint, which the joiner pins.
 */
import { toBase64Url, utf8 } from '../vault/bytes';
import { randomBytes } from '../vault/bytes';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 20;

export type InviteFailure = 'wrong-code' | 'expired' | 'malformed';

export class InviteError extends Error {
  constructor(readonly reason: InviteFailure) {
    super(`invite: ${reason}`);
  }
}

/** A fresh code, grouped for reading: "7K2QD-9XW4M-…". */
export function newInviteCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  // 256 is a multiple of 32, so taking the low five bits keeps every character equally likely.
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/**
 * Separators a code is typed with: spaces (the ideographic one too) and every dash a
 * Japanese keyboard or a word processor makes of a hyphen — ‐ ‑ ‒ – — ―, the minus sign −,
 * the long-vowel mark ー (half-width ｰ), small and full-width hyphens, the box-drawing lines
 * ─ ━ an IME offers among the candidates of ー, the two- and three-em dashes ⸺ ⸻ — and every
 * format character nobody sees (\p{Cf}: a soft hyphen, zero-width spaces and joiners, the
 * word joiner, a byte-order mark, direction marks) that a chat or a document leaves in a
 * copied code.
 */
const SEPARATORS = /[\s\-\p{Cf}\u2010-\u2015\u2043\u2212\u2500\u2501\u2e3a\u2e3b\u30fc\ufe58\ufe63\uff0d\uff70]/gu;

/**
 * What the joiner typed, made canonical: full-width letters and digits (an IME left in
 * full-width mode) read as their ASCII forms (NFKC), case, separators and look-alike
 * letters forgiven.
 */
export function normaliseInviteCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(SEPARATORS, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The canonical code, or InviteError('wrong-code') when it cannot be one. */
export function canonicalCode(typed: string): string {
  const canonical = normaliseInviteCode(typed);
  if (canonical.length !== CODE_LENGTH || [...canonical].some((c) => !ALPHABET.includes(c))) throw new InviteError('wrong-code');
  return canonical;
}

/**
 * Where an invite meets: derived from the code, so typing the code (and the server's
 * address) is all a joiner needs. A hash of 100 random bits tells the server nothing.
 */
export async function inviteIdOf(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(`honbu/invite/v1/id:${normaliseInviteCode(code)}`));
  return toBase64Url(new Uint8Array(digest)).slice(0, 22);
}

/** A certificate fingerprint as the invite carries it: SHA-256 of the DER bytes, base64url. */
export const isFingerprint = (text: unknown): text is string => typeof text === 'string' && /^[A-Za-z0-9_-]{43}$/.test(text);

export interface InviteLink {
  serverUrl: string;
  code: string;
  /** The host's certificate fingerprint, pinned by the joiner; absent when the server's certificate is trusted otherwise (or there is no TLS). */
  fingerprint?: string;
}

/** The text a QR code on the host's screen carries: everything the joiner needs to reach the invite. */
export function inviteQr(i: InviteLink): string {
  const q = new URLSearchParams({ server: i.serverUrl, code: normaliseInviteCode(i.code) });
  if (i.fingerprint) q.set('fp', i.fingerprint);
  return `honbu-invite:v1?${q.toString()}`;
}

export function parseInviteQr(text: string): InviteLink {
  const m = /^honbu-invite:v1\?(.*)$/.exec(text.trim());
  if (!m) throw new InviteError('malformed');
  const q = new URLSearchParams(m[1]);
  const serverUrl = q.get('server');
  const code = q.get('code');
  const fingerprint = q.get('fp');
  if (!serverUrl || !code) throw new InviteError('malformed');
  if (fingerprint !== null && !isFingerprint(fingerprint)) throw new InviteError('malformed');
  return fingerprint ? { serverUrl, code, fingerprint } : { serverUrl, code };
}

/**
 * What the joiner put in the two fields, read generously: the text a QR code carries
 * (`honbu-invite:v1?server=…&code=…`) pasted or scanned into either field fills both.
 * Returns null when neither field holds such text (the fields are then taken as typed).
 */
export function inviteFromFields(server: string, code: string): InviteLink | null {
  for (const field of [code, server]) {
    const text = field.trim().replace(/^["'「]|["'」]$/g, '');
    if (!/^honbu-invite:/i.test(text)) continue;
    try {
      return parseInviteQr(text.replace(/^honbu-invite:/i, 'honbu-invite:'));
    } catch {
      return null;
    }
  }
  return null;
}
