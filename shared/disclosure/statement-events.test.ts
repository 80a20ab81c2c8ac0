import { describe, expect, it } from 'vitest';
import { foldAll } from '../events/projection';
import { FULL_FACTS, ev, orders } from './fixtures';
import { defaultSections } from './statement';
import {
  changesSinceLastPublished,
  followUpChanges,
  followUpNumber,
  publishedStale,
  latestPublished,
  nextVersion,
  statementId,
  statementsProjection,
  type Statement,
} from './statement-events';

const v1Sections = defaultSections();
const approvedSections = v1Sections.map((s) => (s.key === 'cause' ? { ...s, text: '外部からの不正アクセスによるものです。' } : s));

const v1 = [
  ev('001', 'disclosure.statement-drafted', { version: 1, sections: v1Sections }),
  ev('002', 'disclosure.statement-section-edited', { version: 1, key: 'cause', text: '外部からの不正アクセスによるものです。' }),
  ev('003', 'disclosure.statement-approved', { version: 1, approvedBy: '社長', sections: approvedSections, factsSnapshot: FULL_FACTS }, 'i1', 'p2'),
  ev('004', 'disclosure.statement-published', { version: 1 }, 'i1', 'p3'),
];

function fold(events = v1): Statement {
  return foldAll(statementsProjection, events).get('i1:1')!;
}

describe('statement fold', () => {
  it('a draft is version n of its incident, keyed by both', () => {
    const row = fold(v1.slice(0, 1));
    expect(row).toMatchObject({ id: 'i1:1', incidentId: 'i1', version: 1, state: 'draft', createdAt: '001', createdBy: 'p1' });
    expect(row.sections.map((s) => s.key)).toEqual(v1Sections.map((s) => s.key));
    expect(statementsProjection.index(row)).toEqual({ incidentId: 'i1' });
    expect(statementId('i1', 3)).toBe('i1:3');
  });

  it('draft → approved → published, keeping who approved and the facts at approval', () => {
    expect(fold(v1.slice(0, 2)).state).toBe('draft');
    expect(fold(v1.slice(0, 3))).toMatchObject({ state: 'approved', approvedBy: '社長', approvedAt: '003', factsSnapshot: FULL_FACTS, publishedSections: null });
    const row = fold();
    expect(row).toMatchObject({ state: 'published', publishedAt: '004', publishedBy: 'p3', approvedAt: '003' });
    expect(row.publishedSections).toEqual(approvedSections);
  });

  it('an edit after approval voids it: the statement is a draft again', () => {
    const row = fold([...v1.slice(0, 3), ev('005', 'disclosure.statement-section-edited', { version: 1, key: 'apology', text: '改めてお詫びします。' })]);
    expect(row).toMatchObject({ state: 'draft', approvedBy: null, factsSnapshot: null });
    expect(row.approvals).toHaveLength(1);
  });

  it('published words stay as approved whatever the working copy does afterwards', () => {
    const late = ev('005', 'disclosure.statement-section-edited', { version: 1, key: 'cause', text: '書き換え' });
    const row = fold([...v1, late]);
    expect(row.state).toBe('published');
    expect(row.publishedSections).toEqual(approvedSections);
    expect(row.sections.find((s) => s.key === 'cause')!.text).toBe('書き換え');
  });

  it('publishes the approval before publication, not a later one', () => {
    const reapproved = ev('006', 'disclosure.statement-approved', { version: 1, approvedBy: '専務', sections: [{ key: 'cause', text: '後で' }], factsSnapshot: FULL_FACTS });
    const row = fold([...v1, reapproved]);
    expect(row).toMatchObject({ approvedBy: '社長', approvedAt: '003' });
    expect(row.approvals.map((a) => a.approvedBy)).toEqual(['社長', '専務']);
  });

  it('reaches the same statement whatever order the events arrive in', () => {
    const late = ev('005', 'disclosure.statement-section-edited', { version: 1, key: 'extra', text: '追記' });
    const all = [...v1, late, ev('007', 'disclosure.statement-published', { version: 1 }, 'i1', 'p9')];
    const expected = fold(all);
    for (const order of orders(all)) expect(fold(order)).toEqual(expected);
    expect(expected.publishedBy).toBe('p3');
    expect(expected.sections.map((s) => s.key).at(-1)).toBe('extra');
  });

  it('concurrent edits of one section: the later clock wins', () => {
    const a = ev('010', 'disclosure.statement-section-edited', { version: 1, key: 'cause', text: 'A' });
    const b = ev('011', 'disclosure.statement-section-edited', { version: 1, key: 'cause', text: 'B' });
    expect(fold([v1[0]!, b, a]).sections.find((s) => s.key === 'cause')!.text).toBe('B');
    expect(fold([v1[0]!, a, b]).sections.find((s) => s.key === 'cause')!.text).toBe('B');
  });

  it('ignores events of other parts', () => {
    expect(foldAll(statementsProjection, [ev('001', 'incident.facts-changed', { changes: {} })]).size).toBe(0);
  });
});

describe('statement versions', () => {
  const v2 = [
    ev('020', 'disclosure.statement-drafted', { version: 2, sections: v1Sections }),
    ev('021', 'disclosure.statement-approved', { version: 2, approvedBy: '社長', sections: v1Sections, factsSnapshot: { ...FULL_FACTS, confirmedCount: 15000 } }),
  ];

  it('version 1 is the first statement, version n the (n-1)th follow-up', () => {
    expect(followUpNumber(1)).toBe(0);
    expect(followUpNumber(3)).toBe(2);
  });

  it('finds the latest published version and the next number', () => {
    const rows = [...foldAll(statementsProjection, [...v1, ...v2]).values()];
    expect(rows.map((r) => [r.version, r.state])).toEqual([
      [1, 'published'],
      [2, 'approved'],
    ]);
    expect(latestPublished(rows)?.version).toBe(1);
    expect(nextVersion(rows)).toBe(3);
    expect(nextVersion([])).toBe(1);
  });

  it('what a follow-up must tell: facts changed since the last published statement', () => {
    const rows = [...foldAll(statementsProjection, [...v1, ...v2]).values()];
    const changes = changesSinceLastPublished(rows, { ...FULL_FACTS, confirmedCount: 15000 });
    expect(changes?.map((c) => [c.field, c.before, c.after])).toEqual([['confirmedCount', 12000, 15000]]);
    expect(changesSinceLastPublished([], FULL_FACTS)).toBeNull();
  });
});

describe('item 9: a published statement whose facts moved, and what its follow-up says changed', () => {
  const v2 = [ev('010', 'disclosure.statement-drafted', { version: 2, sections: approvedSections })];
  const all = (events: typeof v1) => [...foldAll(statementsProjection, events).values()].sort((a, b) => a.version - b.version);
  const raised = { ...FULL_FACTS, confirmedCount: 12480 };

  it('flags the published statement once a fact it quotes changes, until a follow-up is published', () => {
    const [published] = all(v1);
    expect(publishedStale(all(v1), published!, FULL_FACTS)).toEqual([]);
    expect(publishedStale(all(v1), published!, raised)).toEqual([{ field: 'confirmedCount', before: 12000, after: 12480 }]);
    const withFollowUp = all([
      ...v1,
      ...v2,
      ev('011', 'disclosure.statement-approved', { version: 2, approverId: 'p2', approvedBy: '社長', sections: approvedSections, factsSnapshot: raised }),
      ev('012', 'disclosure.statement-published', { version: 2 }),
    ]);
    expect(publishedStale(withFollowUp, withFollowUp[0]!, raised)).toEqual([]);
  });

  it('a draft follow-up compares with the live facts, an approved one keeps the facts it was approved with', () => {
    const draft = all([...v1, ...v2]);
    expect(followUpChanges(draft, draft[1]!, raised)).toEqual([{ field: 'confirmedCount', before: 12000, after: 12480 }]);
    expect(followUpChanges(draft, draft[0]!, raised)).toBeNull();
    const approved = all([...v1, ...v2, ev('011', 'disclosure.statement-approved', { version: 2, approverId: 'p2', approvedBy: '社長', sections: approvedSections, factsSnapshot: raised })]);
    expect(followUpChanges(approved, approved[1]!, { ...raised, confirmedCount: 13000 })).toEqual([{ field: 'confirmedCount', before: 12000, after: 12480 }]);
  });
});
