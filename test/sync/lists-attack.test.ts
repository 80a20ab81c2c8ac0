/**
 * The customer-list channel (decision 012) as an attacker sees it, against the real sync
 * server on loopback: a member's request that should only read must not delete a list's
 * manifest (the write-once slot), a laptop revoked while its socket is open is cut off
 * like one that connects afterwards, and a client that asks for packs faster than it reads
 * them cannot make the server buffer without bound.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as RawSocket } from 'ws';
import { CLOSE } from '../../shared/sync/close-codes';
import { LIST_OP } from '../../shared/contacts/list-wire';
import { randomBytes, toBase64Url } from '../../shared/vault/bytes';
import { credentialToken, roomName, roomTag } from '../../shared/sync/room';
import { LevelStore } from '../../server/storage';
import { RedisStore } from '../../server/redis-store';
import { redisOrSkip } from './processes';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import type { SyncLimits } from '../../server/limits';
import { ListChannel, ListChannelClosed } from '../../renderer/src/sync/list-channel';
import { allAppended, makeTeam, NodeWebSocket, waitConverged, type Laptop, type Team } from './team';
import { intrude, until } from './intruder';
import { reusablePort } from './ports';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const named = async (b: Uint8Array<ArrayBuffer>) => toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', b)));

/** A team on a fresh server, every laptop connected and its room written, so the channel opens. */
async function teamOn(names: string[], limits: Partial<SyncLimits> = {}) {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-attack-'));
  server = await startSyncServer({ port: await reusablePort(), dataDir, limits });
  team = await makeTeam(names);
  for (const l of team.laptops) await team.connect(l, server.url);
  await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
  const a = team.laptops[0]!;
  await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
  return team.laptops;
}

describe('the list channel under attack', () => {
  it('a manifest slot stays write-once: asking for it as if it were a pack neither deletes nor replaces it', async () => {
    const [a] = (await teamOn(['alice'])) as [Laptop];
    const { channel } = await a.client!.listTransport();
    const slot = await named(randomBytes(16));
    const honest = randomBytes(2000);
    expect(await channel.putSlot(slot, honest)).toEqual({ status: 'ok' });
    // A member's modified client reads the slot through the pack op (whose bytes never hash to a slot name)…
    await channel.get(slot);
    // …then writes its own manifest there: the first one must stay.
    expect(await channel.putSlot(slot, randomBytes(2000))).toMatchObject({ status: 'taken', existing: honest });
    expect(await channel.getSlot(slot)).toEqual(honest);
    // And a slot name cannot be used to store bytes that a pack get would hand out.
    const pack = randomBytes(3000);
    expect(await channel.putSlot(await named(pack), randomBytes(3000))).toEqual({ status: 'ok' });
    expect(await channel.put(await named(pack), pack)).toBe('ok');
    expect(await channel.get(await named(pack))).toEqual(pack);
    channel.close();
  });

  it('a laptop revoked while its list socket is open can neither put nor get on it any more', async () => {
    const [a, , eve] = (await teamOn(['alice', 'bob', 'eve'])) as [Laptop, Laptop, Laptop];
    await expect.poll(async () => eve.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
    const { channel } = await eve.client!.listTransport();
    const before = randomBytes(1000);
    expect(await channel.put(await named(before), before)).toBe('ok');

    await team!.revoke(a, eve);
    await expect.poll(() => a.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    const epoch0 = eve.client!.currentEpoch();
    const refusal = (p: Promise<unknown>) => p.then(() => 'opened', (e: unknown) => (e instanceof ListChannelClosed ? e.code : String(e)));
    await expect
      .poll(async () => refusal(ListChannel.open({ serverUrl: server!.url, room: await roomName('w', epoch0.credential, 'events'), credential: epoch0.credential, WebSocketPolyfill: NodeWebSocket })), { timeout: 15_000 })
      .toBe(CLOSE.frozen);

    // The socket Eve opened before is as closed as a new one.
    const after = randomBytes(1000);
    await expect(channel.put(await named(after), after)).rejects.toMatchObject({ code: CLOSE.frozen });
    await expect(channel.get(await named(before))).rejects.toBeInstanceOf(ListChannelClosed);
    channel.close();
  });

  it('a revoked laptop cannot get back in through another room of its ended epoch that it writes to', async () => {
    const [a, , eve] = (await teamOn(['alice', 'bob', 'eve'])) as [Laptop, Laptop, Laptop];
    const epoch0 = eve.client!.currentEpoch();
    await team!.revoke(a, eve);
    await expect.poll(() => a.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    const refusal = (room: string) =>
      ListChannel.open({ serverUrl: server!.url, room, credential: epoch0.credential, WebSocketPolyfill: NodeWebSocket }).then(
        (c) => (c.close(), 'opened'),
        (e: unknown) => (e instanceof ListChannelClosed ? e.code : String(e)),
      );
    await expect.poll(async () => refusal(await roomName('w', epoch0.credential, 'events')), { timeout: 15_000 }).toBe(CLOSE.frozen);
    // Eve's modified client tries to write one well-formed envelope into a spare room under the old credential:
    // no such room opens (it would be one that no freeze ever closes), and nothing of it is stored…
    const spare = await roomName('w', epoch0.credential, 'spare');
    const intruder = intrude(server!.url, spare, credentialToken(epoch0.credential));
    try {
      await until(() => intruder.closes.some((c) => c.code === CLOSE.refused) || intruder.denied.length > 0, 10_000, 'the spare room refused');
      intruder.doc.getArray('events').push([{ v: 2, e: 0, id: 'x-1', device: 'eve', sig: new Uint8Array([1]), ct: new Uint8Array([1]) }]);
      await new Promise((r) => setTimeout(r, 500));
      expect(intruder.synced()).toBe(false);
    } finally {
      intruder.destroy();
    }
    // …naming it at the list channel's door opens nothing either…
    expect(await refusal(spare)).not.toBe('opened');
    // …and the server's disk has no such room (read once the server has let go of it).
    await server!.close();
    server = undefined;
    const store = await LevelStore.open(dataDir!);
    try {
      expect(await store.roomKnown(spare)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('racing sockets get one manifest per slot and no more bytes than the quota', async () => {
    const [a] = (await teamOn(['alice'], { listQuotaBytes: 100_000 })) as [Laptop];
    const sockets = await Promise.all(Array.from({ length: 8 }, () => a.client!.listTransport().then((t) => t.channel)));
    const slot = await named(randomBytes(16));
    const manifests = sockets.map(() => randomBytes(500));
    const puts = await Promise.all(sockets.map((c, i) => c.putSlot(slot, manifests[i]!)));
    expect(puts.filter((p) => p.status === 'ok')).toHaveLength(1);
    const kept = await sockets[0]!.getSlot(slot);
    for (const p of puts) if (p.status === 'taken') expect(p.existing).toEqual(kept);
    expect(manifests.filter((m) => kept && m.every((x, i) => x === kept[i]))).toHaveLength(1);

    // 8 sockets × 4 packs of 10 kB against a quota of 100 kB: at most 9 are kept.
    const packs = sockets.map(() => Array.from({ length: 4 }, () => randomBytes(10_000)));
    const results = await Promise.all(sockets.map((c, i) => Promise.all(packs[i]!.map(async (p) => c.put(await named(p), p)))));
    let stored = 0;
    for (const [i, c] of sockets.entries()) for (const p of packs[i]!) if (await c.get(await named(p))) stored++;
    expect(results.flat().filter((r) => r === 'ok')).toHaveLength(stored);
    expect(stored).toBeLessThanOrEqual(9);
    expect(results.flat()).toContain('quota');
    for (const c of sockets) c.close();
  });

  it('malformed and giant frames close only the socket that sent them, with a reason; honest laptops go on', async () => {
    const [a] = (await teamOn(['alice'])) as [Laptop];
    const epoch = a.client!.currentEpoch();
    const hello = JSON.stringify({ t: 'hello', token: credentialToken(epoch.credential), room: await roomName('w', epoch.credential, 'events') });
    /** Opens a raw socket, optionally says hello, sends `frame`, and reports the close code (or the first answer's status). */
    const attempt = async (frame: string | Buffer, greet: boolean) => {
      const ws = new RawSocket(server!.url.replace(/\/+$/, '') + '/lists');
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve) => ws.on('open', () => resolve()));
      if (greet) {
        ws.send(hello);
        await new Promise<void>((resolve) => ws.once('message', () => resolve()));
      }
      const answer = new Promise<string>((resolve) => ws.once('message', (d: Buffer) => resolve(`status ${d.readUInt8(0)}`)));
      ws.send(frame);
      const out = await Promise.race([closed, answer]);
      ws.terminate();
      return out;
    };
    const request = (op: number, key: string, body = Buffer.alloc(0)) => {
      const head = Buffer.alloc(48);
      head.writeUInt8(op, 0);
      head.writeUInt32LE(7, 1);
      head.write(key, 5, 'latin1');
      return Buffer.concat([head, body]);
    };
    const goodKey = 'A'.repeat(43);
    expect(await attempt(Buffer.from(hello), false)).toBe(CLOSE.notMember); // a hello sent as binary
    expect(await attempt(JSON.stringify({ t: 'hello', token: 'x'.repeat(2000), room: 'y' }), false)).toBe(CLOSE.notMember);
    expect(await attempt(JSON.stringify({ t: 'hello', token: credentialToken(epoch.credential), room: await roomName('w', epoch.credential, 'other') }), false)).toBe(CLOSE.notMember);
    expect(await attempt('{"t":"get"}', true)).toBe(CLOSE.refused); // text after the hello
    expect(await attempt(Buffer.alloc(47), true)).toBe(CLOSE.refused); // shorter than a request head
    expect(await attempt(request(9, goodKey), true)).toBe(CLOSE.refused); // an unknown op
    expect(await attempt(request(LIST_OP.get, '../../../etc/passwd'.padEnd(43, '/')), true)).toBe('status 2');
    expect(await attempt(request(LIST_OP.putSlot, goodKey), true)).toBe('status 2'); // an empty manifest
    expect(await attempt(request(LIST_OP.put, goodKey, Buffer.alloc(5 * 1024 * 1024)), true)).toBe(1009); // beyond the largest message

    const { channel } = await a.client!.listTransport();
    const pack = randomBytes(4000);
    expect(await channel.put(await named(pack), pack)).toBe('ok');
    expect(await channel.get(await named(pack))).toEqual(pack);
    channel.close();
  });

  it('a pack found damaged on the server is dropped and its bytes given back to the team’s quota, so the laptop that has it can put it again', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-damaged-'));
    const store = await LevelStore.open(dataDir);
    server = await startSyncServer({ port: 0, dataDir, store, limits: { listQuotaBytes: 100_000 } });
    team = await makeTeam(['alice']);
    const [a] = team.laptops as [Laptop];
    await team.connect(a, server.url);
    await waitConverged([a], allAppended(team.laptops), 15_000);
    await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
    const pack = new Uint8Array(60_000);
    pack.set(randomBytes(1024));
    const key = await named(pack);
    // The disk damaged the stored pack (as if it had been written, then rotted).
    const damaged = pack.slice();
    damaged[100]! ^= 1;
    expect(await store.putBlob(await roomTag(a.client!.currentEpoch().credential), key, damaged, 100_000)).toBe('ok');
    const { channel } = await a.client!.listTransport();
    expect(await channel.get(key)).toBeUndefined();
    expect(await channel.put(key, pack)).toBe('ok');
    expect(await channel.get(key)).toEqual(pack);
    channel.close();
  });

  it('in Redis too, a dropped blob gives its bytes back to the quota (once)', async (ctx) => {
    const r = await redisOrSkip(ctx);
    if (!r) return;
    try {
      const s = await RedisStore.open(r.url);
      expect(await s.putBlob('t', 'k', new Uint8Array(600), 1000)).toBe('ok');
      expect(await s.putBlob('t', 'k2', new Uint8Array(600), 1000)).toBe('quota');
      await s.dropBlob('t', 'k');
      await s.dropBlob('t', 'k');
      await s.dropBlob('t', 'nothing');
      expect(await s.getBlob('t', 'k')).toBeUndefined();
      expect(await s.putBlob('t', 'k2', new Uint8Array(600), 1000)).toBe('ok');
      expect(await s.putBlob('t', 'k3', new Uint8Array(600), 1000)).toBe('quota');
      await s.close();
    } finally {
      await r.stop();
    }
  });

  it('sockets that never say hello count against the address’s cap; those beyond it are refused at once', async () => {
    await teamOn(['alice'], { connectionsPerAddress: 6 });
    const url = server!.url.replace(/\/+$/, '') + '/lists';
    const codes = await Promise.all(
      Array.from({ length: 10 }, () => {
        const ws = new RawSocket(url);
        ws.on('error', () => undefined);
        return Promise.race([new Promise<number>((resolve) => ws.on('close', (code) => resolve(code))), new Promise<string>((r) => setTimeout(() => (ws.terminate(), r('open')), 1500))]);
      }),
    );
    // The laptop's own room socket holds one place: 5 silent sockets stay (until the hello time), the rest are refused.
    expect(codes.filter((c) => c === CLOSE.tooMany).length).toBeGreaterThanOrEqual(4);
    expect(codes.filter((c) => c === 'open').length).toBeLessThanOrEqual(6);
  });

  it('answers are paced to the socket’s rate, and a client that asks without reading is cut off', async () => {
    const MiB = 1024 * 1024;
    const [a] = (await teamOn(['alice'], { listBytesPerSecond: 2 * MiB, listBurstBytes: 4 * MiB })) as [Laptop];
    const { channel } = await a.client!.listTransport();
    const pack = new Uint8Array(MiB);
    pack.set(randomBytes(1024));
    const key = await named(pack);
    expect(await channel.put(key, pack)).toBe('ok');
    channel.close();

    // A raw client: 48-byte requests, each answered with a 1 MiB pack.
    const epoch = a.client!.currentEpoch();
    const open = async () => {
      const ws = new RawSocket(server!.url.replace(/\/+$/, '') + '/lists');
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve) => ws.on('open', () => resolve()));
      ws.send(JSON.stringify({ t: 'hello', token: credentialToken(epoch.credential), room: await roomName('w', epoch.credential, 'events') }));
      await new Promise<void>((resolve) => ws.once('message', () => resolve()));
      const ask = (n: number) => {
        for (let i = 0; i < n; i++) {
          const frame = Buffer.alloc(48);
          frame.writeUInt8(LIST_OP.get, 0);
          frame.writeUInt32LE(i + 1, 1);
          frame.write(key, 5, 'latin1');
          ws.send(frame);
        }
      };
      return { ws, closed, ask };
    };

    // Reading: 64 asked at once arrive no faster than the burst and the rate allow, and the socket stays open.
    const reader = await open();
    let received = 0;
    reader.ws.on('message', (d: Buffer) => (received += d.byteLength));
    const started = performance.now();
    reader.ask(64);
    await new Promise((r) => setTimeout(r, 1500));
    const seconds = (performance.now() - started) / 1000;
    expect(received).toBeLessThanOrEqual(4 * MiB + seconds * 2 * MiB + MiB);
    expect(received).toBeGreaterThanOrEqual(4 * MiB);
    expect(reader.ws.readyState).toBe(RawSocket.OPEN);
    reader.ws.terminate();

    // Not reading: once far more is unread than a laptop ever leaves, the server closes the socket.
    const server2 = server!;
    await server2.close();
    server = await startSyncServer({ port: server2.port, dataDir: dataDir!, limits: { listBytesPerSecond: 1024 * MiB, listBurstBytes: 1024 * MiB } });
    const hog = await open();
    (hog.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    hog.ask(100);
    await new Promise((r) => setTimeout(r, 2000));
    let unread = 0;
    hog.ws.on('message', (d: Buffer) => (unread += d.byteLength));
    (hog.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await Promise.race([hog.closed, new Promise((r) => setTimeout(() => r('still open'), 15_000))])).toBe(CLOSE.rate);
    expect(unread).toBeLessThan(60 * MiB);
  });
  it('a member’s list socket that asks nothing for a while is closed; one still being answered is not', async () => {
    const [a] = (await teamOn(['alice'], { listIdleMs: 600 })) as [Laptop];
    const { channel } = await a.client!.listTransport();
    const pack = randomBytes(1000);
    // Busy: requests a little apart, each within the idle time, keep it open past it.
    for (let i = 0; i < 4; i++) {
      expect(await channel.put(await named(pack), pack)).toBe('ok');
      await new Promise((r) => setTimeout(r, 300));
    }
    // Quiet: then it is closed, and says so to the next request.
    await new Promise((r) => setTimeout(r, 1_200));
    await expect(channel.get(await named(pack))).rejects.toMatchObject({ code: CLOSE.idle });
    channel.close();
  });
});
