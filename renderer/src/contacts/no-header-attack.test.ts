/**
 * A stranger's attacks on decision 055: customer lists without a line of column names, and
 * column mappings remembered under a keyed hash. Own data throughout (not test-data.ts).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const callers: string[] = [];
vi.mock('../errors/report', async (orig) => {
  const real = await orig<typeof import('../errors/report')>();
  return { ...real, reportError: () => (callers.push(new Error().stack ?? ''), true) };
});

import { columnNames, guessFromRows, guessMapping, looksLikeData } from '../../../shared/contacts/validate';
import { normalizePhone, normalizePostcode, normalizeEmail } from '../../../shared/contacts/normalize';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { createWorkspace } from '../data/workspace';
import { forgetHeadersInClear, forgetHeadersInClearLater, recallShape, shapeKey } from '../data/remembered-shapes';
import { ContactEngine } from './contact-engine';
import { peekFile, runImport } from './import-pipeline';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
  callers.length = 0;
});

async function setup() {
  const db = new HonbuDb(`nh-attack-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'tr0ub4dor&3 passphrase', { name: '本部 太郎' }, { cost: TEST_KDF_COST });
  return { db, ws, store: ws.store, engine: await ContactEngine.open(ws.store) };
}

// ---- My own customers ---------------------------------------------------------------------

interface Cust { no: string; name: string; kana: string; postcode: string; address: string; email: string; phone: string }

/** The first customer: distinctive strings to hunt for on disk. */
const FIRST: Cust = {
  no: 'K-000001',
  name: '𠮷野 髙﨑',
  kana: 'ヨシノ タカサキ',
  postcode: '060-0042',
  address: '北海道札幌市中央区大通西九十九丁目',
  email: 'yoshino.takasaki+crisis@mail.sapporo.example.jp',
  phone: '011-987-6543',
};

const FAMILY = ['渡辺', '伊藤', '中村', '小林', '加藤'];
function cust(i: number): Cust {
  if (i === 0) return FIRST;
  return {
    no: `K-${String(i + 1).padStart(6, '0')}`,
    name: `${FAMILY[i % FAMILY.length]} 次郎${i}`,
    kana: `カナ ジロウ`,
    postcode: `${String(100 + (i % 800)).padStart(3, '0')}-${String(1000 + i).slice(-4)}`,
    address: `大阪府大阪市北区梅田${i}番地`,
    email: i % 4 === 3 ? '' : `c${i}@example.org`,
    phone: `06-${String(6000 + (i % 3000))}-${String(1000 + (i % 9000)).padStart(4, '0')}`,
  };
}
const SJIS_FIRST: Cust = { ...FIRST, name: '髙﨑 德次' };

const cells = (c: Cust) => [c.no, c.name, c.kana, c.postcode, c.address, c.email, c.phone];
const MAPPING = { fields: { customerNo: 0, name: 1, kana: 2, postcode: 3, address: 4, email: 5, phone: 6 }, extra: [] as number[] };

function lines(n: number, delim = ',', first: Cust = FIRST): string[] {
  return Array.from({ length: n }, (_, i) => cells(i === 0 ? first : cust(i)).join(delim));
}

const utf16 = (text: string, endian: 'le' | 'be', bom = true): Blob => {
  const units = (bom ? '\ufeff' : '') + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const hi = units.charCodeAt(i) >> 8;
    const lo = units.charCodeAt(i) & 0xff;
    bytes[2 * i] = endian === 'le' ? lo : hi;
    bytes[2 * i + 1] = endian === 'le' ? hi : lo;
  }
  return new Blob([bytes]);
};

async function importAndCommit(engine: ContactEngine, db: HonbuDb, file: Blob, extra: Partial<Parameters<typeof runImport>[3]> = {}) {
  const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true, ...extra });
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r)}`);
  await engine.commitImport(r.datasetId);
  return r;
}

async function firstRow(engine: ContactEngine, no = FIRST.no) {
  const hits = await engine.find('inc', 'no', no);
  return hits.map((h) => h.row);
}

// ---- Encodings, separators, line breaks -----------------------------------------------------

describe('headerless files in the shapes people actually send', () => {
  it('Shift_JIS, CRLF, with 髙 and 﨑 (IBM extensions): the first customer is row 1, field by field', async () => {
    const { db, engine } = await setup();
    const text = lines(12, ',', SJIS_FIRST).join('\r\n') + '\r\n';
    const file = new Blob([encodeCsv(text, 'shift_jis')]);
    const p = await peekFile(file, undefined, 5, undefined, true);
    expect(p.encoding).toBe('shift_jis');
    expect(p.firstLineLooksLikeData).toBe(true);
    expect(p.header).toEqual(columnNames(7));
    expect(p.rows[0]).toEqual(cells(SJIS_FIRST));
    expect(p.guess.fields).toMatchObject({ postcode: 3, email: 5, phone: 6 });
    const r = await importAndCommit(engine, db, file);
    expect(r.rows).toBe(12);
    const { no, ...rest } = SJIS_FIRST;
    expect(await firstRow(engine)).toEqual([expect.objectContaining({ ...rest, customerNo: no, line: 1 })]);
  });

  it('UTF-16 BE with a BOM, tab-separated, 𠮷 (outside Shift_JIS) in the first line', async () => {
    const { db, engine } = await setup();
    const file = utf16(lines(9, '\t').join('\r\n') + '\r\n', 'be');
    const p = await peekFile(file, undefined, 5, undefined, true);
    expect(p).toMatchObject({ encoding: 'utf-16be', delimiter: '\t', firstLineLooksLikeData: true });
    expect(p.rows[0]![1]).toBe(FIRST.name);
    const r = await importAndCommit(engine, db, file, { delimiter: p.delimiter });
    expect(r.rows).toBe(9);
    expect((await firstRow(engine))[0]).toMatchObject({ name: FIRST.name, email: FIRST.email, line: 1 });
  });

  it('UTF-16 LE without a BOM, semicolon-separated', async () => {
    const { db, engine } = await setup();
    const file = utf16(lines(8, ';').join('\n') + '\n', 'le', false);
    const p = await peekFile(file, undefined, 5, undefined, true);
    expect(p).toMatchObject({ encoding: 'utf-16le', delimiter: ';' });
    expect(p.rows[0]).toEqual(cells(FIRST));
    const r = await importAndCommit(engine, db, file, { delimiter: p.delimiter });
    expect(r.rows).toBe(8);
    expect((await firstRow(engine))[0]).toMatchObject({ name: FIRST.name, line: 1 });
  });

  it('UTF-8 with a BOM and CR, LF and CRLF mixed; full-width digits and 〒 in the first line', async () => {
    const { db, engine } = await setup();
    const wide: Cust = { ...FIRST, phone: '０１１－９８７－６５４３', postcode: '〒０６０－００４２' };
    const ls = lines(7, ',', wide);
    const text = '\ufeff' + ls[0] + '\r' + ls[1] + '\n' + ls[2] + '\r\n' + ls.slice(3).join('\r') + '\r\n';
    const file = new Blob([text]);
    const p = await peekFile(file, undefined, 10, undefined, true);
    expect(p.bom).toBe(true);
    expect(p.firstLineLooksLikeData).toBe(true);
    expect(p.rows).toHaveLength(7);
    expect(p.rows[0]![0]).toBe(FIRST.no); // no BOM glued to the first customer number
    const r = await importAndCommit(engine, db, file);
    expect(r.rows).toBe(7);
    const [row] = await firstRow(engine);
    expect(row).toMatchObject({ customerNo: FIRST.no, phone: wide.phone, line: 1 });
    expect((await engine.find('inc', 'phone', FIRST.phone)).map((h) => h.row.customerNo)).toEqual([FIRST.no]);
  });

  it('a BOM before a quoted first cell: the customer number has neither the BOM nor quotes', async () => {
    const { db, engine } = await setup();
    const first = ['"K-000001"', ...cells(FIRST).slice(1)].join(',');
    const file = new Blob(['\ufeff' + [first, ...lines(4).slice(1)].join('\n')]);
    expect((await peekFile(file, undefined, 5, undefined, true)).rows[0]![0]).toBe(FIRST.no);
    await importAndCommit(engine, db, file);
    expect((await firstRow(engine))[0]).toMatchObject({ customerNo: FIRST.no, line: 1 });
  });

  it('a blank first line: the first customer is on line 2 and still imported', async () => {
    const { db, engine } = await setup();
    const file = new Blob(['\r\n' + lines(5).join('\r\n') + '\r\n']);
    const p = await peekFile(file, undefined, 10, undefined, false);
    expect(p.firstLineLooksLikeData).toBe(true);
    const r = await importAndCommit(engine, db, file);
    expect(r.rows).toBe(5);
    expect((await firstRow(engine))[0]).toMatchObject({ line: 2 });
  });

  it('a first line of separators only (Excel): skipped with a warning, the next line is the first customer', async () => {
    const { db, engine } = await setup();
    const file = new Blob([',,,,,,\r\n' + lines(5).join('\r\n') + '\r\n']);
    const r = await importAndCommit(engine, db, file);
    expect(r.rows).toBe(5);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'blank-row', line: 1 }));
    expect((await firstRow(engine))[0]).toMatchObject({ line: 2 });
  });

  it('a first line with a quoted multi-line address: kept whole, the next customer on line 3', async () => {
    const { db, engine } = await setup();
    const ml = { ...FIRST, address: '北海道札幌市\r\n中央区大通西' };
    const first = [ml.no, ml.name, ml.kana, ml.postcode, `"${ml.address}"`, ml.email, ml.phone].join(',');
    const file = new Blob([[first, ...lines(4).slice(1)].join('\r\n') + '\r\n']);
    const p = await peekFile(file, undefined, 10, undefined, true);
    expect(p.rows[0]![4]).toBe(ml.address);
    expect(p.rowLines.slice(0, 2)).toEqual([1, 3]);
    const r = await importAndCommit(engine, db, file);
    expect(r.rows).toBe(4);
    expect((await firstRow(engine))[0]).toMatchObject({ address: ml.address, line: 1 });
    expect((await firstRow(engine, cust(1).no))[0]).toMatchObject({ line: 3 });
  });

  it('a one-line file: one customer imported with the box ticked; without it refused, never an empty list', async () => {
    const { db, engine } = await setup();
    const file = new Blob([cells(FIRST).join(',')]);
    const p = await peekFile(file, undefined, 10);
    expect(p.firstLineLooksLikeData).toBe(true);
    const r = await importAndCommit(engine, db, file);
    expect(r.rows).toBe(1);
    const asHeader = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING });
    expect(asHeader).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('an empty file and a BOM-only file are refused as empty, ticked or not', async () => {
    const { db, engine } = await setup();
    for (const file of [new Blob([]), new Blob(['\ufeff']), utf16('', 'le'), new Blob(['\r\n\r\n'])]) {
      expect((await peekFile(file, undefined, 5, undefined, true)).error?.code).toBe('empty-file');
      expect(await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true })).toMatchObject({ ok: false, reason: 'invalid' });
    }
    expect(await engine.unfinishedImports('inc')).toEqual([]);
  });

  it('a first line with MORE cells than the rest: the report points at line 1, not at every other customer', async () => {
    const { db, engine } = await setup();
    const file = new Blob([[cells(FIRST).join(',') + ',余分', ...lines(30).slice(1)].join('\r\n') + '\r\n']);
    // The screen passes the preview's width (most of the first rows), as ImportPanel does.
    const p = await peekFile(file, undefined, 10, undefined, true);
    expect(p.header).toHaveLength(7);
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true, columns: p.header.length });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // One line is off; the other 29 customers are fine.
    expect(r.errors.map((e) => e.line)).toContain(1);
    expect(r.errorCount).toBe(1);
  });

  it('a first line with FEWER cells than the rest (trailing empty cells left out): the report points at line 1', async () => {
    const { db, engine } = await setup();
    const short = [FIRST.no, FIRST.name, FIRST.kana, FIRST.postcode, FIRST.address].join(',');
    const file = new Blob([[short, ...lines(30).slice(1)].join('\r\n') + '\r\n']);
    const p = await peekFile(file, undefined, 10, undefined, true);
    // The preview cannot offer the e-mail and phone columns the other rows have.
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: { fields: { customerNo: 0, name: 1 }, extra: [] }, noHeader: true, columns: p.header.length });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toContain(1);
    expect(r.errorCount).toBe(1);
    expect(p.header.length).toBe(7);
  });
});

// ---- Anything of the first customer where no key is needed -------------------------------

/** Every record of every table, with its sealed/packed bytes taken out, plus all bytes decoded as UTF-8 and UTF-16. */
async function clearText(db: HonbuDb): Promise<{ clear: string; bytes: string }> {
  const clearParts: string[] = [];
  const byteParts: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (v instanceof Uint8Array || ArrayBuffer.isView(v)) {
      const u8 = new Uint8Array((v as ArrayBufferView).buffer, (v as ArrayBufferView).byteOffset, (v as ArrayBufferView).byteLength);
      byteParts.push(new TextDecoder('utf-8').decode(u8), new TextDecoder('utf-16le').decode(u8.subarray(0, u8.length - (u8.length % 2))));
      return `<bytes ${path}>`;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}.${i}`));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${path}.${k}`)]));
    return v;
  };
  for (const table of db.tables) {
    for (const rec of await table.toArray()) clearParts.push(`${table.name}: ${JSON.stringify(walk(rec, table.name))}`);
    for (const k of await table.toCollection().primaryKeys()) clearParts.push(`${table.name} key: ${JSON.stringify(k)}`);
  }
  return { clear: clearParts.join('\n'), bytes: byteParts.join('\n') };
}

const SECRETS = [FIRST.no, FIRST.name, '𠮷野', FIRST.kana, FIRST.address, FIRST.email, FIRST.phone, '0119876543', '+81119876543', '0600042', FIRST.postcode];

describe('the first customer never lies in clear', () => {
  it('after a headerless import (ticked), a resumed one, and the mapping remembered: no table holds a cell of them', async () => {
    const { db, engine } = await setup();
    const file = new Blob([lines(40).join('\r\n') + '\r\n']);
    const peekAsIs = await peekFile(file);
    // The person first looks at it unticked (the UI recalls under the customer's row), then ticks.
    expect(await engine.recallMapping(peekAsIs.header)).toBeUndefined();
    const killed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true, commitRows: 1, stopAfterRows: 1 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const mid = await clearText(db);
    for (const s of SECRETS) expect(mid.clear, s).not.toContain(s);
    const [u] = await engine.unfinishedImports('inc');
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, resumeId: u!.id });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await engine.commitImport(r.datasetId);
    await engine.rememberMapping(columnNames(7), MAPPING);
    // And the same file imported as if it had a header (the box left unticked), remembered too.
    const mapping2 = { fields: { customerNo: 0 }, extra: [1, 2, 3, 4, 5, 6] };
    const r2 = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: mapping2 });
    if (!r2.ok) throw new Error(JSON.stringify(r2));
    await engine.commitImport(r2.datasetId);
    await engine.rememberMapping(peekAsIs.header, mapping2);
    const { clear, bytes } = await clearText(db);
    for (const s of SECRETS) {
      expect(clear, s).not.toContain(s);
      expect(bytes, s).not.toContain(s);
    }
    // The result handed to the screen (warnings, report) names lines and columns, never values.
    for (const s of SECRETS) expect(JSON.stringify([r, r2, killed]), s).not.toContain(s);
  });

  it('a failed headerless import (an unterminated quote in the first line) leaves nothing of the line behind', async () => {
    const { db, engine } = await setup();
    const broken = [FIRST.no, `"${FIRST.name}`, FIRST.kana, FIRST.postcode, FIRST.address, FIRST.email, FIRST.phone].join(',');
    const file = new Blob([[broken, ...lines(5).slice(1)].join('\r\n')]);
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true });
    expect(r.ok).toBe(false);
    for (const s of SECRETS) expect(JSON.stringify(r), s).not.toContain(s);
    const { clear } = await clearText(db);
    for (const s of SECRETS) expect(clear, s).not.toContain(s);
  });
});

// ---- Resume, cancel, adoption, duplicates ----------------------------------------------------

describe('the flag through resume, cancel, adoption and duplicates', () => {
  const big = (n: number) => new Blob([lines(n).join('\r\n') + '\r\n']);

  it('a list WITH a header line, interrupted, resumed with the box ticked by mistake: still read with its header', async () => {
    const { db, engine } = await setup();
    const header = '会員番号,氏名,カナ,郵便番号,住所,メール,電話';
    const file = new Blob([[header, ...lines(2100)].join('\r\n') + '\r\n']);
    const killed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, commitRows: 1000, stopAfterRows: 1000 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const [u] = await engine.unfinishedImports('inc');
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true, commitRows: 1000, resumeId: u!.id });
    expect(r).toMatchObject({ ok: true, rows: 2100 });
    if (!r.ok) return;
    await engine.commitImport(r.datasetId);
    expect(await firstRow(engine, '会員番号')).toEqual([]);
    for (const i of [0, 999, 1000, 2099]) expect((await firstRow(engine, cust(i).no)).map((x) => x.line), `customer ${i}`).toEqual([i + 2]);
  });

  it('a list WITH column names imported with the box still ticked (from the previous file): the names line is not made a customer', async () => {
    const { db, engine } = await setup();
    const header = '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号';
    const file = new Blob([[header, ...lines(5)].join('\r\n') + '\r\n']);
    // ImportPanel keeps the tick box across files (choose() defaults headerless = noHeader), and says nothing then.
    const p = await peekFile(file, undefined, 10, undefined, true);
    expect(p.firstLineLooksLikeData).toBe(false);
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true });
    if (r.ok) await engine.commitImport(r.datasetId);
    expect(await firstRow(engine, '顧客番号')).toEqual([]);
  });

  it('stops at odd row counts and resumes with another commit size: every customer once', async () => {
    const { db, engine } = await setup();
    const file = big(2300);
    let resumeId: string | undefined;
    for (const [commitRows, stopAfterRows] of [[1, 1], [1, 1001], [1500, 1]] as const) {
      const k = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: resumeId ? undefined : true, commitRows, stopAfterRows, resumeId });
      expect(k, `commitRows ${commitRows} stopAfterRows ${stopAfterRows} ${JSON.stringify({ ...k, timings: undefined })}`).toMatchObject({ ok: false, reason: 'interrupted' });
      resumeId = (await engine.unfinishedImports('inc'))[0]!.id;
    }
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: false, commitRows: 3000, resumeId });
    expect(r).toMatchObject({ ok: true, rows: 2300 });
    if (!r.ok) return;
    await engine.commitImport(r.datasetId);
    for (const i of [0, 1, 999, 1000, 1999, 2000, 2001, 2299]) expect((await firstRow(engine, cust(i).no)).map((x) => x.line), `customer ${i}`).toEqual([i + 1]);
  });

  it('a cancel discards everything of a headerless import', async () => {
    const { db, engine } = await setup();
    const ac = new AbortController();
    const r = await runImport(db, engine.importKeys, big(3000), { incidentId: 'inc', mapping: MAPPING, noHeader: true, commitRows: 1000 }, (p) => p.rows > 1500 && ac.abort(), ac.signal);
    expect(r).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await engine.unfinishedImports('inc')).toEqual([]);
    expect(await engine.datasets('inc')).toEqual([]);
  });

  it("the first line's customer number repeated later is reported as a duplicate of line 1", async () => {
    const { db, engine } = await setup();
    const ls = lines(10);
    ls[6] = cells({ ...cust(6), no: FIRST.no }).join(',');
    const r = await importAndCommit(engine, db, new Blob([ls.join('\n')]));
    expect(r.duplicates).toBe(1);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'customer-no-duplicated', line: 7, firstLine: 1 }));
  });

  async function twoLaptops() {
    const { keys } = await createVault('one key, two laptops', TEST_KDF_COST);
    let t = 1_800_000_000_000;
    const laptop = async (device: string) => {
      const db = new HonbuDb(`nh-attack-${crypto.randomUUID()}`);
      dbs.push(db);
      const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor: device }, () => (t += 1000), keys.index);
      return { db, store, engine: await ContactEngine.open(store) };
    };
    return { a: await laptop('a'), b: await laptop('b') };
  }

  it('adopting without the flag (an older laptop, or it was lost) is refused, never a list one customer short', async () => {
    const { a, b } = await twoLaptops();
    const file = big(25);
    const r = await runImport(a.db, a.engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true });
    if (!r.ok) throw new Error('import');
    await a.engine.commitImport(r.datasetId);
    await b.store.applyRemote(await a.store.readEvents());
    const req = await b.engine.adoptRequest(r.datasetId);
    expect(req.noHeader).toBe(true);
    const { noHeader: _, ...without } = req;
    const adopted = await runImport(b.db, b.engine.importKeys, file, without);
    if (adopted.ok) expect(await b.engine.commitAdopted(r.datasetId)).toEqual({ ok: false, reason: 'hash-mismatch' });
    expect(await b.engine.find('inc', 'no', cust(3).no)).toEqual([]);
    // Then with it: adopted, the first customer included.
    const again = await runImport(b.db, b.engine.importKeys, file, await b.engine.adoptRequest(r.datasetId));
    expect(again).toMatchObject({ ok: true, rows: 25 });
    expect(await b.engine.commitAdopted(r.datasetId)).toEqual({ ok: true });
    expect((await b.engine.find('inc', 'no', FIRST.no))[0]!.row).toMatchObject({ name: FIRST.name, line: 1 });
  });

  it('adopting a list imported WITH its header, flag forced on: refused', async () => {
    const { a, b } = await twoLaptops();
    const file = new Blob([['番号,名前,カナ,〒,住所,mail,tel', ...lines(25)].join('\n')]);
    const r = await runImport(a.db, a.engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING });
    if (!r.ok) throw new Error('import');
    await a.engine.commitImport(r.datasetId);
    await b.store.applyRemote(await a.store.readEvents());
    const req = await b.engine.adoptRequest(r.datasetId);
    expect(req.noHeader).toBeUndefined();
    const adopted = await runImport(b.db, b.engine.importKeys, file, { ...req, noHeader: true });
    if (adopted.ok) expect(await b.engine.commitAdopted(r.datasetId)).toEqual({ ok: false, reason: 'hash-mismatch' });
  });
});

// ---- Detection ---------------------------------------------------------------------------

describe('looksLikeData on realistic lines', () => {
  it('real header lines are never taken for a customer', () => {
    const headers = [
      ['顧客番号', '氏名', 'TEL(03-1234-5678)', '郵便番号(例:100-0001)', 'メール(例: taro@example.jp)'],
      ['Customer ID', 'Full name', 'E-mail', 'Phone (e.g. 03-1234-5678)', 'ZIP'],
      ['会員ID', '〒', '住所1', '住所2', '電話番号1', '電話番号2', 'e-mail'],
      ['No.', '氏名（漢字）', 'ﾌﾘｶﾞﾅ', '〒番号', 'ＴＥＬ', 'ＦＡＸ', 'Ｅメール'],
    ];
    for (const h of headers) expect(looksLikeData(h), h.join(',')).toBe(false);
  });

  // Every phone/postcode/e-mail written the way the app itself accepts it for the row (normalizePhone etc.).
  const customersAsWritten: [string, string][] = [
    ['phone', '03(1234)5678'],
    ['phone', '03 1234 5678'],
    ['phone', '(03)1234-5678'],
    ['phone', '090 1234 5678'],
    ['phone', '+81 90 1234 5678'],
    ['phone', '+819012345678'],
    ['phone', '090−1234−5678'], // U+2212, as macOS writes a minus
    ['postcode', '1000001'],
    ['postcode', '〒1000001'],
    ['postcode', '100 0001'],
    ['email', 'Taro.Yamada+news@mail.sub.example.co.jp'],
  ];

  it.each(customersAsWritten)('a first customer whose %s is written "%s" (accepted by the import) is noticed', (kind, value) => {
    const accepted = kind === 'phone' ? normalizePhone(value) : kind === 'postcode' ? normalizePostcode(value) : normalizeEmail(value);
    expect(accepted, 'the import itself takes it as valid').not.toBe('');
    expect(looksLikeData(['K-000001', '山田 太郎', value, '東京都千代田区'])).toBe(true);
  });

  it('end to end: a headerless list written with 03(1234)5678 and 1000001 — the preview warns, the columns are guessed', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => [`A${i + 1}`, `佐々木 ${i}`, `10000${String(i).padStart(2, '0')}`, '東京都港区', `03(1234)${String(5600 + i)}`].join(','));
    const p = await peekFile(new Blob([rows.join('\r\n') + '\r\n']), undefined, 10);
    expect(p.firstLineLooksLikeData).toBe(true);
    const ticked = await peekFile(new Blob([rows.join('\r\n') + '\r\n']), undefined, 10, undefined, true);
    expect(ticked.guess.fields).toMatchObject({ postcode: 2, phone: 4 });
  });

  it('guessFromRows does not map a customer-number column to the postcode', () => {
    // Customer numbers like 123-4567 (a common member-number format).
    const rows = Array.from({ length: 5 }, (_, i) => [`123-45${60 + i}`, '山田', `060-00${40 + i}`]);
    // Both columns look like postcodes: neither is guessed, the person picks.
    expect(guessFromRows(3, rows).fields.postcode).toBeUndefined();
  });

  it('a header line is still guessed by name (the unticked path is unchanged)', () => {
    expect(guessMapping(['顧客番号', '氏名', '電話番号']).fields).toMatchObject({ customerNo: 0, name: 1, phone: 2 });
  });
});

// ---- forgetHeadersInClear against hostile preferences ---------------------------------------

describe('forgetHeadersInClear with hostile preference rows', () => {
  it('a huge key, non-array JSON, a kind with colons, a value that is no mapping: no throw, nothing in clear after', async () => {
    const { store } = await setup();
    const db = store.database;
    const huge = Array.from({ length: 5000 }, (_, i) => `${FIRST.name}${i}`);
    await db.prefs.bulkPut([
      { key: `contacts-mapping:${JSON.stringify(huge)}`, value: MAPPING },
      { key: `contacts-mapping:${JSON.stringify({ name: FIRST.name })}`, value: MAPPING },
      { key: `contacts-mapping:${JSON.stringify(FIRST.email)}`, value: MAPPING },
      { key: `contacts-mapping:${JSON.stringify([FIRST.phone, 3])}`, value: MAPPING },
      { key: `faq-vendor-mapping:log:x:${JSON.stringify([FIRST.address])}`, value: { kind: 'log', fields: {}, categoryColumns: [] } },
      { key: `faq-vendor-mapping:${JSON.stringify([FIRST.kana])}`, value: 1 },
      { key: `faq-vendor-mapping::${JSON.stringify([FIRST.no])}`, value: 1 },
      { key: 'contacts-mapping:', value: null },
      { key: 'lang', value: 'ja' },
    ]);
    expect(await forgetHeadersInClear(db, store.keys.index)).toBe(8);
    const { clear } = await clearText(db);
    for (const s of SECRETS) expect(clear, s).not.toContain(s);
    expect(clear).not.toContain('contacts-mapping:');
    expect(clear).not.toContain('faq-vendor-mapping:');
    expect(await recallShape(db, store.keys.index, 'contacts', huge)).toEqual(MAPPING);
  });

  it('a legacy value that is not a mapping is not handed back to the import screen as one', async () => {
    const { store, engine } = await setup();
    const db = store.database;
    const header = ['番号', '名前'];
    await db.prefs.bulkPut([{ key: `contacts-mapping:${JSON.stringify(header)}`, value: 'not a mapping' }]);
    await forgetHeadersInClear(db, store.keys.index);
    const recalled = await engine.recallMapping(header);
    // ImportPanel does `recallMapping(...) ?? guess` and reads mapping.fields.customerNo.
    expect(recalled === undefined || (typeof recalled === 'object' && recalled !== null && 'fields' in recalled)).toBe(true);
  });

  it('a legacy value holding text (damaged or planted) does not carry that text on under the keyed key', async () => {
    const { store } = await setup();
    const db = store.database;
    await db.prefs.bulkPut([{ key: `contacts-mapping:${JSON.stringify(['番号', '名前'])}`, value: { fields: { customerNo: 0 }, extra: [1], header: [FIRST.no, FIRST.name] } }]);
    await forgetHeadersInClear(db, store.keys.index);
    expect((await clearText(db)).clear).not.toContain(FIRST.name);
  });

  it('concurrent calls: each sees consistent prefs, one copy of each mapping, no clear key left', async () => {
    const { store } = await setup();
    const db = store.database;
    const rows = Array.from({ length: 50 }, (_, i) => ({ key: `contacts-mapping:${JSON.stringify([`${FIRST.name}${i}`, 'x'])}`, value: { fields: { customerNo: i % 2 }, extra: [] } }));
    await db.prefs.bulkPut(rows);
    const counts = await Promise.all([forgetHeadersInClear(db, store.keys.index), forgetHeadersInClear(db, store.keys.index), forgetHeadersInClear(db, store.keys.index)]);
    expect(counts.some((c) => c === 50)).toBe(true);
    const keys = (await db.prefs.toCollection().primaryKeys()) as string[];
    expect(keys.filter((k) => k.startsWith('contacts-mapping:'))).toEqual([]);
    expect(keys.filter((k) => k.startsWith('shape:contacts:'))).toHaveLength(50);
    for (let i = 0; i < 50; i++) expect(await recallShape(db, store.keys.index, 'contacts', [`${FIRST.name}${i}`, 'x'])).toEqual({ fields: { customerNo: i % 2 }, extra: [] });
  });

  it('a lock (database closed) in the middle: not reported as a fault, nothing half-done, and the next unlock finishes', async () => {
    const { store } = await setup();
    const db = store.database;
    await db.prefs.bulkPut(Array.from({ length: 30 }, (_, i) => ({ key: `contacts-mapping:${JSON.stringify([`${FIRST.email}${i}`])}`, value: MAPPING })));
    forgetHeadersInClearLater(db, store.keys.index);
    db.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(callers.filter((c) => c.includes('remembered-shapes'))).toEqual([]);
    const again = new HonbuDb(db.name);
    dbs.push(again);
    const left = ((await again.prefs.toCollection().primaryKeys()) as string[]);
    // Either all moved or none: never some clear rows deleted without their keyed copy.
    const clearLeft = left.filter((k) => k.startsWith('contacts-mapping:')).length;
    const moved = left.filter((k) => k.startsWith('shape:')).length;
    expect([clearLeft, moved]).toSatisfy(([c, m]: number[]) => (c === 30 && m === 0) || (c === 0 && m === 30));
    await forgetHeadersInClear(again, store.keys.index);
    const { clear } = await clearText(again);
    expect(clear).not.toContain(FIRST.email);
  });

  it('a lock at different moments of the move: never half done, never reported', async () => {
    for (const ticks of [0, 1, 2, 3, 5, 8, 13, 30]) {
      const db0 = new HonbuDb(`nh-attack-${crypto.randomUUID()}`);
      dbs.push(db0);
      const { store } = await createWorkspace(db0, 'tr0ub4dor&3 passphrase', { name: '本部 太郎' }, { cost: TEST_KDF_COST });
      const db = store.database;
      await db.prefs.bulkPut(Array.from({ length: 20 }, (_, i) => ({ key: `contacts-mapping:${JSON.stringify([`${FIRST.phone}-${i}`])}`, value: MAPPING })));
      forgetHeadersInClearLater(db, store.keys.index);
      for (let i = 0; i < ticks; i++) await new Promise((r) => setTimeout(r, 0));
      db.close();
      await new Promise((r) => setTimeout(r, 50));
      const again = new HonbuDb(db.name);
      dbs.push(again);
      const left = (await again.prefs.toCollection().primaryKeys()) as string[];
      const c = left.filter((k) => k.startsWith('contacts-mapping:')).length;
      const m = left.filter((k) => k.startsWith('shape:')).length;
      expect([c, m], `after ${ticks} ticks`).toSatisfy(([x, y]: number[]) => (x === 20 && y === 0) || (x === 0 && y === 20));
      again.close();
    }
    // (Earlier tests' engines, never disposed, report their background merges on deleted databases: not ours.)
    expect(callers.filter((c) => c.includes('remembered-shapes'))).toEqual([]);
  });

  it('shape keys: stable across calls, another scope differs, scope and header cannot be confused', async () => {
    const { store } = await setup();
    const k1 = await shapeKey(store.keys.index, 'contacts', columnNames(7));
    const k2 = await shapeKey(store.keys.index, 'contacts', columnNames(7));
    const k3 = await shapeKey(store.keys.index, 'faq-vendor:log', columnNames(7));
    expect(k1).toBe(k2);
    expect(k1).not.toBe(k3);
    // Scope/header confusion: a scope ending in the separator cannot forge another's key.
    expect(await shapeKey(store.keys.index, 'contacts\u0000["a"]', [])).not.toBe(await shapeKey(store.keys.index, 'contacts', ['a']));
  });
});
