/**
 * Reports that pile up on the intake page while the team's laptops are closed (a night, a
 * weekend) are fetched in one check and recorded as `intake.reports-received` events bounded
 * by count and by size (shared/intake/commands.ts, decision 064): each box may be up to
 * 32 KiB, and the sync server refuses a record over 1 MiB (shared/sync/append-only.ts). An
 * event too large for the server even alone (one recorded in 50s before that rule) is set
 * aside by the sender and reported, and what the laptop writes after it still reaches the team.
 * The cap on waiting reports is counted and stored in one step, so a burst cannot pass it.
 *
 * Real sync server on 127.0.0.1, real intake page route, real team laptops.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { RedisStore } from '../../server/redis-store';
import { roomName } from '../../shared/sync/room';
import { generateIntakeKeys, sealIntake } from '../../shared/intake/seal';
import { INTAKE_EVENT_TYPES } from '../../shared/intake/events';
import { foldIntake } from '../../shared/intake/state';
import { markHandled, recordReceived } from '../../shared/intake/commands';
import { INTAKE_FIELD_MAX } from '../../shared/intake/report';
import { intakePageUrl } from '../../shared/intake/wire';
import { IntakeChannel } from '../../renderer/src/intake/intake-channel';
import { SyncClient } from '../../renderer/src/sync/sync-client';
import { saveSyncSettings } from '../../renderer/src/sync/device-store';
import { EventTooLargeError } from '../../renderer/src/sync/sender';
import type { AnyDraft } from '../../shared/events/registry';
import type { CommandContext } from '../../shared/events/command';
import { allAppended, makeTeam, storedIds, waitConverged, type Laptop, type Team } from './team';
import { redisOrSkip } from './processes';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let team: Team | undefined;
let dir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = team = dir = undefined;
});

const ctx = (l: Laptop): CommandContext => ({ now: Date.now(), newId: () => crypto.randomUUID(), actor: { personId: l.personId, roles: ['direction'] } });

/** A report as a person fills in the page: every field to its maxlength, in Japanese (what a pasted log or a long account looks like). */
function longReport(i: number): string {
  const fill = (n: number) => `${i}件目：`.padEnd(n, '顧客情報の誤送信について詳しく');
  return JSON.stringify({
    v: 1,
    lang: 'ja',
    what: fill(INTAKE_FIELD_MAX.what),
    when: fill(INTAKE_FIELD_MAX.when),
    where: fill(INTAKE_FIELD_MAX.where),
    howMany: fill(INTAKE_FIELD_MAX.howMany),
    name: fill(INTAKE_FIELD_MAX.name),
    contact: fill(INTAKE_FIELD_MAX.contact),
  });
}

describe('intake reports that piled up overnight', () => {
  it('a laptop that fetches 50 long reports at once still syncs them, and what it writes afterwards, to the rest of the team', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-intake-flood-'));
    store = await LevelStore.open(dir);
    // 50 reports between two checks: ten machines' bursts of 5 (the limit is per address),
    // or one machine over a night at 30 an hour while every laptop is closed.
    server = await startSyncServer({ port: 0, dataDir: dir, store, intakeLimits: { perAddressBurst: 60 } });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url, { WebSocketPolyfill: WebSocket as never });
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);

    // Alice (direction) registers the intake key, as intake-store.ts's check does.
    const keys = await generateIntakeKeys();
    const intakeId = 'Zmxvb2Qtb3Zlcm5pZ2h0MQ';
    const secret = 's'.repeat(43);
    await team.append(alice, [{ type: 'intake.key-created', incidentId: null, payload: { intakeId, ...keys, secret } } as AnyDraft]);
    const ch = await IntakeChannel.open(await alice.client!.intakeDoor());
    await ch.ask({ t: 'register', intakeId, publicKey: keys.publicKey, secret });

    // Fifty people (or one noisy one) report through the page during the night.
    const page = intakePageUrl(server.url, intakeId);
    for (let i = 0; i < 50; i++) {
      const box = await sealIntake(keys.publicKey, intakeId, longReport(i));
      const res = await fetch(`${page}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(box) });
      expect(res.status, `report ${i}`).toBe(201);
    }

    // The morning check: fetch, record (the same command the dispatch handler runs), acknowledge.
    const got = await ch.ask({ t: 'fetch', intakeId, secret });
    if (got.t !== 'reports') throw new Error(got.t);
    expect(got.reports).toHaveLength(50);
    const state = () => alice.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]).then(foldIntake);
    const recorded = recordReceived(ctx(alice), await state(), { intakeId, reports: got.reports as never });
    if (!recorded.ok) throw new Error('refused');
    const events = await team.append(alice, recorded.events as AnyDraft[]);
    await ch.ask({ t: 'ack', intakeId, secret, ids: got.reports.map((r) => r.reportId) });
    ch.close();
    // Several events, each far below the server's 1 MiB per record.
    expect(events.length).toBeGreaterThan(1);
    expect(Math.max(...events.map((e) => new TextEncoder().encode(JSON.stringify(e)).byteLength))).toBeLessThan(512 * 1024);

    // Then Alice sets one report aside: Bob must see both the reports and that.
    const aside = markHandled(ctx(alice), await state(), { reportId: got.reports[0]!.reportId, outcome: 'set-aside', incidentId: null });
    if (!aside.ok) throw new Error('refused');
    await team.append(alice, aside.events as AnyDraft[]);

    let failure: unknown;
    try {
      await waitConverged([alice, bob], allAppended(team.laptops), 25_000);
    } catch (err) {
      failure = err;
    }
    const status = alice.client!.status();
    expect(status.refusal, `Alice's laptop is refused by the server: ${status.refusal ?? ''}`).toBeUndefined();
    expect(failure, String(failure)).toBeUndefined();
    const bobSees = foldIntake(await bob.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]));
    expect(bobSees.reports.size).toBe(50);
    expect(bobSees.reports.get(got.reports[0]!.reportId)?.handled?.outcome).toBe('set-aside');
  }, 60_000);

  it('an event over the record as JSON (50 long reports in one, as recorded before 064) is sent packed and reaches the team, with what follows it (decision 066)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-intake-big-'));
    store = await LevelStore.open(dir);
    server = await startSyncServer({ port: 0, dataDir: dir, store });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    // Alice's client reports to the app's one handler (here: a list).
    const faults: unknown[] = [];
    await saveSyncSettings(alice.store, { serverUrl: server.url, fingerprint: null, room: team.room, root: team.root });
    alice.client = await SyncClient.start({
      store: alice.store,
      device: alice.device,
      root: team.root,
      serverUrl: server.url,
      room: team.room,
      personName: alice.name,
      WebSocketPolyfill: WebSocket as never,
      onError: (err) => faults.push(err),
    });
    await team.connect(bob, server.url, { WebSocketPolyfill: WebSocket as never });
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);

    // 50 full reports in one event, as a laptop recorded them before events were bounded by size.
    const keys = await generateIntakeKeys();
    const intakeId = 'YmlnLWV2ZW50LWFzaWRlMQ';
    const reports = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => ({ reportId: `r${i}`, receivedAt: new Date().toISOString(), box: await sealIntake(keys.publicKey, intakeId, longReport(i)) })),
    );
    const [big] = await team.append(alice, [{ type: 'intake.reports-received', incidentId: null, payload: { intakeId, reports } } as AnyDraft]);
    expect(new TextEncoder().encode(JSON.stringify(big)).byteLength).toBeGreaterThan(1024 * 1024);
    // Then what Alice writes afterwards: a report set aside, and one more report fetched.
    const state = () => alice.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]).then(foldIntake);
    const aside = markHandled(ctx(alice), await state(), { reportId: 'r0', outcome: 'set-aside', incidentId: null });
    if (!aside.ok) throw new Error('refused');
    const after = await team.append(alice, aside.events as AnyDraft[]);
    const more = recordReceived(ctx(alice), await state(), { intakeId, reports: [{ reportId: 'r50', receivedAt: new Date().toISOString(), box: await sealIntake(keys.publicKey, intakeId, longReport(50)) }] as never });
    if (!more.ok) throw new Error('refused');
    after.push(...(await team.append(alice, more.events as AnyDraft[])));

    const expected = allAppended(team.laptops);
    await waitConverged([bob], expected, 25_000);
    expect((await storedIds(bob)).has(big!.id)).toBe(true);
    await expect.poll(() => alice.client!.status().pending, { timeout: 10_000 }).toBe(0);
    const status = alice.client!.status();
    expect(status.refusal, `Alice's laptop is refused by the server: ${status.refusal ?? ''}`).toBeUndefined();
    expect(faults.filter((f) => f instanceof EventTooLargeError)).toEqual([]);
    const bobSees = foldIntake(await bob.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]));
    expect(bobSees.reports.size).toBe(51);
    expect(bobSees.reports.get('r0')?.handled?.outcome).toBe('set-aside');
  }, 60_000);

  it('the cap on waiting reports holds when many reports arrive at the same moment', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-intake-cap-'));
    store = await LevelStore.open(dir);
    // A small cap stands for the 2,000: the page says "full" beyond it.
    server = await startSyncServer({ port: 0, dataDir: dir, store, intakeLimits: { perAddressBurst: 100, maxWaiting: 5 } });
    const credential = new Uint8Array(32).fill(9);
    const room = await roomName('w', credential, 'events');
    await store.admitRoom(room, 'w.', { subsPerTag: 16, totalRooms: 100 });
    const keys = await generateIntakeKeys();
    const intakeId = 'Y2FwLWF0LXRoZS1zYW1lMQ';
    const secret = 't'.repeat(43);
    const ch = await IntakeChannel.open({ serverUrl: server.url, room, credential, WebSocketPolyfill: WebSocket });
    await ch.ask({ t: 'register', intakeId, publicKey: keys.publicKey, secret });
    const box = JSON.stringify(await sealIntake(keys.publicKey, intakeId, longReport(0)));
    // 40 posts at the same moment, from one address allowed a burst of 100.
    const page = intakePageUrl(server.url, intakeId);
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${page}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: box }).then((r) => r.status)));
    const got = await ch.ask({ t: 'fetch', intakeId, secret });
    ch.close();
    if (got.t !== 'reports') throw new Error(got.t);
    expect(answers.filter((s) => s === 201).length, `accepted: ${answers.filter((s) => s === 201).length}`).toBe(5);
    expect(answers.filter((s) => s === 507)).toHaveLength(35);
    expect(got.reports).toHaveLength(5);
    // Once the team fetched and removed them, the page takes reports again.
    const again = await IntakeChannel.open({ serverUrl: server.url, room, credential, WebSocketPolyfill: WebSocket });
    expect(await again.ask({ t: 'ack', intakeId, secret, ids: got.reports.map((r) => r.reportId) })).toMatchObject({ removed: 5 });
    again.close();
    expect((await fetch(`${page}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: box })).status).toBe(201);
  });

  it('on Redis, the cap holds across two server processes taking reports at the same moment', async (ctx) => {
    const redis = await redisOrSkip(ctx);
    if (!redis) return;
    const servers: SyncServer[] = [];
    const admin = await RedisStore.open(redis.url);
    try {
      for (let i = 0; i < 2; i++) servers.push(await startSyncServer({ port: 0, dataDir: '/nonexistent', redis: redis.url, intakeLimits: { perAddressBurst: 100, maxWaiting: 5 } }));
      const [a, b] = servers as [SyncServer, SyncServer];
      const credential = new Uint8Array(32).fill(11);
      const room = await roomName('w', credential, 'events');
      await admin.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 16, totalRooms: 100 });
      const keys = await generateIntakeKeys();
      const intakeId = 'Y2FwLW9uLXJlZGlzLTAwMQ';
      const secret = 'u'.repeat(43);
      const ch = await IntakeChannel.open({ serverUrl: a.url, room, credential, WebSocketPolyfill: WebSocket });
      await ch.ask({ t: 'register', intakeId, publicKey: keys.publicKey, secret });
      // Another intake's reports in the same hash do not count against this one.
      const otherId = 'b3RoZXItaW50YWtlLTAwMQ';
      await ch.ask({ t: 'register', intakeId: otherId, publicKey: keys.publicKey, secret });
      const otherBox = JSON.stringify(await sealIntake(keys.publicKey, otherId, longReport(1)));
      for (let i = 0; i < 3; i++) expect((await fetch(`${intakePageUrl(b.url, otherId)}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: otherBox })).status).toBe(201);
      const box = JSON.stringify(await sealIntake(keys.publicKey, intakeId, longReport(0)));
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => fetch(`${intakePageUrl((i % 2 === 0 ? a : b).url, intakeId)}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: box }).then((r) => r.status)),
      );
      const got = await ch.ask({ t: 'fetch', intakeId, secret });
      ch.close();
      if (got.t !== 'reports') throw new Error(got.t);
      expect(answers.filter((s) => s === 201)).toHaveLength(5);
      expect(answers.filter((s) => s === 507)).toHaveLength(35);
      expect(got.reports).toHaveLength(5);
    } finally {
      for (const s of servers) await s.close();
      await admin.close();
      await redis.stop();
    }
  });
});
