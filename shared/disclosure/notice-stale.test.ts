/**
 * An approved notice keeps the facts it was approved with, so a letter printed after the
 * desk number changed still carries the old one: the notice in force says it is stale.
 */
import type { AccessRole } from '../roles/model';
import { describe, expect, it } from 'vitest';
import type { EventDraft, HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import type { Person } from '../people/profile';
import type { Facts } from '../incident/model';
import * as commands from './commands';
import type { DocKind } from './commands';
import type { DocLang, VersionedDoc } from './doc-versions';
import type { CheckItem, StatementSection } from './statement';
import { FULL_FACTS } from './fixtures';
import { defaultNoticeSections, noticeChecklist, noticeStale, noticesProjection } from './notice';

// The commands take (context, state, args); these keep the calls below as they read.
const draftDocument = (kind: DocKind, incidentId: string, existing: VersionedDoc[], lang: DocLang, sections: StatementSection[]) =>
  commands.draftDocument(testContext(), existing, { kind, incidentId, lang, sections });
const approveDocument = (kind: DocKind, doc: VersionedDoc, approver: (Pick<Person, 'id' | 'name'> & { roles: readonly AccessRole[] }) | null, facts: Facts, checklist: CheckItem[]) =>
  commands.approveDocument(testContext(), { doc, approver, facts }, { kind, checklist });

let clock = 0;
function stamp(drafts: EventDraft[]): HonbuEvent[] {
  return drafts.map((d) => ({ ...d, id: `n${++clock}`, at: String(clock).padStart(6, '0'), actor: 'p-dir' }));
}
const director = { id: 'p-dir', name: '社長 一郎', roles: ['direction' as const] };

function approvedNotice(): VersionedDoc[] {
  const drafted = draftDocument('notice', 'i1', [], 'ja', defaultNoticeSections('ja'));
  if (!drafted.ok) throw new Error('draft');
  const draftEvents = stamp(drafted.events);
  const draft = [...foldAll(noticesProjection, draftEvents).values()];
  const approved = approveDocument('notice', draft[0]!, director, FULL_FACTS, noticeChecklist(draft[0]!.sections, FULL_FACTS));
  if (!approved.ok) throw new Error(JSON.stringify(approved.problems));
  return [...foldAll(noticesProjection, [...draftEvents, ...stamp(approved.events)]).values()];
}

describe('a notice in force whose quoted facts moved is flagged', () => {
  it('says which quoted fact changed after approval (the desk number)', () => {
    const notices = approvedNotice();
    expect(noticeStale(notices, FULL_FACTS)).toBeNull();
    const stale = noticeStale(notices, { ...FULL_FACTS, deskPhone: '0120-111-222' });
    expect(stale?.notice.version).toBe(1);
    expect(stale?.changes).toEqual([{ field: 'deskPhone', before: FULL_FACTS.deskPhone, after: '0120-111-222' }]);
  });

  it('a fact the notice does not quote does not make it stale', () => {
    expect(noticeStale(approvedNotice(), { ...FULL_FACTS, nextUpdateAt: '2027-01-01T00:00:00.000Z' })).toBeNull();
  });
});
