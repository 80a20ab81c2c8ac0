/**
 * A stranger's attack, through the handler on a real workspace (fake-indexeddb): web-form rows
 * whose 受付番号 is "-", alike in time, words and operator (a form's fixed choice, sent in the same
 * minute), stored by a version that took "-" for a number and counted its rows -, -#2, -#3 … in
 * file order (eaef279: run in a scratch worktree on this very file, key for key), imported again.
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
  const db = new HonbuDb(`vendor-attack2-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  openDispatch({ store: ws.store, personId: ws.identity.personId });
  const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
  const stored = async () => await ws.store.table(tables.enquiries).where('incidentId', incidentId);
  return { incidentId, stored };
}

async function rowsOf(text: string): Promise<VendorEnquiry[]> {
  const r = await readVendorTable(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  const { enquiries, problems } = vendorEnquiries(r.table, guessVendorMapping('log', r.table.header), '2026-12-07', { today: '2026-12-07', fileDayKnown: true });
  if (problems.length > 0) throw new Error(`problems: ${JSON.stringify(problems.slice(0, 3))}`);
  return enquiries;
}

describe('web-form rows alike in time and words, stored as -, -#2 … by an earlier version, imported again', () => {
  it('the same file again: nothing corrected, each enquiry keeps its own caller and answer', async () => {
    const { incidentId, stored } = await workspace();
    const N = 8;
    const file = ['受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名', ...Array.from({ length: N }, (_, i) => `-,午後 1:00,Web,退会したい,回答${i},WEB,客${i}`)].join('\n') + '\n';
    // As eaef279 keyed them: the number "-", its n-th row in the file #n (checked against that version's import).
    const then = (await rowsOf(file)).map((row, i) => {
      const rowKey = `r:2026-12-07:-${i === 0 ? '' : `#${i + 1}`}`;
      return { ...row, rowKey, receipt: undefined, earlier: undefined, fields: { ...row.fields, source: { kind: 'vendor' as const, fileDay: '2026-12-07', rowKey } } };
    });
    expect(await dispatch('faq.import-vendor-log', { incidentId, rows: then })).toEqual({ added: N, already: 0, corrected: 0, stopped: false });
    const before = new Map((await stored()).map((e) => [e.id, `${e.caller.name} ${e.answerText}`]));
    expect([...before.values()].sort()).toEqual(Array.from({ length: N }, (_, i) => `客${i} 回答${i}`).sort());

    // Today the rows are matched to the stored calls in the store's order (by random id), not by
    // -#n: the result says 「0件を追加、…、k件を修正」 for an unchanged file, and the enquiries
    // (with whatever callbacks and notes hang on their ids) now hold other callers' calls.
    const r = await dispatch('faq.import-vendor-log', { incidentId, rows: await rowsOf(file) });
    const after = new Map((await stored()).map((e) => [e.id, `${e.caller.name} ${e.answerText}`]));
    expect(r).toEqual({ added: 0, already: N, corrected: 0, stopped: false });
    expect(after).toEqual(before);
  }, 60_000);
});
