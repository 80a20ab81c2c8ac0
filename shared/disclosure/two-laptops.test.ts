/**
 * What one laptop types reaches another and folds to the same rows there, whatever order
 * sync delivers the events in (the sync E2E covers the transport; this covers the folds).
 */
import { describe, expect, it } from 'vitest';
import { companyProjection, COMPANY_ROW_ID } from '../company/profile';
import type { HonbuEvent } from '../events/event';
import { foldAll, type ProjectionSpec } from '../events/projection';
import { FULL_FACTS, orders } from './fixtures';
import { defaultNoticeSections, noticesProjection } from './notice';
import { disclosureProjection, ppcFields } from './regulator';
import { defaultSections } from './statement';
import { statementsProjection } from './statement-events';

// Laptop A (p1 on device da) and laptop B (p2 on device db), clocks interleaved as HLCs are.
const a = (at: string, type: string, payload: unknown, incidentId: string | null = 'i1'): HonbuEvent => ({ id: `a-${at}`, incidentId, at: `${at}-da`, actor: 'p1', type, payload });
const b = (at: string, type: string, payload: unknown, incidentId: string | null = 'i1'): HonbuEvent => ({ id: `b-${at}`, incidentId, at: `${at}-db`, actor: 'p2', type, payload });

const laptopA = [
  a('0001', 'company.profile-saved', { changes: { name: '株式会社ハナミズキ', corporateNumber: '7000012050002' } }, null),
  a('0002', 'disclosure.ppc-draft-edited', { changes: { stage: 'preliminary', reportDate: '2026-11-22', medium: 'electronic', course: '11月10日から不正アクセス' } }),
  a('0004', 'disclosure.statement-drafted', { version: 1, lang: 'ja', sections: defaultSections() }),
  a('0006', 'disclosure.statement-approved', { version: 1, approverId: 'p1', approvedBy: '社長 一郎', sections: defaultSections(), factsSnapshot: FULL_FACTS }),
  a('0007', 'disclosure.notice-drafted', { version: 1, lang: 'ja', sections: defaultNoticeSections() }),
];
const laptopB = [
  b('0003', 'disclosure.ppc-draft-edited', { changes: { subjects: ['customers'], causedBy: 'contractor', course: '11月10日頃から不正アクセス（ログで確認）' } }),
  b('0003', 'disclosure.settings-changed', { changes: { contractor: true, contractorName: '株式会社サンプル運営', jointFiling: true } }),
  b('0005', 'company.profile-saved', { changes: { industry: '小売業' } }, null),
  b('0008', 'disclosure.notice-section-edited', { version: 1, key: 'cause', text: '委託先のECサイトの脆弱性を突かれたことが原因です。' }),
  b('0009', 'disclosure.statement-published', { version: 1 }),
];

function same<Row extends { id: string }>(spec: ProjectionSpec<Row>, id: string): Row {
  const all = [...laptopA, ...laptopB];
  const reference = foldAll(spec, all).get(id)!;
  for (const order of orders(all)) expect(foldAll(spec, order).get(id), spec.table).toEqual(reference);
  // Laptop B first folds its own events, then A's arrive: the same row.
  expect(foldAll(spec, [...laptopB, ...laptopA]).get(id)).toEqual(reference);
  return reference;
}

describe('disclosure events from another laptop', () => {
  it('the PPC draft: each field is the latest write, whoever wrote it', () => {
    const row = same(disclosureProjection, 'i1');
    expect(ppcFields(row)).toMatchObject({
      stage: 'preliminary',
      reportDate: '2026-11-22',
      medium: 'electronic',
      subjects: ['customers'],
      causedBy: 'contractor',
      course: '11月10日頃から不正アクセス（ログで確認）',
    });
    expect(row.settings).toMatchObject({ contractor: true, contractorName: '株式会社サンプル運営', jointFiling: true });
  });

  it('statements and notices: approval by who, publication, edits', () => {
    expect(same(statementsProjection, 'i1:1')).toMatchObject({ state: 'published', approverId: 'p1', approvedBy: '社長 一郎', publishedBy: 'p2' });
    const notice = same(noticesProjection, 'i1:1');
    expect(notice.sections.find((s) => s.key === 'cause')!.text).toBe('委託先のECサイトの脆弱性を突かれたことが原因です。');
  });

  it('the company profile', () => {
    expect(same(companyProjection, COMPANY_ROW_ID)).toMatchObject({ name: '株式会社ハナミズキ', corporateNumber: '7000012050002', industry: '小売業' });
  });
});
