import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { accept } from '../events/command';
import { revokeDevice, startEpoch, publishDeviceKey, type EpochState } from './commands';
import { chooseNextEpoch, epochRecipients, rekeyDue } from './epoch-chain';
import { DEVICE_REVOKED, EPOCH_STARTED } from './events';
import type { RosterDevice } from './roster';

const K = (c: string) => c.repeat(43);
const ev = (id: string, node: string, wall: number, type: string, payload: unknown): HonbuEvent => ({
  id,
  incidentId: null,
  at: encodeHlc({ wall, counter: 0, node }),
  actor: `p-${node}`,
  type,
  payload,
});
const epochEv = (id: string, node: string, wall: number, epoch = 1) => ev(id, node, wall, EPOCH_STARTED, { epoch, epk: K('E'), boxes: [{ deviceId: node, box: 'b' }] });
const revokeEv = (id: string, node: string, wall: number, deviceId: string) => ev(id, node, wall, DEVICE_REVOKED, { deviceId });

const dev = (deviceId: string, extra: Partial<RosterDevice> = {}): RosterDevice => ({
  deviceId,
  publicKey: `pk-${deviceId}`,
  agreementKey: K(deviceId[0]!.toUpperCase()),
  personId: `p-${deviceId}`,
  personName: deviceId,
  roles: [],
  addedBy: null,
  revoked: false,
  revokedBy: null,
  revokedAt: null,
  ...extra,
});

describe('choosing the next epoch from a frozen room', () => {
  it('takes the one candidate', () => {
    const e = epochEv('e1', 'alice', 100);
    expect(chooseNextEpoch(0, [revokeEv('r1', 'alice', 101, 'eve'), e])).toEqual({ event: e, revoked: ['eve'] });
    expect(chooseNextEpoch(0, [revokeEv('r1', 'alice', 101, 'eve')])).toBeNull();
    // A candidate for another epoch number is not one.
    expect(chooseNextEpoch(1, [e])).toBeNull();
  });

  it('ignores the answer of the laptop being revoked, whatever clock it claims', () => {
    const honest = epochEv('e9', 'alice', 200);
    // Eve saw her revocation and answers with her own epoch, backdated and with a smaller id.
    const eve = epochEv('e0', 'eve', 1);
    expect(chooseNextEpoch(3, [epochEv('x', 'alice', 200, 4), revokeEv('r', 'alice', 201, 'eve'), { ...eve, payload: { ...(eve.payload as object), epoch: 4 } }])?.event.id).toBe('x');
    expect(chooseNextEpoch(0, [honest, revokeEv('r', 'alice', 201, 'eve'), eve])?.event.id).toBe('e9');
  });

  it('two revocations at once: the earlier candidate, the same on every laptop, in any order', () => {
    const a = epochEv('ea', 'alice', 300);
    const b = epochEv('eb', 'bob', 299);
    const room = [a, revokeEv('ra', 'alice', 301, 'x'), b, revokeEv('rb', 'bob', 300, 'y')];
    expect(chooseNextEpoch(0, room)?.event.id).toBe('eb');
    expect(chooseNextEpoch(0, [...room].reverse())?.event.id).toBe('eb');
    // Revoking each other: neither counts, so the earlier of both still moves the team on.
    const mutual = [a, revokeEv('ra', 'alice', 301, 'bob'), b, revokeEv('rb', 'bob', 300, 'alice')];
    expect(chooseNextEpoch(0, mutual)?.event.id).toBe('eb');
  });
});

describe('who starts another epoch', () => {
  const devices = [dev('root'), dev('alice'), dev('eve', { revoked: true, revokedBy: 'alice', revokedAt: 'x' })];

  it('the revoker, when the revoked laptop still holds the current key', () => {
    expect(rekeyDue({ epoch: 0, holders: 'everyone', devices, me: 'alice', rootId: 'root' })).toBe(true);
    expect(rekeyDue({ epoch: 0, holders: 'everyone', devices, me: 'root', rootId: 'root' })).toBe(false);
    expect(rekeyDue({ epoch: 2, holders: ['root', 'alice'], devices, me: 'alice', rootId: 'root' })).toBe(false);
    expect(rekeyDue({ epoch: 2, holders: ['root', 'alice', 'eve'], devices, me: 'alice', rootId: 'root' })).toBe(true);
  });

  it('the anchor, when the revoker is itself revoked; never a revoked laptop', () => {
    const both = [dev('root'), dev('alice', { revoked: true, revokedBy: 'root' }), dev('eve', { revoked: true, revokedBy: 'alice' })];
    expect(rekeyDue({ epoch: 1, holders: ['root', 'eve'], devices: both, me: 'root', rootId: 'root' })).toBe(true);
    expect(rekeyDue({ epoch: 1, holders: ['root', 'eve'], devices: both, me: 'alice', rootId: 'root' })).toBe(false);
  });
});

describe('epoch commands', () => {
  const ctx = { now: 0, newId: () => 'id', actor: { personId: 'p-alice', roles: [] } };
  const state: EpochState = { devices: [dev('root'), dev('alice'), dev('bob'), dev('old', { agreementKey: undefined })], rootId: 'root', me: 'alice', epoch: 2 };
  const sealed = (ids: string[], epoch = 3) => ({ epoch, epk: K('E'), boxes: ids.map((deviceId) => ({ deviceId, box: 'b' })) });

  it('revoking: the epoch event first, then the revocation, with a box for every device that stays', () => {
    expect(epochRecipients(state.devices, 'bob').map((d) => d.deviceId)).toEqual(['root', 'alice']);
    const r = revokeDevice(ctx, state, { deviceId: 'bob', epoch: sealed(['alice', 'root']) });
    expect(r).toEqual(
      accept([
        { type: EPOCH_STARTED, incidentId: null, payload: sealed(['alice', 'root']) },
        { type: DEVICE_REVOKED, incidentId: null, payload: { deviceId: 'bob' } },
      ]),
    );
  });

  it('refuses a box missing or too many, the wrong epoch, the anchor, oneself, and a laptop already revoked', () => {
    const refusal = (args: Parameters<typeof revokeDevice>[2], s = state) => {
      const r = revokeDevice(ctx, s, args);
      return r.ok ? 'accepted' : r.problems.map((p) => p.reason).join();
    };
    expect(refusal({ deviceId: 'bob', epoch: sealed(['alice']) })).toBe('recipients');
    expect(refusal({ deviceId: 'bob', epoch: sealed(['alice', 'root', 'bob']) })).toBe('recipients');
    expect(refusal({ deviceId: 'bob', epoch: sealed(['alice', 'root'], 4) })).toBe('not-next');
    expect(refusal({ deviceId: 'root', epoch: sealed(['alice', 'bob']) })).toBe('root');
    expect(refusal({ deviceId: 'alice', epoch: sealed(['root', 'bob']) })).toBe('self');
    expect(refusal({ deviceId: 'nobody', epoch: sealed(['alice', 'root', 'bob']) })).toBe('not-found');
    const revoked = { ...state, devices: state.devices.map((d) => (d.deviceId === 'bob' ? { ...d, revoked: true } : d)) };
    expect(refusal({ deviceId: 'bob', epoch: sealed(['alice', 'root']) }, revoked)).toBe('already-revoked');
  });

  it('a fresh epoch goes to everyone still in; a device publishes its own key once', () => {
    expect(startEpoch(ctx, state, { epoch: sealed(['root', 'alice', 'bob']) }).ok).toBe(true);
    expect(startEpoch(ctx, state, { epoch: sealed(['root', 'alice']) }).ok).toBe(false);
    const old = { ...state, me: 'old' };
    expect(publishDeviceKey(ctx, old, { agreementKey: K('Z') })).toMatchObject({ ok: true, events: [{ payload: { deviceId: 'old', agreementKey: K('Z') } }] });
    expect(publishDeviceKey(ctx, state, { agreementKey: K('A') })).toMatchObject({ ok: false });
  });
});
