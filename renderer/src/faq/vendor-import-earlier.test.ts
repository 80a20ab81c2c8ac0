/**
 * A day file stored by an earlier version of the vendor import, imported again through the
 * handler (faq.import-vendor-log on a real workspace in fake-indexeddb, parts of 2,000 rows):
 * rows are matched over the whole file first, so a row in the second part finds its enquiry too.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessVendorMapping } from '../../../shared/faq/vendor-mapping';
import { vendorEnquiries, type VendorEnquiry } from '../../../shared/faq/vendor-rows';
import { readVendorTable } from '../../../shared/faq/vendor-table';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { tables } from '../data/tables';
import { firstReportArgs } from '../data/test-drafts';
import { createWorkspace } from '../data/workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function workspace() {
  const db = new HonbuDb(`vendor-earlier-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  openDispatch({ store: ws.store, personId: ws.identity.personId });
  const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
  const stored = async () => (await ws.store.table(tables.enquiries).where('incidentId', incidentId)).sort((a, b) => (a.caller.name < b.caller.name ? -1 : 1));
  return { incidentId, stored };
}

async function rowsOf(text: string): Promise<VendorEnquiry[]> {
  const r = await readVendorTable(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  const { enquiries, problems } = vendorEnquiries(r.table, guessVendorMapping('log', r.table.header), '2026-12-07', { today: '2026-12-07' });
  if (problems.length > 0) throw new Error(`problems: ${JSON.stringify(problems.slice(0, 3))}`);
  return enquiries;
}

const N = 2_100;
const clock = (i: number) => `${1 + Math.floor(i / 360)}:${String(Math.floor(i / 6) % 60).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`;
/** The afternoon time row i was called at, as read today. */
const afternoon = (i: number) => `2026-12-07T${String(13 + Math.floor(i / 360))}:${clock(i).split(':').slice(1).join(':')}+09:00`;

describe('day files stored by earlier versions, imported again', () => {
  it('no 受付番号, stored by the version before 午後 was read (19a0ee4), 2,100 rows over two parts: none added, each enquiry its own call at its afternoon time', async () => {
    const { incidentId, stored } = await workspace();
    const file = (pm: string) => ['受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名', ...Array.from({ length: N }, (_, i) => `${pm}${clock(i)},電話,質問${i % 7},回答${i},OP-${i % 3},客${String(i).padStart(4, '0')}`)].join('\n') + '\n';
    // That version read 午後 1:00:00 as 1:00:00: what it stored is today's reading of the file without 午後 (its keys, key for key).
    expect(await dispatch('faq.import-vendor-log', { incidentId, rows: await rowsOf(file('')) })).toEqual({ added: N, already: 0, corrected: 0, stopped: false });
    const ids = new Map((await stored()).map((e) => [e.caller.name, e.id]));

    expect(await dispatch('faq.import-vendor-log', { incidentId, rows: await rowsOf(file('午後 ')) })).toEqual({ added: 0, already: 0, corrected: N, stopped: false });
    const rows = await stored();
    expect(rows).toHaveLength(N);
    expect(rows.filter((e) => ids.get(e.caller.name) !== e.id)).toEqual([]);
    expect(rows.filter((e, i) => e.at !== afternoon(i) || e.answerText !== `回答${i}`)).toEqual([]);
    expect(await dispatch('faq.import-vendor-log', { incidentId, rows: await rowsOf(file('午後 ')) })).toEqual({ added: 0, already: N, corrected: 0, stopped: false });
  }, 120_000);

  it('web-form rows with - as the 受付番号, stored by a version that took it for a number (e85141e: r:<day>:-, -#2 …), 2,100 rows over two parts: none added', async () => {
    const { incidentId, stored } = await workspace();
    const file = ['受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名', ...Array.from({ length: N }, (_, i) => `-,午後 ${clock(i)},Web,質問${i % 7},回答${i},WEB,客${String(i).padStart(4, '0')}`)].join('\n') + '\n';
    // As that version keyed them: the number "-", its n-th row in the file #n.
    const then = (await rowsOf(file)).map((row, i) => {
      const rowKey = `r:2026-12-07:-${i === 0 ? '' : `#${i + 1}`}`;
      return { ...row, rowKey, receipt: undefined, fields: { ...row.fields, source: { kind: 'vendor' as const, fileDay: '2026-12-07', rowKey } } };
    });
    expect(await dispatch('faq.import-vendor-log', { incidentId, rows: then })).toEqual({ added: N, already: 0, corrected: 0, stopped: false });
    const ids = new Map((await stored()).map((e) => [e.caller.name, e.id]));

    expect(await dispatch('faq.import-vendor-log', { incidentId, rows: await rowsOf(file) })).toEqual({ added: 0, already: N, corrected: 0, stopped: false });
    const rows = await stored();
    expect(rows).toHaveLength(N);
    expect(rows.filter((e, i) => ids.get(e.caller.name) !== e.id || e.at !== afternoon(i) || e.answerText !== `回答${i}`)).toEqual([]);
  }, 120_000);
});
