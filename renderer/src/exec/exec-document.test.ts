import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { DISCLOSURE, execInput, INCIDENT, TASKS } from '../../../shared/exec/exec.fixture';
import { execSummary } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { tFor } from '../disclosure/doc-lang';
import { formatDateTime } from '../ui/format';
import { acrossDocument, execDocument } from './exec-document';

const generated = { at: Date.parse('2026-12-03T10:00:00+09:00'), who: '山田 花子' };

describe('the executives page as Word', () => {
  it('holds the live facts, the legal clock dates and the figures, read back from word/document.xml', async () => {
    const t = tFor('ja');
    const s = execSummary(execInput({ groups: [{ id: 'e1', label: '私の情報は漏れましたか', labelId: 'e1', terms: [], memberIds: ['e1', 'e2', 'e6'] }] }));
    const docx = readDocx(await documentDocx(execDocument(t, s, generated)));
    expect(docx.paragraphs).toContain(`経営層向けサマリー: ${INCIDENT.title}`);
    const [facts, clocks, reach, channels, enquiries, top, overdue] = docx.tables;
    expect(facts).toEqual([
      ['確定件数', '12,345'],
      ['最大件数（可能性）', '48,000'],
      ['漏えいした項目', '氏名、住所、電話番号、メールアドレス'],
      ['漏えいしていない項目', 'クレジットカード情報、銀行口座情報'],
    ]);
    expect(clocks).toEqual([
      ['報告', '期限', '状況'],
      // The preliminary report's target window ends on the 6th; filed on the 2nd.
      ['個人情報保護委員会への速報', '2026/12/06', `提出済み（${formatDateTime('2026-12-02T16:00:00+09:00', 'ja')}）`],
      ['個人情報保護委員会への確報', '2027/01/30', '未提出・あと58日14時間'],
      // GDPR: 72 h from awareness, an instant (shown in the laptop's time zone).
      ['GDPR（72時間以内の通知）', formatDateTime('2026-12-04T09:30:00+09:00', 'ja'), '未提出・あと0日23時間'],
    ]);
    expect(reach![1]).toEqual(['会員名簿 2026-12-01', '990', '510', '51.5%', '54.5%']);
    // Reached (or covered) per channel, in the list's own channel order, as the dashboard counts them.
    expect(channels).toEqual([
      ['名簿', 'メール', '電話', '郵便', '公告（代替措置）'],
      ['会員名簿 2026-12-01', '320', '150', '70', '0'],
    ]);
    expect(enquiries).toEqual([
      ['問い合わせ', '累計 6 件'],
      ['未対応のエスカレーション', '2 件'],
      ['日別件数（直近7日）', '2026/12/01 2件 / 2026/12/02 2件 / 2026/12/03 2件'],
    ]);
    expect(top).toEqual([
      ['多い質問', '件数'],
      ['私の情報は漏れましたか', '3'],
    ]);
    expect(overdue).toEqual([
      ['フェーズ', '件数', 'タスク'],
      ['封じ込め', '2', '侵入経路を遮断する\nログを保全する'],
      ['公表', '1', 'お詫び文を公表する'],
    ]);
    expect(docx.paragraphs).toContain(`${formatDateTime('2026-12-04T15:00:00+09:00', 'ja')}\n最新の公表: 第1版（${formatDateTime('2026-12-02T17:00:00+09:00', 'ja')}）`);
    // The chart's points by their dates and times as people read them, never the stored clock stamps.
    const overTime = docx.paragraphs.find((p) => p.startsWith('対応済み率の推移'))!;
    expect(overTime).toContain(`${formatDateTime('2026-12-01T12:00:00+09:00', 'ja')} `);
    expect(overTime).toContain(`${formatDateTime('2026-12-03T09:00:00+09:00', 'ja')} `);
    expect(overTime).not.toMatch(/\d{16}-/);
  });

  it('says the next public update is late once its time has passed, on the page and across incidents', async () => {
    const late = execSummary(execInput({ now: Date.parse('2026-12-04T18:00:00+09:00') }));
    const when = formatDateTime('2026-12-04T15:00:00+09:00', 'ja');
    const docx = readDocx(await documentDocx(execDocument(tFor('ja'), late, generated)));
    expect(docx.paragraphs).toContain(`${when}（予定の時刻を過ぎています）\n最新の公表: 第1版（${formatDateTime('2026-12-02T17:00:00+09:00', 'ja')}）`);
    const across = readDocx(await documentDocx(acrossDocument(tFor('en'), [late], generated)));
    expect(across.tables[0]![1]!.at(-1)).toBe(`${formatDateTime('2026-12-04T15:00:00+09:00', 'en')} (this time has passed)`);
    // The deadline passed too (GDPR, the 4th 09:30): said in English brackets, not Japanese ones.
    expect(across.tables[0]![1]![5]).toMatch(/ \([^（）]+\)$/);
    expect(across.tables[0]![1]![5]).not.toContain('（');
    // The page in English: its decisions and chart line in English brackets too.
    const en = readDocx(await documentDocx(execDocument(tFor('en'), late, generated))).paragraphs.join('\n');
    expect(en.replaceAll(INCIDENT.title, '')).not.toMatch(/[（）]/);
  });

  it('across open incidents: a row per incident with its people, reach, enquiries, escalations and next deadline', async () => {
    const t = tFor('en');
    const s = execSummary(execInput());
    const other = execSummary(execInput({ incident: { ...INCIDENT, id: 'inc-2', title: 'Lost laptop', drill: true, facts: { ...INCIDENT.facts, confirmedCount: null } }, disclosure: null, reach: [], enquiries: [] }));
    const docx = readDocx(await documentDocx(acrossDocument(t, [s, other], generated)));
    expect(docx.tables[0]![1]!.slice(0, 5)).toEqual([INCIDENT.title, '12,345 / 48,000', '51.5%', '6', '2']);
    expect(docx.tables[0]![1]![5]).toMatch(/^GDPR \(notify within 72 h\) 4 Dec 2026/);
    expect(docx.tables[0]![2]!.slice(0, 5)).toEqual(['【Drill】Lost laptop', 'Unknown / 48,000', '—', '0', '0']);
    expect(DISCLOSURE.filings).toHaveLength(1);
  });
  it('names at most a few overdue tasks per phase, so the page stays one A4 sheet with a board of overdue tasks', async () => {
    const t = tFor('ja');
    const many = Array.from({ length: 30 }, (_, i) => ({ ...TASKS[0]!, id: `late-${i}`, title: `遅れている作業 ${i + 1}` }));
    const s = execSummary(execInput({ tasks: many }));
    const overdue = readDocx(await documentDocx(execDocument(t, s, generated))).tables.find((tb) => tb[0]![0] === 'フェーズ')!;
    expect(overdue).toEqual([
      ['フェーズ', '件数', 'タスク'],
      ['封じ込め', '30', '遅れている作業 1\n遅れている作業 2\n遅れている作業 3\nほか 27 件'],
    ]);
  });
});
