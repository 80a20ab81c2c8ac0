/**
 * A stranger's attack on the vendor log import as stored (faq.import-vendor-log on a real
 * workspace in fake-indexeddb): what the enquiry table holds afterwards, field by field, and
 * what the import's summary told the person. A failing test here is a defect, left failing on purpose.
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
  const db = new HonbuDb(`vendor-attack-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  openDispatch({ store: ws.store, personId: ws.identity.personId });
  const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
  const stored = async () => (await ws.store.table(tables.enquiries).where('incidentId', incidentId)).sort((a, b) => (a.at < b.at ? -1 : 1));
  return { incidentId, stored };
}

/** As the import panel does: read, map by the header, check, then import when nothing is wrong. */
async function importFile(incidentId: string, text: string) {
  const r = await readVendorTable(new TextEncoder().encode(text));
  if (!r.ok) return { refused: r.problems };
  const { enquiries, problems } = vendorEnquiries(r.table, guessVendorMapping('log', r.table.header), '2026-12-07');
  if (problems.length > 0) return { refused: problems };
  return { summary: await dispatch('faq.import-vendor-log', { incidentId, rows: enquiries }) };
}

describe('the vendor log as stored', () => {
  it('two enquiries sharing a 受付番号 (the vendor numbered two calls alike): both are in the log, or the file is refused', async () => {
    const { incidentId, stored } = await workspace();
    const out = await importFile(incidentId, '受付番号,受付日,受付時刻,問い合わせ内容,回答内容,エスカレーション\nA-100,2026/12/07,9:05,カード番号は漏れましたか,漏れていません,いいえ\nA-100,2026/12/07,9:40,住所を変更したい,会員ページから変更できます,はい\n');
    if ('refused' in out) return;
    const rows = await stored();
    expect(rows.map((e) => [e.question, e.answerText, e.escalate])).toEqual([
      ['カード番号は漏れましたか', '漏れていません', false],
      ['住所を変更したい', '会員ページから変更できます', true],
    ]);
    expect(out.summary).toMatchObject({ added: 2, corrected: 0 });
  });

  it('an answer opened with a quote and never closed: the enquiries after it are in the log, not stored inside that answer', async () => {
    const { incidentId, stored } = await workspace();
    const out = await importFile(incidentId, '受付日,受付時刻,問い合わせ内容,回答内容\n2026/12/07,9:05,私の情報は漏れましたか,"確認中\n2026/12/07,9:10,お詫びの品はいつ届きますか,順次発送\n2026/12/07,9:20,退会したい,手続きを案内\n');
    if ('refused' in out) return;
    const rows = await stored();
    expect(rows.map((e) => e.question)).toEqual(['私の情報は漏れましたか', 'お詫びの品はいつ届きますか', '退会したい']);
    expect(rows[0]?.answerText).toBe('"確認中');
  });

  it('holds: the same file imported again adds nothing and changes nothing', async () => {
    const { incidentId, stored } = await workspace();
    const file = '受付日,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID\n2026/12/07,9:05,電話,私の情報は漏れましたか,お調べします,OP-1\n2026/12/07,9:05,電話,私の情報は漏れましたか,お調べします,OP-1\n2026/12/07,9:06,メール,𠮷田です、カードは大丈夫ですか,停止を案内,OP-2\n';
    expect(await importFile(incidentId, file)).toEqual({ summary: { added: 3, already: 0, corrected: 0, stopped: false } });
    const first = await stored();
    expect(await importFile(incidentId, file)).toEqual({ summary: { added: 0, already: 3, corrected: 0, stopped: false } });
    expect(await stored()).toEqual(first);
    expect(first.map((e) => [e.at, e.channel, e.question, e.answerText, e.operator, e.source?.kind])).toEqual([
      ['2026-12-07T09:05:00+09:00', 'phone', '私の情報は漏れましたか', 'お調べします', 'OP-1', 'vendor'],
      ['2026-12-07T09:05:00+09:00', 'phone', '私の情報は漏れましたか', 'お調べします', 'OP-1', 'vendor'],
      ['2026-12-07T09:06:00+09:00', 'email', '𠮷田です、カードは大丈夫ですか', '停止を案内', 'OP-2', 'vendor'],
    ]);
  });
});
