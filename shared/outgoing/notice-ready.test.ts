import { describe, expect, it } from 'vitest';
import type { VersionedDoc } from '../disclosure/doc-versions';
import { defaultNoticeSections } from '../disclosure/notice';
import { FACTS } from './fixtures';
import { noticeGaps } from './notice-ready';

const notice = (version: number, state: VersionedDoc['state'], snapshot = FACTS): VersionedDoc => ({
  id: `inc:${version}`,
  incidentId: 'inc',
  version,
  lang: 'ja',
  sections: defaultNoticeSections('ja'),
  state,
  factsSnapshot: state === 'draft' ? null : snapshot,
  approverId: state === 'draft' ? null : 'p1',
  approvedBy: state === 'draft' ? null : '山田',
  approvedAt: state === 'draft' ? null : '2026-01-01T00:00:00Z',
  publishedAt: null,
  publishedBy: null,
  publishedSections: null,
  approvals: [],
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  stamps: {},
  order: [],
});
const company = { name: '株式会社サンプル' };

describe('what a letter batch needs from the notice to individuals', () => {
  it('nothing when the approved version quotes today\'s facts and the company is named', () => {
    expect(noticeGaps([notice(1, 'approved'), notice(2, 'draft')], FACTS, company)).toEqual([]);
  });

  it('says the notice is not approved (naming the draft) and that nobody signs it', () => {
    expect(noticeGaps([], FACTS, null)).toEqual([{ kind: 'not-approved', draftVersion: null }, { kind: 'no-sender' }]);
    expect(noticeGaps([notice(1, 'draft'), notice(2, 'draft')], FACTS, { name: '  ' })).toEqual([{ kind: 'not-approved', draftVersion: 2 }, { kind: 'no-sender' }]);
  });

  it('says which quoted fact changed after approval', () => {
    const gaps = noticeGaps([notice(1, 'approved')], { ...FACTS, deskPhone: '0120-999-999' }, company);
    expect(gaps).toEqual([{ kind: 'stale', version: 1, changes: [expect.objectContaining({ field: 'deskPhone', before: FACTS.deskPhone, after: '0120-999-999' })] }]);
  });
});
