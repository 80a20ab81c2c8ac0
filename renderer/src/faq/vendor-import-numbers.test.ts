/**
 * The vendor log import as stored (faq.import-vendor-log on a real workspace in fake-indexeddb,
 * parts of 2,000 rows): one number over two parts, a clock fixed by a minute, numbers that start
 * again each day. From a third tester's cases, kept as tests.
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
  const db = new HonbuDb(`vendor-numbers-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  openDispatch({ store: ws.store, personId: ws.identity.personId });
  const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
  const stored = async () => (await ws.store.table(tables.enquiries).where('incidentId', incidentId)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.question < b.question ? -1 : 1));
  return { incidentId, stored };
}

async function importFile(incidentId: string, text: string, day = '2026-12-07') {
  const r = await readVendorTable(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  const { enquiries, problems } = vendorEnquiries(r.table, guessVendorMapping('log', r.table.header), day, { today: '2026-12-07' });
  if (problems.length > 0) throw new Error(`problems: ${JSON.stringify(problems.slice(0, 3))}`);
  return dispatch('faq.import-vendor-log', { incidentId, rows: enquiries });
}

const HEAD = '受付番号,受付日,受付時刻,問い合わせ内容,回答内容,氏名,エスカレーション';
const clock = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
/** 2,100 calls under one number (the vendor's placeholder 0000 for calls taken by its overflow line), 10 s apart from 9:00. */
const bigFile = (opts: { shift?: number; lateRow?: boolean; fixAnswer?: number } = {}) =>
  [HEAD, ...Array.from({ length: 2_100 }, (_, i) => `0000,2026/12/07,${clock(9 * 3600 + i * 10 + (opts.shift ?? 0))},質問${i},${opts.fixAnswer === i ? '訂正した回答' : '回答'},客${i},いいえ`), ...(opts.lateRow ? ['0000,2026/12/07,18:00:00,遅れて届いた質問,回答,遅客,はい'] : [])].join('\n') + '\n';

describe('one receipt number over two parts of the import', () => {
  it('2,100 rows of 0000; the same file again; then re-sent with a corrected answer in the second part and a late row', async () => {
    const { incidentId, stored } = await workspace();
    expect(await importFile(incidentId, bigFile())).toEqual({ added: 2_100, already: 0, corrected: 0, stopped: false });
    expect(await importFile(incidentId, bigFile())).toEqual({ added: 0, already: 2_100, corrected: 0, stopped: false });
    expect(await importFile(incidentId, bigFile({ lateRow: true, fixAnswer: 2_050 }))).toEqual({ added: 1, already: 2_099, corrected: 1, stopped: false });
    const rows = await stored();
    expect(rows).toHaveLength(2_101);
    const fixed = rows.find((e) => e.caller.name === '客2050')!;
    expect([fixed.question, fixed.answerText]).toEqual(['質問2050', '訂正した回答']);
  }, 120_000);

  it('re-sent after the vendor fixed its clock (every time +1 minute): each enquiry keeps its own question and caller, within a few seconds', async () => {
    const { incidentId, stored } = await workspace();
    await importFile(incidentId, bigFile());
    const before = new Map((await stored()).map((e) => [e.caller.name, e.id]));
    const t0 = Date.now();
    const out = await importFile(incidentId, bigFile({ shift: 60 }));
    const ms = Date.now() - t0;
    const rows = await stored();
    expect(out).toMatchObject({ added: 0, corrected: 2_100 });
    // Each stored enquiry (an escalation or callback may hang on its id) still holds its own caller's call.
    const moved = rows.filter((e) => before.get(e.caller.name) !== e.id).length;
    expect.soft(moved).toBe(0);
    expect.soft(ms).toBeLessThan(5_000);
  }, 180_000);
});

describe('the order files arrive in', () => {
  it('the corrected 12/07 file imported before the original: the original then turns the corrected answer back', async () => {
    const { incidentId, stored } = await workspace();
    const fixed = `${HEAD}\nA-1,2026/12/07,9:00,カード番号は漏れましたか,漏れていません（調査完了）,佐藤,いいえ\n`;
    const original = `${HEAD}\nA-1,2026/12/07,9:00,カード番号は漏れましたか,調査中,佐藤,はい\n`;
    await importFile(incidentId, fixed);
    const out = await importFile(incidentId, original);
    const rows = await stored();
    // What the lead sees now: the older answer and escalation, with nothing saying the file was older.
    expect(out).toEqual({ added: 0, already: 0, corrected: 1, stopped: false });
    expect(rows.map((e) => [e.answerText, e.escalate])).toEqual([['調査中', true]]);
  });

  it('day 1, day 2 (numbers restart at A-1), then day 1 re-sent: four enquiries stored, each with its caller', async () => {
    const { incidentId, stored } = await workspace();
    const day1 = (a: string) => `${HEAD}\nA-1,2026/12/06,22:40,カード番号は漏れましたか,${a},佐藤,はい\nA-2,2026/12/06,23:30,窓口の時間は,24時間,田中,いいえ\n`;
    await importFile(incidentId, day1('確認して折り返し'), '2026-12-06');
    await importFile(incidentId, `${HEAD}\nA-1,2026/12/07,0:20,退会したい,案内済,鈴木,いいえ\nA-2,2026/12/07,1:05,住所変更,会員ページ,高橋,いいえ\n`);
    await importFile(incidentId, day1('漏れていません（折り返し済）'), '2026-12-06');
    const rows = await stored();
    expect(rows.map((e) => [e.at.slice(0, 16), e.caller.name, e.question, e.answerText, e.escalate])).toEqual([
      ['2026-12-06T22:40', '佐藤', 'カード番号は漏れましたか', '漏れていません（折り返し済）', true],
      ['2026-12-06T23:30', '田中', '窓口の時間は', '24時間', false],
      ['2026-12-07T00:20', '鈴木', '退会したい', '案内済', false],
      ['2026-12-07T01:05', '高橋', '住所変更', '会員ページ', false],
    ]);
  });
});
