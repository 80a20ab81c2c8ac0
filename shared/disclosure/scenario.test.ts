/**
 * A seeded case end to end, from events to the regulator's clocks and drafts: unauthorised
 * access to a contractor-run EC site, 12,000 customers, card numbers among the data.
 */
import { describe, expect, it } from 'vitest';
import { foldAll } from '../events/projection';
import { incidentsProjection } from '../incident/projections';
import { EMPTY_REPORT, type ReportFields } from '../incident/model';
import { incidentClocks } from './effective';
import { DRAFT_LABELS, ev } from './fixtures';
import { EMPTY_PPC_FIELDS, PREFILLED_TEXTS } from './ppc-fields';
import { draftPpcReport, type PpcPrefill } from './ppc-report';
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
  // Improper purpose and financial harm are not set by anyone: the scenario and the card numbers say so.
  ev('0002', 'disclosure.settings-changed', {
    changes: { learnedAt: '2026-11-20T06:00:00.000Z', contractor: true, contractorName: '株式会社サンプル運営', jointFiling: true },
  }),
  ev('0003', 'incident.report-filed', { number: 2, report: { ...EMPTY_REPORT, cause: 'SQLインジェクション', itemsNotLeaked: ['bankAccount', 'myNumber'] } }),
];

describe('scenario: unauthorised access, 12,000 customers incl. card numbers', () => {
  const incident = foldAll(incidentsProjection, events).get('i1')!;
  const disclosure = foldAll(disclosureProjection, events).get('i1')!;
  const { assessment, deadlines, clocks, effective } = incidentClocks(incident, disclosure, '2026-11-21T00:00:00Z');

  it('must be reported: financial harm, improper purpose, more than 1,000 people', () => {
    expect(assessment).toMatchObject({ required: true, status: 'required', cases: [2, 3, 4], exemptions: [], unknowns: [] });
    expect(assessment.reasons).toContainEqual(expect.objectContaining({ code: 'case-4', params: { count: 12000, threshold: 1000, basis: 'maximum' } }));
  });

  it('derives improper purpose from the scenario and financial harm from the card numbers, and says so', () => {
    expect(effective.derived).toEqual([
      { field: 'improperPurpose', code: 'scenario', scenario: 'unauthorised-access' },
      { field: 'financialHarmRisk', code: 'items', items: ['creditCard'] },
    ]);
  });

  it('the final report is due in 60 days', () => {
    expect(deadlines?.final).toMatchObject({ days: 60, date: '2027-01-19', dueBy: '2027-01-19T15:00:00.000Z' });
    expect(clocks[1]).toMatchObject({ kind: 'ppc-final', applies: true, date: '2027-01-19' });
  });

  it('the PPC draft carries the count, the cases and the contractor as a structured entrustment', () => {
    const prefill = Object.fromEntries(PREFILLED_TEXTS.map((k) => [k, ''])) as PpcPrefill;
    const draft = draftPpcReport({
      facts: incident.facts,
      company: null,
      settings: effective.settings,
      cases: assessment.cases,
      fields: EMPTY_PPC_FIELDS,
      prefill: { ...prefill, cause: 'SQLインジェクション' },
      labels: DRAFT_LABELS,
      today: '2026-11-21',
    });
    expect(draft.items[2]!.value).toBe('12,000人（最大12,000人）');
    expect(draft.items[0]!.value).toContain('報告対象事態：施行規則7条2号、施行規則7条3号、施行規則7条4号');
    expect(draft.items[0]!.value).toContain('委託関係：委託先 株式会社サンプル運営（連名で報告）');
    expect(draft.items[8]!.value).toBe('');
    expect(draft.fileable).toBe(true);
  });

  it('the first statement still lacks the desk and the next update', () => {
    const missing = statementChecklist(defaultSections(), incident.facts).filter((c) => c.code === 'fact-unknown').map((c) => c.fact);
    expect(missing.sort()).toEqual(['deskHours', 'deskPhone', 'nextUpdateAt', 'services']);
  });
});
