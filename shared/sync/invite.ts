/**
 * Joining a team without the workspace key ever crossing the network in clear.
 *
 * The host shows a one-time code (100 random bits, typed as 4×5 characters with the
 * server's address, or scanned from a QR carrying both). The invite offer — the workspace master key, the server and room, and the
 * roster anchor — is sealed under a key derived from that code, so it may travel through
 * the sync server: without the code it is an opaque blob. 100 bits are far beyond any
 * offline guessing, which is why HKDF suffices here where a passphrase needs Argon2id.
 * The joiner answers with its device's public key sealed under the same code, which
 * proves it read the host's screen; the host then adds the device to the roster.
 */
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from '../vault/bytes';
import { DecryptionError, openJson, sealJson } from '../vault/cipher';
import { DEVICE_ADDED, type DeviceAddedPayload, type RosterRoot } from './roster';
import type { DraftOf } from '../events/event';
import type { syncEvents } from './events';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 20;
const DEFAULT_TTL_MS = 30 * 60 * 1000;

/**
 * Where an offer is found: derived from the code, so typing the code (and the server's
 * address) is all a joiner needs. A hash of 100 random bits tells the server nothing.
 */
export async function inviteIdOf(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(`honbu/invite/v1/id:${normaliseInviteCode(code)}`));
  return toBase64Url(new Uint8Array(digest)).slice(0, 22);
}

export interface InviteOffer {
  v: 1;
  inviteId: string;
  sealed: string;
}

export interface InvitePayload {
  /** The workspace master key (base64url): the joiner's vault wraps it under their own passphrase. */
  masterKey: string;
  serverUrl: string;
  room: string;
  root: RosterRoot;
  invitedBy: string;
  roles: string[];
  expiresAt: number;
}

export interface JoinRequest {
  v: 1;
  inviteId: string;
  sealed: string;
}

export type JoinDevice = Omit<DeviceAddedPayload, 'roles'>;

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

/** What the joiner typed, made canonical: case, separators and look-alike letters forgiven. */
export function normaliseInviteCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

async function codeKey(code: string, inviteId: string, purpose: 'offer' | 'join'): Promise<CryptoKey> {
  const canonical = normaliseInviteCode(code);
  if (canonical.length !== CODE_LENGTH || [...canonical].some((c) => !ALPHABET.includes(c))) throw new InviteError('wrong-code');
  const base = await crypto.subtle.importKey('raw', utf8(canonical), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(inviteId), info: utf8(`honbu/invite/v1/${purpose}`) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Host side: a one-time code and the sealed offer it opens. */
export async function createInvite(args: {
  masterKey: Uint8Array;
  serverUrl: string;
  room: string;
  root: RosterRoot;
  invitedBy: string;
  roles: string[];
  now: number;
  ttlMs?: number;
}): Promise<{ code: string; offer: InviteOffer; qr: string }> {
  const code = newInviteCode();
  const inviteId = await inviteIdOf(code);
  const payload: InvitePayload = {
    masterKey: toBase64Url(args.masterKey),
    serverUrl: args.serverUrl,
    room: args.room,
    root: args.root,
    invitedBy: args.invitedBy,
    roles: args.roles,
    expiresAt: args.now + (args.ttlMs ?? DEFAULT_TTL_MS),
  };
  const sealed = await sealJson(await codeKey(code, inviteId, 'offer'), payload, `offer:${inviteId}`);
  return { code, offer: { v: 1, inviteId, sealed: toBase64Url(sealed) }, qr: inviteQr({ serverUrl: args.serverUrl, code }) };
}

/** The text a QR code on the host's screen carries: everything the joiner needs to fetch and open the offer. */
export function inviteQr(i: { serverUrl: string; code: string }): string {
  const q = new URLSearchParams({ server: i.serverUrl, code: normaliseInviteCode(i.code) });
  return `honbu-invite:v1?${q.toString()}`;
}

export function parseInviteQr(text: string): { serverUrl: string; code: string } {
  const m = /^honbu-invite:v1\?(.*)$/.exec(text.trim());
  if (!m) throw new InviteError('malformed');
  const q = new URLSearchParams(m[1]);
  const serverUrl = q.get('server');
  const code = q.get('code');
  if (!serverUrl || !code) throw new InviteError('malformed');
  return { serverUrl, code };
}

/**
 * What the joiner put in the two fields, read generously: the text a QR code carries
 * (`honbu-invite:v1?server=…&code=…`) pasted or scanned into either field fills both.
 * Returns null when neither field holds such text (the fields are then taken as typed).
 */
export function inviteFromFields(server: string, code: string): { serverUrl: string; code: string } | null {
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

async function openSealed<T>(sealed: string, key: CryptoKey, aad: string): Promise<T> {
  try {
    return await openJson<T>(key, fromBase64Url(sealed), aad);
  } catch (err) {
    if (err instanceof DecryptionError) throw new InviteError('wrong-code');
    throw new InviteError('malformed');
  }
}

/** Joiner side: opens the offer with the typed code. */
export async function openInvite(offer: InviteOffer, code: string, now: number): Promise<InvitePayload> {
  if (offer?.v !== 1 || typeof offer.inviteId !== 'string' || typeof offer.sealed !== 'string') throw new InviteError('malformed');
  const payload = await openSealed<InvitePayload>(offer.sealed, await codeKey(code, offer.inviteId, 'offer'), `offer:${offer.inviteId}`);
  if (now > payload.expiresAt) throw new InviteError('expired');
  return payload;
}

export function inviteMasterKey(payload: InvitePayload): Uint8Array<ArrayBuffer> {
  return fromBase64Url(payload.masterKey);
}

/** Joiner side: its device, sealed under the code so only someone who saw the code can ask. */
export async function sealJoinRequest(inviteId: string, code: string, device: JoinDevice): Promise<JoinRequest> {
  const sealed = await sealJson(await codeKey(code, inviteId, 'join'), device, `join:${inviteId}`);
  return { v: 1, inviteId, sealed: toBase64Url(sealed) };
}

/** Host side: the joiner's device, if the request was sealed with this invite's code. */
export async function openJoinRequest(request: JoinRequest, code: string): Promise<JoinDevice> {
  if (request?.v !== 1 || typeof request.inviteId !== 'string' || typeof request.sealed !== 'string') throw new InviteError('malformed');
  const d = await openSealed<JoinDevice>(request.sealed, await codeKey(code, request.inviteId, 'join'), `join:${request.inviteId}`);
  if (![d.deviceId, d.publicKey, d.personId].every((v) => typeof v === 'string' && v.length > 0)) throw new InviteError('malformed');
  return { deviceId: d.deviceId, publicKey: d.publicKey, personId: d.personId, personName: String(d.personName ?? '') };
}

/** The roster event the host appends (and so signs) to admit the joiner. */
export function admitDraft(device: JoinDevice, roles: string[]): DraftOf<typeof syncEvents> {
  const payload: DeviceAddedPayload = { ...device, roles };
  return { type: DEVICE_ADDED, incidentId: null, payload };
}
