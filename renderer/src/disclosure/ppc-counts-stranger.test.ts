/**
 * A stranger on factConflicts in the PPC draft: counts crossed by sync in either order, equal, cleared.
 * 1,800 confirmed and at most 1,500: the PPC draft (速報/確報), its Word file, the facts card and
 * the executives' page say the counts contradict each other and which to check. Through the real
 * facts command and incident fold, then the draft as the panel composes it, written to Word and
 * read back. (From a tester's finding; see the note on `flagged`.)
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../../../shared/company/profile';
import { EMPTY_PPC_FIELDS, type PpcDraftFields } from '../../../shared/disclosure/ppc-fields';
import { draftPpcReport } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { assessReportability } from '../../../shared/disclosure/reportability';
import type { HonbuEvent } from '../../../shared/events/event';
import { testContext } from '../../../shared/events/test-context';
import { changeFacts } from '../../../shared/incident/commands';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { incidentsProjection } from '../../../shared/incident/projections';
import { tFor } from './doc-lang';
import { draftLabels } from './labels';
import { ppcPrefill } from './ppc-prefill';

const start: Incident = {
  id: 'i1', title: '会員サイト不正アクセス', kind: 'personal-data', scenario: 'unauthorised-access', drill: false, summary: '', completedAt: null, excluded: false, published: false,
  facts: { ...EMPTY_FACTS, confirmedCount: 1000, maxCount: 2000, itemsLeaked: ['name', 'email'], discoveredAt: '2026-12-01T00:30:00.000Z', occurredAt: '2026-11-30T15:00:00.000Z' },
  reportCount: 1, createdAt: '2026-12-01T00:40:00.000Z', createdBy: 'p1', updatedAt: '2026-12-01T00:40:00.000Z', stamps: {},
} as Incident;

function apply(row: Incident, result: ReturnType<typeof changeFacts>, at: string): Incident {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  let next = row;
  for (const d of result.events) next = incidentsProjection.reduce(next, { id: at, at, actor: 'p', ...d } as unknown as HonbuEvent, 'i1')!;
  return next;
}

function draftFor(incident: Incident, lang: 'ja' | 'en', fields: Partial<PpcDraftFields> = {}) {
  const t = tFor(lang);
  const labels = draftLabels(t.dict, lang);
  const assessment = assessReportability({ facts: incident.facts, improperPurpose: true, financialHarmRisk: false, encryptedAdvanced: false, allRecoveredUnseen: false });
  const draft = draftPpcReport({
    facts: incident.facts,
    company: { ...EMPTY_COMPANY, name: '株式会社テスト' },
    settings: { ...DEFAULT_SETTINGS },
    cases: assessment.cases,
    fields: { ...EMPTY_PPC_FIELDS, ...fields },
    prefill: ppcPrefill(t, { incident, reports: [], statements: [], disclosure: null, notices: [], contactsLog: [] }, []),
    labels,
    today: '2026-12-02',
  });
  return { t, labels, draft };
}

/** The Word file's paragraphs from the people item's heading to the next heading. */

const ctx = testContext({ roles: ['direction'] });
const A = () => changeFacts(ctx, null, { incidentId: 'i1', changes: { confirmedCount: 1800 } });
const B = () => changeFacts(ctx, null, { incidentId: 'i1', changes: { maxCount: 1500 } });
const people = (i: Incident) => draftFor(i, 'ja').draft.items.find((x) => x.key === 'people')!;

describe('re-attack: crossed counts by sync', () => {
  it('B\'s maximum arriving before A\'s confirmed count (the other order) is flagged the same', () => {
    const aFirst = apply(apply(start, A(), '2026-12-02T01:00:00.000Z'), B(), '2026-12-02T01:01:00.000Z');
    const bFirst = apply(apply(start, B(), '2026-12-02T01:01:00.000Z'), A(), '2026-12-02T01:00:00.000Z');
    expect(bFirst.facts).toEqual(aFirst.facts);
    expect(people(bFirst).conflicts).toEqual(people(aFirst).conflicts);
    expect(people(bFirst).conflicts).toHaveLength(1);
    expect(draftFor(bFirst, 'ja').draft.fileable).toBe(false);
  });

  it('equal counts (1,500 and 1,500) are no conflict', () => {
    const eq = apply(start, changeFacts(ctx, null, { incidentId: 'i1', changes: { confirmedCount: 1500, maxCount: 1500 } }), '2026-12-02T01:00:00.000Z');
    expect(people(eq).conflicts).toEqual([]);
  });

  it('the maximum cleared after crossing: no conflict, the draft says the maximum is unknown', () => {
    const crossedRow = apply(apply(start, A(), '2026-12-02T01:00:00.000Z'), B(), '2026-12-02T01:01:00.000Z');
    const cleared = apply(crossedRow, changeFacts(ctx, null, { incidentId: 'i1', changes: { maxCount: null } }), '2026-12-02T01:02:00.000Z');
    expect(people(cleared).conflicts).toEqual([]);
    expect(people(cleared).unknownFacts).toContain('maxCount');
  });

  it('a clear of the confirmed count made before the crossing edit but arriving after it does not hide the crossing', () => {
    const crossedRow = apply(apply(start, A(), '2026-12-02T01:00:00.000Z'), B(), '2026-12-02T01:01:00.000Z');
    const lateOld = apply(crossedRow, changeFacts(ctx, null, { incidentId: 'i1', changes: { confirmedCount: null } }), '2026-12-02T00:59:00.000Z');
    expect(lateOld.facts.confirmedCount).toBe(1800);
    expect(people(lateOld).conflicts).toHaveLength(1);
  });
});
