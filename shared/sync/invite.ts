/**
 * Joining a team over an ephemeral X25519 exchange bound to the invite code, so no
 * long-lived secret ever sits on the server — not even sealed:
 *
 *   host    offer  { epk_H, MAC(code key, "offer" ‖ epk_H) }
 *   joiner  join   { epk_J, MAC(code key, "join" ‖ epk_H ‖ epk_J), its device sealed under K("join") }
 *   host    answer { epk_J, the bundle sealed under K("bundle") }
 *
 *   K(purpose) = HKDF(ECDH(epk_H, epk_J) ‖ code secret, salt = epk_H ‖ epk_J, purpose)
 *
 * The code (100 random bits) keys the MACs and is mixed into every key, so only someone
 * who read the host's screen can ask, and a watcher (or the server) who saw every record
 * and learns the code later still cannot open the bundle: that needs an ephemeral private
 * key, which never left memory and is gone. A join request whose MAC does not check is
 * ignored; the invite stays open until it is used or expires.
 *
 * The bundle gives the joiner the workspace master key (its vault wraps it under its own
 * passphrase), the keyring of epoch keys, the server, its certificate fingerprint, and the
 * roster anchor.
 */
import { concatBytes, fromBase64Url, toBase64Url, utf8 } from '../vault/bytes';
import { DecryptionError, openJson, sealJson } from '../vault/cipher';
import type { DraftOf } from '../events/event';
import { ephemeralKey, hkdfAesKey, isAgreementPublicKey, sharedSecret, type AgreementKey } from './agreement';
import { parseKeyring, type KeyringEntry } from './epoch';
import type { syncEvents } from './events';
import { canonicalCode, InviteError, inviteIdOf, isFingerprint } from './invite-code';
import { DEVICE_ADDED, type DeviceAddedPayload, type RosterRoot } from './roster';

export * from './invite-code';

export const DEFAULT_INVITE_TTL_MS = 30 * 60 * 1000;
/** How far a joiner's clock may be off the server's before a bundle counts as expired on it. */
export const JOINER_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** A record in the invite's room (the server checks this shape, append-only.ts). */
export interface InviteRecord {
  v: 2;
  kind: 'offer' | 'join' | 'answer';
  inviteId: string;
  data: string;
}

export interface InvitePayload {
  /** The workspace master key (base64url): the joiner's vault wraps it under their own passphrase. */
  masterKey: string;
  /** Epoch keys after epoch 0 (which follows from the master key), oldest first. */
  keyring: KeyringEntry[];
  serverUrl: string;
  /** SHA-256 of the server's TLS certificate (base64url), to pin; null when there is nothing to pin. */
  fingerprint: string | null;
  room: string;
  root: RosterRoot;
  invitedBy: string;
  roles: string[];
  expiresAt: number;
}

/** What the joiner says about itself: its device and the person using it. */
export type JoinDevice = Omit<DeviceAddedPayload, 'roles' | 'agreementKey'> & { agreementKey: string };

/** Keys both sides derive from the code alone. */
interface CodeKeys {
  inviteId: string;
  mac: CryptoKey;
  secret: Uint8Array<ArrayBuffer>;
}

async function codeKeys(code: string): Promise<CodeKeys> {
  const canonical = canonicalCode(code);
  const inviteId = await inviteIdOf(canonical);
  const base = await crypto.subtle.importKey('raw', utf8(canonical), 'HKDF', false, ['deriveKey', 'deriveBits']);
  const salt = utf8(inviteId);
  const mac = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8('honbu/invite/v2/mac') },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
  const secret = new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8('honbu/invite/v2/code-secret') }, base, 256));
  return { inviteId, mac, secret };
}

const macOf = async (keys: CodeKeys, ...parts: string[]) => toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', keys.mac, utf8(parts.join('\u0000')))));
const macChecks = async (keys: CodeKeys, mac: string, ...parts: string[]) => {
  try {
    return await crypto.subtle.verify('HMAC', keys.mac, fromBase64Url(mac), utf8(parts.join('\u0000')));
  } catch {
    return false;
  }
};

/** K(purpose): the exchange's key, from both ephemeral keys and the code. */
async function exchangeKey(mine: AgreementKey, theirs: string, hostPub: string, joinerPub: string, code: CodeKeys, purpose: 'join' | 'bundle'): Promise<CryptoKey> {
  const ecdh = await sharedSecret(mine.privateKey, theirs);
  const key = await hkdfAesKey(concatBytes(ecdh, code.secret), concatBytes(fromBase64Url(hostPub), fromBase64Url(joinerPub)), `honbu/invite/v2/${purpose}`);
  ecdh.fill(0);
  return key;
}

const record = (kind: InviteRecord['kind'], inviteId: string, ...parts: string[]): InviteRecord => ({ v: 2, kind, inviteId, data: parts.join('.') });
const parts = (r: InviteRecord, kind: InviteRecord['kind'], n: number): string[] | null => {
  if (r?.v !== 2 || r.kind !== kind || typeof r.data !== 'string') return null;
  const p = r.data.split('.');
  return p.length === n && p.every((x) => /^[A-Za-z0-9_-]+$/.test(x)) ? p : null;
};

async function openSealed<T>(sealed: string, key: CryptoKey, aad: string): Promise<T> {
  try {
    return await openJson<T>(key, fromBase64Url(sealed), aad);
  } catch (err) {
    if (err instanceof DecryptionError) throw new InviteError('wrong-code');
    throw new InviteError('malformed');
  }
}

/** The host's side of one invite: its ephemeral key lives only here, for as long as the invite. */
export interface HostExchange {
  code: string;
  inviteId: string;
  offer: InviteRecord;
  keys: CodeKeys;
  eph: AgreementKey;
}

/** Host: a fresh code and the offer that goes in the invite's room. */
export async function hostExchange(code: string): Promise<HostExchange> {
  const keys = await codeKeys(code);
  const eph = await ephemeralKey();
  const offer = record('offer', keys.inviteId, eph.publicKey, await macOf(keys, 'offer', eph.publicKey));
  return { code, inviteId: keys.inviteId, offer, keys, eph };
}

/**
 * Host: the joiner's device, if the request answers this offer under this code; throws
 * InviteError otherwise (then it is ignored and the invite stays open).
 */
export async function openJoinRequest(host: HostExchange, request: InviteRecord): Promise<{ device: JoinDevice; joinerPub: string }> {
  const p = parts(request, 'join', 3);
  if (!p || request.inviteId !== host.inviteId) throw new InviteError('malformed');
  const [joinerPub, mac, sealed] = p as [string, string, string];
  if (!isAgreementPublicKey(joinerPub) || !(await macChecks(host.keys, mac, 'join', host.eph.publicKey, joinerPub))) throw new InviteError('wrong-code');
  let key: CryptoKey;
  try {
    key = await exchangeKey(host.eph, joinerPub, host.eph.publicKey, joinerPub, host.keys, 'join');
  } catch {
    throw new InviteError('malformed');
  }
  const d = await openSealed<Partial<JoinDevice>>(sealed, key, `join:${host.inviteId}`);
  if (![d.deviceId, d.publicKey, d.personId].every((x) => typeof x === 'string' && x.length > 0) || !isAgreementPublicKey(d.agreementKey)) {
    throw new InviteError('malformed');
  }
  return {
    device: { deviceId: d.deviceId!, publicKey: d.publicKey!, agreementKey: d.agreementKey, personId: d.personId!, personName: String(d.personName ?? '') },
    joinerPub,
  };
}

/** Host: the bundle for the joiner whose request opened, sealed to that exchange. */
export async function answerJoin(host: HostExchange, joinerPub: string, bundle: InvitePayload): Promise<InviteRecord> {
  const key = await exchangeKey(host.eph, joinerPub, host.eph.publicKey, joinerPub, host.keys, 'bundle');
  return record('answer', host.inviteId, joinerPub, toBase64Url(await sealJson(key, bundle, `bundle:${host.inviteId}`)));
}

/** The joiner's side: its ephemeral key, and the host's it answered. */
export interface JoinerExchange {
  inviteId: string;
  keys: CodeKeys;
  eph: AgreementKey;
  hostPub: string;
  request: InviteRecord;
}

/** Joiner: the host's key from the offer, if the offer was made with this code (else null: not the host's). */
export async function checkOffer(code: string, offer: InviteRecord): Promise<string | null> {
  const keys = await codeKeys(code);
  const p = parts(offer, 'offer', 2);
  if (!p || offer.inviteId !== keys.inviteId) return null;
  const [hostPub, mac] = p as [string, string];
  return isAgreementPublicKey(hostPub) && (await macChecks(keys, mac, 'offer', hostPub)) ? hostPub : null;
}

/** Joiner: the request answering the host's offer, with this laptop's device sealed in it. */
export async function joinRequest(code: string, hostPub: string, device: JoinDevice): Promise<JoinerExchange> {
  const keys = await codeKeys(code);
  const eph = await ephemeralKey();
  const key = await exchangeKey(eph, hostPub, hostPub, eph.publicKey, keys, 'join');
  const sealed = toBase64Url(await sealJson(key, device, `join:${keys.inviteId}`));
  const mac = await macOf(keys, 'join', hostPub, eph.publicKey);
  return { inviteId: keys.inviteId, keys, eph, hostPub, request: record('join', keys.inviteId, eph.publicKey, mac, sealed) };
}

/** Joiner: whether an answer is addressed to this request. */
export const isAnswerTo = (joiner: JoinerExchange, r: InviteRecord): boolean => parts(r, 'answer', 2)?.[0] === joiner.eph.publicKey;

/** Joiner: opens the host's answer. Throws InviteError('wrong-code' | 'expired' | 'malformed'). */
export async function openAnswer(joiner: JoinerExchange, answer: InviteRecord, now: number): Promise<InvitePayload> {
  const p = parts(answer, 'answer', 2);
  if (!p || p[0] !== joiner.eph.publicKey) throw new InviteError('malformed');
  const key = await exchangeKey(joiner.eph, joiner.hostPub, joiner.hostPub, joiner.eph.publicKey, joiner.keys, 'bundle');
  const b = await openSealed<InvitePayload>(p[1]!, key, `bundle:${joiner.inviteId}`);
  if (typeof b !== 'object' || b === null || typeof b.masterKey !== 'string' || typeof b.serverUrl !== 'string' || typeof b.room !== 'string') {
    throw new InviteError('malformed');
  }
  if (b.fingerprint !== null && !isFingerprint(b.fingerprint)) throw new InviteError('malformed');
  try {
    b.keyring = parseKeyring(b.keyring);
  } catch {
    throw new InviteError('malformed');
  }
  if (typeof b.expiresAt !== 'number' || !Number.isFinite(b.expiresAt)) throw new InviteError('malformed');
  // The server enforces the invite's life on its own clock (it deletes the room at expiry, so
  // an answer is only read while the invite lives); `expiresAt` is on that clock. A joiner's
  // clock may be hours off (a zone set wrong), so only a bundle past its expiry by more than
  // a day on this clock is refused: by then the host has admitted it, and refusing would
  // leave a trusted laptop in the roster that nobody holds.
  if (now > b.expiresAt + JOINER_CLOCK_SKEW_MS) throw new InviteError('expired');
  return b;
}

export function inviteMasterKey(payload: InvitePayload): Uint8Array<ArrayBuffer> {
  return fromBase64Url(payload.masterKey);
}

/** The roster event the host appends (and so signs) to admit the joiner. */
export function admitDraft(device: JoinDevice, roles: string[]): DraftOf<typeof syncEvents> {
  const payload: DeviceAddedPayload = { ...device, roles };
  return { type: DEVICE_ADDED, incidentId: null, payload };
}
