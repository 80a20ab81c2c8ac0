/**
 * A seeded case end to end, from events to the regulator's clocks and drafts: unauthorised
 * access to a contractor-run EC site, 12,000 customers, card numbers among the data.
 */
import { describe, expect, it } from 'vitest';
import { foldAll } from '../events/projection';
import { incidentsProjection } from '../incident/events';
import { EMPTY_REPORT, type ReportFields } from '../incident/model';
import { legalClocks } from './clocks';
import { DRAFT_LABELS, ev } from './fixtures';
import { draftPpcReport } from './ppc-report';
import { disclosureProjection } from './regulator';
import { defaultSections, statementChecklist } from './statement';

const first: ReportFields = {
  ...EMPTY_REPORT,
  foundBy: 'カード会社からの連絡',
  foundWhere: '公式オンラインショップ',
  discoveredAt: '2026-11-20T06:00:00.000Z',
  itemsLeaked: ['name', 'address', 'email', 'creditCard'],
  confirmedCount: 12000,
  maxCount: 12000,
  reporter: '情報システム部',
};

const events = [
  ev('0001', 'incident.first-reported', { title: 'ECサイトへの不正アクセス', kind: 'personal-data', scenario: 'unauthorised-access', drill: true, report: first }),
  ev('0002', 'regulator.settings-changed', {
    changes: { learnedAt: '2026-11-20T06:00:00.000Z', improperPurpose: true, financialHarmRisk: true, contractor: true, contractorName: '株式会社サンプル運営' },
  }),
  ev('0003', 'incident.report-filed', { number: 2, report: { ...EMPTY_REPORT, cause: 'SQLインジェクション', itemsNotLeaked: ['bankAccount', 'myNumber'] } }),
];

describe('scenario: unauthorised access, 12,000 customers incl. card numbers', () => {
  const incident = foldAll(incidentsProjection, events).get('i1')!;
  const disclosure = foldAll(disclosureProjection, events).get('i1')!;
  const { assessment, deadlines, clocks } = legalClocks({ settings: disclosure.settings, facts: incident.facts, filings: disclosure.filings, now: '2026-11-21T00:00:00Z' });

  it('must be reported: financial harm, improper purpose, more than 1,000 people', () => {
    expect(assessment).toMatchObject({ required: true, status: 'required', cases: [2, 3, 4], exemptions: [], unknowns: [] });
    expect(assessment.reasons).toContainEqual(expect.objectContaining({ code: 'case-4', params: { count: 12000, threshold: 1000, basis: 'maximum' } }));
  });

  it('the final report is due in 60 days', () => {
    expect(deadlines?.final).toMatchObject({ days: 60, date: '2027-01-19', dueBy: '2027-01-19T15:00:00.000Z' });
    expect(clocks[1]).toMatchObject({ kind: 'ppc-final', applies: true, date: '2027-01-19' });
  });

  it('the PPC draft carries the count and the contractor joint-filing note', () => {
    const draft = draftPpcReport({
      incident,
      labels: DRAFT_LABELS,
      stage: 'preliminary',
      cause: 'SQLインジェクション',
      rootCause: '',
      secondaryHarm: '',
      individualResponse: '',
      publication: '',
      prevention: '',
      other: '',
      contractor: disclosure.settings.contractor,
      contractorName: disclosure.settings.contractorName,
    });
    expect(draft.items[2]!.value).toBe('12,000人（最大12,000人）');
    expect(draft.items[8]!.value).toBe('委託先（株式会社サンプル運営）と共同で報告する。');
    expect(draft.fileable).toBe(true);
  });

  it('the first statement still lacks the desk and the next update', () => {
    const missing = statementChecklist(defaultSections(), incident.facts).filter((c) => c.code === 'fact-unknown').map((c) => c.fact);
    expect(missing.sort()).toEqual(['deskHours', 'deskPhone', 'nextUpdateAt', 'services']);
  });
});
