/**
 * A customer list as a stranger's file makes it — full-width digits, names outside
 * Shift_JIS, empty fields, tabs and line breaks inside fields — imported on A and received
 * on B through the team (decision 012), with B locked mid-transfer and A importing a second
 * list meanwhile. B's rows, read field by field, and its lookups must be A's; nothing of
 * the list may sit on B's disk in clear.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../shared/contacts/validate';
import { encodeCsv } from '../../shared/export/csv';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { ContactEngine } from '../../renderer/src/contacts/contact-engine';
import { runImport } from '../../renderer/src/contacts/import-pipeline';
import { receiveList, shareList } from '../../renderer/src/contacts/list-share';
import { manifestSlot, openManifest, type PackRecord, sealManifest, sealPack } from '../../shared/contacts/list-pack';
import { ListMover, type Transfer } from '../../renderer/src/contacts/list-mover';
import { type ChannelRecord, channelRecords } from '../../renderer/src/contacts/status-layout';
import { contactTables, type IndexRecord } from '../../renderer/src/contacts/tables';
import type { LookupKind } from '../../renderer/src/contacts/lookup';
import { allAppended, makeTeam, waitConverged, type Laptop, type Team } from './team';
import { FaultyStore } from './faulty-store';
import { CLOSE } from '../../shared/sync/close-codes';
import { LevelStore } from '../../server/storage';
import { storedEntries } from '../../renderer/src/contacts/index-codec';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const engines: ContactEngine[] = [];
const movers: ListMover[] = [];
afterEach(async () => {
  for (const m of movers.splice(0)) m.dispose();
  for (const e of engines.splice(0)) e.dispose();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const HEAD = '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス,備考';
/** Outside Shift_JIS (JIS X 0213 plane 2, a surrogate pair, a variation selector) and inside it. */
const FAMILY = [['𠮷田', 'ヨシダ'], ['髙橋', 'タカハシ'], ['𩸽川', 'ホッケガワ'], ['葛󠄀城', 'カツラギ'], ['渡邊', 'ワタナベ']];
const GIVEN = [['はな', 'ハナ'], ['剛', 'ツヨシ'], ['😀子', 'エミコ']];
const FW = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

function person(i: number) {
  const [f, fk] = FAMILY[i % FAMILY.length]!;
  const [g, gk] = GIVEN[i % GIVEN.length]!;
  return {
    no: i % 2 === 0 ? FW(`K${String(i).padStart(6, '0')}`) : `K${String(i).padStart(6, '0')}`,
    name: i % 11 === 0 ? '' : `${f}\t${g}`,
    kana: `${fk} ${gk}`,
    postcode: FW(`${600 + (i % 90)}-${String((i * 7) % 10000).padStart(4, '0')}`),
    address: i % 13 === 0 ? '' : `京都府京都市\u3000${FW(String(i))}番地\t離れ`,
    email: i % 4 === 0 ? '' : `k.${i}+list@例え.jp`,
    phone: i % 6 === 5 ? '' : FW(`075-${String(200 + (i % 700)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')}`),
    service: i % 2 ? '会員' : '',
    note: i % 17 === 0 ? '"行を\n跨ぐ,備考"' : '',
  };
}

function file(n: number, from = 0): Blob {
  const lines = [HEAD];
  for (let i = from; i < from + n; i++) {
    const p = person(i);
    lines.push([p.no, p.name, p.kana, p.postcode, p.address, p.email, p.phone, p.service, p.note].join(','));
  }
  return new Blob([encodeCsv(lines.join('\r\n') + '\r\n', 'utf-8-bom')]);
}

async function engineOf(l: Laptop) {
  const e = await ContactEngine.open(l.store);
  engines.push(e);
  return e;
}

async function importOn(l: Laptop, e: ContactEngine, blob: Blob, fileName: string): Promise<string> {
  const imported = await runImport(l.db, e.importKeys, blob, { incidentId: 'inc', mapping: guessMapping(HEAD.split(',')), maxRetries: 2, fileName });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  l.appended.add((await e.commitImport(imported.datasetId)).id);
  return imported.datasetId;
}

function moverOf(l: Laptop, engine: ContactEngine, onChange: (t: Readonly<Record<string, Transfer>>) => void = () => undefined) {
  const m = new ListMover({ engine: () => engine, transport: () => l.client!.listTransport(), onChange, onReceived: () => undefined, onError: (e) => { throw e; }, retryMs: 100 });
  movers.push(m);
  return m;
}

/** Every value of every table of a laptop's database, as text, to look for a list's values in clear. */
async function diskText(l: Laptop): Promise<string> {
  const parts: string[] = [];
  const dec = new TextDecoder('utf-8', { fatal: false });
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array || ArrayBuffer.isView(v)) parts.push(dec.decode(v as Uint8Array));
    else if (v instanceof ArrayBuffer) parts.push(dec.decode(new Uint8Array(v)));
    else if (typeof v === 'string') parts.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  for (const table of l.db.tables) walk(await table.toArray());
  return parts.join('\n');
}

const ROWS = 1_300;

/** A put the genuine rows of A's list on the server under a manifest of the forger's making: `parts` chooses each part's records. */
async function forgeList(a: Laptop, ea: ContactEngine, list: string, parts: { status: (st: ChannelRecord[]) => PackRecord[]; index?: (x: IndexRecord[]) => PackRecord[] }): Promise<void> {
  const tr = await a.client!.listTransport();
  const t = contactTables(a.db);
  const records: PackRecord[] = [];
  for (const blk of await t.blocks.where('datasetId').equals(list).sortBy('id')) records.push({ kind: 'block', id: blk.id, sealed: blk.sealed });
  // The channel records a pack carries, one per customer block (status-layout.ts).
  const statuses = (await t.status.where('datasetId').equals(list).sortBy('id')).flatMap(channelRecords);
  expect(statuses.length).toBeGreaterThan(1);
  records.push(...parts.status(statuses));
  const index = await t.index.where('datasetId').equals(list).sortBy('id');
  records.push(...(parts.index ?? asSent)(index));
  const { sealed, ref } = await sealPack(tr.lists, tr.epoch, list, 0, records);
  expect(await tr.channel.put(ref.hash, sealed)).toBe('ok');
  const rec = (await t.datasets.get(list))!;
  const manifest = { v: 1 as const, datasetId: list, incidentId: 'inc', rows: ROWS, fileSize: rec.fileSize, meta: (await ea.data.info(rec)).meta, packs: [ref], from: 'forger' };
  expect((await tr.channel.putSlot(await manifestSlot(tr.listSlot, list), await sealManifest(tr.lists, tr.epoch, manifest))).status).toBe('ok');
  tr.channel.close();
}

const asSent = (index: IndexRecord[]): PackRecord[] => index.map((x) => ({ kind: 'index', id: x.id, entries: storedEntries(x)! }));

/** A and B in a team on a fresh server, A's list of ROWS imported and its events on B. */
async function twoLaptopsWithList(): Promise<{ a: Laptop; b: Laptop; ea: ContactEngine; eb: ContactEngine; list: string }> {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-partial-'));
  server = await startSyncServer({ port: 0, dataDir });
  team = await makeTeam(['ayako', 'bunta']);
  const [a, b] = team.laptops as [Laptop, Laptop];
  for (const l of team.laptops) await team.connect(l, server.url);
  const [ea, eb] = [await engineOf(a), await engineOf(b)];
  const list = await importOn(a, ea, file(ROWS), '顧客一覧.csv');
  await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
  await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
  return { a, b, ea, eb, list };
}

async function receiveOnB(b: Laptop, eb: ContactEngine, list: string): Promise<string> {
  const tb = await b.client!.listTransport();
  const outcome = await receiveList(eb, list, tb).then((r) => r.status, (e: unknown) => (e instanceof Error ? e.name : String(e)));
  tb.channel.close();
  return outcome;
}

describe('a stranger’s list, received on B from the team', () => {
  it('arrives field for field (full-width digits, names outside Shift_JIS, empty fields, tabs), after B is locked mid-way and A imports another list meanwhile', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-stranger-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['ayako', 'bunta']);
    const [a, b] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    const ea = await engineOf(a);
    const first = await importOn(a, ea, file(ROWS), '顧客一覧.csv');
    await waitConverged([a, b], allAppended(team.laptops), 15_000);
    await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
    const ta = await a.client!.listTransport();
    expect(await shareList(ea, first, ta, { packBytes: 16 * 1024 })).toBe('shared');
    ta.channel.close();

    // B starts receiving and is locked part-way (engine and mover gone, as on lock).
    let eb = await engineOf(b);
    let locked: () => void = () => undefined;
    const lockedAt = new Promise<number>((resolve) => (locked = () => resolve(0)));
    let percentAtLock = -1;
    const mb = moverOf(b, eb, (t) => {
      const p = t[first];
      if (p?.phase === 'receiving' && p.percent > 20 && percentAtLock < 0) {
        percentAtLock = p.percent;
        locked();
      }
    });
    mb.kick();
    await lockedAt;
    mb.dispose();
    eb.dispose();
    await mb.idle();
    const half = await contactTables(b.db).datasets.get(first);
    expect(half?.state).toBe('receiving');
    expect(half!.receiving!.done).toBeLessThan(half!.receiving!.packs);

    // While B is locked, A imports a second list; B unlocks and gets both.
    const second = await importOn(a, ea, file(400, 5_000), '追加分.csv');
    await waitConverged([a, b], allAppended(team.laptops), 15_000);
    // Nothing half-received shows on B's screens.
    eb = await engineOf(b);
    expect(await eb.datasets('inc')).toEqual([]);
    expect(await eb.find('inc', 'no', person(2).no)).toEqual([]);
    const ma = moverOf(a, ea);
    ma.kick();
    await ma.idle();
    const mb2 = moverOf(b, eb);
    mb2.kick();
    await expect.poll(() => [mb2.state[first]?.phase, mb2.state[second]?.phase], { timeout: 30_000 }).toEqual(['done', 'done']);

    // Field by field: every row B shows is A's row.
    for (const [id, n] of [[first, ROWS], [second, 400]] as const) {
      for (let r = 0; r < n; r++) {
        const [ca, cb] = [await ea.card(id, r), await eb.card(id, r)];
        expect(cb?.row).toEqual(ca?.row);
      }
    }
    const sample = (await ea.card(first, 10))!.row;
    expect(sample.name).toBe(`${FAMILY[0]![0]}\t${GIVEN[1]![0]}`);
    expect(sample.email).toBe('k.10+list@例え.jp');
    expect((await ea.card(first, 0))!.row.name).toBe('');

    // Lookups by every kind, typed as a person would (full-width or not), give A's answers.
    const queries: [LookupKind, string, string?][] = [];
    for (const i of [0, 1, 2, 5, 11, 13, 600, ROWS - 1]) {
      const p = person(i);
      queries.push(['no', p.no], ['no', p.no.normalize('NFKC')], ['phone', p.phone], ['phone', p.phone.normalize('NFKC')], ['email', p.email], ['kana-prefix', p.kana.slice(0, 3)], ['postcode-name', p.postcode, p.name]);
    }
    let hits = 0;
    for (const [kind, value, name] of queries) {
      if (!value) continue;
      const [ha, hb] = [await ea.find('inc', kind, value, name ?? ''), await eb.find('inc', kind, value, name ?? '')];
      expect(hb.map((h) => [h.datasetId, h.row.row])).toEqual(ha.map((h) => [h.datasetId, h.row.row]));
      hits += hb.length;
    }
    expect(hits).toBeGreaterThan(20);
    expect(await eb.totals(first)).toEqual(await ea.totals(first));

    // Nothing of the list on B's disk in clear.
    const disk = await diskText(b);
    for (const i of [1, 2, 7, 600]) {
      const p = person(i);
      for (const v of [p.name, p.address, p.email, p.phone, p.no, p.kana]) if (v) expect(disk.includes(v), `${v} in clear on B`).toBe(false);
    }
  });

  it('two laptops sharing the same list at once (as both do when an epoch starts) store it once: the team’s quota still takes the next list', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-twice-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['ayako', 'bunta', 'chika']);
    const [a, b, c] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    const [ea, eb] = [await engineOf(a), await engineOf(b)];
    const list = await importOn(a, ea, file(ROWS), '顧客一覧.csv');
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
    const PACK = 16 * 1024;
    const t0 = await a.client!.listTransport();
    expect(await shareList(ea, list, t0, { packBytes: PACK })).toBe('shared');
    const m0 = await openManifest(t0.lists, t0.epoch, list, (await t0.channel.getSlot(await manifestSlot(t0.listSlot, list)))!);
    t0.channel.close();
    const tb0 = await b.client!.listTransport();
    expect(await receiveList(eb, list, tb0)).toMatchObject({ status: 'complete' });
    tb0.channel.close();

    // The server comes back with a quota for two and a half such lists per epoch.
    const size = m0.packs.reduce((n, p) => n + p.bytes, 0);
    const port = server.port;
    await server.close();
    server = await startSyncServer({ port, dataDir, limits: { listQuotaBytes: Math.floor(size * 2.5) } });

    // Chika is revoked: a new epoch, whose server namespace is empty; A and B both share the list again at once.
    await team.revoke(a, c);
    await expect.poll(() => a.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    // The new epoch's room exists on the server once something is written to it.
    await ea.exclude(list, [5], 'deceased');
    const transport = async (l: Laptop) => {
      await expect.poll(() => l.client!.status().epoch, { timeout: 15_000 }).toBe(1);
      await expect.poll(async () => l.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
      return l.client!.listTransport();
    };
    const [ta, tb] = [await transport(a), await transport(b)];
    const both = await Promise.all([shareList(ea, list, ta, { packBytes: PACK }), shareList(eb, list, tb, { packBytes: PACK })]);
    expect(both.sort()).toEqual(['already', 'shared']);

    // A next list of four fifths the size still fits: the same list was not stored twice.
    const next = await importOn(a, ea, file(Math.floor(ROWS * 0.8), 9_000), '二通目.csv');
    expect(await shareList(ea, next, ta, { packBytes: PACK })).toBe('shared');
    ta.channel.close();
    tb.channel.close();
  });

  it('a member who writes the slot first with the genuine rows but other details (channel order, retries, segments, file name) does not change what B shows', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-details-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['ayako', 'bunta']);
    const [a, b] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    const [ea, eb] = [await engineOf(a), await engineOf(b)];
    const list = await importOn(a, ea, file(ROWS), '顧客一覧.csv');
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);

    // The forger holds the team's keys: A's records as they are, sealed properly, and a manifest with its own details.
    const tr = await a.client!.listTransport();
    const t = contactTables(a.db);
    const records: PackRecord[] = [];
    for (const blk of await t.blocks.where('datasetId').equals(list).sortBy('id')) records.push({ kind: 'block', id: blk.id, sealed: blk.sealed });
    for (const st of await t.status.where('datasetId').equals(list).sortBy('id')) for (const c of channelRecords(st)) records.push({ kind: 'status', ...c });
    for (const x of await t.index.where('datasetId').equals(list).sortBy('id')) records.push({ kind: 'index', id: x.id, entries: storedEntries(x)! });
    const { sealed, ref } = await sealPack(tr.lists, tr.epoch, list, 0, records);
    expect(await tr.channel.put(ref.hash, sealed)).toBe('ok');
    const rec = (await t.datasets.get(list))!;
    const meta = (await ea.data.info(rec)).meta;
    const forged = { ...meta, fileName: '偽の一覧.csv', channelOrder: [...meta.channelOrder].reverse(), maxRetries: meta.maxRetries + 5, segments: meta.segments.map((x) => `偽${x}`), header: meta.header.map(() => '?') };
    const manifest = { v: 1 as const, datasetId: list, incidentId: 'inc', rows: ROWS, fileSize: rec.fileSize, meta: forged, packs: [ref], from: 'forger' };
    expect((await tr.channel.putSlot(await manifestSlot(tr.listSlot, list), await sealManifest(tr.lists, tr.epoch, manifest))).status).toBe('ok');
    tr.channel.close();

    const tb = await b.client!.listTransport();
    await receiveList(eb, list, tb).catch(() => undefined);
    tb.channel.close();
    // Either refused (nothing shown), or shown with the details A signed in its import event — never the forger's.
    const shown = await eb.datasets('inc');
    expect(shown).toHaveLength(1);
    for (const d of shown) {
      expect(d.meta.fileName).toBe('顧客一覧.csv');
      expect(d.meta.channelOrder).toEqual(meta.channelOrder);
      expect(d.meta.maxRetries).toBe(meta.maxRetries);
      expect(d.meta.segments).toEqual(meta.segments);
      expect(d.meta.header).toEqual(meta.header);
      expect(await eb.totals(list)).toEqual(await ea.totals(list));
    }
  });

  it('the server’s disk fills while A shares: A tries again once there is room, and B gets the whole list', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-full-'));
    const faulty = new FaultyStore(await LevelStore.open(dataDir));
    server = await startSyncServer({ port: 0, dataDir, store: faulty });
    team = await makeTeam(['ayako', 'bunta']);
    const [a, b] = team.laptops as [Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    const [ea, eb] = [await engineOf(a), await engineOf(b)];
    const list = await importOn(a, ea, file(ROWS), '顧客一覧.csv');
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);

    // The disk fills part-way through A's first share.
    faulty.fail('ENOSPC', 150_000);
    const ma = moverOf(a, ea);
    const mb = moverOf(b, eb);
    ma.kick();
    await expect.poll(() => faulty.failures, { timeout: 15_000 }).toBeGreaterThan(0);
    mb.kick();
    await mb.idle();
    expect(await eb.datasets('inc')).toEqual([]);
    faulty.heal();
    await expect.poll(() => { ma.kick(); mb.kick(); return mb.state[list]?.phase; }, { timeout: 30_000, interval: 300 }).toBe('done');
    for (const r of [0, 1, 2, 11, 13, ROWS - 1]) expect((await eb.card(list, r))?.row).toEqual((await ea.card(list, r))?.row);
    expect(await eb.totals(list)).toEqual(await ea.totals(list));
  });

  it('an epoch change (a third laptop revoked) while B receives: B finishes under the new epoch, and the revoked laptop’s socket is closed', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-epoch-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['ayako', 'bunta', 'chika']);
    const [a, b, c] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    const [ea, eb] = [await engineOf(a), await engineOf(b)];
    const list = await importOn(a, ea, file(ROWS), '顧客一覧.csv');
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);
    await expect.poll(async () => a.client!.listTransport().then((t) => (t.channel.close(), true), () => false), { timeout: 15_000 }).toBe(true);
    const ta = await a.client!.listTransport();
    expect(await shareList(ea, list, ta, { packBytes: 8 * 1024 })).toBe('shared');
    ta.channel.close();
    const tc = await c.client!.listTransport();

    // B receives pack by pack; a third of the way, Chika is revoked.
    const tb = await b.client!.listTransport();
    let revoking: Promise<unknown> | undefined;
    const first = receiveList(eb, list, tb, {
      onProgress: (p) => {
        if (!revoking && p.done * 3 >= p.packs) revoking = team!.revoke(a, c);
      },
    }).then((r) => r.status, (e: unknown) => (e instanceof Error ? e.name : String(e)));
    await revoking;
    await expect.poll(() => a.client!.status().epoch, { timeout: 15_000 }).toBe(1);
    await ea.exclude(list, [4], 'deceased');
    // Chika's socket, opened in her epoch, reads nothing more.
    const slot0 = await manifestSlot(tc.listSlot, list);
    await expect.poll(() => tc.channel.getSlot(slot0).then(() => 'read', (e: { code?: number }) => e.code), { timeout: 15_000 }).toBe(CLOSE.frozen);
    const outcome = await first;
    expect(['complete', 'ListChannelClosed']).toContain(outcome);

    // The laptops share and receive under the new epoch until B has it all.
    const ma = moverOf(a, ea);
    const mb = moverOf(b, eb);
    await expect.poll(() => { ma.kick(); mb.kick(); return (async () => (await contactTables(b.db).datasets.get(list))?.state)(); }, { timeout: 30_000, interval: 300 }).toBe('complete');
    // The exclusion A made under the new epoch reaches B by sync, perhaps after the list.
    await expect.poll(async () => JSON.stringify(await eb.totals(list)) === JSON.stringify(await ea.totals(list)), { timeout: 15_000 }).toBe(true);
    for (const r of [0, 4, 600, ROWS - 1]) expect((await eb.card(list, r))?.row).toEqual((await ea.card(list, r))?.row);
  });

  it('a manifest with the genuine rows but some blocks’ channel records left out (or cut short) is refused; nothing of it is kept', async () => {
    const { a, b, ea, eb, list } = await twoLaptopsWithList();
    // Block 0's channel record cut to 10 rows, block 1's left out.
    await forgeList(a, ea, list, {
      status: (st) => [
        { kind: 'status', id: st[0]!.id, avail: st[0]!.avail.slice(0, 10), segment: st[0]!.segment.slice(0, 10) },
        ...st.slice(2).map((x): PackRecord => ({ kind: 'status', id: x.id, avail: x.avail, segment: x.segment })),
      ],
    });
    expect(await receiveOnB(b, eb, list)).toBe('ListRefusedError');
    expect(await eb.datasets('inc')).toEqual([]);
    expect(await contactTables(b.db).blocks.where('datasetId').equals(list).count()).toBe(0);
    expect(await contactTables(b.db).status.where('datasetId').equals(list).count()).toBe(0);
  });

  it('a manifest with the genuine rows but channel records rewritten (no channel for any row of a block) is refused; nothing of it is kept', async () => {
    const { a, b, ea, eb, list } = await twoLaptopsWithList();
    // Block 1: no channel for any row (A's dashboard: 1,200 by post; B's would say 923 and 300 to notify publicly).
    await forgeList(a, ea, list, { status: (st) => st.map((x, k): PackRecord => ({ kind: 'status', id: x.id, avail: k === 1 ? new Uint8Array(x.avail.length) : x.avail, segment: x.segment })) });
    expect(await receiveOnB(b, eb, list)).toBe('ListRefusedError');
    expect(await eb.datasets('inc')).toEqual([]);
    expect(await contactTables(b.db).blocks.where('datasetId').equals(list).count()).toBe(0);
    expect(await contactTables(b.db).status.where('datasetId').equals(list).count()).toBe(0);
  });

  it('a manifest with the genuine rows but index entries rewritten (each customer pointing at the next, one left out, one extra record): B’s lookups are still A’s', async () => {
    const { a, b, ea, eb, list } = await twoLaptopsWithList();
    const HIDDEN = 5;
    await forgeList(a, ea, list, {
      status: (st) => st.map((x): PackRecord => ({ kind: 'status', id: x.id, avail: x.avail, segment: x.segment })),
      index: (index) => [
        ...index.map((x): PackRecord => {
          const kept: number[] = [];
          const e = storedEntries(x)!;
          for (let i = 0; i < e.length; i += 3) {
            const row = e[i + 2]!;
            if (row !== HIDDEN) kept.push(e[i]!, e[i + 1]!, (row + 1) % ROWS);
          }
          return { kind: 'index', id: x.id, entries: Uint32Array.from(kept) };
        }),
        { kind: 'index', id: `${index[0]!.id.slice(0, index[0]!.id.lastIndexOf('|') + 1)}999999`, entries: Uint32Array.from([...storedEntries(index[0]!)!.subarray(0, 2), 600]) },
      ],
    });
    expect(await receiveOnB(b, eb, list)).toBe('complete');
    const queries: [LookupKind, string, string?][] = [];
    for (const i of [0, HIDDEN, 6, 600, ROWS - 1]) {
      const p = person(i);
      queries.push(['no', p.no], ['phone', p.phone], ['email', p.email], ['kana-prefix', p.kana.slice(0, 3)], ['postcode-name', p.postcode, p.name]);
    }
    let hits = 0;
    for (const [kind, value, name] of queries) {
      if (!value) continue;
      const [ha, hb] = [await ea.find('inc', kind, value, name ?? ''), await eb.find('inc', kind, value, name ?? '')];
      expect(hb.map((h) => [h.datasetId, h.row.row]), `${kind} ${value}`).toEqual(ha.map((h) => [h.datasetId, h.row.row]));
      hits += hb.length;
    }
    expect(hits).toBeGreaterThan(10);
    // The index B keeps is the one its own rows make: the same entries as A's.
    const entries = async (l: Laptop) => (await contactTables(l.db).index.where('datasetId').equals(list).toArray()).reduce((n, x) => n + storedEntries(x)!.length, 0);
    expect(await entries(b)).toBe(await entries(a));
  });
});

describe('a list whose index is damaged on the laptop that shares it', () => {
  it('is still shared (the index it carries leaves the damaged records out); B builds its own index from the rows and finds every customer', async () => {
    const { a, b, ea, eb, list } = await twoLaptopsWithList();
    const t = contactTables(a.db);
    const recs = await t.index.where('datasetId').equals(list).toArray();
    // One record cut short, one holding both forms (damage a lookup on A names for a rebuild).
    await t.index.put({ ...recs[3]!, packed: recs[3]!.packed!.slice(0, -1) });
    await t.index.put({ ...recs[40]!, entries: storedEntries(recs[40]!)! });
    const ta = await a.client!.listTransport();
    expect(await shareList(ea, list, ta, { packBytes: 16 * 1024 })).toBe('shared');
    // What the packs carry is token triples, whole, for laptops on an older version.
    const manifest = await openManifest(ta.lists, ta.epoch, list, (await ta.channel.getSlot(await manifestSlot(ta.listSlot, list)))!);
    const { openPack } = await import('../../shared/contacts/list-pack');
    let carried = 0;
    for (const [i, ref] of manifest.packs.entries()) {
      for (const r of await openPack(ta.lists, ta.epoch, list, i, ref, (await ta.channel.get(ref.hash))!)) {
        if (r.kind === 'index') carried += r.entries.length / 3;
      }
    }
    ta.channel.close();
    const whole = recs.reduce((n, r) => n + storedEntries(r)!.length / 3, 0);
    expect(carried).toBe(whole - storedEntries(recs[3]!)!.length / 3 - storedEntries(recs[40]!)!.length / 3);
    expect(await receiveOnB(b, eb, list)).toBe('complete');
    for (const i of [0, 1, 2, 5, 11, 600, ROWS - 1]) {
      const p = person(i);
      expect((await eb.find('inc', 'no', p.no)).map((h) => h.row.row), p.no).toEqual([i]);
    }
  });
});
