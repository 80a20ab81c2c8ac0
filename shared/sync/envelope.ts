/**
 * What leaves a laptop: an event sealed under the key of the epoch it is sent in, and
 * signed by the device. The sync server and anyone on the network see only the epoch
 * number, the envelope's id, the device id and ciphertext. A receiving laptop checks that
 * the envelope belongs to the room it was found in (same epoch), the device against the
 * roster, the signature, then opens the ciphertext and checks it says what the envelope
 * claims.
 *
 *   { v: 2, e, id, device,
 *     sig: Ed25519(device, "honbu/sync/v2" e id device ct),
 *     ct: AES-GCM(epoch's envelope key, event, aad = e id) }
 */
import type { HonbuEvent } from '../events/event';
import { decodeHlc } from '../events/hlc';
import { concatBytes, utf8 } from '../vault/bytes';
import { openJson, sealJson } from '../vault/cipher';
import { sign, verify, type DeviceKey } from './device-key';
import type { DeviceTrust } from './roster';

export interface Envelope {
  v: 2;
  /** The epoch whose key sealed it, and whose room holds it. */
  e: number;
  id: string;
  device: string;
  sig: Uint8Array;
  ct: Uint8Array;
}

export type RejectReason =
  | 'malformed'
  | 'wrong-epoch'
  | 'unsigned'
  | 'unknown-device'
  | 'revoked-device'
  | 'bad-signature'
  | 'undecryptable'
  | 'id-mismatch'
  | 'device-mismatch'
  | 'actor-mismatch';

export type Opened = { ok: true; event: HonbuEvent; device: string } | { ok: false; reason: RejectReason; id?: string; device?: string };

/** What opening needs to know about devices: the roster implements it. */
export interface DeviceDirectory {
  trust(deviceId: string, at?: string): DeviceTrust;
  verifyKey(deviceId: string): Promise<CryptoKey>;
  device(deviceId: string): { personId: string } | undefined;
}

/** What sealing and opening in one epoch need: its number and its envelope key (epoch.ts). */
export interface EpochSeal {
  epoch: number;
  envelope: CryptoKey;
  /** Devices revoked before this epoch began (epoch.ts): refused in its room. */
  excluded?: ReadonlySet<string>;
}

// Distinct from the store's at-rest AAD ("events:<id>"), so a sealed row can never be
// replayed as an envelope or the other way round; the epoch in it (and in the signature)
// keeps an envelope from being copied into another epoch's room.
const aad = (e: number, id: string) => `honbu/sync/v2/event:${e}:${id}`;
const signed = (e: number, id: string, device: string, ct: Uint8Array) =>
  concatBytes(utf8(`honbu/sync/v2\u0000${e}\u0000${id}\u0000${device}\u0000`), ct);

const SANE_ID = /^[\w.:-]{1,100}$/;

/** The device that stamped an event: the node of its hybrid logical clock. */
export function originDevice(event: Pick<HonbuEvent, 'at'>): string {
  return decodeHlc(event.at).node;
}

export async function sealEnvelope(event: HonbuEvent, epoch: EpochSeal, device: Pick<DeviceKey, 'deviceId' | 'privateKey'>): Promise<Envelope> {
  const e = epoch.epoch;
  const ct = await sealJson(epoch.envelope, event, aad(e, event.id));
  const sig = await sign(device.privateKey, signed(e, event.id, device.deviceId, ct));
  return { v: 2, e, id: event.id, device: device.deviceId, sig, ct };
}

function asBytes(v: unknown): Uint8Array<ArrayBuffer> | undefined {
  return v instanceof Uint8Array ? new Uint8Array(v) : undefined;
}

/**
 * Checks an envelope of unknown origin found in the room of `room.epoch`; never throws,
 * every refusal has a reason.
 */
export async function openEnvelope(raw: unknown, room: EpochSeal, devices: DeviceDirectory): Promise<Opened> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'malformed' };
  const e = raw as Partial<Record<keyof Envelope, unknown>>;
  const id = typeof e.id === 'string' && SANE_ID.test(e.id) ? e.id : undefined;
  const device = typeof e.device === 'string' && SANE_ID.test(e.device) ? e.device : undefined;
  const ct = asBytes(e.ct);
  if (e.v !== 2 || !id || !device || !ct || typeof e.e !== 'number') return { ok: false, reason: 'malformed', id, device };
  // An envelope belongs to the room of its epoch: a copy in another room is refused.
  if (e.e !== room.epoch) return { ok: false, reason: 'wrong-epoch', id, device };
  const sig = asBytes(e.sig);
  if (!sig || sig.byteLength === 0) return { ok: false, reason: 'unsigned', id, device };

  // A revoked device's key still verifies its earlier events; the room decides below.
  if (devices.trust(device) === 'unknown') return { ok: false, reason: 'unknown-device', id, device };
  if (!(await verify(await devices.verifyKey(device), sig, signed(room.epoch, id, device, ct)))) {
    return { ok: false, reason: 'bad-signature', id, device };
  }

  let event: HonbuEvent;
  try {
    event = await openJson<HonbuEvent>(room.envelope, ct, aad(room.epoch, id));
  } catch {
    return { ok: false, reason: 'undecryptable', id, device };
  }
  if (typeof event !== 'object' || event === null || event.id !== id) return { ok: false, reason: 'id-mismatch', id, device };
  // The clock node and the actor must be the signer's own: a member cannot pass off an
  // event as another laptop's or another person's (approvals stay attributable).
  let node: string;
  try {
    node = originDevice(event);
  } catch {
    return { ok: false, reason: 'malformed', id, device };
  }
  if (node !== device) return { ok: false, reason: 'device-mismatch', id, device };
  if (event.actor !== devices.device(device)?.personId) return { ok: false, reason: 'actor-mismatch', id, device };
  // A revoked laptop's envelopes count only in the rooms of epochs it held the key of —
  // written before those rooms were frozen — whatever clock they claim (docs/threat-model.md).
  if (room.excluded?.has(device)) return { ok: false, reason: 'revoked-device', id, device };
  return { ok: true, event, device };
}

/**
 * Whether an envelope in the room of `epoch` was signed by `deviceId` (this device, to
 * count its own event as present without decrypting it again — nobody else holds the
 * key; or another, to tell which roster and epoch events a frozen room really holds).
 */
export async function isSignedEnvelope(raw: unknown, epoch: number, deviceId: string, verifyKey: CryptoKey): Promise<boolean> {
  if (typeof raw !== 'object' || raw === null) return false;
  const e = raw as Partial<Record<keyof Envelope, unknown>>;
  const ct = asBytes(e.ct);
  const sig = asBytes(e.sig);
  if (e.v !== 2 || e.e !== epoch || e.device !== deviceId || typeof e.id !== 'string' || !SANE_ID.test(e.id) || !ct || !sig || sig.byteLength === 0) return false;
  return verify(verifyKey, sig, signed(epoch, e.id, deviceId, ct));
}
