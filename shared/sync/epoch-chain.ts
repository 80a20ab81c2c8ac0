/**
 * Which epoch follows which, decided the same way on every laptop.
 *
 * A `sync.epoch-started` event for epoch n+1 is posted to epoch n's room, and whoever sees
 * it asks the server to freeze that room (no more inserts). Laptops move on only once the
 * room is frozen and read to the end, so they all decide on the same, final content:
 *
 * - candidates: the epoch-started events for n+1 in room n;
 * - a candidate signed by a device that room n's own events revoke does not count (a
 *   laptop that sees its revocation cannot answer with an epoch of its own, whatever clock
 *   it claims), unless every candidate is such (two members revoking each other at once);
 * - of the rest, the earliest by clock, then by id.
 *
 * Only room n's events count (not what a laptop holds locally and has not sent), so a
 * laptop's own unsent revocation cannot make it decide differently from the others. If
 * the chosen epoch still reaches a revoked device (revocations made at the same moment, or
 * before key epochs existed), the member who revoked it starts another (`rekeyDue`).
 */
import type { HonbuEvent } from '../events/event';
import * as v from 'valibot';
import { originDevice } from './envelope';
import { DEVICE_REVOKED, EPOCH_STARTED, syncEvents, type EpochStartedPayload } from './events';
import type { RosterDevice } from './roster';

export type EpochStartedEvent = HonbuEvent<typeof EPOCH_STARTED, EpochStartedPayload>;

/** Whether an event matters to the chain: it starts an epoch, or revokes a device. */
export const isChainEvent = (e: Pick<HonbuEvent, 'type'>): boolean => e.type === EPOCH_STARTED || e.type === DEVICE_REVOKED;

/** The devices a new epoch's key goes to: every member not revoked (nor about to be) that published an X25519 key. */
export function epochRecipients(devices: readonly RosterDevice[], without: string | null): RosterDevice[] {
  return devices.filter((d) => !d.revoked && d.deviceId !== without && d.agreementKey !== undefined);
}

function asEpochStarted(e: HonbuEvent): EpochStartedEvent | null {
  if (e.type !== EPOCH_STARTED) return null;
  const parsed = v.safeParse(syncEvents[EPOCH_STARTED], e.payload);
  return parsed.success ? ({ ...e, type: EPOCH_STARTED, payload: parsed.output } as EpochStartedEvent) : null;
}

/**
 * The epoch that follows `roomEpoch`, from the (verified) events its frozen room holds,
 * with the devices that room revoked (shut out of every later room); null if none.
 */
export function chooseNextEpoch(roomEpoch: number, inRoom: readonly HonbuEvent[]): { event: EpochStartedEvent; revoked: string[] } | null {
  const revokedHere = new Set<string>();
  for (const e of inRoom) {
    if (e.type !== DEVICE_REVOKED) continue;
    const p = v.safeParse(syncEvents[DEVICE_REVOKED], e.payload);
    if (p.success) revokedHere.add(p.output.deviceId);
  }
  const candidates = inRoom.map(asEpochStarted).filter((e): e is EpochStartedEvent => e !== null && e.payload.epoch === roomEpoch + 1);
  const eligible = candidates.filter((e) => !revokedHere.has(originDevice(e)));
  const pool = eligible.length > 0 ? eligible : candidates;
  let best: EpochStartedEvent | null = null;
  for (const e of pool) if (!best || e.at < best.at || (e.at === best.at && e.id < best.id)) best = e;
  return best ? { event: best, revoked: [...revokedHere].sort() } : null;
}

/**
 * Whether this laptop should start a new epoch: a revoked device still holds the current
 * key (every device holds epoch 0's, derived from the workspace key; later epochs only
 * those with a box) and this laptop revoked it — or, when whoever revoked it is itself
 * revoked, this laptop is the roster's anchor.
 */
export function rekeyDue(args: { epoch: number; holders: readonly string[] | 'everyone'; devices: readonly RosterDevice[]; me: string; rootId: string }): boolean {
  const byId = new Map(args.devices.map((d) => [d.deviceId, d]));
  if (byId.get(args.me)?.revoked !== false) return false;
  const holds = (id: string) => args.holders === 'everyone' || args.holders.includes(id);
  return args.devices.some((d) => {
    if (!d.revoked || !holds(d.deviceId)) return false;
    if (d.revokedBy === args.me) return true;
    const revoker = d.revokedBy ? byId.get(d.revokedBy) : undefined;
    return (!revoker || revoker.revoked) && args.me === args.rootId;
  });
}
