/**
 * A customer list without a line of column names: its first line is a customer. Taken as a
 * header, that customer was left out of the list (and their data became "column names").
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { peekFile, runImport } from './import-pipeline';
import { csvText, customer, HEADER, utf16le } from './test-data';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup() {
  const db = new HonbuDb(`no-header-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  return { db, engine: await ContactEngine.open(ws.store) };
}

/** The unit tests' list without its header line, tab-separated, as UTF-16 (Excel's Unicode text). */
const headerless = (n: number) => utf16le(csvText(n).slice(HEADER.length + 2).replace(/,/g, '\t'));
/** customerNo 列1, name 列2, kana 列3, postcode 列4, address 列5, e-mail 列6, phone 列7. */
const MAPPING = { fields: { customerNo: 0, name: 1, kana: 2, postcode: 3, address: 4, email: 5, phone: 6, segment: 7 }, extra: [8] };

describe('a customer list without a header line', () => {
  it('the preview says the first line looks like a customer; asked, it shows that line as the first row under 列1, 列2 …', async () => {
    const file = headerless(30);
    const asIs = await peekFile(file, undefined, 5);
    expect(asIs.firstLineLooksLikeData).toBe(true);
    expect(asIs.header[1]).toBe(customer(0).name);

    const p = await peekFile(file, undefined, 5, undefined, true);
    expect(p.header).toEqual(['列1', '列2', '列3', '列4', '列5', '列6', '列7', '列8', '列9']);
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]!.slice(0, 2)).toEqual([customer(0).no, customer(0).name]);
    expect(p.rowLines[0]).toBe(1);
    expect(p.firstLineLooksLikeData).toBe(true);
    // A list with its column names is not taken for one without.
    expect((await peekFile(new Blob([csvText(3)]), undefined, 5)).firstLineLooksLikeData).toBe(false);
  });

  it("imports every customer, the first line's included, field by field; lookups find the first customer", async () => {
    const { db, engine } = await setup();
    const result = await runImport(db, engine.importKeys, headerless(2500), { incidentId: 'inc', mapping: MAPPING, noHeader: true, commitRows: 1000 });
    expect(result).toMatchObject({ ok: true, rows: 2500 });
    if (!result.ok) return;
    await engine.commitImport(result.datasetId);
    const [d] = await engine.datasets('inc');
    expect(d!.meta).toMatchObject({ header: ['列1', '列2', '列3', '列4', '列5', '列6', '列7', '列8', '列9'], noHeader: true });
    const c = customer(0);
    const [found] = await engine.find('inc', 'no', c.no);
    expect(found!.row).toMatchObject({ customerNo: c.no, name: c.name, kana: c.kana, postcode: c.postcode, address: c.address, email: c.email, phone: c.phone, line: 1 });
    const last = customer(2499);
    expect((await engine.find('inc', 'phone', last.phone))[0]!.row).toMatchObject({ customerNo: last.no, name: last.name });
  });

  it('an interrupted import resumes as it began, whatever the request says: no customer twice, none left out', async () => {
    const { db, engine } = await setup();
    const file = headerless(3500);
    const killed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, noHeader: true, commitRows: 1000, stopAfterRows: 2000 });
    expect(killed).toMatchObject({ ok: false, reason: 'interrupted' });
    const [unfinished] = await engine.unfinishedImports('inc');
    // The person's screen forgot the tick box: the stored import remembers it.
    const resumed = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: MAPPING, commitRows: 1000, resumeId: unfinished!.id });
    expect(resumed).toMatchObject({ ok: true, rows: 3500 });
    if (!resumed.ok) return;
    await engine.commitImport(resumed.datasetId);
    for (const i of [0, 1999, 2000, 3499]) {
      const found = await engine.find('inc', 'no', customer(i).no);
      expect(found.map((f) => f.row.name), `customer ${i}`).toEqual([customer(i).name]);
    }
  });

  it('the import event says so, and a laptop adopting the list with the same file reads its first line as a customer too', async () => {
    const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
    let t = 1_700_000_000_000;
    const laptop = async (device: string) => {
      const db = new HonbuDb(`no-header-${crypto.randomUUID()}`);
      dbs.push(db);
      const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor: device }, () => (t += 1000), keys.index);
      return { db, store, engine: await ContactEngine.open(store) };
    };
    const a = await laptop('a');
    const b = await laptop('b');
    const result = await runImport(a.db, a.engine.importKeys, headerless(40), { incidentId: 'inc', mapping: MAPPING, noHeader: true });
    if (!result.ok) throw new Error('import failed');
    const e = await a.engine.commitImport(result.datasetId);
    expect(e.payload).toMatchObject({ noHeader: true, rows: 40, header: expect.arrayContaining(['列1']) });

    await b.store.applyRemote(await a.store.readEvents());
    const request = await b.engine.adoptRequest(result.datasetId);
    expect(request.noHeader).toBe(true);
    expect(await runImport(b.db, b.engine.importKeys, headerless(40), request)).toMatchObject({ ok: true, rows: 40 });
    expect(await b.engine.commitAdopted(result.datasetId)).toEqual({ ok: true });
    const [first] = await b.engine.find('inc', 'no', customer(0).no);
    expect(first!.row).toMatchObject({ name: customer(0).name, line: 1 });
  });
});
