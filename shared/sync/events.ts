/** The sync part's events (the roster of devices): type → payload schema; the fold is roster.ts. */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';

export const DEVICE_ADDED = 'sync.device-added';
export const DEVICE_REVOKED = 'sync.device-revoked';

const text = v.pipe(v.string(), v.minLength(1));

export const syncEvents = {
  [DEVICE_ADDED]: v.object({
    deviceId: text,
    /** Raw Ed25519 public key, base64url. */
    publicKey: text,
    personId: text,
    personName: v.string(),
    roles: v.array(v.string()),
  }),
  [DEVICE_REVOKED]: v.object({ deviceId: text }),
} as const;

export type SyncEvent = EventOf<typeof syncEvents>;
export type DeviceAddedPayload = PayloadIn<typeof syncEvents, typeof DEVICE_ADDED>;
export type DeviceRevokedPayload = PayloadIn<typeof syncEvents, typeof DEVICE_REVOKED>;
export const isSyncEvent = eventGuard(syncEvents);
