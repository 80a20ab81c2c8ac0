import { describe, expect, it } from 'vitest';
import { dueState } from '../boards/tasks';
import { contactable, doneShare, reachedShare } from '../contacts/fallback';
import { incidentClocks } from '../disclosure/effective';
import { groupQuestions } from '../faq/grouping';
import { jstDay } from '../faq/model';
import { openEscalationCount } from './escalations';
import { DECISIONS, DISCLOSURE, ENQUIRIES, execInput, INCIDENT, NOW, REACH, stamp, STATEMENTS, TASKS } from './exec.fixture';
import { enquiriesPerDay, execSummary, QUESTION_CHARS, topQuestions } from './summary';

describe('the executives page of one incident', () => {
  const groups = groupQuestions(ENQUIRIES.map((e) => ({ id: e.id, text: e.question, at: e.at })));
  const s = execSummary(execInput({ groups }));

  it('shows the live facts as the incident has them', () => {
    expect(s.facts).toEqual({
      confirmedCount: 12_345,
      maxCount: 48_000,
      itemsLeaked: ['name', 'address', 'phone', 'email'],
      itemsNotLeaked: ['creditCard', 'bankAccount'],
      discoveredAt: INCIDENT.facts.discoveredAt,
    });
  });

  it('takes reach from the contact tracker’s projected totals, equal to the dashboard’s selectors', () => {
    const r = s.reach[0]!;
    const totals = REACH[0]!.totals;
    expect(r.contactable).toBe(contactable(totals));
    expect(r.contactable).toBe(990);
    expect(r.reached).toBe(totals.byPhase.reached);
    // The dashboard prints (reachedShare × 100).toFixed(1).
    expect(r.reachedPct.toFixed(1)).toBe((reachedShare(totals) * 100).toFixed(1));
    expect(r.donePct).toBe(Math.round(doneShare(totals) * 1000) / 10);
    expect(r.byChannel.map((c) => [c.channel, c.reached, c.pending, c.inProgress])).toEqual(
      REACH[0]!.channels.map((c) => [c, totals.byChannel[c]!.reached, totals.byChannel[c]!.pending, totals.byChannel[c]!.inProgress]),
    );
    expect(r.overTime.map((p) => p.pct)).toEqual(REACH[0]!.series.map((p) => Math.round(doneShare(p.totals) * 1000) / 10));
    // Rising over the three days.
    expect(r.overTime[0]!.pct).toBeLessThan(r.overTime[2]!.pct);
  });

  it('counts enquiries per Tokyo day as the enquiry log’s chart does', () => {
    // The chart's own count (EnquiryList): distinct days, sorted, filtered per day.
    const days = [...new Set(ENQUIRIES.map((e) => jstDay(e.at)))].sort();
    expect(s.enquiries.perDay).toEqual(days.map((d) => ({ day: d, count: ENQUIRIES.filter((e) => jstDay(e.at) === d).length })));
    expect(s.enquiries.perDay).toEqual([
      { day: '2026-12-01', count: 2 },
      { day: '2026-12-02', count: 2 },
      { day: '2026-12-03', count: 2 },
    ]);
    expect(s.enquiries.total).toBe(6);
  });

  it('lists the largest groups of the FAQ grouping as the top questions', () => {
    const biggest = Math.max(...groups.map((g) => g.memberIds.length));
    expect(s.enquiries.top[0]!.count).toBe(biggest);
    expect(s.enquiries.top.length).toBe(Math.min(5, groups.length));
    for (const q of s.enquiries.top) expect(groups.some((g) => g.label === q.label && g.memberIds.length === q.count)).toBe(true);
    const counts = s.enquiries.top.map((q) => q.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it('counts open escalations through openEscalationCount', () => {
    expect(s.openEscalations).toBe(2);
    expect(s.openEscalations).toBe(openEscalationCount(ENQUIRIES, [], NOW));
  });

  it('does not count a callback that has an outcome (the 折り返し tab\'s queue)', () => {
    const escalated = ENQUIRIES.filter((e) => e.escalate);
    const closed = { id: 'x1', incidentId: 'inc-1', at: '2026-12-03T00:00:00.000Z', actor: 'p1', type: 'faq.escalation-closed', payload: { enquiryId: escalated[0]!.id, outcome: 'answered', attempts: 1, answer: '対象ではありません', note: '' } };
    // Was: every enquiry marked for escalation, answered or not.
    expect(execSummary(execInput({ escalationEvents: [closed] })).openEscalations).toBe(escalated.length - 1);
  });

  it('takes the legal clocks from incidentClocks: preliminary filed, final and GDPR running', () => {
    const clocks = incidentClocks(INCIDENT, DISCLOSURE, NOW).clocks;
    expect(s.clocks.map((c) => [c.kind, c.dueBy, c.filedAt])).toEqual(clocks.map((c) => [c.kind, c.dueBy, c.filed?.filedAt ?? null]));
    const [pre, fin, gdpr] = s.clocks;
    expect(pre).toMatchObject({ kind: 'ppc-preliminary', filedAt: '2026-12-02T16:00:00+09:00', left: null });
    // Improper purpose: 60 days from the day after learning.
    expect(fin).toMatchObject({ kind: 'ppc-final', date: '2027-01-30', filedAt: null, overdue: false });
    // GDPR: 72 h from awareness (09:30 on the 1st, Tokyo), so 09:30 on the 4th — 23 h left at 10:00 on the 3rd.
    expect(gdpr).toMatchObject({ kind: 'gdpr', dueBy: '2026-12-04T00:30:00.000Z', overdue: false, left: { days: 0, hours: 23 } });
  });

  it('counts overdue tasks per phase as the boards judge them (dueState)', () => {
    const overdue = TASKS.filter((t) => dueState(t, NOW) === 'overdue');
    expect(s.overdueTotal).toBe(overdue.length);
    expect(s.overdueTotal).toBe(3);
    expect(Object.fromEntries(s.overdue.map((o) => [o.phase, o.count]))).toEqual({ direction: 0, containment: 2, analysis: 0, countermeasures: 0, counter: 0, statement: 1 });
  });

  it('shows the three latest decisions, newest first, and the next update with the last published statement', () => {
    expect(s.decisions.map((d) => d.id)).toEqual(['d3', 'd2', 'd1']);
    expect(DECISIONS).toHaveLength(4);
    expect(s.nextUpdate).toEqual({ at: '2026-12-04T15:00:00+09:00', late: false, lastPublished: { version: 1, at: new Date('2026-12-02T17:00:00+09:00').toISOString() } });
  });

  it('marks the next update late once its time has passed, and not before; not once it was published, nor for a finished incident', () => {
    const at = Date.parse('2026-12-04T15:00:00+09:00');
    expect(execSummary(execInput({ now: at - 60_000 })).nextUpdate.late).toBe(false);
    expect(execSummary(execInput({ now: at })).nextUpdate.late).toBe(true);
    expect(execSummary(execInput({ now: at + 3_600_000 })).nextUpdate.late).toBe(true);
    // A statement published at or after that time was the update; one published before it was not.
    const published = (iso: string) => [STATEMENTS[0]!, { ...STATEMENTS[1]!, state: 'published' as const, publishedAt: stamp(iso) }];
    expect(execSummary(execInput({ now: at + 3_600_000, statements: published('2026-12-04T15:05:00+09:00') })).nextUpdate.late).toBe(false);
    expect(execSummary(execInput({ now: at + 3_600_000, statements: published('2026-12-04T14:55:00+09:00') })).nextUpdate.late).toBe(true);
    expect(execSummary(execInput({ now: at + 3_600_000, incident: { ...INCIDENT, completedAt: '2026-12-04T16:00:00+09:00' } })).nextUpdate.late).toBe(false);
    expect(execSummary(execInput({ incident: { ...INCIDENT, facts: { ...INCIDENT.facts, nextUpdateAt: null } } })).nextUpdate).toMatchObject({ at: null, late: false });
  });
});

describe('enquiriesPerDay and topQuestions', () => {
  it('keeps the seven days up to today that had enquiries', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ at: `2026-11-${String(20 + i).padStart(2, '0')}T12:00:00+09:00` }));
    const today = Date.parse('2026-11-29T20:00:00+09:00');
    expect(enquiriesPerDay(many, today).map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(enquiriesPerDay([], today)).toEqual([]);
  });
  it('counts the seven days back from today, not from the latest date stored', () => {
    const at = (d: string) => ({ at: `${d}T12:00:00+09:00` });
    // Tokyo's today at 00:30 on 1 December is still 30 November in UTC; an enquiry later today counts as today's.
    const now = Date.parse('2026-12-01T00:30:00+09:00');
    const list = [at('2026-11-24'), at('2026-11-25'), at('2026-11-28'), at('2026-12-01'), at('2026-12-02'), at('2062-12-03'), { at: 'not a date' }];
    expect(enquiriesPerDay(list, now)).toEqual([
      { day: '2026-11-25', count: 1 },
      { day: '2026-11-28', count: 1 },
      { day: '2026-12-01', count: 1 },
    ]);
    // Long after the last enquiry: no day in the last seven.
    expect(enquiriesPerDay(list.slice(0, 4), Date.parse('2026-12-20T12:00:00+09:00'))).toEqual([]);
  });
  it('a question of 30,000 characters is shown cut, with a number at its start blanked and nothing of its tail', () => {
    const g = (label: string) => ({ id: label, label, labelId: label, terms: [], memberIds: ['x'] });
    const long = `090-1234-5678の者です。${'番号は1-2-3'.repeat(3000)}最後に 03-9999-8888`;
    const [q] = topQuestions([g(long)]);
    expect(q!.label.startsWith('＊＊＊の者です。')).toBe(true);
    expect(q!.label.endsWith('…')).toBe(true);
    expect([...q!.label.slice(0, -1)].length).toBeLessThanOrEqual(QUESTION_CHARS);
    expect(q!.label).not.toMatch(/9999|8888/);
  });
  it('breaks ties in the grouping’s order', () => {
    const g = (label: string, n: number) => ({ id: label, label, labelId: label, terms: [], memberIds: Array.from({ length: n }, (_, i) => `${label}${i}`) });
    expect(topQuestions([g('a', 1), g('b', 3), g('c', 1), g('d', 3)], 3)).toEqual([
      { label: 'b', count: 3 },
      { label: 'd', count: 3 },
      { label: 'a', count: 1 },
    ]);
  });
  it('a caller’s phone number, e-mail or 照会番号 in a vendor’s question text stays off the page and its Word file (dates and counts stay)', () => {
    const g = (label: string) => ({ id: label, label, labelId: label, terms: [], memberIds: ['x'] });
    expect(topQuestions([g('090-1234-5678の田中です。12月1日に届いた手紙の件'), g('taro.yamada@example.jp から：2回目の問い合わせ'), g('照会番号 0100 0001 8 の者ですが漏れましたか'), g('０３（１２３４）５６７８に折り返しを')]).map((q) => q.label)).toEqual([
      '＊＊＊の田中です。12月1日に届いた手紙の件',
      '＊＊＊ から：2回目の問い合わせ',
      '照会番号 ＊＊＊ の者ですが漏れましたか',
      '＊＊＊に折り返しを',
    ]);
  });
});

describe('contact details written as people write them', () => {
  it('blanks an address with spaces around the @ or written (at), and a phone in kanji numerals; keeps a count in kanji', () => {
    const g = (label: string) => ({ id: label, label, labelId: label, terms: [], memberIds: ['x'] });
    expect(topQuestions([g('taro @ example.jp から'), g('会員 taro(at)example.jp です'), g('電話 〇九〇ー一二三四ー五六七八 の者'), g('三件目の問い合わせ')]).map((q) => q.label)).toEqual([
      '＊＊＊ から',
      '会員 ＊＊＊ です',
      '電話 ＊＊＊ の者',
      '三件目の問い合わせ',
    ]);
  });
});

describe('a long question on the one-sheet page', () => {
  it('is cut to its first characters with …, never inside a surrogate pair (five of 160 characters ran onto a second A4 sheet)', () => {
    const g = (label: string) => ({ id: label, label, labelId: label, terms: [], memberIds: ['x'] });
    const long = '先日届いた手紙について、自分の氏名や住所がどこまで漏れたのか説明がほしい。'.repeat(8);
    const [cut] = topQuestions([g(long)]);
    expect(cut!.label).toBe(`${long.slice(0, QUESTION_CHARS)}…`);
    const astral = `${'あ'.repeat(QUESTION_CHARS - 1)}𠮷𠮷𠮷`;
    expect(topQuestions([g(astral)])[0]!.label).toBe(`${'あ'.repeat(QUESTION_CHARS - 1)}𠮷…`);
    expect(topQuestions([g('漏れましたか')])[0]!.label).toBe('漏れましたか');
  });
});

describe('reach over time', () => {
  it('keeps a few evenly spread points of a long chart, first and last included', () => {
    const base = REACH[0]!;
    const minute = (i: number) => new Date(Date.parse('2026-12-03T00:00:00Z') + i * 60_000).toISOString();
    const series = Array.from({ length: 100 }, (_, i) => ({ at: stamp(minute(i)), totals: base.series[i % 3]!.totals }));
    const r = execSummary(execInput({ reach: [{ ...base, series }] })).reach[0]!;
    // As instants the page formats (the records carry clock stamps).
    expect(r.overTime.map((p) => p.at)).toEqual([0, 20, 40, 59, 79, 99].map(minute));
  });
});
