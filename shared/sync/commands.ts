/** Commands of the sync part: the roster of laptops and its key epochs. */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import type { SealedEpoch } from './epoch';
import { epochRecipients } from './epoch-chain';
import { DEVICE_ADDED, DEVICE_KEY_PUBLISHED, DEVICE_REVOKED, EPOCH_STARTED, type DeviceAddedPayload } from './events';
import type { RosterDevice } from './roster';

/** What the epoch commands check against: the roster, who asks, and the epoch this laptop writes in. */
export interface EpochState {
  devices: readonly RosterDevice[];
  rootId: string;
  /** This laptop's device. */
  me: string;
  /** The newest epoch this laptop holds the key of. */
  epoch: number;
}

/** This laptop (or one admitted with an invite) joins the roster; signed when it is pushed. */
export function addDevice(_ctx: CommandContext, _state: null, args: DeviceAddedPayload): CommandResult {
  return accept([{ type: DEVICE_ADDED, incidentId: null, payload: args }]);
}

/** A device added before key epochs publishes its own X25519 key, so later epoch keys can reach it. */
export function publishDeviceKey(_ctx: CommandContext, state: EpochState, args: { agreementKey: string }): CommandResult {
  const me = state.devices.find((d) => d.deviceId === state.me);
  if (!me || me.revoked) return refuse([{ field: 'device', reason: 'not-a-member' }]);
  if (me.agreementKey === args.agreementKey) return refuse([{ field: 'device', reason: 'unchanged' }]);
  return accept([{ type: DEVICE_KEY_PUBLISHED, incidentId: null, payload: { deviceId: state.me, agreementKey: args.agreementKey } }]);
}

/** The new epoch must go to exactly the devices that stay: every one of them, nobody else. */
function checkEpoch(state: EpochState, sealed: SealedEpoch, without: string | null): Problem[] {
  if (sealed.epoch !== state.epoch + 1) return [{ field: 'epoch', reason: 'not-next', params: { epoch: sealed.epoch } }];
  const want = epochRecipients(state.devices, without).map((d) => d.deviceId).sort();
  const got = sealed.boxes.map((b) => b.deviceId).sort();
  if (want.length !== got.length || want.some((id, i) => id !== got[i])) return [{ field: 'epoch', reason: 'recipients' }];
  if (!want.includes(state.me)) return [{ field: 'epoch', reason: 'not-a-member' }];
  return [];
}

const epochDraft = (sealed: SealedEpoch) => ({ type: EPOCH_STARTED, incidentId: null, payload: { epoch: sealed.epoch, epk: sealed.epk, boxes: sealed.boxes } }) as const;

/**
 * Cuts a lost or retired laptop off: a new epoch whose key goes to every other device, and
 * the revocation. The epoch event comes first, so it is in the room no later than the
 * revocation the revoked laptop could react to.
 */
export function revokeDevice(_ctx: CommandContext, state: EpochState, args: { deviceId: string; epoch: SealedEpoch }): CommandResult {
  const target = state.devices.find((d) => d.deviceId === args.deviceId);
  if (!target) return refuse([{ field: 'deviceId', reason: 'not-found' }]);
  if (target.revoked) return refuse([{ field: 'deviceId', reason: 'already-revoked' }]);
  if (target.deviceId === state.me) return refuse([{ field: 'deviceId', reason: 'self' }]);
  // Only the anchor may retire the anchor (the roster refuses anyone else).
  if (target.deviceId === state.rootId) return refuse([{ field: 'deviceId', reason: 'root' }]);
  const problems = checkEpoch(state, args.epoch, args.deviceId);
  if (problems.length > 0) return refuse(problems);
  return accept([epochDraft(args.epoch), { type: DEVICE_REVOKED, incidentId: null, payload: { deviceId: args.deviceId } }]);
}

/**
 * A new epoch without a revocation: when a revoked laptop still holds the current key (a
 * revocation made before key epochs, or two made at once), the member who revoked it
 * closes that gap.
 */
export function startEpoch(_ctx: CommandContext, state: EpochState, args: { epoch: SealedEpoch }): CommandResult {
  const problems = checkEpoch(state, args.epoch, null);
  return problems.length > 0 ? refuse(problems) : accept([epochDraft(args.epoch)]);
}
