/**
 * The enquiry log and the FAQ (DOMAIN.md part 4): every enquiry is logged; similar ones
 * become one FAQ entry whose answer quotes the live facts, is approved by direction, kept
 * in every version, and searched by operators while they talk.
 */
import * as v from 'valibot';
import type { Stamped } from '../events/projection';
import type { Facts } from '../incident/model';

export const FAQ_STATES = ['draft', 'approved', 'retired'] as const;
export type FaqState = (typeof FAQ_STATES)[number];

export interface FaqVersion {
  /** 1 for the draft, then one more per edit (set by the command). */
  version: number;
  question: string;
  /** Template: facts are {{placeholders}} rendered from the live facts (incident/render.ts). */
  answer: string;
  category: string;
  at: string;
  actor: string;
}

/** Another way people ask the entry's question (a grouped enquiry, or a reading in kana). */
export interface FaqVariant {
  text: string;
  /** Clock of the first event that added it. */
  at: string;
}

export interface FaqApproval {
  version: number;
  /**
   * The clock of the version approved (its faq.entry-drafted or faq.entry-edited): the words the
   * approver saw, told apart from another laptop's version of the same number (decision 067).
   * Absent on approvals recorded before it: approvedVersion then reads them as before, unless
   * two texts of that number could be the one seen.
   */
  versionAt?: string;
  /** The facts the approved answer quotes, as they were when it was approved. */
  factsSnapshot: Partial<Facts>;
  at: string;
  actor: string;
  /**
   * Another approval has this one's clock and names other words (a version number or clock of
   * its own). A clock names its laptop and counts every event there, so only a forged event
   * gives two: the approval then holds for neither (approvalLapse 'two-approvals'), on every
   * laptop whatever order they arrived in (addendum to decision 067).
   */
  contested?: true;
}

export interface FaqRetirement {
  at: string;
  actor: string;
  /** A code the UI translates, or free text from the person who retired it. */
  reason: string;
}

export interface FaqEntry {
  id: string;
  incidentId: string | null;
  /** Every version, oldest first (by number, then clock): nothing is ever overwritten. */
  versions: FaqVersion[];
  variants: FaqVariant[];
  /** Enquiries of the groups attached to this entry: the entry answers them. Sorted. */
  linkedEnquiryIds: string[];
  /**
   * When each linked enquiry was last attached (the clock of the latest faq.variants-added
   * naming it). A person who moves the enquiry to another group afterwards says it is not this
   * entry's question: it no longer counts as answered by it (linkedNow). Absent on entries
   * folded before it was kept: every move then counts as after the attaching.
   */
  linkedAt?: Readonly<Record<string, string>>;
  /**
   * Where each linked enquiry was when last attached: '' where the grouping puts it, else since
   * when a move had taken it away (movedAway). The entry answers it while it is still there:
   * attached at home, it is answered again once back home; attached away, it is not once it has
   * left, even if it comes back (decision 030, addendum 8). Absent for an attaching recorded
   * before this: linkedAt decides.
   */
  linkedFrom?: Readonly<Record<string, string>>;
  /** The latest approval by clock; an approval is of one version. */
  approval: FaqApproval | null;
  retired: FaqRetirement | null;
  /**
   * The clocks of the entry's approvals and retirements, each once, sorted: every change of what
   * is published about it, kept whichever order they arrived in (the FAQ's 第N版 counts them,
   * publicationVersion). Absent on rows folded before it was kept: their approval and retirement
   * count, and the next approval or retirement starts it from them.
   */
  decidedAt?: string[];
  state: FaqState;
  /** Enquiries answered with this entry (faq.answer-used), sorted. */
  usedBy: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export const ENQUIRY_CHANNELS = ['phone', 'email', 'web', 'letter', 'in-person'] as const;
export type EnquiryChannel = (typeof ENQUIRY_CHANNELS)[number];

export const ENQUIRY_TAGS = ['complaint', 'request', 'praise', 'media'] as const;
export type EnquiryTag = (typeof ENQUIRY_TAGS)[number];

/** Personal data: sealed by the store with the rest of the row, never indexed in clear. */
/** `reference`: the 照会番号 a caller read out when no customer was found by it (the talk script, decision 035). */
export const callerSchema = v.object({ name: v.string(), phone: v.string(), email: v.string(), customerNo: v.optional(v.string()), reference: v.optional(v.string()) });
export type Caller = v.InferOutput<typeof callerSchema>;

/**
 * Where an enquiry came from when Honbu did not log it itself: a row of a call-centre
 * vendor's daily log (decision 031). `rowKey` tells the same row in a re-sent file.
 */
export const enquirySourceSchema = v.object({ kind: v.literal('vendor'), fileDay: v.string(), rowKey: v.string() });

/**
 * A question of the same words that a move did not take away from anything (decision 030,
 * addendum 7): at home in the group it went to (no `awayAt`), or already away there since
 * `awayAt` (following an earlier move of its words into that group).
 */
export interface KeptTwin {
  id: string;
  awayAt?: string;
}
/**
 * The most a move keeps: a vendor's log repeats a question thousands of times, and one event must
 * stay well within a sync record (1 MB; about 42 bytes each). Past this, the rest count as taken away.
 */
export const MAX_KEPT = 8_000;

/**
 * Times that many questions share (those that followed one move), each named once: `of[i]`
 * indexes `times` for the i-th question, -1 for none. 20,000 questions add about 60 KB, not 2 MB.
 */
export interface IndexedTimes {
  times: string[];
  of: number[];
}
export const indexedTimesSchema = v.object({
  times: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(10_000)),
  of: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(-1))), v.maxLength(1_000_000)),
});
/** `of` one per question, each naming a time there is. */
export const timesFit = (t: IndexedTimes, n: number): boolean => t.of.length === n && t.of.every((i) => i < t.times.length);
export function indexTimes(values: readonly (string | undefined)[]): IndexedTimes {
  const times: string[] = [];
  const index = new Map<string, number>();
  const of = values.map((at) => {
    if (at === undefined) return -1;
    let i = index.get(at);
    if (i === undefined) index.set(at, (i = times.push(at) - 1));
    return i;
  });
  return { times, of };
}
export const timeAt = (t: IndexedTimes, i: number): string | undefined => t.times[t.of[i] ?? -1];
export type EnquirySource = v.InferOutput<typeof enquirySourceSchema>;

export const enquiryFieldsSchema = v.object({
  channel: v.picklist(ENQUIRY_CHANNELS),
  caller: callerSchema,
  question: v.string(),
  /** The FAQ entry the answer came from; null when the operator answered in their own words. */
  answerEntryId: v.nullable(v.string()),
  answerText: v.string(),
  escalate: v.boolean(),
  operator: v.string(),
  durationSec: v.number(),
  tags: v.array(v.picklist(ENQUIRY_TAGS)),
  /** When the enquiry came in (ISO); the day index is taken from it. */
  at: v.string(),
  /** The vendor's category for it (optional: Honbu's own log has none). */
  category: v.optional(v.string()),
  /** Set for an imported row; `operator` is then the vendor's operator id, not a member. */
  source: v.optional(enquirySourceSchema),
});
export type EnquiryFields = v.InferOutput<typeof enquiryFieldsSchema>;

export interface Enquiry extends EnquiryFields, Stamped {
  id: string;
  incidentId: string | null;
  /** Clock of the faq.enquiry-logged event. */
  loggedAt: string;
  loggedBy: string;
  updatedAt: string;
  /**
   * Moved by a person (faq.enquiry-regrouped): the enquiry it goes with, its own id for a
   * group of its own; absent or null, where the automatic grouping puts it.
   */
  groupWith?: string | null;
  /**
   * The questions of the same words the move did not take away (faq.enquiry-regrouped `kept`):
   * stamped with the move, and read only with it.
   */
  keptWith?: KeptTwin[];
  /**
   * Edits and moves that arrived (synced) before the enquiry's log entry, merged per incident
   * they were written under: the log entry keeps only its own incident's. None once logged.
   */
  early?: EarlyWrites[];
}

/** The writes to an enquiry of one incident that came before its log entry (Enquiry.early): merged, with each field's clock. */
export interface EarlyWrites {
  incidentId: string | null;
  patch: Partial<Omit<Enquiry, 'stamps' | 'early'>>;
  stamps: Record<string, string>;
}

/**
 * An answer as the vendor reads it out: line ends as one kind (CRLF, CR, LF), and spaces of
 * any width (no-break, full-width) and invisible characters (zero-width, BOM) at the ends of
 * its lines, and blank lines after it, are not part of it — a stray one typed or pasted after
 * a line was handed over as a "change" whose before and after look the same. What starts a
 * line stays: a paragraph indented with a full-width space is written that way on purpose.
 */
export function answerText(answer: string): string {
  return answer
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u200b-\u200d\u2060\ufeff]+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

export const EMPTY_CALLER: Caller = { name: '', phone: '', email: '' };

/** The words of a version as the approver reads them: question, answer and category. */
export function sameWords(a: Pick<FaqVersion, 'question' | 'answer' | 'category'>, b: Pick<FaqVersion, 'question' | 'answer' | 'category'>): boolean {
  return a.question === b.question && a.answer === b.answer && a.category === b.category;
}

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * By number, then clock; two versions of one number and clock (only a forged event can give
 * them: a clock names its laptop) by their words, so the order is the same on every laptop.
 */
function compareVersions(a: FaqVersion, b: FaqVersion): number {
  if (a.version !== b.version) return a.version - b.version;
  return order(a.at, b.at) || order(a.question, b.question) || order(a.answer, b.answer) || order(a.category, b.category) || order(a.actor, b.actor);
}

export function sortVersions(versions: FaqVersion[]): FaqVersion[] {
  return [...versions].sort(compareVersions);
}

/** The newest version: what an editor works on. */
export function latestVersion(entry: Pick<FaqEntry, 'versions'>): FaqVersion | undefined {
  return entry.versions.at(-1);
}

/** Why an approval holds for no version here (approvalLapse). */
export type ApprovalLapse = 'not-received' | 'two-texts' | 'two-approvals' | 'written-after';

/** Of JSON values, one text whatever order its keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether two approvals name the same words: the same version number and version clock. */
export function sameApproved(a: Pick<FaqApproval, 'version' | 'versionAt'>, b: Pick<FaqApproval, 'version' | 'versionAt'>): boolean {
  return a.version === b.version && a.versionAt === b.versionAt;
}

/**
 * A total order on approvals: by clock, then what they name, who and the facts recorded. Of
 * approvals with one clock (a replay, or a forged copy of a clock) every laptop keeps the same.
 */
export function compareApprovals(a: Omit<FaqApproval, 'contested'>, b: Omit<FaqApproval, 'contested'>): number {
  return (
    order(a.at, b.at) ||
    a.version - b.version ||
    order(a.versionAt ?? '', b.versionAt ?? '') ||
    order(a.actor, b.actor) ||
    order(canonical(a.factsSnapshot), canonical(b.factsSnapshot))
  );
}

/**
 * The versions an approval may be of: the one it names by clock; for an approval recorded
 * before approvals named it, those of its number written before it.
 */
function approvedCandidates(entry: Pick<FaqEntry, 'versions' | 'approval'>): FaqVersion[] {
  const approval = entry.approval;
  if (!approval) return [];
  const same = entry.versions.filter((v) => v.version === approval.version);
  return approval.versionAt !== undefined ? same.filter((v) => v.at === approval.versionAt) : same.filter((v) => v.at <= approval.at);
}

/**
 * Why the entry's approval holds for no version on this laptop, or null (no approval, or it
 * holds): another approval with its clock names other words ('two-approvals'); it names a
 * version written at or after its own clock, which the approver cannot have seen
 * ('written-after'); the version it approved has not arrived yet ('not-received'); or two
 * laptops wrote different words under its number and the approval does not say which the
 * approver read ('two-texts': only approvals recorded before they named the version). Decision
 * 067 and its addendum.
 */
export function approvalLapse(entry: Pick<FaqEntry, 'versions' | 'approval'>): ApprovalLapse | null {
  if (!entry.approval) return null;
  if (entry.approval.contested) return 'two-approvals';
  // A laptop's clock moves past every event it receives, so what an approver saw is older.
  if (entry.approval.versionAt !== undefined && entry.approval.versionAt >= entry.approval.at) return 'written-after';
  const candidates = approvedCandidates(entry);
  if (candidates.length === 0) return 'not-received';
  return candidates.every((v) => sameWords(v, candidates[0]!)) ? null : 'two-texts';
}

/**
 * The version the approval is of: the words the approver saw, never another laptop's version
 * of the same number that had not reached her (decision 067). None when the approval holds
 * for no version here (approvalLapse): the entry then needs approving again.
 */
export function approvedVersion(entry: Pick<FaqEntry, 'versions' | 'approval'>): FaqVersion | undefined {
  return approvalLapse(entry) === null ? approvedCandidates(entry).at(-1) : undefined;
}

/** What operators read out: the approved version, or the latest while still a draft. */
export function publishedVersion(entry: Pick<FaqEntry, 'versions' | 'approval'>): FaqVersion | undefined {
  return approvedVersion(entry) ?? latestVersion(entry);
}

/** An approved entry edited since: the new text waits for approval, the old one is still used. */
export function hasPendingEdit(entry: Pick<FaqEntry, 'versions' | 'approval'>): boolean {
  const approved = approvedVersion(entry);
  const latest = latestVersion(entry);
  return approved !== undefined && latest !== undefined && latest !== approved;
}

/**
 * Retirement and approval are last-writer-wins against each other: re-approving revives. An
 * approval that holds for no version here (approvalLapse) leaves the entry a draft: nothing
 * nobody approved is read out, handed over or published.
 */
export function faqState(entry: Pick<FaqEntry, 'versions' | 'approval' | 'retired'>): FaqState {
  const approvedAt = entry.approval?.at;
  const retiredAt = entry.retired?.at;
  if (retiredAt !== undefined && (approvedAt === undefined || retiredAt > approvedAt)) return 'retired';
  return approvedAt !== undefined && approvedVersion(entry) !== undefined ? 'approved' : 'draft';
}

/** The clocks of an entry's approvals and retirements known here (FaqEntry.decidedAt, or what a row folded before it was kept has). */
export function decisionsOf(entry: Pick<FaqEntry, 'approval' | 'retired' | 'decidedAt'>): string[] {
  return entry.decidedAt ?? [entry.approval?.at, entry.retired?.at].filter((at): at is string => at !== undefined);
}

/** Milliseconds of an ISO time or an encoded HLC (which starts with 16 digits of wall time). */
export function instantMs(at: string | number): number {
  if (typeof at === 'number') return at;
  const hlc = /^(\d{16})-[0-9a-f]{4}-/.exec(at);
  return hlc ? Number(hlc[1]) : Date.parse(at);
}

const JST_OFFSET_MS = 9 * 3_600_000;

/** The Japanese calendar day (YYYY-MM-DD) of an ISO time or HLC; '' when unreadable. */
export function jstDay(at: string): string {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return '';
  // Japan has no daylight saving time, so a fixed offset is exact.
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * How often each entry was used: enquiries answered from it plus explicit uses, each
 * enquiry once (a logged answer and a later faq.answer-used for it are the same use).
 */
export function usageCounts(entries: Iterable<Pick<FaqEntry, 'id' | 'usedBy'>>, enquiries: Iterable<Pick<Enquiry, 'id' | 'answerEntryId'>>): Map<string, number> {
  const users = new Map<string, Set<string>>();
  const add = (entryId: string, enquiryId: string): void => {
    let set = users.get(entryId);
    if (!set) users.set(entryId, (set = new Set()));
    set.add(enquiryId);
  };
  for (const entry of entries) {
    if (!users.has(entry.id)) users.set(entry.id, new Set());
    for (const enquiryId of entry.usedBy) add(entry.id, enquiryId);
  }
  for (const enquiry of enquiries) if (enquiry.answerEntryId !== null) add(enquiry.answerEntryId, enquiry.id);
  return new Map([...users].map(([id, set]) => [id, set.size]));
}

