/** The sync part's events (the roster of devices and the key epochs): type → payload schema; the fold is roster.ts. */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';

export const DEVICE_ADDED = 'sync.device-added';
export const DEVICE_REVOKED = 'sync.device-revoked';
export const DEVICE_KEY_PUBLISHED = 'sync.device-key-published';
export const EPOCH_STARTED = 'sync.epoch-started';

const text = v.pipe(v.string(), v.minLength(1));
/** A raw 32-byte key, base64url. */
const key32 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

export const syncEvents = {
  [DEVICE_ADDED]: v.object({
    deviceId: text,
    /** Raw Ed25519 public key, base64url. */
    publicKey: text,
    /** Raw X25519 public key, base64url: new epoch keys are sealed to it. Absent for devices added before key epochs. */
    agreementKey: v.optional(key32),
    personId: text,
    personName: v.string(),
    roles: v.array(v.string()),
  }),
  [DEVICE_REVOKED]: v.object({ deviceId: text }),
  /** A device added before key epochs publishes its X25519 key (signed by itself). */
  [DEVICE_KEY_PUBLISHED]: v.object({ deviceId: text, agreementKey: key32 }),
  /**
   * A new key epoch (after a revocation): its key sealed to each remaining device, posted to
   * the previous epoch's room. Laptops move on once that room is frozen (see epoch-chain.ts).
   */
  [EPOCH_STARTED]: v.object({
    epoch: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
    /** The ephemeral X25519 public key the boxes were sealed with. */
    epk: key32,
    boxes: v.pipe(v.array(v.object({ deviceId: text, box: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) })), v.maxLength(1000)),
  }),
} as const;

export type SyncEvent = EventOf<typeof syncEvents>;
export type DeviceAddedPayload = PayloadIn<typeof syncEvents, typeof DEVICE_ADDED>;
export type DeviceRevokedPayload = PayloadIn<typeof syncEvents, typeof DEVICE_REVOKED>;
export type DeviceKeyPublishedPayload = PayloadIn<typeof syncEvents, typeof DEVICE_KEY_PUBLISHED>;
export type EpochStartedPayload = PayloadIn<typeof syncEvents, typeof EPOCH_STARTED>;
export const isSyncEvent = eventGuard(syncEvents);
