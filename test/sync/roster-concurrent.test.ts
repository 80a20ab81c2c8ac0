/**
 * What a laptop signs for the roster is what its own roster takes (decision 063).
 *
 * - The invite host signs a joiner's addition only if its own roster takes it from this laptop
 *   (checked in the store's write lock just before it is written): an admission the roster
 *   refuses — the host not trusted here yet, or someone admitted the same person meanwhile — is
 *   neither stored, nor sent, nor handed over; the joiner gets no bundle and its redeem fails.
 * - An own roster event the roster refuses is listed and not sent (the other laptops would count
 *   what this one does not). One signed before this laptop was trusted by its own roster is held
 *   and sent once it is, as a restart would apply it; any other refusal is final.
 *
 * Still open (063, "Which addition binds a person"): two hosts admitting one person at the same
 * moment, each before the other's addition reached it, each bind the person to their own joiner.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDeviceKey } from '../../shared/sync/device-key';
import { InviteError } from '../../shared/sync/invite';
import { DEVICE_ADDED } from '../../shared/sync/roster';
import { hostInvite, redeemInvite } from '../../renderer/src/sync/join';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { makeTeam, NodeWebSocket, storedIds, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const ws = NodeWebSocket as never;
const has = async (l: Laptop, id: string) => (await storedIds(l)).has(id);
const addedIn = async (l: Laptop, deviceId: string) => (await l.store.readEvents(null, [DEVICE_ADDED])).some((e) => (e.payload as { deviceId: string }).deviceId === deviceId);

describe('the invite host signs only what its roster takes', () => {
  it('a host its own roster does not trust yet (its addition still on its way) admits nobody: nothing is stored or sent, the joiner gets no bundle', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-concurrent-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [, bob] = team.laptops as [Laptop, Laptop];
    // Bob's laptop has not read the room yet: the root's addition of it is not in its store.
    await team.connect(bob, server.url, { connect: false });
    expect(bob.client!.roster.trust(bob.device.deviceId)).toBe('unknown');

    for (const roster of [bob.client!.roster, undefined]) {
      const hosted = await hostInvite({ store: bob.store, masterKey: team.master, serverUrl: server.url, room: team.room, root: team.root, hostDevice: bob.device.deviceId, roles: [], ...(roster ? { roster } : {}), WebSocketPolyfill: ws });
      const deviceId = crypto.randomUUID();
      const joined = await redeemInvite({ serverUrl: server.url, code: hosted.code, deviceId, personId: crypto.randomUUID(), personName: 'nina', now: Date.now, waitMs: 2000, answerMs: 3000, WebSocketPolyfill: ws }).then(
        () => 'joined',
        (err: unknown) => (err instanceof InviteError ? err.reason : String(err)),
      );
      expect({ joined, admitted: await hosted.admitted, stored: await addedIn(bob, deviceId) }).toEqual({ joined: 'wrong-code', admitted: undefined, stored: false });
    }
    expect(bob.client!.pendingIds()).toEqual([]);
  }, 60_000);
});

describe('an own roster event the roster refuses', () => {
  it('is listed and not sent; one signed before this laptop was trusted goes once it is, another refusal never', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-concurrent-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    await team.connect(alice, server.url);
    await team.connect(bob, server.url, { connect: false });

    // Bob's laptop, not trusted by its own roster yet, adds a laptop for a newcomer.
    const { key: nina } = await generateDeviceKey(crypto.randomUUID());
    const ninaPerson = crypto.randomUUID();
    const payload = { deviceId: nina.deviceId, publicKey: nina.publicKey, agreementKey: nina.agreement.publicKey, personId: ninaPerson, personName: 'nina', roles: [] };
    const [early] = await team.append(bob, [{ type: DEVICE_ADDED, incidentId: null, payload }]);
    expect(bob.client!.rejected()).toContainEqual(expect.objectContaining({ id: early!.id, reason: 'untrusted-signer' }));
    expect(bob.client!.pendingIds()).not.toContain(early!.id);

    // Once its own addition reaches it, the held addition counts here and goes to the others.
    bob.client!.connect();
    await expect.poll(() => bob.client!.roster.device(nina.deviceId)?.personId ?? null, { timeout: 15_000 }).toBe(ninaPerson);
    await expect.poll(() => has(alice, early!.id), { timeout: 15_000 }).toBe(true);
    expect(bob.client!.rejected().some((r) => r.id === early!.id)).toBe(false);

    // A laptop named as alice's (the founder) by bob's: refused here, never sent — nor after a restart.
    const { key: ghost } = await generateDeviceKey(crypto.randomUUID());
    const [ghostAdded] = await team.append(bob, [{ type: DEVICE_ADDED, incidentId: null, payload: { ...payload, deviceId: ghost.deviceId, publicKey: ghost.publicKey, agreementKey: ghost.agreement.publicKey, personId: alice.personId, personName: 'alice' } }]);
    expect(bob.client!.rejected()).toContainEqual(expect.objectContaining({ id: ghostAdded!.id, reason: 'person-of-another' }));
    const [later] = await team.append(bob, [{ type: 'people.profile-saved', incidentId: null, payload: { personId: bob.personId, name: 'bob', phone: '', email: '', roles: [] } }]);
    await expect.poll(() => has(alice, later!.id), { timeout: 15_000 }).toBe(true);
    await bob.client!.stop();
    await team.connect(bob, server.url);
    await bob.client!.idle();
    const [after] = await team.append(bob, [{ type: 'people.profile-saved', incidentId: null, payload: { personId: bob.personId, name: 'bob b.', phone: '', email: '', roles: [] } }]);
    await expect.poll(() => has(alice, after!.id), { timeout: 15_000 }).toBe(true);
    await bob.client!.idle();
    expect({ sent: await has(alice, ghostAdded!.id), pending: bob.client!.pendingIds().includes(ghostAdded!.id), ghost: alice.client!.roster.trust(ghost.deviceId) }).toEqual({ sent: false, pending: false, ghost: 'unknown' });
    expect(bob.client!.rejected()).toContainEqual(expect.objectContaining({ id: ghostAdded!.id, reason: 'person-of-another' }));
  }, 90_000);
});

describe('two invites redeemed at once under one person', () => {
  // Not built (decision 063, "Which addition binds a person"): each host's laptop binds the person
  // to the addition it applied first, so two hosts admitting one person before either addition
  // reached the other each keep their own joiner. Binding the earliest by clock instead would let
  // a backdated copy take a bound person on every laptop; person ids derived from the first
  // laptop's keys would close it.
  it.skip('every laptop ends with the same laptop as the person’s (the roster converges)', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-roster-concurrent-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    for (const l of team.laptops) await expect.poll(() => l.client!.roster.trust(bob.device.deviceId), { timeout: 10_000 }).toBe('trusted');
    for (const l of team.laptops) await l.client!.idle();
    // Both laptops are offline from the team's room for a moment (the invites still reach the server).
    alice.client!.disconnect();
    bob.client!.disconnect();
    const host = (l: Laptop) =>
      hostInvite({ store: l.store, masterKey: team!.master, serverUrl: server!.url, room: team!.room, root: team!.root, hostDevice: l.device.deviceId, roles: [], roster: l.client!.roster, WebSocketPolyfill: ws });
    const [a, b] = [await host(alice), await host(bob)];
    // A modified joiner: one person, two laptops, two codes.
    const person = crypto.randomUUID();
    const [d1, d2] = [crypto.randomUUID(), crypto.randomUUID()];
    const redeem = (code: string, deviceId: string) =>
      redeemInvite({ serverUrl: server!.url, code, deviceId, personId: person, personName: 'nina', now: Date.now, waitMs: 2000, WebSocketPolyfill: ws });
    await Promise.all([redeem(a.code, d1), redeem(b.code, d2)]);
    expect(await a.admitted).toMatchObject({ deviceId: d1 });
    expect(await b.admitted).toMatchObject({ deviceId: d2 });

    alice.client!.connect();
    bob.client!.connect();
    const dealt = (l: Laptop, device: string) => () => l.client!.roster.device(device) !== undefined || l.client!.rejected().some((r) => r.reason === 'person-of-another');
    await expect.poll(dealt(alice, d2), { timeout: 15_000 }).toBe(true);
    await expect.poll(dealt(bob, d1), { timeout: 15_000 }).toBe(true);
    await alice.client!.idle();
    await bob.client!.idle();

    const binding = (l: Laptop) => [d1, d2].filter((d) => l.client!.roster.device(d)?.personId === person);
    expect({ alice: binding(alice) }).toEqual({ alice: binding(bob) });
  }, 90_000);
});
