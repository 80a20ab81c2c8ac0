/**
 * Customer lists across laptops (decision 012), against the real sync server on loopback:
 * laptop A imports a list; laptop B, which never had the file, receives its sealed packs by
 * hash and can look a customer up and see the same dashboard totals. An interrupted
 * transfer resumes without fetching again what is stored; a tampered pack is refused and
 * never stored; a keyless or revoked client gets nothing.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../shared/contacts/validate';
import { encodeCsv } from '../../shared/export/csv';
import { manifestSlot, openManifest, type PackRecord, sealManifest, sealPack } from '../../shared/contacts/list-pack';
import { openBlock, sealBlock } from '../../renderer/src/contacts/block-codec';
import { CLOSE } from '../../shared/sync/close-codes';
import { randomBytes, toBase64Url } from '../../shared/vault/bytes';
import { roomName } from '../../shared/sync/room';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { ContactEngine } from '../../renderer/src/contacts/contact-engine';
import { runImport } from '../../renderer/src/contacts/import-pipeline';
import { ListRefusedError, receiveList, shareList } from '../../renderer/src/contacts/list-share';
import { channelRecords } from '../../renderer/src/contacts/status-layout';
import { contactTables } from '../../renderer/src/contacts/tables';
import { customer, csvText, HEADER } from '../../renderer/src/contacts/test-data';
import { ListChannel, ListChannelClosed } from '../../renderer/src/sync/list-channel';
import { ListMover, type Transfer } from '../../renderer/src/contacts/list-mover';
import { allAppended, makeTeam, NodeWebSocket, waitConverged, type Laptop, type Team } from './team';
import { redisOrSkip } from './processes';
import { storedEntries } from '../../renderer/src/contacts/index-codec';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const engines: ContactEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) e.dispose();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const ROWS = 2_500;
/** Small packs, so a list of a few thousand rows travels in many of them. */
const PACK = 48 * 1024;

async function engineOf(l: Laptop) {
  const e = await ContactEngine.open(l.store);
  engines.push(e);
  return e;
}

/** A and B in one team, synced; A has imported a list and recorded some returned mail. */
async function twoLaptops(names = ['alice', 'bob'], rows = ROWS) {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-'));
  server = await startSyncServer({ port: 0, dataDir });
  team = await makeTeam(names);
  const [a, b] = team.laptops as [Laptop, Laptop];
  for (const l of team.laptops) await team.connect(l, server.url);
  // B works the list too: A (the workspace's founder, direction) makes B a contact lead, so
  // B's contact events count on A (every laptop judges them by role).
  await team.append(a, [{ type: 'roles.role-assigned', incidentId: null, payload: { personId: b.personId, role: 'contact-lead' } }]);
  const ea = await engineOf(a);
  const eb = await engineOf(b);
  const file = new Blob([encodeCsv(csvText(rows), 'shift_jis')]);
  const imported = await runImport(a.db, ea.importKeys, file, { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2, fileName: 'list.csv' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const datasetId = imported.datasetId;
  a.appended.add((await ea.commitImport(datasetId)).id);
  const post = await ea.createBatch({ datasetId, channel: 'post' });
  await ea.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
  const returned = Array.from({ length: 20 }, (_, i) => ({ customerNo: customer(i * 7).no, outcome: 'failed' as const, reason: 'unknown-address' }));
  await ea.applyOutcomes(await ea.previewOutcomes(datasetId, 'post', 'returned-mail', returned));
  const all = new Set((await a.store.readEvents()).map((e) => e.id));
  await waitConverged([a, b], new Set([...all, ...allAppended(team.laptops)]), 15_000);
  return { a, b, ea, eb, datasetId };
}

const stored = async (l: Laptop, datasetId: string) => {
  const t = contactTables(l.db);
  return {
    blocks: await t.blocks.where('datasetId').equals(datasetId).count(),
    index: await t.index.where('datasetId').equals(datasetId).count(),
    status: await t.status.where('datasetId').equals(datasetId).count(),
  };
};

describe('a customer list reaches another laptop by hash, without its file', () => {
  it('B gets the list complete: a lookup finds the customer with A’s status, and the dashboard totals equal A’s; later contact events follow', async () => {
    const { a, b, ea, eb, datasetId } = await twoLaptops();
    expect(await eb.missingDatasets('inc')).toMatchObject([{ datasetId, rows: ROWS }]);
    const ta = await a.client!.listTransport();
    expect(await shareList(ea, datasetId, ta, { packBytes: PACK })).toBe('shared');
    // Sharing again finds it there.
    expect(await shareList(ea, datasetId, ta, { packBytes: PACK })).toBe('already');
    ta.channel.close();

    const tb = await b.client!.listTransport();
    const seen: number[] = [];
    const result = await receiveList(eb, datasetId, tb, { onProgress: (p) => seen.push(p.done) });
    tb.channel.close();
    expect(result).toMatchObject({ status: 'complete', refused: 0 });
    expect(seen.at(-1)).toBeGreaterThan(3);
    expect(await eb.missingDatasets('inc')).toEqual([]);
    expect((await eb.datasets('inc')).map((d) => [d.id, d.rows, d.meta.fileName])).toEqual([[datasetId, ROWS, 'list.csv']]);
    // Both laptops merge the list's index in the background (decision 039): compared once it
    // settled, so B's lookups below go through the index it built from the rows and merged.
    await Promise.all([ea.mergeIndexes(), eb.mergeIndexes()]);
    expect(await stored(b, datasetId)).toEqual(await stored(a, datasetId));
    expect(await eb.totals(datasetId)).toEqual(await ea.totals(datasetId));
    expect((await eb.totals(datasetId)).byChannel.post!.inProgress).toBe(ROWS - 20);
    expect(await eb.checkFold(datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
    for (const i of [0, 7, 1234, ROWS - 1]) {
      const [hit] = await eb.find('inc', 'no', customer(i).no);
      const c = customer(i);
      expect(hit).toMatchObject({ datasetId, row: { customerNo: c.no, name: c.name, kana: c.kana, postcode: c.postcode, address: c.address, email: c.email, phone: c.phone, segment: c.segment } });
      expect(hit!.status).toEqual(await ea.status(datasetId, hit!.row.row));
    }
    // A phone lookup goes through the received index too.
    expect((await eb.find('inc', 'phone', customer(1234).phone)).map((h) => h.row.customerNo)).toContain(customer(1234).no);

    // From now on contact events go both ways and both dashboards follow.
    await eb.exclude(datasetId, [3], 'deceased');
    await expect.poll(async () => (await ea.totals(datasetId)).excluded.deceased, { timeout: 15_000 }).toBe(1);
    expect(await eb.totals(datasetId)).toEqual(await ea.totals(datasetId));
  });

  it('an interrupted transfer (server stopped mid-way) resumes where it stopped, fetching only the packs it lacks', async () => {
    const { a, b, ea, eb, datasetId } = await twoLaptops();
    const ta = await a.client!.listTransport();
    await shareList(ea, datasetId, ta, { packBytes: PACK });
    ta.channel.close();
    const port = server!.port;
    const tb = await b.client!.listTransport();
    let stopped: Promise<void> | undefined;
    const first = receiveList(eb, datasetId, tb, {
      onProgress: (p) => {
        if (p.done === 3 && !stopped) stopped = server!.close();
      },
    });
    await expect(first).rejects.toBeInstanceOf(ListChannelClosed);
    await stopped;
    const rec = await contactTables(b.db).datasets.get(datasetId);
    expect(rec).toMatchObject({ state: 'receiving' });
    const kept = rec!.receiving!.done;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(await eb.datasets('inc')).toEqual([]);

    server = await startSyncServer({ port, dataDir: dataDir! });
    const again = await b.client!.listTransport();
    const result = await receiveList(eb, datasetId, again);
    again.channel.close();
    expect(result).toEqual({ status: 'complete', fetched: rec!.receiving!.packs - kept, refused: 0 });
    expect(await stored(b, datasetId)).toEqual(await stored(a, datasetId));
    expect(await eb.totals(datasetId)).toEqual(await ea.totals(datasetId));
  });

  it('a pack altered on the way is refused and fetched again; one that stays altered stops the transfer with nothing of it stored', async () => {
    const { a, b, ea, eb, datasetId } = await twoLaptops();
    const ta = await a.client!.listTransport();
    await shareList(ea, datasetId, ta, { packBytes: PACK });
    ta.channel.close();
    const epoch = b.client!.currentEpoch();
    const room = await roomName('w', epoch.credential, 'events');
    const open = (tamper: () => boolean) =>
      ListChannel.open({ serverUrl: server!.url, room, credential: epoch.credential, WebSocketPolyfill: tampering(tamper) }).then((channel) => ({
        channel, epoch: epoch.epoch, lists: epoch.lists, listSlot: epoch.listSlot, deviceId: b.device.deviceId,
      }));

    // Always altered: refused three times, then the transfer stops; nothing of the list is stored beyond the manifest's record.
    const always = await open(() => true);
    await expect(receiveList(eb, datasetId, always)).rejects.toBeInstanceOf(ListRefusedError);
    always.channel.close();
    expect(await stored(b, datasetId)).toEqual({ blocks: 0, index: 0, status: 0 });

    // Altered once: refused, fetched again, and the list completes.
    let left = 1;
    const once = await open(() => left-- > 0);
    const result = await receiveList(eb, datasetId, once);
    once.channel.close();
    expect(result).toMatchObject({ status: 'complete', refused: 1 });
    expect(await stored(b, datasetId)).toEqual(await stored(a, datasetId));
    expect(await eb.checkFold(datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
  });

  it('a member who writes a list’s slot first with other rows (sealed with the team’s keys) is refused by the digest A signed; nothing of it is kept', async () => {
    const { a, b, ea, eb, datasetId } = await twoLaptops();
    // The forger (a modified client holding the keys) copies A's list, changes one address, seals it all properly.
    const tr = await a.client!.listTransport();
    const t = contactTables(a.db);
    const blocks = await t.blocks.where('datasetId').equals(datasetId).sortBy('block');
    const records: PackRecord[] = [];
    for (const blk of blocks) {
      const rows = await openBlock(ea.data.dataKey, blk.id, blk.sealed, blk.block * 1000);
      if (blk.block === 1) rows[5] = { ...rows[5]!, address: '偽の住所 1-2-3' };
      records.push({ kind: 'block', id: blk.id, sealed: await sealBlock(ea.data.dataKey, blk.id, rows) });
    }
    for (const st of await t.status.where('datasetId').equals(datasetId).toArray()) for (const c of channelRecords(st)) records.push({ kind: 'status', ...c });
    for (const x of await t.index.where('datasetId').equals(datasetId).toArray()) records.push({ kind: 'index', id: x.id, entries: storedEntries(x)! });
    const { sealed, ref } = await sealPack(tr.lists, tr.epoch, datasetId, 0, records);
    expect(await tr.channel.put(ref.hash, sealed)).toBe('ok');
    const rec = (await t.datasets.get(datasetId))!;
    const manifest = { v: 1 as const, datasetId, incidentId: 'inc', rows: ROWS, fileSize: rec.fileSize, meta: (await ea.data.info(rec)).meta, packs: [ref], from: 'forger' };
    expect((await tr.channel.putSlot(await manifestSlot(tr.listSlot, datasetId), await sealManifest(tr.lists, tr.epoch, manifest))).status).toBe('ok');
    tr.channel.close();

    const tb = await b.client!.listTransport();
    await expect(receiveList(eb, datasetId, tb)).rejects.toMatchObject({ reason: 'digest' });
    tb.channel.close();
    expect(await stored(b, datasetId)).toEqual({ blocks: 0, index: 0, status: 0 });
    expect(await contactTables(b.db).datasets.get(datasetId)).toBeUndefined();
    expect(await eb.missingDatasets('inc')).toHaveLength(1);
  });

  it('a keyless client cannot open the channel; a revoked laptop is refused, and cannot open a list shared after its revocation', async () => {
    const { a, ea, datasetId } = await twoLaptops(['alice', 'bob', 'eve']);
    const eve = team!.laptops[2]!;
    const epoch0 = eve.client!.currentEpoch();
    const room0 = await roomName('w', epoch0.credential, 'events');
    const refusal = (p: Promise<unknown>) => p.then(() => 'opened', (e: unknown) => (e instanceof ListChannelClosed ? e.code : String(e)));

    // Keyless: the team's room name with an invented credential, or its own invented room.
    const invented = randomBytes(32);
    expect(await refusal(ListChannel.open({ serverUrl: server!.url, room: room0, credential: invented, WebSocketPolyfill: NodeWebSocket }))).toBe(CLOSE.notMember);
    expect(await refusal(ListChannel.open({ serverUrl: server!.url, room: await roomName('w', invented, 'events'), credential: invented, WebSocketPolyfill: NodeWebSocket }))).toBe(CLOSE.notMember);

    // Eve is revoked: a new epoch; her credential's room is frozen and the channel refuses it.
    await team!.revoke(a, eve);
    await expect.poll(() => a.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => refusal(ListChannel.open({ serverUrl: server!.url, room: room0, credential: epoch0.credential, WebSocketPolyfill: NodeWebSocket })), { timeout: 15_000 }).toBe(CLOSE.frozen);

    // Alice shares in epoch 1. Even handed the manifest (say, by the server's operator), Eve's keys open nothing.
    // The new room exists on the server once something is written to it.
    await ea.exclude(datasetId, [5], 'deceased');
    let ta: Awaited<ReturnType<NonNullable<Laptop['client']>['listTransport']>> | undefined;
    await expect.poll(async () => (ta = await a.client!.listTransport().catch(() => undefined)) !== undefined, { timeout: 15_000 }).toBe(true);
    if (!ta) throw new Error('unreachable');
    expect(ta.epoch).toBe(1);
    expect(await shareList(ea, datasetId, ta, { packBytes: PACK })).toBe('shared');
    const sealed = (await ta.channel.getSlot(await manifestSlot(ta.listSlot, datasetId)))!;
    ta.channel.close();
    expect(await manifestSlot(epoch0.listSlot, datasetId)).not.toBe(await manifestSlot(ta.listSlot, datasetId));
    await expect(openManifest(epoch0.lists, 1, datasetId, sealed)).rejects.toThrow(/seal/);
  });
});

describe('the list channel’s limits', () => {
  it('refuses a pack whose bytes do not match its name, keeps a manifest slot write-once, and stops at the team’s quota', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-limits-'));
    server = await startSyncServer({ port: 0, dataDir, limits: { listQuotaBytes: 300_000 } });
    team = await makeTeam(['alice']);
    const [a] = team.laptops as [Laptop];
    await team.connect(a, server.url);
    await waitConverged([a], allAppended(team.laptops), 15_000);
    await expect.poll(async () => (await a.client!.listTransport().then((t) => (t.channel.close(), true), () => false)), { timeout: 15_000 }).toBe(true);
    const { channel } = await a.client!.listTransport();
    const blob = (n: number) => {
      const b = new Uint8Array(n);
      b.set(randomBytes(Math.min(n, 1024)));
      return b;
    };
    const named = async (b: Uint8Array<ArrayBuffer>) => toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', b)));
    const first = blob(200_000);
    expect(await channel.put(await named(blob(10)), first)).toBe('bad');
    expect(await channel.put(await named(first), first)).toBe('ok');
    expect(await channel.get(await named(first))).toEqual(first);
    expect(await channel.put(await named(first), first)).toBe('ok');
    const second = blob(200_000);
    expect(await channel.put(await named(second), second)).toBe('quota');
    expect(await channel.get(await named(second))).toBeUndefined();
    const slot = await named(blob(8));
    expect(await channel.putSlot(slot, blob(1000))).toEqual({ status: 'ok' });
    const kept = await channel.getSlot(slot);
    expect(await channel.putSlot(slot, blob(1000))).toEqual({ status: 'taken', existing: kept });
    channel.close();
  });
});

describe('two server processes sharing Redis', () => {
  it('A shares through one process, B receives through the other', async (ctx) => {
    const r = await redisOrSkip(ctx);
    if (!r) return;
    try {
      dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-redis-'));
      server = await startSyncServer({ port: 0, dataDir, redis: r.url });
      const other = await startSyncServer({ port: 0, dataDir, redis: r.url });
      try {
        team = await makeTeam(['alice', 'bob']);
        const [a, b] = team.laptops as [Laptop, Laptop];
        await team.connect(a, server.url);
        await team.connect(b, other.url);
        const [ea, eb] = [await engineOf(a), await engineOf(b)];
        const file = new Blob([encodeCsv(csvText(ROWS), 'utf-8-bom')]);
        const imported = await runImport(a.db, ea.importKeys, file, { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2, fileName: 'list.csv' });
        if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
        a.appended.add((await ea.commitImport(imported.datasetId)).id);
        await waitConverged([a, b], allAppended(team.laptops), 15_000);
        const ta = await a.client!.listTransport();
        expect(await shareList(ea, imported.datasetId, ta, { packBytes: PACK })).toBe('shared');
        ta.channel.close();
        const tb = await b.client!.listTransport();
        expect(await receiveList(eb, imported.datasetId, tb)).toMatchObject({ status: 'complete', refused: 0 });
        tb.channel.close();
        expect(await stored(b, imported.datasetId)).toEqual(await stored(a, imported.datasetId));
        expect(await eb.totals(imported.datasetId)).toEqual(await ea.totals(imported.datasetId));
        await team.dispose();
        team = undefined;
      } finally {
        await other.close();
      }
    } finally {
      await server?.close();
      server = undefined;
      await r.stop();
    }
  });
});

describe('while sync is on, lists move by themselves', () => {
  it('B, waiting for the list, receives it once A (which imported it) shares it: waiting → receiving N % → done', async () => {
    const { a, b, ea, eb, datasetId } = await twoLaptops();
    const phases: string[] = [];
    const mover = (l: Laptop, engine: ContactEngine, onChange: (t: Readonly<Record<string, Transfer>>) => void = () => undefined) =>
      new ListMover({ engine: () => engine, transport: () => l.client!.listTransport(), onChange, onReceived: () => undefined, onError: (e) => { throw e; }, retryMs: 100 });
    const mb = mover(b, eb, (t) => phases.push(`${t[datasetId]?.phase}:${t[datasetId]?.percent}`));
    mb.kick();
    await mb.idle();
    expect(mb.state[datasetId]).toEqual({ phase: 'waiting', percent: 0 });
    const ma = mover(a, ea);
    ma.kick();
    await ma.idle();
    await expect.poll(() => mb.state[datasetId]?.phase, { timeout: 15_000 }).toBe('done');
    ma.dispose();
    mb.dispose();
    expect(phases[0]).toBe('waiting:0');
    expect(phases).toContain('receiving:0');
    expect(phases.at(-1)).toBe('done:100');
    expect(await eb.totals(datasetId)).toEqual(await ea.totals(datasetId));
    expect(await eb.missingDatasets('inc')).toEqual([]);
  });
});

/** A socket that alters one byte of the answers carrying a pack (large binary frames) while `tamper()` says so. */
function tampering(tamper: () => boolean): typeof NodeWebSocket {
  return class extends NodeWebSocket {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      const data = args[0];
      if (event === 'message' && data instanceof ArrayBuffer && data.byteLength > 20_000 && tamper()) {
        const copy = new Uint8Array(data.slice(0));
        copy[copy.length - 100]! ^= 0x01;
        return super.emit(event, copy.buffer, ...args.slice(1));
      }
      return super.emit(event, ...args);
    }
  };
}
