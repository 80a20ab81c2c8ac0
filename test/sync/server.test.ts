/**
 * The server as an attacker meets it, with a plain Yjs/Hocuspocus client on loopback:
 * without the room credential nothing can be read or written; with it, nothing can be
 * deleted, replaced or filled with garbage. Honest laptops converge while it tries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { credentialToken, roomName } from '../../shared/sync/room';
import { randomBytes } from '../../shared/vault/bytes';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { firstReport, randomEdit, rng, seedRows } from './edits';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { allAppended, makeTeam, sleep, waitConverged, type Team } from './team';
import { itemIds } from '../../shared/sync/chunk';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const intruders: Intruder[] = [];
afterEach(async () => {
  for (const i of intruders.splice(0)) i.destroy();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

async function setup() {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-server-'));
  server = await startSyncServer({ port: 0, dataDir });
  team = await makeTeam(['alice', 'bob']);
  await team.append(team.laptops[0]!, [firstReport(), ...seedRows()]);
  for (const l of team.laptops) await team.connect(l, server.url);
  await waitConverged(team.laptops, allAppended(team.laptops), 10_000);
  return { server, team, room: await teamRoom(team) };
}

const track = (i: Intruder) => (intruders.push(i), i);

/** What a fresh member reading the room now sees: the event ids of its chunks (and envelopes), in order. */
async function roomContents(url: string, name: string, token: string): Promise<string[]> {
  const reader = track(intrude(url, name, token));
  await until(() => reader.synced(), 5000, 'a member to read the room');
  return reader.doc.getArray('events').toArray().flatMap(itemIds);
}

describe('a client without the room credential', () => {
  it('is refused at the door: no room to read, none to write, the socket closed', async () => {
    const { server, team, room } = await setup();
    const before = await roomContents(server.url, room.name, room.token);
    expect(before.length).toBeGreaterThan(40);

    const forged = credentialToken(randomBytes(32));
    const attempts = [
      track(intrude(server.url, room.name, null)),
      track(intrude(server.url, room.name, forged)),
      track(intrude(server.url, room.name, 'x'.repeat(43))),
      // The name the old server used, and one a stranger could guess.
      track(intrude(server.url, team.room, forged)),
      track(intrude(server.url, 'honbu-lobby', forged)),
    ];
    for (const a of attempts) {
      a.doc.getArray('events').push([{ v: 1, id: 'intruder', device: 'x', sig: new Uint8Array(64), ct: new Uint8Array(8) }]);
      a.doc.getArray('events').delete(0, 1);
    }
    await until(() => attempts.every((a) => a.denied.length > 0), 5000, 'every keyless client to be refused');
    await sleep(300);
    for (const a of attempts) {
      expect(a.synced()).toBe(false);
      // Nothing of the room reached it.
      expect(a.doc.getArray('events').length).toBe(0);
    }
    // A credential of its own opens only a room of its own, never the team's.
    const own = track(intrude(server.url, await roomName('w', randomBytes(32), 'events'), forged));
    await sleep(300);
    expect(own.denied.length).toBeGreaterThan(0);
    expect(own.synced()).toBe(false);
    const mine = randomBytes(32);
    const elsewhere = track(intrude(server.url, await roomName('w', mine, 'events'), credentialToken(mine)));
    await until(() => elsewhere.synced(), 5000, 'its own room');
    expect(elsewhere.doc.getArray('events').length).toBe(0);

    expect(await roomContents(server.url, room.name, room.token)).toEqual(before);
  }, 30_000);
});

describe('a client with the credential (a member gone rogue)', () => {
  it('cannot delete, replace or add garbage: each try is refused with a reason and the room is unchanged', async () => {
    const { server, team, room } = await setup();
    const before = await roomContents(server.url, room.name, room.token);
    const good = (id: string) => ({ v: 1, id, device: 'dev', sig: new Uint8Array(64), ct: new Uint8Array(16) });
    const tries: [string, (d: Y.Doc) => void][] = [
      // The room holds a few chunks (many events each): delete up to five, replace the last.
      ['delete', (d) => d.getArray('events').delete(0, Math.min(5, d.getArray('events').length))],
      ['replace', (d) => d.transact(() => (d.getArray('events').delete(d.getArray('events').length - 1, 1), d.getArray('events').insert(d.getArray('events').length, [good(before[3]!)])))],
      ['null', (d) => d.getArray('events').push([null])],
      ['number', (d) => d.getArray('events').push([42])],
      ['Y.Map', (d) => d.getArray('events').push([new Y.Map()])],
      ['nested array', (d) => d.getArray('events').push([new Y.Array()])],
      ['map key', (d) => d.getMap('meta').set('x', 1)],
      ['text', (d) => d.getText('events-text').insert(0, 'garbage')],
      ['envelope with an extra field', (d) => d.getArray('events').push([{ ...good('x1'), extra: 'x' }])],
      ['5 MB blob', (d) => d.getArray('events').push([good('x2'), { ...good('x3'), ct: new Uint8Array(5 * 1024 * 1024) }])],
    ];
    for (const [what, change] of tries) {
      const rogue = track(intrude(server.url, room.name, room.token));
      await until(() => rogue.synced(), 5000, `the rogue client to sync (${what})`);
      change(rogue.doc);
      await until(() => rogue.closes.length > 0, 5000, `the server to refuse: ${what}`);
      expect(rogue.closes.map((c) => `${c.code} ${c.reason}`).join(' | '), what).toMatch(/refused|1009|4413|4400/);
      rogue.destroy();
    }
    // The room holds exactly what it held: nothing deleted, nothing replaced, nothing added.
    expect(await roomContents(server.url, room.name, room.token)).toEqual(before);
    // And the honest laptops never saw any of it.
    for (const l of team.laptops) expect(l.client!.status()).toMatchObject({ rejected: 0 });
  }, 60_000);

  it('honest laptops converge with zero lost events while keyless and rogue clients keep trying', async () => {
    const { server, team, room } = await setup();
    const rand = rng(23);
    let stop = false;
    const attack = (async () => {
      for (let n = 0; !stop; n++) {
        const keyless = track(intrude(server.url, room.name, credentialToken(randomBytes(32))));
        keyless.doc.getArray('events').push([{ v: 1, id: `k${n}`, device: 'x', sig: new Uint8Array(64), ct: new Uint8Array(8) }]);
        const rogue = track(intrude(server.url, room.name, room.token));
        await until(() => rogue.synced() || stop, 5000, 'rogue sync').catch(() => undefined);
        rogue.doc.getArray('events').delete(0, Math.min(3, rogue.doc.getArray('events').length));
        await sleep(100);
        keyless.destroy();
        rogue.destroy();
      }
    })();
    for (let i = 0; i < 40; i++) for (const l of team.laptops) await team.append(l, [randomEdit(rand, l.name)]);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);
    stop = true;
    await attack;
    for (const l of team.laptops) await until(() => l.client!.status().pending === 0, 5000, 'all acknowledged');
    const ids = await roomContents(server.url, room.name, room.token);
    expect(new Set(ids)).toEqual(allAppended(team.laptops));
  }, 60_000);
});
