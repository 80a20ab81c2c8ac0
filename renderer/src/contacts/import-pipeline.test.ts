import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { createSHA256 } from 'hash-wasm';
import { HEAD_BYTES } from './file-reader';
import { peekFile, runImport } from './import-pipeline';
import { contactTables } from './tables';
import { checkFold } from './outcomes';
import { customer, csvText, HEADER } from './test-data';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup() {
  const db = new HonbuDb(`contacts-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  const engine = await ContactEngine.open(ws.store);
  return { db, ws, engine };
}

const sjis = (text: string) => new Blob([encodeCsv(text, 'shift_jis')]);
const mapping = guessMapping(HEADER.split(','));

describe('customer list import', () => {
  it('peeks: encoding, header, first rows and a mapping guess', async () => {
    const p = await peekFile(sjis(csvText(30)), undefined, 5);
    expect(p.encoding).toBe('shift_jis');
    expect(p.header[0]).toBe('顧客番号');
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]![1]).toBe('山田 花子');
    expect(p.guess.fields).toMatchObject({ customerNo: 0, phone: 6 });
  });

  it('imports Shift_JIS in chunks; nothing visible until committed; lookups; totals; duplicates excluded', async () => {
    const { db, engine } = await setup();
    const file = sjis(csvText(2500, { dupOf: [2400, 10] }));
    const progress: number[] = [];
    const result = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping, commitRows: 1000 }, (p) => progress.push(p.rows));
    expect(result).toMatchObject({ ok: true, rows: 2500, duplicates: 1 });
    if (!result.ok) return;
    expect(result.warnings.find((w) => w.code === 'customer-no-duplicated')).toMatchObject({ column: 1, firstLine: 13 }) // row 0 spans two lines;
    expect(result.warnings.some((w) => w.code === 'formula-like' && w.column === 9)).toBe(true);
    expect(await engine.datasets('inc')).toHaveLength(0);
    await engine.commitImport(result.datasetId);
    const [d] = await engine.datasets('inc');
    expect(d).toMatchObject({ rows: 2500, meta: { encoding: 'shift_jis', segments: ['通販', 'アプリ'] } });
    const totals = await engine.totals(d!.id);
    expect(totals.rows).toBe(2500);
    expect(totals.excluded.duplicate).toBe(1);
    expect(totals.byChannel.post!.pending).toBe(2499);

    const c = customer(1233);
    for (const [kind, value] of [['no', c.no.toLowerCase()], ['phone', c.phone.replace(/-/g, '')], ['email', c.email.toUpperCase()]] as const) {
      const found = await engine.find('inc', kind, value);
      expect(found.map((f) => f.row.customerNo), kind).toContain(c.no);
    }
    const byPc = await engine.find('inc', 'postcode-name', c.postcode.replace('-', ''), c.name.replace(' ', ''));
    expect(byPc[0]!.row).toMatchObject({ name: c.name, address: c.address, line: expect.any(Number) });
    const kana = await engine.find('inc', 'kana-prefix', 'やまだは', '', 1000);
    expect(kana.length).toBeGreaterThan(100);
    expect(kana.every((k) => k.row.kana.startsWith('ヤマダ ハ'))).toBe(true);
    // Displayed values are exactly as imported, multi-line notes included.
    const withNote = await engine.find('inc', 'no', customer(97).no);
    expect(withNote[0]!.row.extra).toEqual(['複数行の\r\n備考']);
    expect((await checkFold(engine, d!.id))).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
  });

  it('resumes after a kill without duplicating rows, and a changed file cannot resume', async () => {
    const { db, engine } = await setup();
    const text = csvText(3500);
    const killed = await runImport(db, engine.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000, stopAfterRows: 2000 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const [job] = await engine.unfinishedImports('inc');
    expect(job).toMatchObject({ committedRows: 2000, state: 'importing' });
    // The hash kept in clear to recognise the file is keyed: someone holding the same file cannot match it.
    const stored = await contactTables(db).datasets.get(job!.id);
    const plain = await createSHA256();
    plain.update(new Uint8Array(await sjis(text).slice(0, HEAD_BYTES).arrayBuffer()));
    expect(stored!.headHash).toMatch(/^[0-9a-f]{64}$/);
    const unkeyed = plain.digest('hex');
    expect(stored!.headHash).not.toBe(unkeyed);
    // One left unfinished by a version that kept the plain SHA-256 still resumes.
    await contactTables(db).datasets.put({ ...stored!, headHash: unkeyed });
    expect(await engine.datasets('inc')).toHaveLength(0);
    const other = await runImport(db, engine.importKeys, sjis(text.replace('山田', '山本')), { incidentId: 'inc', mapping, resumeId: job!.id });
    expect(other).toMatchObject({ ok: false, reason: 'resume-mismatch' });
    const resumed = await runImport(db, engine.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000, resumeId: job!.id });
    expect(resumed).toMatchObject({ ok: true, rows: 3500, resumedFrom: 2000 });
    expect((await contactTables(db).datasets.get(job!.id))!.headHash).toBe(stored!.headHash);
    await engine.commitImport(job!.id);
    expect((await engine.totals(job!.id)).rows).toBe(3500);
    expect(await contactTables(db).blocks.where('datasetId').equals(job!.id).count()).toBe(4);
    expect((await engine.find('inc', 'no', customer(3499).no))[0]!.row.row).toBe(3499);
    expect((await engine.find('inc', 'no', customer(0).no))).toHaveLength(1);
  });

  it('a cancelled or failed import leaves nothing behind', async () => {
    const { db, engine } = await setup();
    const ctl = new AbortController();
    ctl.abort();
    expect(await runImport(db, engine.importKeys, sjis(csvText(100)), { incidentId: 'inc', mapping }, undefined, ctl.signal)).toMatchObject({ reason: 'cancelled' });
    const bad = csvText(2500).replace(`${customer(2200).no},`, ',');
    const r = await runImport(db, engine.importKeys, sjis(bad), { incidentId: 'inc', mapping, commitRows: 1000 });
    expect(r).toMatchObject({ ok: false, reason: 'invalid', errors: [{ code: 'customer-no-missing', column: 1 }] });
    const t = contactTables(db);
    expect(await t.datasets.count()).toBe(0);
    expect(await t.blocks.count()).toBe(0);
    expect(await t.index.count()).toBe(0);
  });
});
