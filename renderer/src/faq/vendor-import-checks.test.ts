/**
 * The vendor log import as stored (faq.import-vendor-log on a workspace in fake-indexeddb), as
 * a tester attacked it (vendor-import-stranger.test.ts), with the outcome this code chose: two
 * enquiries under one 受付番号 both stored; a stray quote refuses the file and stores nothing;
 * a re-sent file with a corrected question corrects the stored one; the same file again is a
 * no-op.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessVendorMapping } from '../../../shared/faq/vendor-mapping';
import { vendorEnquiries } from '../../../shared/faq/vendor-rows';
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
  const db = new HonbuDb(`vendor-checks-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  openDispatch({ store: ws.store, personId: ws.identity.personId });
  const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
  const stored = async () => (await ws.store.table(tables.enquiries).where('incidentId', incidentId)).sort((a, b) => (a.at < b.at ? -1 : 1));
  return { incidentId, stored };
}

async function importFile(incidentId: string, text: string) {
  const r = await readVendorTable(new TextEncoder().encode(text));
  if (!r.ok) return { refused: r.problems };
  const { enquiries, problems } = vendorEnquiries(r.table, guessVendorMapping('log', r.table.header), '2026-12-07');
  if (problems.length > 0) return { refused: problems };
  return { summary: await dispatch('faq.import-vendor-log', { incidentId, rows: enquiries }) };
}

const TWO = '受付番号,受付日,受付時刻,問い合わせ内容,回答内容,エスカレーション\nA-100,2026/12/07,9:05,カード番号は漏れましたか,漏れていません,いいえ\nA-100,2026/12/07,9:40,住所を変更したい,会員ページから変更できます,はい\n';

describe('the vendor log as stored', () => {
  it('two enquiries sharing a 受付番号 are both in the log (the second with its callback), and the same file again adds nothing', async () => {
    const { incidentId, stored } = await workspace();
    expect(await importFile(incidentId, TWO)).toEqual({ summary: { added: 2, already: 0, corrected: 0, stopped: false } });
    const rows = await stored();
    expect(rows.map((e) => [e.question, e.answerText, e.escalate])).toEqual([
      ['カード番号は漏れましたか', '漏れていません', false],
      ['住所を変更したい', '会員ページから変更できます', true],
    ]);
    expect(await importFile(incidentId, TWO)).toEqual({ summary: { added: 0, already: 2, corrected: 0, stopped: false } });
    expect(await stored()).toEqual(rows);
  });

  it('a re-sent file whose question was corrected under the same 受付番号 corrects the stored question', async () => {
    const { incidentId, stored } = await workspace();
    await importFile(incidentId, '受付番号,受付日,受付時刻,問い合わせ内容\nA-100,2026/12/07,9:05,カード番号はもれましたか？（聞き取り不明）\n');
    expect(await importFile(incidentId, '受付番号,受付日,受付時刻,問い合わせ内容\nA-100,2026/12/07,9:05,暗証番号は漏れましたか\n')).toEqual({ summary: { added: 0, already: 0, corrected: 1, stopped: false } });
    expect((await stored()).map((e) => e.question)).toEqual(['暗証番号は漏れましたか']);
  });

  it('an answer opened with a quote and never closed: the file is refused where the quote opened, and nothing is stored', async () => {
    const { incidentId, stored } = await workspace();
    const out = await importFile(incidentId, '受付日,受付時刻,問い合わせ内容,回答内容\n2026/12/07,9:05,私の情報は漏れましたか,"確認中\n2026/12/07,9:10,お詫びの品はいつ届きますか,順次発送\n2026/12/07,9:20,退会したい,手続きを案内\n');
    expect(out).toEqual({ refused: [{ code: 'quote', line: 2, column: 4 }] });
    expect(await stored()).toEqual([]);
  });

  it('text is stored as the vendor wrote it', async () => {
    const { incidentId, stored } = await workspace();
    await importFile(incidentId, '受付日,受付時刻,問い合わせ内容,回答内容,相談者氏名\n2026/12/07,9:05,①カード番号　②有効期限（裏面）は漏れましたか,～３日以内に㈱から連絡,\uFA19田 様\n');
    expect((await stored()).map((e) => [e.question, e.answerText, e.caller.name])).toEqual([['①カード番号　②有効期限（裏面）は漏れましたか', '～３日以内に㈱から連絡', '\uFA19田 様']]);
  });
});
