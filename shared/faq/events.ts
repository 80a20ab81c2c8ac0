/**
 * FAQ and enquiry events and their folds. Every FAQ edit is a new version and versions
 * are only ever added, so the answer a caller was given can always be shown again. Sets
 * (versions, variants, uses) merge by union and approvals/retirements by clock, so events
 * merged from several laptops fold to the same row in any order.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type HonbuEvent, type PayloadIn } from '../events/event';
import { mergeLww, type ProjectionSpec } from '../events/projection';
import { factsSchema } from '../incident/model';
import { isVendorBatch, type VendorBatchEvent } from './vendor-events';
import { compareApprovals, decisionsOf, EMPTY_CALLER, enquiryFieldsSchema, faqState, indexedTimesSchema, jstDay, MAX_KEPT, sameApproved, sameWords, sortVersions, timeAt, timesFit, type EarlyWrites, type Enquiry, type IndexedTimes, type KeptTwin, type FaqApproval, type FaqEntry, type FaqRetirement, type FaqVariant, type FaqVersion } from './model';

export const faqEvents = {
  'faq.entry-drafted': v.object({
    entryId: v.string(),
    question: v.string(),
    variants: v.array(v.string()),
    category: v.string(),
    /** Template with {{placeholders}}. */
    answer: v.string(),
  }),
  /** A whole new version (not a patch): concurrent edits then stay two readable versions. */
  'faq.entry-edited': v.object({ entryId: v.string(), version: v.number(), question: v.string(), answer: v.string(), category: v.string() }),
  /**
   * `versionAt`: the clock of the version approved, the words the approver saw (decision 067);
   * absent from approvals recorded before it, which still parse and fold (approvedVersion).
   */
  'faq.entry-approved': v.object({ entryId: v.string(), version: v.number(), factsSnapshot: v.partial(factsSchema), versionAt: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  'faq.entry-retired': v.object({ entryId: v.string(), reason: v.string() }),
  /**
   * A group of enquiries attached to an existing entry: its phrasings become variants. `from`:
   * where each of `enquiryIds` was (FaqEntry.linkedFrom): since when a move had taken it away, or
   * none at home (IndexedTimes). Absent from laptops before it, which drop it when they parse.
   */
  'faq.variants-added': v.pipe(
    v.object({ entryId: v.string(), questions: v.array(v.string()), enquiryIds: v.optional(v.array(v.string())), from: v.optional(indexedTimesSchema) }),
    v.check((p) => !p.from || timesFit(p.from, p.enquiryIds?.length ?? 0), 'from: one place per enquiry'),
  ),
  'faq.answer-used': v.object({ entryId: v.string(), enquiryId: v.string() }),
  'faq.enquiry-logged': v.object({ enquiryId: v.string(), ...enquiryFieldsSchema.entries }),
  'faq.enquiry-edited': v.object({ enquiryId: v.string(), changes: v.partial(enquiryFieldsSchema) }),
  /**
   * A person moved an enquiry the grouping had put with the wrong questions: `groupWith` is
   * the enquiry it now goes with (its own id: a group of its own; null: back to the automatic
   * grouping). Last writer wins, like an edit (decision 030, addendum 4). `kept`: the questions
   * of the same words the move did not take away from anything — at home where it went, or
   * already moved there (addendum 7); absent from laptops before it.
   */
  'faq.enquiry-regrouped': v.pipe(
    v.object({
      enquiryId: v.string(),
      groupWith: v.nullable(v.string()),
      /** `ids` with, per id, since when it was away (IndexedTimes; none: at home). */
      kept: v.optional(v.object({ ids: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(MAX_KEPT)), ...indexedTimesSchema.entries })),
    }),
    v.check((p) => !p.kept || timesFit(p.kept, p.kept.ids.length), 'kept: one place per question'),
  ),
} as const;

type Schemas = typeof faqEvents;
export type FaqPartEvent = EventOf<Schemas>;
export type EntryDraftedPayload = PayloadIn<Schemas, 'faq.entry-drafted'>;
export type EntryEditedPayload = PayloadIn<Schemas, 'faq.entry-edited'>;
export type EntryApprovedPayload = PayloadIn<Schemas, 'faq.entry-approved'>;
export type EntryRetiredPayload = PayloadIn<Schemas, 'faq.entry-retired'>;
export type VariantsAddedPayload = PayloadIn<Schemas, 'faq.variants-added'>;
export type AnswerUsedPayload = PayloadIn<Schemas, 'faq.answer-used'>;
export type EnquiryLoggedPayload = PayloadIn<Schemas, 'faq.enquiry-logged'>;
export type EnquiryEditedPayload = PayloadIn<Schemas, 'faq.enquiry-edited'>;
export type EnquiryRegroupedPayload = PayloadIn<Schemas, 'faq.enquiry-regrouped'>;

const ENQUIRY_TYPES: ReadonlySet<string> = new Set(['faq.enquiry-logged', 'faq.enquiry-edited', 'faq.enquiry-regrouped']);
export type EnquiryEvent = Extract<FaqPartEvent, { type: 'faq.enquiry-logged' | 'faq.enquiry-edited' | 'faq.enquiry-regrouped' }>;
export type FaqEvent = Exclude<FaqPartEvent, EnquiryEvent>;

const isFaqPartEvent = eventGuard(faqEvents);

export function isFaqEvent(e: HonbuEvent): e is FaqEvent {
  return isFaqPartEvent(e) && !ENQUIRY_TYPES.has(e.type);
}

export function isEnquiryEvent(e: HonbuEvent): e is EnquiryEvent {
  return isFaqPartEvent(e) && ENQUIRY_TYPES.has(e.type);
}

function emptyEntry(id: string, e: HonbuEvent): FaqEntry {
  return {
    id,
    incidentId: e.incidentId,
    versions: [],
    variants: [],
    linkedEnquiryIds: [],
    approval: null,
    retired: null,
    state: 'draft',
    usedBy: [],
    createdAt: e.at,
    createdBy: e.actor,
    updatedAt: e.at,
  };
}

function addVersion(versions: FaqVersion[], version: FaqVersion): FaqVersion[] {
  // The same event folded twice (a replay, a re-sync) must not make a second copy. Two of one
  // number and clock with other words (only a forged event gives them) are both kept, whichever
  // came first: an approval naming that clock then holds for neither (approvalLapse).
  if (versions.some((v) => v.at === version.at && v.version === version.version && v.actor === version.actor && sameWords(v, version))) return versions;
  return sortVersions([...versions, version]);
}

/**
 * Last writer by clock. Approvals with one clock (only a replay, or a forged event copying a
 * clock, gives two) keep the same one on every laptop whatever order they arrive in, and if
 * they name different words the approval is `contested` and holds for neither (approvalLapse
 * 'two-approvals'): a forged tie does not choose the team's words. Addendum to decision 067.
 */
function laterApproval(kept: FaqApproval | null, incoming: FaqApproval): FaqApproval {
  if (!kept || kept.at < incoming.at) return incoming;
  if (incoming.at < kept.at) return kept;
  const contested = kept.contested === true || !sameApproved(kept, incoming);
  const { contested: _, ...plain } = kept;
  const chosen = compareApprovals(plain, incoming) >= 0 ? plain : incoming;
  return contested ? { ...chosen, contested: true } : chosen;
}

/**
 * The entry's approval and retirement clocks with one more (FaqEntry.decidedAt): a set, so a
 * replayed event, or two with one clock, counts once. A row folded before they were kept starts
 * from its approval and retirement.
 */
function decided(entry: FaqEntry, at: string): string[] {
  return union(decisionsOf(entry), [at]);
}

function compareRetirements(a: FaqRetirement, b: FaqRetirement): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0;
}

function addVariants(variants: FaqVariant[], texts: string[], at: string): FaqVariant[] {
  const byText = new Map(variants.map((v) => [v.text, v]));
  for (const raw of texts) {
    const text = raw.trim();
    if (text === '') continue;
    const known = byText.get(text);
    if (!known || at < known.at) byText.set(text, { text, at });
  }
  return [...byText.values()].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** A move's kept questions as the row keeps them (Enquiry.keptWith). */
function keptTwins(kept: { ids: string[] } & IndexedTimes): KeptTwin[] {
  return kept.ids.map((id, i) => {
    const awayAt = timeAt(kept, i);
    return awayAt === undefined ? { id } : { id, awayAt };
  });
}

function union(sorted: string[], more: readonly string[]): string[] {
  return [...new Set([...sorted, ...more])].sort();
}

/**
 * Each enquiry's latest attaching (a move made before it leaves the enquiry attached), and where
 * it was then (`from` given: '' at home; without, an attaching from before it was recorded).
 */
function laterLinks(entry: FaqEntry, ids: readonly string[], at: string, from: VariantsAddedPayload['from']): Pick<FaqEntry, 'linkedAt' | 'linkedFrom'> {
  const linkedAt = { ...entry.linkedAt };
  const linkedFrom: Record<string, string> = { ...entry.linkedFrom };
  ids.forEach((id, i) => {
    if (linkedAt[id]! >= at) return;
    linkedAt[id] = at;
    if (from) linkedFrom[id] = timeAt(from, i) ?? '';
    else delete linkedFrom[id];
  });
  return { linkedAt, linkedFrom: Object.keys(linkedFrom).length > 0 ? linkedFrom : undefined };
}

function reduceEntry(row: FaqEntry | undefined, e: FaqEvent, key: string): FaqEntry {
  let next = row ?? emptyEntry(key, e);
  switch (e.type) {
    case 'faq.entry-drafted': {
      const { question, answer, category, variants } = e.payload;
      const drafted = next.versions.find((v) => v.version === 1);
      next = {
        ...next,
        versions: addVersion(next.versions, { version: 1, question, answer, category, at: e.at, actor: e.actor }),
        variants: addVariants(next.variants, variants, e.at),
      };
      // Drafting is the creation, even when a later event reached this laptop first.
      if (!drafted || e.at < drafted.at) next = { ...next, createdAt: e.at, createdBy: e.actor };
      break;
    }
    case 'faq.entry-edited': {
      const { version, question, answer, category } = e.payload;
      next = { ...next, versions: addVersion(next.versions, { version, question, answer, category, at: e.at, actor: e.actor }) };
      break;
    }
    case 'faq.entry-approved': {
      const { version, factsSnapshot, versionAt } = e.payload;
      const decidedAt = decided(next, e.at);
      next = { ...next, approval: laterApproval(next.approval, { version, ...(versionAt !== undefined ? { versionAt } : {}), factsSnapshot: { ...factsSnapshot }, at: e.at, actor: e.actor }), decidedAt };
      break;
    }
    case 'faq.entry-retired': {
      const retired = { at: e.at, actor: e.actor, reason: e.payload.reason };
      const decidedAt = decided(next, e.at);
      // One clock twice (a replay, or a forged copy): the same one kept on every laptop.
      if (!next.retired || compareRetirements(next.retired, retired) < 0) next = { ...next, retired };
      next = { ...next, decidedAt };
      break;
    }
    case 'faq.variants-added':
      next = {
        ...next,
        variants: addVariants(next.variants, e.payload.questions, e.at),
        linkedEnquiryIds: union(next.linkedEnquiryIds, e.payload.enquiryIds ?? []),
        ...laterLinks(next, e.payload.enquiryIds ?? [], e.at, e.payload.from),
      };
      // None recorded any more (an attaching from before they were): no empty record.
      if (next.linkedFrom === undefined) delete next.linkedFrom;
      break;
    case 'faq.answer-used':
      next = { ...next, usedBy: union(next.usedBy, [e.payload.enquiryId]) };
      break;
  }
  return { ...next, state: faqState(next), updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt };
}

export const faqProjection: ProjectionSpec<FaqEntry> = {
  table: 'faq',
  keys: (e) => (isFaqEvent(e) ? [e.payload.entryId] : []),
  reduce(row, e, key) {
    if (!isFaqEvent(e)) return row ?? null;
    return reduceEntry(row, e, key);
  },
  index: (row) => ({ incidentId: row.incidentId ?? '', state: row.state }),
};

/** Stamp of the faq.enquiry-logged event itself, apart from the fields it set. */
const LOGGED_STAMP = '$logged';

function emptyEnquiry(id: string, e: HonbuEvent): Enquiry {
  return {
    id,
    incidentId: e.incidentId,
    channel: 'phone',
    caller: { ...EMPTY_CALLER },
    question: '',
    answerEntryId: null,
    answerText: '',
    escalate: false,
    operator: '',
    durationSec: 0,
    tags: [],
    at: '',
    loggedAt: e.at,
    loggedBy: e.actor,
    updatedAt: e.at,
    stamps: {},
  };
}

/** A vendor batch's enquiries by id, once per event object (the fold asks once per enquiry). */
const batchIndex = new WeakMap<object, Map<string, VendorBatchEvent['payload']['enquiries'][number]>>();

function batchItem(e: VendorBatchEvent, key: string) {
  let index = batchIndex.get(e.payload);
  if (!index) batchIndex.set(e.payload, (index = new Map(e.payload.enquiries.map((x) => [x.enquiryId, x]))));
  return index.get(key);
}

/**
 * Writes folded before the enquiry's log entry, held by the incident they were written under
 * until the log entry says whose enquiry it is: each incident's merged last-writer-wins, so what
 * is held stays as small as one row per incident however many writes come (a forged flood of
 * moves naming an enquiry that is never logged included). In incident order: the same on every
 * laptop whatever order the writes came in.
 */
function holdEarly(held: readonly EarlyWrites[], incidentId: string | null, patch: EarlyWrites['patch'], at: string): EarlyWrites[] {
  const mine = held.find((w) => w.incidentId === incidentId) ?? { incidentId, patch: {}, stamps: {} };
  const { stamps, ...merged } = mergeLww({ ...mine.patch, stamps: mine.stamps } as EarlyWrites['patch'] & { stamps: Record<string, string> }, patch, at);
  const out = [...held.filter((w) => w !== mine), { incidentId, patch: merged, stamps }];
  return out.sort((a, b) => ((a.incidentId ?? '') < (b.incidentId ?? '') ? -1 : (a.incidentId ?? '') > (b.incidentId ?? '') ? 1 : 0));
}

export const enquiriesProjection: ProjectionSpec<Enquiry> = {
  table: 'enquiries',
  keys: (e) => (isEnquiryEvent(e) ? [e.payload.enquiryId] : isVendorBatch(e) ? e.payload.enquiries.map((x) => x.enquiryId) : []),
  reduce(row, e, key) {
    if (isVendorBatch(e)) {
      // Each enquiry of a vendor batch is logged as if by its own faq.enquiry-logged.
      const item = batchItem(e, key);
      if (!item) return row ?? null;
      return enquiriesProjection.reduce(row, { ...e, type: 'faq.enquiry-logged', payload: item } as unknown as HonbuEvent, key);
    }
    if (!isEnquiryEvent(e)) return row ?? null;
    const logged = row?.stamps[LOGGED_STAMP] !== undefined;
    // An edit, a move or a second log entry written under another incident than the one the
    // enquiry was logged in (a synced event: the commands never write one; enquiry ids are
    // fresh) is that incident's member reaching into this one's log, judged by the wrong
    // incident's roles: not applied. A second log entry would otherwise take the enquiry into
    // its incident by an earlier clock.
    if (logged && row!.incidentId !== e.incidentId) return row!;
    let next: Enquiry;
    if (e.type === 'faq.enquiry-logged') {
      const { enquiryId: _id, ...fields } = e.payload;
      // An edit merged from another laptop can arrive before the log entry: every field is
      // last-writer-wins, so the log entry is just the oldest write. Which incident the enquiry
      // is of, only the log entry says: the early writes of another incident are dropped now,
      // as they would have been had the log entry come first.
      let base = row ?? emptyEnquiry(key, e);
      if (!logged && row?.early?.some((w) => w.incidentId !== e.incidentId)) {
        base = emptyEnquiry(key, e);
        const own = row.early.find((w) => w.incidentId === e.incidentId);
        for (const [field, at] of Object.entries(own?.stamps ?? {})) {
          base = mergeLww(base, { [field]: (own!.patch as Record<string, unknown>)[field] }, at);
          if (at > base.updatedAt) base = { ...base, updatedAt: at };
        }
      }
      next = mergeLww(base, fields, e.at);
      const first = next.stamps[LOGGED_STAMP];
      if (first === undefined || e.at < first) {
        // The log entry says which incident the enquiry is of, whatever arrived before it.
        next = { ...next, incidentId: e.incidentId, loggedAt: e.at, loggedBy: e.actor, stamps: { ...next.stamps, [LOGGED_STAMP]: e.at } };
      }
      if (next.early) {
        const { early: _early, ...rest } = next;
        next = rest;
      }
    } else {
      const patch: EarlyWrites['patch'] =
        e.type === 'faq.enquiry-edited' ? e.payload.changes : { groupWith: e.payload.groupWith, ...(e.payload.kept?.ids.length ? { keptWith: keptTwins(e.payload.kept) } : {}) };
      next = mergeLww(row ?? emptyEnquiry(key, e), patch, e.at);
      if (!logged) next = { ...next, early: holdEarly(row?.early ?? [], e.incidentId, patch, e.at) };
    }
    return { ...next, updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt };
  },
  // Day and channel only: the caller and the question are personal data and stay sealed.
  index: (row) => ({ incidentId: row.incidentId ?? '', day: jstDay(row.at), channel: row.channel }),
};
