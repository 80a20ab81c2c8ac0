/**
 * Commands: check a user's action against the current rows, then say which event to
 * append. The folds accept whatever was appended (another laptop may have had other
 * rows), so the rules live here: who may approve, which version comes next, what an
 * enquiry must have.
 */
import type { EventDraft } from '../events/event';
import type { Facts } from '../incident/model';
import { PLACEHOLDERS } from '../incident/render';
import type { Role } from '../people/profile';
import type {
  EnquiryEditedPayload,
  EnquiryLoggedPayload,
  EntryApprovedPayload,
  EntryDraftedPayload,
  EntryEditedPayload,
  EntryRetiredPayload,
  VariantsAddedPayload,
} from './events';
import type { Group } from './grouping';
import { ENQUIRY_CHANNELS, ENQUIRY_TAGS, faqState, latestVersion, type EnquiryFields, type FaqEntry } from './model';
import { snapshotFor } from './stale';

/** Direction (方針指導) decides what the company says: only it approves answers (001 step 4). */
export const APPROVER_ROLES: readonly Role[] = ['direction'];

export type CommandResult<T extends string, P> = { ok: true; event: EventDraft<T, P> } | { ok: false; problems: CommandProblem[] };

export interface CommandProblem {
  field: string;
  reason: 'required' | 'not-allowed' | 'retired' | 'no-version' | 'unknown-placeholder' | 'invalid' | 'unchanged';
}

const MAX_TEXT = 5000;
const PLACEHOLDER = /\{\{\s*([A-Za-z]\w*)\s*\}\}/g;

function checkText(field: string, text: string, required: boolean): CommandProblem[] {
  if (required && text.trim() === '') return [{ field, reason: 'required' }];
  return text.length > MAX_TEXT ? [{ field, reason: 'invalid' }] : [];
}

function checkAnswer(answer: string): CommandProblem[] {
  const problems = checkText('answer', answer, true);
  for (const m of answer.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) problems.push({ field: 'answer', reason: 'unknown-placeholder' });
  }
  return problems;
}

export interface EntryText {
  question: string;
  answer: string;
  category: string;
}

export function draftEntry(
  incidentId: string | null,
  entryId: string,
  text: EntryText & { variants?: string[] },
): CommandResult<'faq.entry-drafted', EntryDraftedPayload> {
  const problems = [...checkText('question', text.question, true), ...checkAnswer(text.answer)];
  if (problems.length > 0) return { ok: false, problems };
  const payload = { entryId, question: text.question.trim(), answer: text.answer, category: text.category.trim(), variants: text.variants ?? [] };
  return { ok: true, event: { type: 'faq.entry-drafted', incidentId, payload } };
}

export function editEntry(entry: FaqEntry, text: EntryText): CommandResult<'faq.entry-edited', EntryEditedPayload> {
  const latest = latestVersion(entry);
  const problems = [...checkText('question', text.question, true), ...checkAnswer(text.answer)];
  if (latest && latest.question === text.question.trim() && latest.answer === text.answer && latest.category === text.category.trim()) {
    problems.push({ field: 'answer', reason: 'unchanged' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const version = Math.max(0, ...entry.versions.map((v) => v.version)) + 1;
  const payload = { entryId: entry.id, version, question: text.question.trim(), answer: text.answer, category: text.category.trim() };
  return { ok: true, event: { type: 'faq.entry-edited', incidentId: entry.incidentId, payload } };
}

/** Approves the latest version and records the facts its answer quotes right now. */
export function approveEntry(entry: FaqEntry, facts: Facts, approverRoles: readonly Role[]): CommandResult<'faq.entry-approved', EntryApprovedPayload> {
  if (!approverRoles.some((r) => APPROVER_ROLES.includes(r))) return { ok: false, problems: [{ field: 'approver', reason: 'not-allowed' }] };
  const latest = latestVersion(entry);
  if (!latest) return { ok: false, problems: [{ field: 'version', reason: 'no-version' }] };
  const payload = { entryId: entry.id, version: latest.version, factsSnapshot: snapshotFor(latest.answer, facts) };
  return { ok: true, event: { type: 'faq.entry-approved', incidentId: entry.incidentId, payload } };
}

export function retireEntry(entry: FaqEntry, reason: string): CommandResult<'faq.entry-retired', EntryRetiredPayload> {
  if (faqState(entry) === 'retired') return { ok: false, problems: [{ field: 'state', reason: 'retired' }] };
  return { ok: true, event: { type: 'faq.entry-retired', incidentId: entry.incidentId, payload: { entryId: entry.id, reason } } };
}

/**
 * Attaches a group of enquiries to an entry: its distinct phrasings become variants (so
 * the next operator finds the entry with the caller's own words) and its members count
 * as answered.
 */
export function attachGroup(
  entry: FaqEntry,
  group: Group,
  questions: ReadonlyMap<string, string>,
): CommandResult<'faq.variants-added', VariantsAddedPayload> {
  const known = new Set([...entry.variants.map((v) => v.text), ...entry.versions.map((v) => v.question)]);
  const texts = [...new Set(group.memberIds.map((id) => questions.get(id)?.trim() ?? ''))].filter((t) => t !== '' && !known.has(t));
  const enquiryIds = group.memberIds.filter((id) => !entry.linkedEnquiryIds.includes(id));
  if (texts.length === 0 && enquiryIds.length === 0) return { ok: false, problems: [{ field: 'group', reason: 'unchanged' }] };
  return { ok: true, event: { type: 'faq.variants-added', incidentId: entry.incidentId, payload: { entryId: entry.id, questions: texts, enquiryIds } } };
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

export function logEnquiry(incidentId: string | null, enquiryId: string, fields: EnquiryFields): CommandResult<'faq.enquiry-logged', EnquiryLoggedPayload> {
  const problems = checkEnquiry(fields, true);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, event: { type: 'faq.enquiry-logged', incidentId, payload: { enquiryId, ...fields } } };
}

export function editEnquiry(incidentId: string | null, enquiryId: string, changes: Partial<EnquiryFields>): CommandResult<'faq.enquiry-edited', EnquiryEditedPayload> {
  const problems = checkEnquiry(changes, false);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, event: { type: 'faq.enquiry-edited', incidentId, payload: { enquiryId, changes } } };
}
