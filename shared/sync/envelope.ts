/**
 * What leaves a laptop: an event sealed under the workspace data key and signed by the
 * device. The sync server and anyone on the network see only the envelope's id, the
 * device id and ciphertext. A receiving laptop checks the device against the roster, the
 * signature, then opens the ciphertext and checks it says what the envelope claims.
 *
 *   { v: 1, id, device, sig: Ed25519(device, "honbu/sync/v1" id device ct), ct: AES-GCM(event, aad = id) }
 */
import type { HonbuEvent } from '../events/event';
import { decodeHlc } from '../events/hlc';
import { concatBytes, utf8 } from '../vault/bytes';
import { openJson, sealJson } from '../vault/cipher';
import { sign, verify, type DeviceKey } from './device-key';
import type { DeviceTrust } from './roster';

export interface Envelope {
  v: 1;
  id: string;
  device: string;
  sig: Uint8Array;
  ct: Uint8Array;
}

export type RejectReason =
  | 'malformed'
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

// Distinct from the store's at-rest AAD ("events:<id>"), so a sealed row can never be
// replayed as an envelope or the other way round.
const aad = (id: string) => `honbu/sync/v1/event:${id}`;
const signed = (id: string, device: string, ct: Uint8Array) =>
  concatBytes(utf8(`honbu/sync/v1\u0000${id}\u0000${device}\u0000`), ct);

const SANE_ID = /^[\w.:-]{1,100}$/;

/** The device that stamped an event: the node of its hybrid logical clock. */
export function originDevice(event: Pick<HonbuEvent, 'at'>): string {
  return decodeHlc(event.at).node;
}

export async function sealEnvelope(event: HonbuEvent, dataKey: CryptoKey, device: DeviceKey): Promise<Envelope> {
  const ct = await sealJson(dataKey, event, aad(event.id));
  const sig = await sign(device.privateKey, signed(event.id, device.deviceId, ct));
  return { v: 1, id: event.id, device: device.deviceId, sig, ct };
}

function asBytes(v: unknown): Uint8Array<ArrayBuffer> | undefined {
  return v instanceof Uint8Array ? new Uint8Array(v) : undefined;
}

/** Checks an envelope of unknown origin; never throws, every refusal has a reason. */
export async function openEnvelope(raw: unknown, dataKey: CryptoKey, devices: DeviceDirectory): Promise<Opened> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'malformed' };
  const e = raw as Partial<Record<keyof Envelope, unknown>>;
  const id = typeof e.id === 'string' && SANE_ID.test(e.id) ? e.id : undefined;
  const device = typeof e.device === 'string' && SANE_ID.test(e.device) ? e.device : undefined;
  const ct = asBytes(e.ct);
  if (e.v !== 1 || !id || !device || !ct) return { ok: false, reason: 'malformed', id, device };
  const sig = asBytes(e.sig);
  if (!sig || sig.byteLength === 0) return { ok: false, reason: 'unsigned', id, device };

  // A revoked device's key still verifies its earlier events; the clock inside decides below.
  if (devices.trust(device) === 'unknown') return { ok: false, reason: 'unknown-device', id, device };
  if (!(await verify(await devices.verifyKey(device), sig, signed(id, device, ct)))) {
    return { ok: false, reason: 'bad-signature', id, device };
  }

  let event: HonbuEvent;
  try {
    event = await openJson<HonbuEvent>(dataKey, ct, aad(id));
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
  if (devices.trust(device, event.at) !== 'trusted') return { ok: false, reason: 'revoked-device', id, device };
  return { ok: true, event, device };
}

/**
 * Whether an envelope is one this device made: well-formed and signed by its key. Enough
 * to count one's own event as present in the shared log (nobody else holds the key), so a
 * laptop need not decrypt its own events again to know they are there.
 */
export async function isOwnEnvelope(raw: unknown, deviceId: string, verifyKey: CryptoKey): Promise<boolean> {
  if (typeof raw !== 'object' || raw === null) return false;
  const e = raw as Partial<Record<keyof Envelope, unknown>>;
  const ct = asBytes(e.ct);
  const sig = asBytes(e.sig);
  if (e.v !== 1 || e.device !== deviceId || typeof e.id !== 'string' || !SANE_ID.test(e.id) || !ct || !sig || sig.byteLength === 0) return false;
  return verify(verifyKey, sig, signed(e.id, deviceId, ct));
}
