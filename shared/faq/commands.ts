/**
 * Commands: check a user's action against the current rows, then say which event to
 * append. The folds accept whatever was appended (another laptop may have had other
 * rows), so the rules live here: who may approve, which version comes next, what an
 * enquiry must have.
 */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import { EVENT_ITEM_BYTES, jsonBytes, piecesOf } from '../events/pieces';
import type { AnyDraft } from '../events/registry';
import type { CompanyFields } from '../company/events';
import type { Facts } from '../incident/model';
import { PLACEHOLDER_PATTERN, PLACEHOLDERS, placeholderName } from '../incident/render';
import type { AccessRole } from '../roles/model';
import { rolesThatMay } from '../roles/table';
import type { Group } from './grouping';
import { MADE_GROUP, NEW_GROUP } from './moved-groups';
import { linkedNow } from './answered';
import { answerText, ENQUIRY_CHANNELS, ENQUIRY_TAGS, faqState, latestVersion, indexTimes, MAX_KEPT, type Enquiry, type EnquiryFields, type FaqEntry, type IndexedTimes, type KeptTwin } from './model';
import { snapshotFor } from './stale';
import { personalDataAsWritten, personalDataIn, WORDS_SEPARATOR } from './personal-data';

/** Direction (方針指導) decides what the company says: only it approves answers (001 step 4). */
/** Who may approve an answer: read from the one role table (shared/roles/table.ts). */
export const APPROVER_ROLES: readonly AccessRole[] = rolesThatMay('faq.entry-approved');

/** The reasons this part gives (one Problem type for the whole app: shared/events/command.ts). */
export interface CommandProblem extends Problem {
  reason: 'required' | 'not-allowed' | 'retired' | 'no-version' | 'unknown-placeholder' | 'invalid' | 'unchanged' | 'personal-data' | 'newer-version';
}

const MAX_TEXT = 5000;

function checkText(field: string, text: string, required: boolean): CommandProblem[] {
  if (required && text.trim() === '') return [{ field, reason: 'required' }];
  return text.length > MAX_TEXT ? [{ field, reason: 'invalid' }] : [];
}

function checkAnswer(answer: string): CommandProblem[] {
  const problems = checkText('answer', answer, true);
  for (const m of answer.matchAll(PLACEHOLDER_PATTERN)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(placeholderName(m))) problems.push({ field: 'answer', reason: 'unknown-placeholder' });
  }
  return problems;
}

export interface EntryText {
  question: string;
  answer: string;
  category: string;
}

/**
 * A new entry (version 1). When it was made from a group of enquiries, they are linked in
 * the same append. A group's phrasings may be thousands of a vendor's long questions: those
 * beyond one piece of EVENT_ITEM_BYTES go as further variants (linkEvents). Value: the entry id.
 */
export function draftEntry(
  ctx: CommandContext,
  _state: null,
  args: { incidentId: string | null; text: EntryText & { variants?: string[] }; enquiryIds?: string[]; away?: ReadonlyMap<string, string> },
): CommandResult<string> {
  const { incidentId, text } = args;
  const problems = [...checkText('question', text.question, true), ...checkAnswer(text.answer)];
  if (problems.length > 0) return refuse(problems);
  const entryId = ctx.newId();
  const [variants = [], ...more] = piecesOf(text.variants ?? [], { maxItems: Infinity, maxBytes: EVENT_ITEM_BYTES });
  const payload = { entryId, question: text.question.trim(), answer: answerText(text.answer), category: text.category.trim(), variants };
  return accept([{ type: 'faq.entry-drafted', incidentId, payload }, ...linkEvents(incidentId, entryId, more.flat(), args.enquiryIds ?? [], args.away)], entryId);
}

export function editEntry(_ctx: CommandContext, entry: FaqEntry, text: EntryText): CommandResult {
  const latest = latestVersion(entry);
  const problems = [...checkText('question', text.question, true), ...checkAnswer(text.answer)];
  if (latest && latest.question === text.question.trim() && answerText(latest.answer) === answerText(text.answer) && latest.category === text.category.trim()) {
    problems.push({ field: 'answer', reason: 'unchanged' });
  }
  if (problems.length > 0) return refuse(problems);
  const version = Math.max(0, ...entry.versions.map((v) => v.version)) + 1;
  const payload = { entryId: entry.id, version, question: text.question.trim(), answer: answerText(text.answer), category: text.category.trim() };
  return accept([{ type: 'faq.entry-edited', incidentId: entry.incidentId, payload }]);
}

export { personalDataAsWritten, personalDataIn, WORDS_SEPARATOR };

function personalDataProblem(field: string, text: string, facts: Facts, company: Partial<CompanyFields> | null | undefined): CommandProblem[] {
  const found = personalDataIn(text, facts, company);
  if (found.length === 0) return [];
  return [{ field, reason: 'personal-data', params: { words: personalDataAsWritten(text, found).join(WORDS_SEPARATOR) } }];
}

/**
 * Approves the latest version and records the facts its answer quotes right now. Only direction
 * may. `company`: the company profile, whose own address and numbers an answer may give. The approval names the version by its clock, so it stays with the words the approver saw
 * when another laptop's version of the same number arrives later (decision 067). `seen`: the
 * clock of the version the screen showed; a newer one that arrived since is refused, to be read
 * first.
 */
export function approveEntry(ctx: CommandContext, state: { entry: FaqEntry; facts: Facts; company?: Partial<CompanyFields> | null }, args: { seen?: string } = {}): CommandResult {
  const { entry, facts, company } = state;
  if (!ctx.actor.roles.some((r) => APPROVER_ROLES.includes(r))) return refuse([{ field: 'approver', reason: 'not-allowed' }]);
  const latest = latestVersion(entry);
  if (!latest) return refuse([{ field: 'version', reason: 'no-version' }]);
  if (args.seen !== undefined && args.seen !== latest.at) return refuse([{ field: 'version', reason: 'newer-version' }]);
  // A caller's details never reach the vendor's workbook: refused until they are taken out, and
  // the words found are named (the approver's own team's text, on their own screen) so they can be.
  // The category goes to the vendor's workbook too (カテゴリ): checked like the question and answer.
  const details = (['question', 'category', 'answer'] as const).flatMap((field) => personalDataProblem(field, latest[field], facts, company));
  if (details.length > 0) return refuse(details);
  const payload = { entryId: entry.id, version: latest.version, versionAt: latest.at, factsSnapshot: snapshotFor(latest.answer, facts) };
  return accept([{ type: 'faq.entry-approved', incidentId: entry.incidentId, payload }]);
}

export function retireEntry(_ctx: CommandContext, entry: FaqEntry, args: { reason: string }): CommandResult {
  if (faqState(entry) === 'retired') return refuse([{ field: 'state', reason: 'retired' }]);
  return accept([{ type: 'faq.entry-retired', incidentId: entry.incidentId, payload: { entryId: entry.id, reason: args.reason } }]);
}

/**
 * Attaches a group of enquiries to an entry: its distinct phrasings become variants (so
 * the next operator finds the entry with the caller's own words) and its members count
 * as answered.
 */
export function attachGroup(_ctx: CommandContext, entry: FaqEntry, args: { group: Group; questions: ReadonlyMap<string, string>; away: ReadonlyMap<string, string> }): CommandResult {
  const { group, questions } = args;
  const known = new Set([...entry.variants.map((v) => v.text), ...entry.versions.map((v) => v.question)]);
  const texts = [...new Set(group.memberIds.map((id) => questions.get(id)?.trim() ?? ''))].filter((t) => t !== '' && !known.has(t));
  // A question moved out of the entry's group since it was attached is attached again (movedAway).
  const linked = new Set(linkedNow(entry, args.away));
  const enquiryIds = group.memberIds.filter((id) => !linked.has(id));
  if (texts.length === 0 && enquiryIds.length === 0) return refuse([{ field: 'group', reason: 'unchanged' }]);
  return accept(linkEvents(entry.incidentId, entry.id, texts, enquiryIds, args.away));
}

/**
 * A group's phrasings, then its enquiries, attached to an entry as `faq.variants-added`: one
 * event, or several of at most EVENT_ITEM_BYTES of them each (decision 065) — a vendor's log
 * groups thousands of callers' own long questions, over the sync server's 1 MiB as one event.
 * The fold takes them as one (variants and links are sets; each link's time is its event's).
 * None when there is nothing.
 */
function linkEvents(incidentId: string | null, entryId: string, texts: readonly string[], ids: readonly string[], away: ReadonlyMap<string, string> | undefined): AnyDraft[] {
  type Item = { text: string } | { id: string };
  const items: Item[] = [...texts.map((text) => ({ text })), ...ids.map((id) => ({ id }))];
  // An enquiry brings its place in `from` along (an index into its times: a few digits) and the
  // first to name a time brings the time (a time named in several pieces is counted once: the
  // few times moves give are far within the margin under 1 MiB).
  const times = new Set<string>();
  const timeBytes = (at: string | undefined) => (at === undefined || times.has(at) ? 0 : (times.add(at), jsonBytes(at) + 1));
  const bytesOf = (x: Item) => ('text' in x ? jsonBytes(x.text) : jsonBytes(x.id) + (away ? 7 + timeBytes(away.get(x.id)) : 0));
  return piecesOf(items, { maxItems: Infinity, maxBytes: EVENT_ITEM_BYTES, bytesOf }).map((piece) => {
    const questions = piece.flatMap((x) => ('text' in x ? [x.text] : []));
    const enquiryIds = piece.flatMap((x) => ('id' in x ? [x.id] : []));
    return { type: 'faq.variants-added' as const, incidentId, payload: { entryId, questions, enquiryIds, ...awayOf(enquiryIds, away) } };
  });
}

/**
 * Of the enquiries attached, those a move had taken away, and since when (`from`, kept as
 * FaqEntry.linkedFrom); none when the caller did not read the moves (then only a move after the
 * attaching takes one away).
 */
function awayOf(ids: readonly string[], away: ReadonlyMap<string, string> | undefined): { from?: IndexedTimes } {
  return away ? { from: indexTimes(ids.map((id) => away.get(id))) } : {};
}

function checkEnquiry(fields: Partial<EnquiryFields>, complete: boolean): CommandProblem[] {
  const problems: CommandProblem[] = [];
  if (fields.question !== undefined || complete) problems.push(...checkText('question', fields.question ?? '', true));
  if (fields.answerText !== undefined) problems.push(...checkText('answerText', fields.answerText, false));
  if ((fields.channel !== undefined || complete) && !(ENQUIRY_CHANNELS as readonly string[]).includes(fields.channel ?? '')) {
    problems.push({ field: 'channel', reason: 'invalid' });
  }
  if (fields.tags !== undefined && !fields.tags.every((t) => (ENQUIRY_TAGS as readonly string[]).includes(t))) problems.push({ field: 'tags', reason: 'invalid' });
  if (fields.durationSec !== undefined && (!Number.isFinite(fields.durationSec) || fields.durationSec < 0)) problems.push({ field: 'durationSec', reason: 'invalid' });
  if (fields.at !== undefined && Number.isNaN(Date.parse(fields.at))) problems.push({ field: 'at', reason: 'invalid' });
  return problems;
}

/** An enquiry logged; answered from an FAQ entry, that entry's use is recorded with it. Value: the enquiry id. */
export function logEnquiry(ctx: CommandContext, _state: null, args: { incidentId: string | null; fields: EnquiryFields }): CommandResult<string> {
  const { incidentId, fields } = args;
  const problems = checkEnquiry(fields, true);
  if (problems.length > 0) return refuse(problems);
  const enquiryId = ctx.newId();
  const entryId = fields.answerEntryId;
  return accept(
    [
      { type: 'faq.enquiry-logged', incidentId, payload: { enquiryId, ...fields } },
      ...(entryId ? [{ type: 'faq.answer-used' as const, incidentId, payload: { entryId, enquiryId } }] : []),
    ],
    enquiryId,
  );
}

export function editEnquiry(_ctx: CommandContext, _state: null, args: { incidentId: string | null; enquiryId: string; changes: Partial<EnquiryFields> }): CommandResult {
  const { incidentId, enquiryId, changes } = args;
  const problems = checkEnquiry(changes, false);
  if (problems.length > 0) return refuse(problems);
  return accept([{ type: 'faq.enquiry-edited', incidentId, payload: { enquiryId, changes } }]);
}

/**
 * An enquiry the grouping put with the wrong questions, moved by a person (decision 030,
 * addendum 4): to the automatic group of another enquiry of the same incident (its id), into a
 * group people made (`g:` and its key), into a new group of its own (NEW_GROUP: this command
 * gives the key), or back to where the grouping puts it (null).
 */
export function regroupEnquiry(ctx: CommandContext, state: { enquiry: Enquiry; target: Enquiry | null }, args: { groupWith: string | null; kept?: readonly KeptTwin[] }): CommandResult {
  const { enquiry, target } = state;
  let groupWith = args.groupWith;
  if (groupWith === NEW_GROUP) groupWith = `${MADE_GROUP}${ctx.newId()}`;
  else if (groupWith !== null && groupWith.startsWith(MADE_GROUP)) {
    if (groupWith.length > 200) return refuse([{ field: 'groupWith', reason: 'invalid' }]);
  } else if (groupWith !== null && (target?.id !== groupWith || target.incidentId !== enquiry.incidentId || groupWith === enquiry.id)) {
    return refuse([{ field: 'groupWith', reason: 'invalid' }]);
  }
  // Put back when never moved is a change all the same: it stops it following a moved question of the same words.
  if (enquiry.groupWith === groupWith) return refuse([{ field: 'groupWith', reason: 'unchanged' }]);
  // The questions of its words the move leaves as they are (Moves.keptBy): only with a place to go, each once.
  const kept: KeptTwin[] = [];
  const seen = new Set([enquiry.id]);
  for (const k of groupWith === null ? [] : (args.kept ?? [])) {
    if (seen.has(k.id) || kept.length === MAX_KEPT) continue;
    seen.add(k.id);
    kept.push(k);
  }
  return accept([{ type: 'faq.enquiry-regrouped', incidentId: enquiry.incidentId, payload: { enquiryId: enquiry.id, groupWith, ...(kept.length > 0 ? { kept: { ids: kept.map((k) => k.id), ...indexTimes(kept.map((k) => k.awayAt)) } } : {}) } }]);
}
