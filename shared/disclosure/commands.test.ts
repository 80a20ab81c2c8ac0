import type { AccessRole } from '../roles/model';
import { describe, expect, it } from 'vitest';
import type { EventDraft, HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import type { Person } from '../people/profile';
import { testContext } from '../events/test-context';
import * as commands from './commands';
import { blankDecision, type DecisionDraft, type DocKind } from './commands';
import type { DocLang, VersionedDoc } from './doc-versions';
import type { PpcDraftFields } from './ppc-fields';
import type { DisclosureRow, FilingKind, RegulatorSettings } from './regulator';
import type { CheckItem, StatementSection } from './statement';
import { FULL_FACTS } from './fixtures';
import { noticeChecklist, noticesProjection, defaultNoticeSections } from './notice';
import { EMPTY_PPC_FIELDS } from './ppc-fields';
import { disclosureProjection, ppcFields } from './regulator';
import { defaultSections, statementChecklist } from './statement';
import { statementsProjection } from './statement-events';

const NOW = Date.parse('2026-11-22T03:00:00Z');

// The commands take (context, state, args); these keep the calls below as they read.
const ctx = (ids: string[] = []) => testContext({ now: NOW, ids });
const editPpcDraft = (incidentId: string, current: PpcDraftFields, changes: Partial<PpcDraftFields>) => commands.editPpcDraft(ctx(), current, { incidentId, changes });
const recordDecision = (incidentId: string, decisionId: string, draft: DecisionDraft, people: Pick<Person, 'id' | 'name'>[], what: (publish: boolean) => string) =>
  commands.recordDecision(ctx([decisionId]), people, { incidentId, draft, timelineWhat: { publish: what(true), notPublish: what(false) } });
const draftDocument = (kind: DocKind, incidentId: string, existing: VersionedDoc[], lang: DocLang, sections: StatementSection[]) =>
  commands.draftDocument(ctx(), existing, { kind, incidentId, lang, sections });
const approveDocument = (kind: DocKind, doc: VersionedDoc, approver: (Pick<Person, 'id' | 'name'> & { roles: readonly AccessRole[] }) | null, facts: typeof FULL_FACTS, checklist: CheckItem[]) =>
  commands.approveDocument(ctx(), { doc, approver, facts }, { kind, checklist });
const publishDocument = (kind: DocKind, doc: VersionedDoc) => commands.publishDocument(ctx(), doc, { kind });
const editSections = (kind: DocKind, doc: VersionedDoc, edits: StatementSection[]) => commands.editSections(ctx(), doc, { kind, edits });
const fileReport = (incidentId: string, kind: FilingKind, filedAt: string | null, reference: string, now: number, learnedAt: string | null = null) =>
  commands.fileReport(testContext({ now }), { learnedAt }, { incidentId, kind, filedAt, reference });
const changeSettings = (incidentId: string, row: DisclosureRow | null, changes: Partial<RegulatorSettings>, now: number) =>
  commands.changeSettings(testContext({ now }), row, { incidentId, changes });
let clock = 0;
/** Stamps command output the way the store does: id, clock, actor. */
function stamp(drafts: EventDraft[], actor = 'p1'): HonbuEvent[] {
  return drafts.map((d) => ({ ...d, id: `e${++clock}`, at: String(clock).padStart(6, '0'), actor }));
}
function events(r: ReturnType<typeof fileReport>, actor = 'p1'): HonbuEvent[] {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return stamp(r.events, actor);
}

const director = { id: 'p-dir', name: '社長 一郎', roles: ['direction' as const] };
const operator = { id: 'p-op', name: '窓口 次郎', roles: ['operator' as const] };

describe('item 1: what is typed into the PPC draft is an event', () => {
  it('saves a field, folds it into the incident row, and resets it to what the app knows', () => {
    const edit = events(editPpcDraft('i1', EMPTY_PPC_FIELDS, { secondaryHarm: '不正利用の報告なし', medium: 'electronic', subjects: ['customers'] }));
    expect(edit[0]).toMatchObject({ type: 'disclosure.ppc-draft-edited', incidentId: 'i1', payload: { changes: { secondaryHarm: '不正利用の報告なし', medium: 'electronic', subjects: ['customers'] } } });
    const row = foldAll(disclosureProjection, edit).get('i1')!;
    expect(ppcFields(row)).toMatchObject({ secondaryHarm: '不正利用の報告なし', medium: 'electronic', subjects: ['customers'], publication: null });
    const reset = events(editPpcDraft('i1', ppcFields(row), { secondaryHarm: null }));
    expect(ppcFields(foldAll(disclosureProjection, [...edit, ...reset]).get('i1')).secondaryHarm).toBeNull();
  });

  it('refuses values the form cannot hold, and records nothing when nothing changed', () => {
    const r = editPpcDraft('i1', EMPTY_PPC_FIELDS, { medium: 'floppy' as never, reportDate: '2026-02-30', subjects: ['aliens' as never] });
    expect(r).toEqual({ ok: false, problems: [{ field: 'medium', reason: 'invalid' }, { field: 'reportDate', reason: 'invalid' }, { field: 'subjects', reason: 'invalid' }] });
    expect(editPpcDraft('i1', { ...EMPTY_PPC_FIELDS, subjects: ['employees', 'customers'] }, { subjects: ['customers', 'employees'] })).toEqual({ ok: false, problems: [{ field: 'ppc', reason: 'unchanged' }] });
  });
});

describe('item 2: a disclosure decision needs what makes it a decision', () => {
  const people = [director, operator];
  const what = (publish: boolean) => (publish ? '公表する' : '公表しない');

  it('an empty form records nothing: it names every missing part, and nothing is pre-selected', () => {
    expect(blankDecision().publish).toBeNull();
    const r = recordDecision('i1', 'd1', blankDecision(), people, what);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['publish', 'why', 'viewpoints.controller', 'viewpoints.form', 'viewpoints.content', 'viewpoints.volume', 'viewpoints.harm', 'decider']);
  });

  const complete: DecisionDraft = {
    ...blankDecision(),
    viewpoints: { controller: { note: '', rating: 'high' }, form: { note: '', rating: 'high' }, content: { note: 'カード番号', rating: 'high' }, volume: { note: '', rating: 'medium' }, harm: { note: '', rating: 'high' } },
    publish: true,
    why: ' カード情報を含むため ',
    deciderId: director.id,
  };

  it('publishing needs a channel', () => {
    expect(recordDecision('i1', 'd1', complete, people, what)).toEqual({ ok: false, problems: [{ field: 'channels', reason: 'required' }] });
  });

  it('a complete decision records it with the member who decided, and a timeline decision', () => {
    const evs = events(recordDecision('i1', 'd1', { ...complete, channels: ['corporate-site'] }, people, what));
    expect(evs.map((e) => e.type)).toEqual(['disclosure.decision-recorded', 'incident.decision-recorded']);
    expect(evs[0]!.payload).toMatchObject({ publish: true, why: 'カード情報を含むため', decidedBy: '社長 一郎', deciderId: 'p-dir', channels: ['corporate-site'] });
    expect(evs[1]!.payload).toEqual({ decisionId: 'd1', phase: 'statement', what: '公表する', why: 'カード情報を含むため', decidedBy: '社長 一郎', disclosurePublish: true });
    // Not publishing needs no channel; a decider outside the team is named by hand.
    const outside = recordDecision('i1', 'd2', { ...complete, publish: false, deciderId: null, deciderName: '親会社 法務部長' }, people, what);
    expect(outside.ok && outside.events[0]!.payload).toMatchObject({ publish: false, decidedBy: '親会社 法務部長', deciderId: null });
    expect(recordDecision('i1', 'd3', { ...complete, channels: ['corporate-site'], deciderId: 'someone-else' }, people, what)).toEqual({ ok: false, problems: [{ field: 'decider', reason: 'invalid' }] });
  });
});

describe('item 3: only a member with the direction role approves, recorded by who', () => {
  const drafted = events(draftDocument('statement', 'i1', [], 'ja', defaultSections()));
  const statement = foldAll(statementsProjection, drafted).get('i1:1')!;
  const checklist = statementChecklist(statement.sections, FULL_FACTS);

  it('refuses a member without the role, or nobody', () => {
    expect(approveDocument('statement', statement, operator, FULL_FACTS, checklist)).toEqual({ ok: false, problems: [{ field: 'approver', reason: 'not-allowed' }] });
    expect(approveDocument('statement', statement, null, FULL_FACTS, checklist)).toEqual({ ok: false, problems: [{ field: 'approver', reason: 'not-allowed' }] });
  });

  it('records the approver by person id and name; the fold shows who', () => {
    const approved = events(approveDocument('statement', statement, director, FULL_FACTS, checklist), director.id);
    expect(approved[0]!.payload).toMatchObject({ version: 1, approverId: 'p-dir', approvedBy: '社長 一郎' });
    const row = foldAll(statementsProjection, [...drafted, ...approved]).get('i1:1')!;
    expect(row).toMatchObject({ state: 'approved', approverId: 'p-dir', approvedBy: '社長 一郎' });
    expect(approveDocument('statement', row, director, FULL_FACTS, checklist)).toEqual({ ok: false, problems: [{ field: 'state', reason: 'unchanged' }] });
  });

  it('refuses an approval while the checklist has errors, and a publication before approval', () => {
    const bad = statementChecklist(statement.sections, { ...FULL_FACTS, deskPhone: '' });
    expect(approveDocument('statement', statement, director, FULL_FACTS, bad)).toEqual({ ok: false, problems: [{ field: 'checklist', reason: 'incomplete', params: { errors: 1 } }] });
    expect(publishDocument('statement', statement)).toEqual({ ok: false, problems: [{ field: 'state', reason: 'not-approved' }] });
  });

  it('notices follow the same rule, and a published text cannot be edited', () => {
    const d = events(draftDocument('notice', 'i1', [], 'en', defaultNoticeSections('en')));
    const notice = foldAll(noticesProjection, d).get('i1:1')!;
    expect(notice.lang).toBe('en');
    expect(approveDocument('notice', notice, operator, FULL_FACTS, [])).toMatchObject({ ok: false });
    const a = events(approveDocument('notice', notice, director, FULL_FACTS, noticeChecklist(notice.sections, FULL_FACTS)));
    const p = events(publishDocument('notice', foldAll(noticesProjection, [...d, ...a]).get('i1:1')!));
    const published = foldAll(noticesProjection, [...d, ...a, ...p]).get('i1:1')!;
    expect(published.state).toBe('published');
    expect(editSections('notice', published, [{ key: 'cause', text: 'x' }])).toEqual({ ok: false, problems: [{ field: 'sections', reason: 'published' }] });
    // A follow-up waits until no other version is an open draft.
    expect(draftDocument('notice', 'i1', [notice], 'ja', [])).toEqual({ ok: false, problems: [{ field: 'version', reason: 'incomplete', params: { version: 1 } }] });
    expect(draftDocument('notice', 'i1', [published], 'ja', []).ok).toBe(true);
  });
});

describe('item 4: a filing time in the future is refused', () => {
  it('refuses tomorrow, takes a time in the past (or a minute ahead on a fast clock)', () => {
    expect(fileReport('i1', 'preliminary', '2026-11-23T01:00:00Z', 'R-1', NOW)).toEqual({ ok: false, problems: [{ field: 'filedAt', reason: 'future', params: { at: '2026-11-23T01:00:00Z' } }] });
    expect(fileReport('i1', 'preliminary', null, '', NOW)).toEqual({ ok: false, problems: [{ field: 'filedAt', reason: 'required' }] });
    expect(fileReport('i1', 'preliminary', '2026-11-22T03:01:00Z', ' R-1 ', NOW)).toEqual({
      ok: true,
      events: [{ type: 'disclosure.report-filed', incidentId: 'i1', payload: { kind: 'preliminary', filedAt: '2026-11-22T03:01:00Z', reference: 'R-1' } }],
    });
  });

  it('the premises too: the company cannot learn of it tomorrow, and a contractor has a name', () => {
    expect(changeSettings('i1', null, { learnedAt: '2026-12-01T00:00:00Z' }, NOW)).toMatchObject({ ok: false, problems: [{ field: 'learnedAt', reason: 'future' }] });
    expect(changeSettings('i1', null, { contractor: true }, NOW)).toEqual({ ok: false, problems: [{ field: 'contractorName', reason: 'required' }] });
    expect(changeSettings('i1', null, { client: true, clientName: '  ' }, NOW)).toEqual({ ok: false, problems: [{ field: 'clientName', reason: 'required' }] });
    const r = changeSettings('i1', null, { contractor: true, contractorName: ' 株式会社サンプル ', improperPurpose: null }, NOW);
    // "Unknown" said by a person overrules a derived value, so it is recorded although it is the default.
    expect(r.ok && r.events[0]!.payload).toEqual({ changes: { contractor: true, contractorName: '株式会社サンプル', improperPurpose: null } });
    const row = foldAll(disclosureProjection, events(r)).get('i1')!;
    expect(changeSettings('i1', row, { improperPurpose: null, contractorName: '株式会社サンプル' }, NOW)).toEqual({ ok: false, problems: [{ field: 'settings', reason: 'unchanged' }] });
  });
});

describe('publishing against a recorded decision not to publish', () => {
  const drafted = events(draftDocument('statement', 'i1', [], 'ja', defaultSections()));
  const statement = foldAll(statementsProjection, drafted).get('i1:1')!;
  const approved = events(approveDocument('statement', statement, director, FULL_FACTS, statementChecklist(statement.sections, FULL_FACTS)), director.id);
  const ready = foldAll(statementsProjection, [...drafted, ...approved]).get('i1:1')!;
  const notToPublish = { publish: false, at: '0000000009' };

  it('asks first: refused until confirmed with a reason', () => {
    expect(commands.publishDocument(ctx(), ready, { kind: 'statement', decision: notToPublish })).toEqual({ ok: false, problems: [{ field: 'decision', reason: 'against-decision' }] });
    expect(commands.publishDocument(ctx(), ready, { kind: 'statement', decision: notToPublish, confirmAgainstDecision: { reason: '  ' } })).toEqual({
      ok: false,
      problems: [{ field: 'againstReason', reason: 'required' }],
    });
    // Nothing a reader would see is no reason: full-width spaces, zero-width spaces, a BOM.
    for (const invisible of ['\u3000\u3000', '\u200B', '\u200B\u200D\uFEFF', '\u2060 ']) {
      expect(commands.publishDocument(ctx(), ready, { kind: 'statement', decision: notToPublish, confirmAgainstDecision: { reason: invisible } })).toEqual({
        ok: false,
        problems: [{ field: 'againstReason', reason: 'required' }],
      });
    }
    // A decision to publish, or none yet, asks nothing.
    expect(commands.publishDocument(ctx(), ready, { kind: 'statement', decision: { publish: true, at: '0000000009' } }).ok).toBe(true);
    expect(commands.publishDocument(ctx(), ready, { kind: 'statement', decision: null }).ok).toBe(true);
  });

  it('records the confirmation — which decision was set aside and why — with the publication', () => {
    const published = events(commands.publishDocument(ctx(), ready, { kind: 'statement', decision: notToPublish, confirmAgainstDecision: { reason: '報道が先行したため' } }), director.id);
    expect(published[0]!.payload).toEqual({ version: 1, againstDecision: { decisionAt: '0000000009', reason: '報道が先行したため' } });
    const row = foldAll(statementsProjection, [...drafted, ...approved, ...published]).get('i1:1')!;
    expect(row).toMatchObject({ state: 'published', publishedAgainst: { decisionAt: '0000000009', reason: '報道が先行したため' } });
  });
});

