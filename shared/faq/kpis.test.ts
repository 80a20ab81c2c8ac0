import { describe, expect, it } from 'vitest';
import type { CallReportRow } from './call-report';
import type { Group } from './grouping';
import type { Enquiry, FaqEntry } from './model';
import { reportDay } from './report-day';
import { answerRate, categoryCounts, categoryKey, dailyKpis, hourlyKpis, indexReports, jstHour, kpiEnquiries, newQuestions, type KpiEnquiry } from './kpis';

const row = (day: string, hour: number | null, received: number, answered: number, abandoned: number, avgHandlingSec: number | null, byCategory: Record<string, number> = {}): CallReportRow => ({
  day,
  hour,
  received,
  answered,
  abandoned,
  avgHandlingSec,
  byCategory,
});

let n = 0;
const call = (at: string, durationSec = 0, extra: Partial<KpiEnquiry> = {}): KpiEnquiry => ({ id: `e${++n}`, at, channel: 'phone', durationSec, category: '', fromVendor: false, ...extra });

describe('answer rate', () => {
  it('is answered / received, and null (shown "—") when nothing was received — never NaN or Infinity', () => {
    expect(answerRate(90, 120)).toBe(0.75);
    expect(answerRate(0, 0)).toBeNull();
    expect(answerRate(3, 0)).toBeNull();
  });
});

describe('Japan time', () => {
  it('puts an enquiry at 15:30 UTC on the next Japanese day, hour 0', () => {
    expect(jstHour('2026-12-01T15:30:00Z')).toBe(0);
    expect(jstHour('2026-12-01T14:59:59Z')).toBe(23);
    expect(jstHour('not a time')).toBeNull();
    const days = dailyKpis([], [call('2026-12-01T14:59:00Z'), call('2026-12-01T15:00:00Z'), call('2026-12-01T16:00:00+09:00')]);
    // 14:59Z = 23:59 JST 1 Dec; 15:00Z = 00:00 JST 2 Dec; 16:00+09:00 = 16:00 JST 1 Dec.
    expect(days.map((d) => [d.day, d.total.received])).toEqual([
      ['2026-12-01', 2],
      ['2026-12-02', 1],
    ]);
    const hours = hourlyKpis([], [call('2026-12-01T14:59:00Z'), call('2026-12-01T15:00:00Z')], '2026-12-02').hours;
    expect(hours[0]!.total.received).toBe(1);
    expect(hours.reduce((s, h) => s + h.total.received, 0)).toBe(1);
  });
});

describe('daily figures', () => {
  it('counts Honbu’s own phone calls as received and answered, averages the handling times entered', () => {
    const [day] = dailyKpis([], [call('2026-12-01T01:00:00Z', 300), call('2026-12-01T02:00:00Z', 180), call('2026-12-01T03:00:00Z', 0), { ...call('2026-12-01T03:00:00Z', 600), channel: 'email' }]);
    expect(day!.own).toMatchObject({ received: 3, answered: 3, abandoned: 0 });
    expect(day!.answerRate).toBe(1);
    // (300 + 180) / 2: the call without a time (0) is left out; the e-mail is not a call.
    expect(day!.avgHandlingSec).toBe(240);
    expect(day!.sources).toEqual(['own']);
    expect(day!.vendor).toBeNull();
  });

  it('takes the vendor’s report for its calls and names both sources when Honbu also took calls that day', () => {
    const [day] = dailyKpis([row('2026-12-02', null, 120, 90, 30, 200)], [call('2026-12-02T01:00:00Z', 400), call('2026-12-02T02:00:00Z', 0)]);
    expect(day!.vendor).toMatchObject({ source: 'report', received: 120, answered: 90, abandoned: 30 });
    expect(day!.own).toMatchObject({ received: 2, answered: 2 });
    expect(day!.total).toMatchObject({ received: 122, answered: 92, abandoned: 30 });
    expect(day!.sources).toEqual(['report', 'own']);
    expect(day!.answerRate).toBeCloseTo(92 / 122, 10);
    // (200 × 90 + 400) / (90 + 1)
    expect(day!.avgHandlingSec).toBeCloseTo(18_400 / 91, 10);
  });

  it('shows a day with no calls between two busy days as 0 with no answer rate', () => {
    const days = dailyKpis([row('2026-12-01', null, 10, 8, 2, 120), row('2026-12-03', null, 0, 0, 0, null)], []);
    expect(days.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    const [, gap, zero] = days;
    expect(gap!.total.received).toBe(0);
    expect(gap!.answerRate).toBeNull();
    expect(gap!.avgHandlingSec).toBeNull();
    expect(gap!.sources).toEqual([]);
    // The vendor reported a day with no calls: a real 0 from the report.
    expect(zero!.sources).toEqual(['report']);
    expect(zero!.answerRate).toBeNull();
    expect(Number.isNaN(zero!.avgHandlingSec)).toBe(false);
  });

  it('sums the hour rows when the report has no row for the whole day, and prefers the day row when it has one', () => {
    const hoursOnly = dailyKpis([row('2026-12-04', 9, 10, 8, 2, 100), row('2026-12-04', 10, 20, 12, 8, 200)], [])[0]!;
    expect(hoursOnly.total).toMatchObject({ received: 30, answered: 20, abandoned: 10 });
    // (100 × 8 + 200 × 12) / 20 = 160
    expect(hoursOnly.avgHandlingSec).toBe(160);
    const both = dailyKpis([row('2026-12-04', 9, 10, 8, 2, 100), row('2026-12-04', null, 50, 40, 10, 180)], [])[0]!;
    expect(both.total.received).toBe(50);
  });

  it('lets a later report row for the same day replace the earlier one (a corrected report)', () => {
    const [day] = dailyKpis([row('2026-12-05', null, 10, 5, 5, 60), row('2026-12-05', null, 12, 9, 3, 60)], []);
    expect(day!.total).toMatchObject({ received: 12, answered: 9, abandoned: 3 });
  });

  it('never counts the vendor’s imported log beside its report for the same day', () => {
    const log = [call('2026-12-06T01:00:00Z', 100, { fromVendor: true }), call('2026-12-06T02:00:00Z', 100, { fromVendor: true }), call('2026-12-07T01:00:00Z', 240, { fromVendor: true })];
    const days = dailyKpis([row('2026-12-06', null, 40, 30, 10, 150)], log);
    expect(days[0]!.total.received).toBe(40);
    expect(days[0]!.sources).toEqual(['report']);
    // No report on the 7th: the imported log stands in for it.
    expect(days[1]!.vendor).toMatchObject({ source: 'vendorLog', received: 1, answered: 1 });
    expect(days[1]!.avgHandlingSec).toBe(240);
    expect(days[1]!.sources).toEqual(['vendorLog']);
  });

  it('says the handling time is unknown when the report gives none, rather than showing Honbu’s alone as the average', () => {
    const [day] = dailyKpis([row('2026-12-08', null, 20, 15, 5, null)], [call('2026-12-08T01:00:00Z', 300)]);
    expect(day!.avgHandlingSec).toBeNull();
    expect(day!.own.handlingSec / day!.own.timed).toBe(300);
  });

  it('leaves out report rows it cannot use and counts them', () => {
    const index = indexReports([row('2026-02-30', null, 1, 1, 0, 1), row('2026-12-09', 24, 1, 1, 0, 1), row('2026-12-09', null, -1, 0, 0, null), row('2026-12-09', null, Number.NaN, 0, 0, null), row('2026-12-10', null, 5, 5, 0, 60)]);
    expect(index.skipped).toBe(4);
    expect(dailyKpis(index, []).map((d) => d.day)).toEqual(['2026-12-10']);
  });
});

describe('hourly figures', () => {
  it('gives 24 hours; an hour with only abandoned calls has a 0 % answer rate and no handling time', () => {
    const { hours, vendorDayOnly } = hourlyKpis([row('2026-12-01', 22, 3, 0, 3, null), row('2026-12-01', 9, 10, 9, 1, 90)], [call('2026-12-01T00:30:00Z', 120)], '2026-12-01');
    expect(hours).toHaveLength(24);
    expect(vendorDayOnly).toBe(false);
    expect(hours[22]!.total).toMatchObject({ received: 3, answered: 0, abandoned: 3 });
    expect(hours[22]!.answerRate).toBe(0);
    expect(hours[22]!.avgHandlingSec).toBeNull();
    // 00:30Z is 09:30 JST: Honbu's own call joins the vendor's hour, both named.
    expect(hours[9]!.total).toMatchObject({ received: 11, answered: 10, abandoned: 1 });
    expect(hours[9]!.sources).toEqual(['report', 'own']);
    expect(hours[9]!.avgHandlingSec).toBe((90 * 9 + 120) / 10);
    expect(hours[3]!.answerRate).toBeNull();
  });

  it('says when the vendor reported only the whole day, and does not place its calls in hours', () => {
    const { hours, vendorDayOnly } = hourlyKpis([row('2026-12-01', null, 100, 90, 10, 200)], [call('2026-12-01T01:00:00Z', 60, { fromVendor: true })], '2026-12-01');
    expect(vendorDayOnly).toBe(true);
    expect(hours.every((h) => h.vendor === null)).toBe(true);
  });
});

describe('categories', () => {
  it('treat full-width and half-width spellings, spaces and case as one category, shown in the most common spelling', () => {
    expect(categoryKey('ﾎﾟｲﾝﾄ')).toBe(categoryKey('ポイント'));
    expect(categoryKey('ＦＡＱ　全般')).toBe(categoryKey('faq 全般'));
    expect(categoryKey('退会')).not.toBe(categoryKey('解約'));
    const counts = categoryCounts(
      [row('2026-12-01', null, 10, 10, 0, 60, { ポイント: 4, ﾎﾟｲﾝﾄ: 1, 'ＣＡＲＤ': 2 }), row('2026-12-02', null, 1, 1, 0, 60, { ポイント: 9 })],
      [call('2026-12-01T01:00:00Z', 0, { category: 'card' }), call('2026-12-01T02:00:00Z', 0, { category: '' }), { ...call('2026-12-01T03:00:00Z', 0, { category: ' ポイント ' }), channel: 'email' }],
      '2026-12-01',
    );
    expect(counts).toEqual([
      { key: 'ポイント', label: 'ポイント', vendor: 5, own: 1, total: 6 },
      { key: 'card', label: 'ＣＡＲＤ', vendor: 2, own: 1, total: 3 },
      { key: '', label: '', vendor: 0, own: 1, total: 1 },
    ]);
    expect(categoryCounts([row('2026-12-01', null, 1, 1, 0, 1, { ポイント: 4 }), row('2026-12-02', null, 1, 1, 0, 1, { ポイント: 9 })], [], null)[0]!.total).toBe(13);
  });

  it('keep names outside Shift_JIS (髙, 﨑, 𠮷) as written', () => {
    const counts = categoryCounts([row('2026-12-01', null, 3, 3, 0, 1, { '髙橋店𠮷野家﨑': 3 })], [], '2026-12-01');
    expect(counts[0]!.label).toBe('髙橋店𠮷野家﨑');
  });

  it('take the vendor’s imported log only on days its report does not cover', () => {
    const log = [call('2026-12-01T01:00:00Z', 0, { fromVendor: true, category: '補償' }), call('2026-12-02T01:00:00Z', 0, { fromVendor: true, category: '補償' })];
    const counts = categoryCounts([row('2026-12-01', null, 5, 5, 0, 1, { 補償: 5 })], log, null);
    expect(counts).toEqual([{ key: '補償', label: '補償', vendor: 6, own: 0, total: 6 }]);
  });
});

describe('new questions of a day', () => {
  it('are the groups whose first enquiry falls on that Japanese day, busiest first', () => {
    const items = [
      { id: 'a1', text: '', at: '2026-11-30T15:10:00Z' }, // 1 Dec 00:10 JST
      { id: 'a2', text: '', at: '2026-12-01T02:00:00Z' },
      { id: 'b1', text: '', at: '2026-11-30T14:50:00Z' }, // 30 Nov 23:50 JST: not new on 1 Dec
      { id: 'b2', text: '', at: '2026-12-01T03:00:00Z' },
      { id: 'c1', text: '', at: '2026-12-01T04:00:00Z' },
    ];
    const groups: Group[] = [
      { id: 'b1', memberIds: ['b1', 'b2'], label: 'いつ分かったのか', labelId: 'b1', terms: [] },
      { id: 'c1', memberIds: ['c1'], label: '退会したい', labelId: 'c1', terms: [] },
      { id: 'a1', memberIds: ['a1', 'a2'], label: '補償はあるか', labelId: 'a1', terms: [] },
    ];
    expect(newQuestions(groups, items, '2026-12-01')).toEqual([
      { groupId: 'a1', label: '補償はあるか', count: 2 },
      { groupId: 'c1', label: '退会したい', count: 1 },
    ]);
    expect(newQuestions(groups, items, '2026-11-30')).toEqual([{ groupId: 'b1', label: 'いつ分かったのか', count: 1 }]);
  });
});

describe('the log as the KPIs read it', () => {
  const enquiry = (id: string, answerEntryId: string | null, extra: object = {}): Enquiry =>
    ({
      id,
      incidentId: 'i1',
      channel: 'phone',
      caller: { name: '髙橋', phone: '090', email: '' },
      question: 'q',
      answerEntryId,
      answerText: '',
      escalate: false,
      operator: 'op',
      durationSec: 60,
      tags: [],
      at: '2026-12-01T01:00:00Z',
      loggedAt: '',
      loggedBy: '',
      updatedAt: '',
      ...extra,
    }) as unknown as Enquiry;
  const entry = (id: string, category: string, linked: string[] = []): FaqEntry => ({
    id,
    incidentId: 'i1',
    versions: [{ version: 1, question: 'q', answer: 'a', category, at: '1', actor: 'x' }],
    variants: [],
    linkedEnquiryIds: linked,
    approval: null,
    retired: null,
    state: 'draft',
    usedBy: [],
    createdAt: '1',
    createdBy: 'x',
    updatedAt: '1',
  });

  it('takes a category from the enquiry, else the FAQ entry that answered it or that it was grouped into; carries no caller', () => {
    const out = kpiEnquiries([enquiry('e1', 'f1'), enquiry('e2', null), enquiry('e3', null, { category: '補償' }), enquiry('e4', null, { source: { kind: 'vendor', fileDay: '2026-12-01', rowKey: 'k' } })], [entry('f1', '漏えい項目'), entry('f2', '退会', ['e2'])]);
    expect(out.map((e) => [e.id, e.category, e.fromVendor])).toEqual([
      ['e1', '漏えい項目', false],
      ['e2', '退会', false],
      ['e3', '補償', false],
      ['e4', '', true],
    ]);
    expect(JSON.stringify(out)).not.toContain('髙橋');
  });
});

describe('a report day as the vendor wrote it', () => {
  it('reads 2026/12/1, full-width digits, 令和8年12月1日, 令和元年 and an Excel serial day as the same kind of day', () => {
    expect(reportDay('2026-12-01')).toBe('2026-12-01');
    expect(reportDay('2026/12/1')).toBe('2026-12-01');
    expect(reportDay('２０２６／１２／１')).toBe('2026-12-01');
    expect(reportDay('2026年12月1日')).toBe('2026-12-01');
    expect(reportDay('令和8年12月1日')).toBe('2026-12-01');
    expect(reportDay('令和元年5月1日')).toBe('2019-05-01');
    expect(reportDay('46357')).toBe('2026-12-01');
    expect(reportDay(46357.75)).toBe('2026-12-01');
    expect(reportDay('2026-02-30')).toBeNull();
    expect(reportDay('')).toBeNull();
    expect(reportDay('12/1')).toBeNull();
  });

  it('lets report rows written those ways count as the same day (the later replacing the earlier)', () => {
    const days = dailyKpis([row('2026/12/1', null, 10, 9, 1, 60), row('令和8年12月1日', null, 12, 10, 2, 60), row('46358', null, 5, 5, 0, 60)], []);
    expect(days.map((d) => [d.day, d.total.received])).toEqual([
      ['2026-12-01', 12],
      ['2026-12-02', 5],
    ]);
  });

  it('treats a category with a tab or an empty name sensibly: trimmed, or 未分類', () => {
    const counts = categoryCounts([row('2026-12-01', null, 4, 4, 0, 1, { 'ポイント\t': 1, ポイント: 2, '': 1 })], [], '2026-12-01');
    expect(counts.map((c) => [c.key, c.total])).toEqual([
      ['ポイント', 3],
      ['', 1],
    ]);
  });
});
