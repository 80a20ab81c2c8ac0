/**
 * Commands of the disclosure part: check what a person asks for against the current rows
 * and return the events to append, or the problems that stop it (what and where). The
 * folds accept whatever was appended — another laptop may have had other rows — so the
 * rules live here: who may approve, what a decision needs, that a report cannot be filed
 * tomorrow, that a contractor has a name.
 */
import { fieldOverride, seenOf } from '../events/field-edits';
import type { AnyDraft } from '../events/registry';
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import { EMPTY_FACTS, type Facts, type Incident } from '../incident/model';
import type { Person } from '../people/profile';
import type { AccessRole } from '../roles/model';
import { rolesThatMay } from '../roles/table';
import type { DocLang, VersionedDoc } from './doc-versions';
import { nextDocVersion } from './doc-versions';
import { docType, type DocKind } from './events';
import { effectiveSettings, filingFloor } from './effective';
import { CAUSERS, EMPTY_PPC_FIELDS, MEDIA, PREFILLED_TEXTS, REPORT_STAGES, SUBJECTS, type PpcDraftFields } from './ppc-fields';
import {
  CHANNELS,
  CONTACT_PARTIES,
  FILING_KINDS,
  QUALITATIVE_INDICATORS,
  QUANTITATIVE_INDICATORS,
  RATINGS,
  VIEWPOINTS,
  settingSet,
  settingsOf,
  type Channel,
  type ContactParty,
  type DisclosureDecision,
  type DisclosureRow,
  type Filing,
  type FilingKind,
  type QualitativeIndicator,
  type QuantitativeIndicator,
  type Rating,
  type RegulatorSettings,
  type Viewpoint,
} from './regulator';
import { noticeChecklist } from './notice';
import { statementChecklist, type CheckItem, type StatementSection } from './statement';

/** Direction (方針指導) decides what the company says: only it approves what goes out. */
/** Who may approve a statement or notice: read from the one role table (shared/roles/table.ts). */
export const APPROVER_ROLES: readonly AccessRole[] = rolesThatMay('disclosure.statement-approved');

export type ProblemReason =
  | 'required'
  | 'not-allowed'
  | 'future'
  | 'before-learned'
  | 'after-filed'
  | 'invalid'
  | 'too-long'
  | 'unchanged'
  | 'incomplete'
  | 'published'
  | 'not-approved'
  | 'against-decision';

/** One problem type for the whole app (shared/events/command.ts); the reasons this part gives are ProblemReason. */
export type { Problem } from '../events/command';
import type { Problem as AnyProblem } from '../events/command';
interface DisclosureProblem extends AnyProblem {
  reason: ProblemReason;
}

export type Result = CommandResult;

const MAX_TEXT = 5000;
const MAX_LINE = 300;
/** A clock a little ahead on another laptop must not make "now" a future time. */
const FUTURE_SLACK_MS = 2 * 60_000;

function ok(...events: AnyDraft[]): Result {
  return accept(events);
}
function fail(problems: DisclosureProblem[]): Result {
  return refuse(problems);
}

/**
 * Nothing a reader would see: spaces (half- and full-width) and invisible characters (zero-width
 * spaces and joiners, a BOM) only. A reason or a name like that is no reason or name.
 */
export function isBlank(text: string): boolean {
  return text.replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '') === '';
}

function tooLong(field: string, text: string, max = MAX_TEXT): DisclosureProblem[] {
  return text.length > max ? [{ field, reason: 'too-long', params: { max } }] : [];
}

function instant(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? NaN : ms;
}

function checkNotFuture(field: string, value: string | null, now: number): DisclosureProblem[] {
  const ms = instant(value);
  if (ms === null) return [];
  if (Number.isNaN(ms)) return [{ field, reason: 'invalid' }];
  return ms > now + FUTURE_SLACK_MS ? [{ field, reason: 'future', params: { at: value! } }] : [];
}

// ---- Regulator settings -------------------------------------------------------------

/**
 * Saves what changed in the assessment's premises. A contractor or client without a name
 * would print as "委託先（）", and a clock cannot start tomorrow.
 */
export function changeSettings(
  ctx: CommandContext,
  row: DisclosureRow | null,
  args: { incidentId: string; changes: Partial<RegulatorSettings> },
  /** The incident, for the times derived from it (the learned time from the discovery): without it, none is derived. */
  incident: Pick<Incident, 'scenario' | 'facts'> | null = null,
): Result {
  const { incidentId, changes: asked } = args;
  const now = ctx.now;
  const current = settingsOf(row);
  let changes = asked;
  // Unticking the last contractor or client ends joint filing too: the screen no longer
  // shows that box, so refusing it would leave the premises impossible to save.
  if (changes.jointFiling === undefined && current.jointFiling && (changes.contractor === false || changes.client === false)) {
    const left = { ...current, ...changes };
    if (!left.contractor && !left.client) changes = { ...changes, jointFiling: false };
  }
  const next = { ...current, ...changes };
  const problems: DisclosureProblem[] = [
    ...checkNotFuture('learnedAt', changes.learnedAt ?? null, now),
    ...checkNotFuture('awareAt', changes.awareAt ?? null, now),
    ...tooLong('contractorName', next.contractorName, MAX_LINE),
    ...tooLong('clientName', next.clientName, MAX_LINE),
  ];
  if (next.contractor && next.contractorName.trim() === '') problems.push({ field: 'contractorName', reason: 'required' });
  if (next.client && next.clientName.trim() === '') problems.push({ field: 'clientName', reason: 'required' });
  if (next.jointFiling && !next.contractor && !next.client) problems.push({ field: 'jointFiling', reason: 'invalid' });
  problems.push(...filedBeforeStart(row, changes, next, incident));
  if (problems.length > 0) return fail(problems);
  const clean: Partial<RegulatorSettings> = {};
  for (const [k, v] of Object.entries(changes) as [keyof RegulatorSettings, unknown][]) {
    const value = typeof v === 'string' && (k === 'contractorName' || k === 'clientName') ? v.trim() : v;
    // A field nobody has set may show a derived value: setting it to its default still overrules that.
    if (value !== current[k] || !settingSet(row, k)) (clean as Record<string, unknown>)[k] = value;
  }
  if (Object.keys(clean).length === 0) return fail([{ field: 'settings', reason: 'unchanged' }]);
  const seen = seenOf(row?.stamps ?? {}, 'settings', Object.keys(clean));
  return ok({ type: 'disclosure.settings-changed', incidentId, payload: { changes: clean, ...(seen ? { seen } : {}) } });
}

/**
 * A change that moves the start of a filed report's clock to after its filing: the record
 * would say the report went in before the company knew of the leak (fileReport refuses the
 * same from the other side). Judged on the effective settings, as the screen and fileReport
 * read them — a cleared learned time falls back to the discovery, a GDPR clock starts at the
 * earlier of the two times — and only for filings this change puts out of order.
 */
function filedBeforeStart(row: DisclosureRow | null, changes: Partial<RegulatorSettings>, next: RegulatorSettings, incident: Pick<Incident, 'scenario' | 'facts'> | null): DisclosureProblem[] {
  if (!('learnedAt' in changes) && !('awareAt' in changes)) return [];
  const stamps = row?.stamps ?? {};
  const before = effectiveSettings(row, incident ?? NO_INCIDENT).settings;
  const after = effectiveSettings({ settings: next, stamps }, incident ?? NO_INCIDENT).settings;
  const late = (floor: string | null, f: Filing) => filedBefore(f.filedAt, floor);
  const problems: DisclosureProblem[] = [];
  for (const f of [...(row?.filings ?? [])].sort((x, y) => x.filedAt.localeCompare(y.filedAt))) {
    const floor = filingFloor(f.kind, after);
    if (!late(floor, f) || late(filingFloor(f.kind, before), f)) continue;
    // The time that now starts the clock: the learned one, or for GDPR whichever is the earlier.
    const field = f.kind === 'gdpr' && floor === after.awareAt && floor !== after.learnedAt ? 'awareAt' : 'learnedAt';
    if (problems.some((p) => p.field === field)) continue;
    problems.push({ field, reason: 'after-filed', params: { at: floor!, filed: f.filedAt } });
  }
  return problems;
}

const NO_INCIDENT: Pick<Incident, 'scenario' | 'facts'> = { scenario: '', facts: EMPTY_FACTS };

/** A filing time before the start of its clock, to the minute (a filing time is typed in minutes, the start may carry seconds). */
function filedBefore(filedAt: string | null, start: string | null): boolean {
  const at = instant(filedAt);
  const from = instant(start);
  return at !== null && !Number.isNaN(at) && from !== null && !Number.isNaN(from) && at < Math.floor(from / 60_000) * 60_000;
}

// ---- Filings ------------------------------------------------------------------------

/**
 * A report marked as filed: when (not in the future, and not before the company learned of
 * the leak — a filing then is a typo, and a filed report cannot be taken back) and the
 * receipt number. The state is that moment (filingFloor in effective.ts).
 */
/**
 * Records a filing. `corrects` names (by its clock) a filing of the same kind recorded with
 * a typo: the correction replaces it, and the replaced one no longer counts anywhere.
 */
export function fileReport(
  ctx: CommandContext,
  state: { learnedAt: string | null; filings?: readonly { at: string; kind: FilingKind }[] },
  args: { incidentId: string; kind: FilingKind; filedAt: string | null; reference: string; corrects?: string },
): Result {
  const { incidentId, kind, filedAt, reference, corrects } = args;
  const { learnedAt } = state;
  const now = ctx.now;
  const problems: DisclosureProblem[] = [];
  if (!(FILING_KINDS as readonly string[]).includes(kind)) problems.push({ field: 'kind', reason: 'invalid' });
  if (filedAt === null || filedAt === '') problems.push({ field: 'filedAt', reason: 'required' });
  else {
    problems.push(...checkNotFuture('filedAt', filedAt, now));
    if (filedBefore(filedAt, learnedAt)) {
      problems.push({ field: 'filedAt', reason: 'before-learned', params: { at: filedAt, learned: learnedAt! } });
    }
  }
  problems.push(...tooLong('reference', reference, MAX_LINE));
  // Only a filing in force of the same kind can be corrected (not one already replaced).
  if (corrects !== undefined && !(state.filings ?? []).some((f) => f.at === corrects && f.kind === kind)) problems.push({ field: 'corrects', reason: 'invalid' });
  if (problems.length > 0) return fail(problems);
  return ok({ type: 'disclosure.report-filed', incidentId, payload: { kind, filedAt: filedAt!, reference: reference.trim(), ...(corrects !== undefined ? { corrects } : {}) } });
}

// ---- The disclosure decision --------------------------------------------------------

/** The decision form before it is complete: nothing is chosen for the person. */
export interface DecisionDraft {
  viewpoints: Record<Viewpoint, { note: string; rating: Rating | null }>;
  qualitative: QualitativeIndicator[];
  quantitative: QuantitativeIndicator[];
  publish: boolean | null;
  why: string;
  channels: Channel[];
  timing: { plannedAt: string | null; note: string };
  clientCoordination: { needed: boolean; note: string };
  /** A member's person id, or null when the decider is not a member (then deciderName). */
  deciderId: string | null;
  deciderName: string;
}

export function blankDecision(): DecisionDraft {
  return {
    viewpoints: Object.fromEntries(VIEWPOINTS.map((v) => [v, { note: '', rating: null }])) as DecisionDraft['viewpoints'],
    qualitative: [],
    quantitative: [],
    publish: null,
    why: '',
    channels: [],
    timing: { plannedAt: null, note: '' },
    clientCoordination: { needed: false, note: '' },
    deciderId: null,
    deciderName: '',
  };
}

/**
 * Records the decision and the same decision as a timeline entry. It needs what makes it
 * a decision: publish or not (never pre-selected), why, who decided, all five viewpoints
 * weighed, and how to publish when publishing.
 */
export function recordDecision(
  ctx: CommandContext,
  people: readonly Pick<Person, 'id' | 'name'>[],
  args: { incidentId: string; draft: DecisionDraft; /** The timeline entry's words for each choice, in the language on screen. */ timelineWhat: { publish: string; notPublish: string } },
): Result {
  const { incidentId, draft } = args;
  const decisionId = ctx.newId();
  const timelineWhat = (publish: boolean) => (publish ? args.timelineWhat.publish : args.timelineWhat.notPublish);
  const problems: DisclosureProblem[] = [];
  if (draft.publish === null) problems.push({ field: 'publish', reason: 'required' });
  if (isBlank(draft.why)) problems.push({ field: 'why', reason: 'required' });
  problems.push(...tooLong('why', draft.why));
  for (const v of VIEWPOINTS) {
    const rating = draft.viewpoints[v]?.rating ?? null;
    if (rating === null) problems.push({ field: `viewpoints.${v}`, reason: 'required' });
    else if (!(RATINGS as readonly string[]).includes(rating)) problems.push({ field: `viewpoints.${v}`, reason: 'invalid' });
  }
  if (draft.publish === true && draft.channels.length === 0) problems.push({ field: 'channels', reason: 'required' });
  if (!draft.channels.every((c) => (CHANNELS as readonly string[]).includes(c))) problems.push({ field: 'channels', reason: 'invalid' });
  if (!draft.qualitative.every((q) => (QUALITATIVE_INDICATORS as readonly string[]).includes(q))) problems.push({ field: 'qualitative', reason: 'invalid' });
  if (!draft.quantitative.every((q) => (QUANTITATIVE_INDICATORS as readonly string[]).includes(q))) problems.push({ field: 'quantitative', reason: 'invalid' });
  const member = draft.deciderId === null ? null : people.find((p) => p.id === draft.deciderId);
  if (draft.deciderId !== null && !member) problems.push({ field: 'decider', reason: 'invalid' });
  if (draft.deciderId === null && isBlank(draft.deciderName)) problems.push({ field: 'decider', reason: 'required' });
  if (problems.length > 0) return fail(problems);

  const decidedBy = member ? member.name : draft.deciderName.trim();
  const decision: DisclosureDecision = {
    viewpoints: Object.fromEntries(VIEWPOINTS.map((v) => [v, { note: draft.viewpoints[v].note.trim(), rating: draft.viewpoints[v].rating }])) as DisclosureDecision['viewpoints'],
    qualitative: draft.qualitative,
    quantitative: draft.quantitative,
    publish: draft.publish!,
    why: draft.why.trim(),
    channels: draft.publish ? draft.channels : [],
    timing: { plannedAt: draft.timing.plannedAt, note: draft.timing.note.trim() },
    clientCoordination: { needed: draft.clientCoordination.needed, note: draft.clientCoordination.needed ? draft.clientCoordination.note.trim() : '' },
    decidedBy,
    deciderId: member ? member.id : null,
  };
  return ok(
    { type: 'disclosure.decision-recorded', incidentId, payload: decision },
    {
      type: 'incident.decision-recorded',
      incidentId,
      payload: { decisionId, phase: 'statement', what: timelineWhat(decision.publish), why: decision.why, decidedBy, disclosurePublish: decision.publish },
    },
  );
}

// ---- Statements and notices ---------------------------------------------------------

export type { DocKind } from './events';

export function draftDocument(_ctx: CommandContext, existing: readonly VersionedDoc[], args: { kind: DocKind; incidentId: string; lang: DocLang; sections: StatementSection[] }): Result {
  const { kind, incidentId, lang, sections } = args;
  // A follow-up starts only when the previous version went out: two open drafts would compete.
  const open = existing.find((d) => d.state === 'draft');
  if (open) return fail([{ field: 'version', reason: 'incomplete', params: { version: open.version } }]);
  return ok({ type: docType(kind, 'drafted'), incidentId, payload: { version: nextDocVersion(existing), lang, sections } });
}

/**
 * Several sections saved at once: one append, so they land (or fail) together.
 * `startedFrom` is the version's stamps when the person began typing (the editor keeps
 * their typing when another laptop's words arrive meanwhile, so they never saw those).
 */
export function editSections(_ctx: CommandContext, doc: VersionedDoc, args: { kind: DocKind; edits: StatementSection[]; startedFrom?: Record<string, string> }): Result {
  const { kind, edits } = args;
  const from = args.startedFrom ?? doc.stamps;
  if (doc.state === 'published') return fail([{ field: 'sections', reason: 'published' }]);
  const changed = edits.filter((e) => doc.sections.find((s) => s.key === e.key)?.text !== e.text);
  const problems = changed.flatMap((e) => tooLong(`section.${e.key}`, e.text));
  if (problems.length > 0) return fail(problems);
  if (changed.length === 0) return fail([{ field: 'sections', reason: 'unchanged' }]);
  return ok(
    ...changed.map((e): AnyDraft => {
      // The section's stamp as the edit began: a later edit elsewhere that did not see these words overwrote them.
      const seen = from[`section.${e.key}`];
      return { type: docType(kind, 'section-edited'), incidentId: doc.incidentId, payload: { version: doc.version, key: e.key, text: e.text, ...(seen ? { seen } : {}) } };
    }),
  );
}

export function canApprove(approver: { roles: readonly AccessRole[] } | null): boolean {
  return approver !== null && approver.roles.some((r) => APPROVER_ROLES.includes(r));
}

/**
 * Approval by the member using the app, who must hold the direction role. It records who
 * (by person id, with the name of the day) and the words and facts approved.
 */
export function approveDocument(
  _ctx: CommandContext,
  state: { doc: VersionedDoc; approver: (Pick<Person, 'id' | 'name'> & { roles: readonly AccessRole[] }) | null; facts: Facts },
  args: { kind: DocKind; checklist: readonly CheckItem[] },
): Result {
  const { doc, approver, facts } = state;
  const { kind, checklist } = args;
  if (!approver || !canApprove(approver)) return fail([{ field: 'approver', reason: 'not-allowed' }]);
  if (doc.state !== 'draft') return fail([{ field: 'state', reason: 'unchanged' }]);
  // The checklist the person saw, and the one worked out now from the stored words and the
  // facts: another laptop's edit (or a caller that sends an empty list) may have arrived
  // since the screen drew it, and the approval records these words and facts.
  const own = kind === 'notice' ? noticeChecklist(doc.sections, facts) : statementChecklist(doc.sections, facts);
  const errorsIn = (list: readonly CheckItem[]) => list.filter((c) => c.severity === 'error').length;
  const errors = errorsIn(own) || errorsIn(checklist);
  if (errors > 0) return fail([{ field: 'checklist', reason: 'incomplete', params: { errors } }]);
  const payload = { version: doc.version, approverId: approver.id, approvedBy: approver.name, sections: doc.sections.map((s) => ({ ...s })), factsSnapshot: facts };
  return ok({ type: docType(kind, 'approved'), incidentId: doc.incidentId, payload });
}

/**
 * Marks an approved version published. Against a recorded decision not to publish it asks
 * first: refused until the person confirms with a reason, which is recorded with it.
 */
export function publishDocument(
  _ctx: CommandContext,
  doc: VersionedDoc,
  args: { kind: DocKind; decision?: { publish: boolean; at: string } | null; confirmAgainstDecision?: { reason: string } },
): Result {
  const { kind, decision, confirmAgainstDecision: confirm } = args;
  if (doc.state === 'published') return fail([{ field: 'state', reason: 'unchanged' }]);
  if (doc.state !== 'approved') return fail([{ field: 'state', reason: 'not-approved' }]);
  if (decision && !decision.publish) {
    if (!confirm) return fail([{ field: 'decision', reason: 'against-decision' }]);
    const reason = confirm.reason.trim();
    if (isBlank(reason)) return fail([{ field: 'againstReason', reason: 'required' }]);
    const long = tooLong('againstReason', reason);
    if (long.length > 0) return fail(long);
    return ok({ type: docType(kind, 'published'), incidentId: doc.incidentId, payload: { version: doc.version, againstDecision: { decisionAt: decision.at, reason } } });
  }
  return ok({ type: docType(kind, 'published'), incidentId: doc.incidentId, payload: { version: doc.version } });
}

// ---- The PPC report draft -----------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Saves what was typed into the PPC draft, field by field (only what changed). */
/**
 * Saves what changed in the PPC draft. `stamps` are the row's stamps as the edit began: the
 * edit records what it started from, so an overwrite of another laptop's words is told.
 */
export function editPpcDraft(_ctx: CommandContext, current: PpcDraftFields, args: { incidentId: string; changes: Partial<PpcDraftFields> }, stamps: Record<string, string> = {}): Result {
  const { incidentId, changes } = args;
  const problems: DisclosureProblem[] = [];
  const clean: Partial<PpcDraftFields> = {};
  for (const [key, value] of Object.entries(changes) as [keyof PpcDraftFields, unknown][]) {
    if (!(key in EMPTY_PPC_FIELDS)) {
      problems.push({ field: key, reason: 'invalid' });
      continue;
    }
    const enumOk = (list: readonly string[]) => value === null || (typeof value === 'string' && list.includes(value));
    if (key === 'stage' && !enumOk(REPORT_STAGES)) problems.push({ field: key, reason: 'invalid' });
    else if (key === 'medium' && !enumOk(MEDIA)) problems.push({ field: key, reason: 'invalid' });
    else if (key === 'causedBy' && !enumOk(CAUSERS)) problems.push({ field: key, reason: 'invalid' });
    else if (key === 'reportDate' && value !== null && !(typeof value === 'string' && validDate(value))) problems.push({ field: key, reason: 'invalid' });
    else if (key === 'subjects' && !(Array.isArray(value) && value.every((s) => (SUBJECTS as readonly string[]).includes(s)))) problems.push({ field: key, reason: 'invalid' });
    else if ((PREFILLED_TEXTS as readonly string[]).includes(key) && value !== null && typeof value !== 'string') problems.push({ field: key, reason: 'invalid' });
    else if ((key === 'other' || key === 'subjectsNote' || key === 'gdprDelayReasons') && typeof value !== 'string') problems.push({ field: key, reason: 'invalid' });
    else if (key === 'gdprRecords' && value !== null && !(Number.isSafeInteger(value) && (value as number) >= 0)) problems.push({ field: key, reason: 'invalid' });
    else if (typeof value === 'string') problems.push(...tooLong(key, value));
    const before = current[key];
    const same = Array.isArray(value) && Array.isArray(before) ? [...value].sort().join() === [...before].sort().join() : value === before;
    if (!same) (clean as Record<string, unknown>)[key] = value;
  }
  if (problems.length > 0) return fail(problems);
  if (Object.keys(clean).length === 0) return fail([{ field: 'ppc', reason: 'unchanged' }]);
  const seen = seenOf(stamps, 'ppc', Object.keys(clean));
  return ok({ type: 'disclosure.ppc-draft-edited', incidentId, payload: { changes: clean, ...(seen ? { seen } : {}) } });
}

/** I saw that another laptop's edit replaced mine on a field of the PPC draft or the premises: stop telling me. */
export function dismissOverride(
  _ctx: CommandContext,
  row: Pick<DisclosureRow, 'edits'> | null,
  args: { incidentId: string; field: string; me: string; doc?: { kind: DocKind; version: number } },
): Result {
  const o = fieldOverride(args.field, row?.edits?.[args.field], args.me);
  if (!o) return fail([{ field: args.field, reason: 'unchanged' }]);
  const doc = args.doc ? { doc: { kind: args.doc.kind, version: args.doc.version } } : {};
  return ok({ type: 'disclosure.override-seen', incidentId: args.incidentId, payload: { field: args.field, eventId: o.theirs.eventId, ...doc } });
}

// ---- The contact log ----------------------------------------------------------------

/** A call or visit to the police, a ministry, a card company or the PPC: who, and when (not later than now). */
export function logContact(
  ctx: CommandContext,
  _state: null,
  args: { incidentId: string; contactId?: string; party: ContactParty; who: string; when: string | null; notes: string },
): Result {
  const { incidentId, ...entry } = args;
  // A correction is logged again under the same id; a new contact gets a new one.
  const contactId = args.contactId ?? ctx.newId();
  const now = ctx.now;
  const problems: DisclosureProblem[] = [];
  if (!(CONTACT_PARTIES as readonly string[]).includes(entry.party)) problems.push({ field: 'party', reason: 'invalid' });
  if (isBlank(entry.who)) problems.push({ field: 'who', reason: 'required' });
  if (entry.when === null) problems.push({ field: 'when', reason: 'required' });
  else problems.push(...checkNotFuture('when', entry.when, now));
  problems.push(...tooLong('who', entry.who, MAX_LINE), ...tooLong('notes', entry.notes));
  if (problems.length > 0) return fail(problems);
  return ok({ type: 'disclosure.contact-logged', incidentId, payload: { contactId, party: entry.party, who: entry.who.trim(), when: entry.when!, notes: entry.notes.trim() } });
}
