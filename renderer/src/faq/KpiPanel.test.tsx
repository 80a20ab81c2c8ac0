import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CallReportRow } from '../../../shared/faq/call-report';
import type { Enquiry } from '../../../shared/faq/model';
import type { OpenIncident } from '../incidents/open-incident';
import { KpiPanel } from './KpiPanel';

const enquiry = (id: string, at: string, durationSec: number, question = '補償はありますか'): Enquiry =>
  ({
    id,
    incidentId: 'i1',
    channel: 'phone',
    caller: { name: '髙橋 𠮷男', phone: '09012345678', email: '' },
    question,
    answerEntryId: null,
    stamps: {},
    answerText: '',
    escalate: false,
    operator: '受付A',
    durationSec,
    tags: [],
    at,
    loggedAt: at,
    loggedBy: 'x',
    updatedAt: at,
  }) as unknown as Enquiry;

const data = (enquiries: Enquiry[]) => ({ incident: { id: 'i1' }, enquiries, faq: [] }) as unknown as OpenIncident;

const report = (day: string, hour: number | null, received: number, answered: number, abandoned: number, avgHandlingSec: number | null, byCategory: Record<string, number> = {}): CallReportRow => ({
  day,
  hour,
  received,
  answered,
  abandoned,
  avgHandlingSec,
  byCategory,
});

/** The text of each cell of the rows whose data-period and data-row match. */
function rowCells(html: string, period: string, row: string): string[] {
  const m = new RegExp(`<tr[^>]*data-period="${period}" data-row="${row}"[^>]*>(.*?)</tr>`).exec(html);
  if (!m) return [];
  return [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, ''));
}

describe('the call-centre figures view', () => {
  it('shows the vendor’s report and Honbu’s own calls of one day as a total with both parts named', () => {
    const html = renderToStaticMarkup(
      <KpiPanel
        data={data([enquiry('e1', '2026-12-01T01:00:00Z', 300), enquiry('e2', '2026-12-01T02:00:00Z', 0)])}
        callReports={[report('2026-12-01', null, 120, 90, 30, 200, { 補償: 50, ﾎﾟｲﾝﾄ: 3, ポイント: 7 }), report('2026-12-01', 22, 3, 0, 3, null), report('2026-11-29', null, 0, 0, 0, null)]}
      />,
    );
    expect(rowCells(html, '2026-12-01', 'total')).toEqual(['2026/12/01', '合計', '122', '92', '30', '75.4%', '3分21秒']); // (200 × 90 + 300) / 91 = 201.1 s
    expect(rowCells(html, '2026-12-01', 'report')).toEqual(['', '委託先の日報', '120', '90', '30', '75.0%', '3分20秒']);
    expect(rowCells(html, '2026-12-01', 'own')).toEqual(['', '本部の受付', '2', '2', '0', '100.0%', '5分0秒']);
    // An hour with only abandoned calls: 0 % and no handling time; an hour without any record is left out of the table.
    expect(rowCells(html, '2026-12-01#22', 'total')).toEqual(['22時台', '委託先の日報', '3', '0', '3', '0.0%', '—']);
    expect(rowCells(html, '2026-12-01#3', 'total')).toEqual([]);
    // A day the vendor reported with no calls, and a day with no record at all between two days that have one.
    expect(rowCells(html, '2026-11-29', 'total')).toEqual(['2026/11/29', '委託先の日報', '0', '0', '0', '—', '—']);
    expect(rowCells(html, '2026-11-30', 'total')).toEqual(['2026/11/30', '記録なし', '0', '0', '0', '—', '—']);
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('Infinity');
    // ﾎﾟｲﾝﾄ and ポイント are one category.
    expect(html).toMatch(/<th scope="row">ポイント<\/th><td class="num">10<\/td>/);
    // Charts have a title and description for a screen reader; the caller is nowhere.
    expect(html).toContain('<title');
    expect(html).toMatch(/<desc[^>]*>[^<]*2026\/12\/01: 受電 122、応答 92、放棄呼 30、応答率 75.4%/);
    expect(html).not.toContain('髙橋');
    expect(html).not.toContain('09012345678');
  });

  it('says when nothing has been logged yet and offers the way to the log', () => {
    const html = renderToStaticMarkup(<KpiPanel data={data([])} onGoLog={() => undefined} />);
    expect(html).toContain('まだ数字がありません');
    expect(html).toContain('受付を開く');
  });

  it('says when the vendor reported the day only as a whole', () => {
    const html = renderToStaticMarkup(<KpiPanel data={data([])} callReports={[report('2026-12-02', null, 10, 9, 1, 60)]} />);
    expect(html).toContain('時間帯別の数字がありません');
  });
});
