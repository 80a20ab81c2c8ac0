/**
 * The intake page on a real sync server (decision 019): the page and its script are served,
 * sealed submissions are kept on disk across a restart until a member's laptop fetches and
 * acknowledges them, and every bad submission is refused with a clear error and not stored.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { roomName } from '../../shared/sync/room';
import { generateIntakeKeys, openIntake, sealIntake } from '../../shared/intake/seal';
import { intakePageUrl } from '../../shared/intake/wire';
import { IntakeChannel, IntakeChannelError } from '../../renderer/src/intake/intake-channel';
import { PAGE_WORDS } from '../../server/intake/words';
import { pageScript } from '../../server/intake/page-script';

const ID = 'Q2hhcmxpZS1pbnRha2UtMQ';
const SECRET = 'c'.repeat(43);
const credential = new Uint8Array(32).fill(7);
const WORDS = ['顧客名簿', '山田太郎', 'yamada@example.jp', '品川営業所'];
const report = JSON.stringify({ v: 1, what: '顧客名簿をUSBで紛失', when: '昨日', where: '品川営業所', howMany: '300', name: '山田太郎', contact: 'yamada@example.jp', lang: 'ja' });

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = dir = undefined;
});

async function start(limits = {}): Promise<{ http: string; room: string }> {
  dir ??= await mkdtemp(join(tmpdir(), 'honbu-intake-'));
  store = await LevelStore.open(dir);
  const room = await roomName('w', credential, 'events');
  // The team's events room exists (a laptop wrote to it): the channel's door checks it.
  await store.admitRoom(room, 'w.', { subsPerTag: 16, totalRooms: 100 });
  server = await startSyncServer({ port: 0, dataDir: dir, store, intakeLimits: limits });
  return { http: `http://127.0.0.1:${server.port}`, room };
}

async function stop(): Promise<void> {
  await server?.close();
  await store?.close();
  server = store = undefined;
}

const channel = (room: string, cred = credential) => IntakeChannel.open({ serverUrl: server!.url, room, credential: cred, WebSocketPolyfill: WebSocket });
const post = (url: string, body: BodyInit, type = 'application/json') => fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });

describe('the intake page on the sync host', () => {
  it('serves the page in Japanese and English once a member registered the key, and keeps sealed reports across a restart', async () => {
    const { http, room } = await start();
    const keys = await generateIntakeKeys();
    const page = intakePageUrl(server!.url, ID);
    expect(page).toBe(`${http}/intake/${ID}`);
    expect((await fetch(page)).status).toBe(404);

    const ch = await channel(room);
    expect(await ch.ask({ t: 'register', intakeId: ID, publicKey: keys.publicKey, secret: SECRET })).toEqual({ t: 'registered', intakeId: ID });
    // Another holder of a member credential but not the secret cannot take the id over or read it.
    await expect(ch.ask({ t: 'register', intakeId: ID, publicKey: keys.publicKey, secret: 'd'.repeat(43) })).rejects.toMatchObject({ reason: 'not-owner' });
    await expect(ch.ask({ t: 'fetch', intakeId: ID, secret: 'd'.repeat(43) })).rejects.toMatchObject({ reason: 'not-owner' });

    const ja = await fetch(page);
    expect(ja.status).toBe(200);
    expect(ja.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await ja.text();
    expect(html).toContain(PAGE_WORDS.ja.title);
    expect(html).toContain(keys.publicKey);
    expect(await (await fetch(`${page}?lang=en`)).text()).toContain(PAGE_WORDS.en.title);
    const script = await (await fetch(`${http}/intake/assets/page.js`)).text();
    expect(script).toBe(pageScript());
    expect(() => new Function(script)).not.toThrow();

    const box = await sealIntake(keys.publicKey, ID, report);
    const res = await post(`${page}/reports`, JSON.stringify(box));
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: string };
    expect(receipt).toMatch(/^[0-9A-F]{8}$/);
    ch.close();

    // Stored on disk before the answer: a restart keeps it, and the disk holds none of the words.
    await stop();
    for (const f of await readdir(dir!)) {
      const bytes = await readFile(join(dir!, f)).catch(() => Buffer.alloc(0));
      for (const w of WORDS) expect(bytes.includes(Buffer.from(w, 'utf8')), `${w} in ${f}`).toBe(false);
    }
    await start();
    const again = await channel(room);
    const got = await again.ask({ t: 'fetch', intakeId: ID, secret: SECRET });
    if (got.t !== 'reports') throw new Error(got.t);
    expect(got.reports).toHaveLength(1);
    expect(got.reports[0]!.reportId.slice(-8).toUpperCase()).toBe(receipt);
    expect(await openIntake(keys.privateKey, ID, got.reports[0]!.box as typeof box)).toBe(report);
    expect(await again.ask({ t: 'ack', intakeId: ID, secret: SECRET, ids: [got.reports[0]!.reportId] })).toMatchObject({ t: 'acked', removed: 1 });
    expect(await again.ask({ t: 'fetch', intakeId: ID, secret: SECRET })).toMatchObject({ reports: [] });
    again.close();
  });

  it('refuses bad submissions with a clear error and stores none of them', async () => {
    const { http, room } = await start({ perAddressBurst: 100 });
    const keys = await generateIntakeKeys();
    const ch = await channel(room);
    await ch.ask({ t: 'register', intakeId: ID, publicKey: keys.publicKey, secret: SECRET });
    const url = `${http}/intake/${ID}/reports`;
    const good = JSON.stringify(await sealIntake(keys.publicKey, ID, report));
    const refusals: [Promise<Response>, number, string][] = [
      [post(url, 'x'.repeat(40 * 1024)), 413, 'too-large'],
      [post(url, good, 'text/plain'), 415, 'content-type'],
      [post(url, good, 'application/x-www-form-urlencoded'), 415, 'content-type'],
      [post(url, '{"v":1,'), 400, 'malformed'],
      [post(url, JSON.stringify({ v: 1, what: '顧客名簿を紛失' })), 400, 'shape'],
      [post(url, JSON.stringify({ ...JSON.parse(good), extra: 'in clear' })), 400, 'shape'],
      [post(`${http}/intake/${'A'.repeat(22)}/reports`, good), 404, 'unknown-intake'],
    ];
    // Too large without saying so up front (chunked): cut off as it arrives.
    const chunk = new TextEncoder().encode('x'.repeat(8 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(chunk);
        else c.close();
      },
    });
    refusals.push([fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit), 413, 'too-large']);
    for (const [req, status, error] of refusals) {
      const res = await req;
      expect(res.status, error).toBe(status);
      expect(await res.json()).toMatchObject({ ok: false, error });
    }
    expect(await ch.ask({ t: 'fetch', intakeId: ID, secret: SECRET })).toMatchObject({ reports: [] });
    ch.close();
  });

  it('limits submissions per address and says so', async () => {
    const { http, room } = await start({ perAddressBurst: 3, perAddressPerHour: 1 });
    const keys = await generateIntakeKeys();
    const ch = await channel(room);
    await ch.ask({ t: 'register', intakeId: ID, publicKey: keys.publicKey, secret: SECRET });
    const url = `${http}/intake/${ID}/reports`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(url, JSON.stringify(await sealIntake(keys.publicKey, ID, report)))).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await post(url, JSON.stringify(await sealIntake(keys.publicKey, ID, report)));
    expect(await refused.json()).toMatchObject({ error: 'rate' });
    const got = await ch.ask({ t: 'fetch', intakeId: ID, secret: SECRET });
    expect(got).toMatchObject({ t: 'reports' });
    expect((got as { reports: unknown[] }).reports).toHaveLength(3);
    ch.close();
  });

  it('opens the laptops’ channel only to a member of an existing, unfrozen room', async () => {
    const { room } = await start();
    await expect(channel(room, new Uint8Array(32).fill(9))).rejects.toBeInstanceOf(IntakeChannelError);
    await expect(channel(await roomName('w', new Uint8Array(32).fill(9), 'events'), new Uint8Array(32).fill(9))).rejects.toBeInstanceOf(IntakeChannelError);
    await store!.setMeta(room, { frozen: true });
    await expect(channel(room)).rejects.toMatchObject({ reason: 'closed' });
  });

  it('has the same words in Japanese and English', () => {
    expect(Object.keys(PAGE_WORDS.en).sort()).toEqual(Object.keys(PAGE_WORDS.ja).sort());
  });
});
