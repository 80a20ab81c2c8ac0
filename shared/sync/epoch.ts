/**
 * Key epochs. What travels between laptops is sealed under an epoch key, not under the
 * workspace master key, and each epoch has its own room: revoking a laptop starts a new
 * epoch whose key the revoked laptop never receives, so it can neither find the new room
 * nor read what is written there.
 *
 * - Epoch 0's key is derived from the workspace key (every member has it from the start).
 * - Every later epoch's key is 32 random bytes made by the member who revoked a laptop,
 *   sealed to each remaining device's X25519 key in a signed `sync.epoch-started` event
 *   posted to the previous epoch's room (one box per device, agreement.ts).
 * - From an epoch key: the envelope key (AES-GCM), the presence key and the room
 *   credential (HKDF, one info string each). Laptops keep every epoch key they were given
 *   (the keyring) so older rooms stay readable; they write only to the newest.
 */
import { concatBytes, fromBase64Url, randomBytes, toBase64Url, utf8 } from '../vault/bytes';
import { ephemeralKey, openBox, sealBox, type AgreementKey } from './agreement';

export const EPOCH_KEY_BYTES = 32;
/** Epoch numbers fit a small integer: one per revocation. */
export const MAX_EPOCH = 1_000_000;

export const isEpochNumber = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_EPOCH;

/** What one epoch's key opens: its envelopes, its presence, its room. */
export interface EpochKeys {
  epoch: number;
  envelope: CryptoKey;
  presence: CryptoKey;
  /** The room credential (the connection token): its hash names the room (room.ts). */
  credential: Uint8Array<ArrayBuffer>;
  /** Devices revoked before this epoch began: nothing they sign counts in its room. */
  excluded: ReadonlySet<string>;
  /**
   * Customer lists in transit (shared/contacts/list-pack.ts): AES-GCM over each pack and
   * manifest, and HMAC naming a list's manifest slot on the server. Per epoch, so a revoked
   * laptop can open no list shared after its revocation, even with the server's help.
   */
  lists: CryptoKey;
  listSlot: CryptoKey;
}

/** One entry of the keyring: the key, the event that started the epoch, and who was revoked when it did. */
export interface KeyringEntry {
  epoch: number;
  /** 32 bytes, base64url. */
  key: string;
  eventId: string | null;
  /** Devices the previous room revoked (they never get this key; their envelopes in its room are refused). */
  revoked: string[];
}

/**
 * Epoch 0's key: HKDF-Expand with the workspace's HMAC key as the pseudorandom key (as the
 * room credential was before epochs), under its own info string.
 */
export async function epochZeroKey(workspaceHmacKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const info = concatBytes(utf8('honbu/sync/epoch-key/v1/0'), new Uint8Array([1]));
  return new Uint8Array(await crypto.subtle.sign('HMAC', workspaceHmacKey, info));
}

export const newEpochKey = (): Uint8Array<ArrayBuffer> => randomBytes(EPOCH_KEY_BYTES);

const SALT = utf8('honbu/sync/epoch/v1');

/** The keys of one epoch (non-extractable, except the credential, which is sent as the token). */
export async function deriveEpochKeys(epoch: number, raw: Uint8Array<ArrayBuffer>, excluded: ReadonlySet<string> = new Set()): Promise<EpochKeys> {
  if (raw.byteLength !== EPOCH_KEY_BYTES) throw new Error('epoch: a key is 32 bytes');
  const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey', 'deriveBits']);
  const aes = (info: string) =>
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: utf8(info) }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const [envelope, presence, lists, listSlot, bits] = await Promise.all([
    aes('honbu/sync/v2/envelope-key'),
    aes('honbu/sync/v2/presence-key'),
    aes('honbu/sync/v2/lists-key'),
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: utf8('honbu/sync/v2/list-slot-key') },
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
    crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: utf8('honbu/sync/v2/room-credential') }, base, 256),
  ]);
  return { epoch, envelope, presence, lists, listSlot, credential: new Uint8Array(bits), excluded };
}

/** One device's box in a `sync.epoch-started` event. */
export interface EpochBox {
  deviceId: string;
  box: string;
}

export interface SealedEpoch {
  epoch: number;
  /** The ephemeral public key the boxes were sealed with. */
  epk: string;
  boxes: EpochBox[];
}

const boxContext = (epoch: number, deviceId: string) => `honbu/sync/epoch-box/v1\u0000${epoch}\u0000${deviceId}`;

/** Seals a new epoch's key to each recipient (device id → its X25519 public key). */
export async function sealEpoch(epoch: number, key: Uint8Array<ArrayBuffer>, recipients: { deviceId: string; agreementKey: string }[]): Promise<SealedEpoch> {
  const eph = await ephemeralKey();
  const boxes = await Promise.all(recipients.map(async (r) => ({ deviceId: r.deviceId, box: await sealBox(eph, r.agreementKey, key, boxContext(epoch, r.deviceId)) })));
  return { epoch, epk: eph.publicKey, boxes };
}

/** This device's key of an epoch, or null when the event has no box for it (or the box does not open). */
export async function openEpoch(sealed: SealedEpoch, deviceId: string, me: AgreementKey): Promise<Uint8Array<ArrayBuffer> | null> {
  const mine = sealed.boxes.find((b) => b.deviceId === deviceId);
  if (!mine) return null;
  try {
    const key = await openBox(me, sealed.epk, mine.box, boxContext(sealed.epoch, deviceId));
    return key.byteLength === EPOCH_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

export const keyringEntry = (epoch: number, key: Uint8Array, eventId: string | null, revoked: string[] = []): KeyringEntry => ({
  epoch,
  key: toBase64Url(key),
  eventId,
  revoked,
});
export const keyOf = (entry: KeyringEntry): Uint8Array<ArrayBuffer> => fromBase64Url(entry.key);

/** A keyring as it came from storage or an invite: well-formed entries only, one per epoch, oldest first. */
export function parseKeyring(value: unknown): KeyringEntry[] {
  if (!Array.isArray(value)) throw new Error('keyring: not a list');
  const out = new Map<number, KeyringEntry>();
  for (const e of value as Partial<KeyringEntry>[]) {
    if (typeof e !== 'object' || e === null || !isEpochNumber(e.epoch) || e.epoch === 0) throw new Error('keyring: bad epoch');
    if (typeof e.key !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(e.key)) throw new Error(`keyring: bad key for epoch ${e.epoch}`);
    if (typeof e.eventId !== 'string' || e.eventId === '') throw new Error(`keyring: epoch ${e.epoch} without its event`);
    const revoked = e.revoked ?? [];
    if (!Array.isArray(revoked) || !revoked.every((d) => typeof d === 'string')) throw new Error(`keyring: bad revocations for epoch ${e.epoch}`);
    out.set(e.epoch, { epoch: e.epoch, key: e.key, eventId: e.eventId, revoked: [...revoked] });
  }
  return [...out.values()].sort((a, b) => a.epoch - b.epoch);
}
