/**
 * Versioned documents that go out — statements and notices to individuals. Version 1 is
 * the first, version n the (n-1)th follow-up. An approval carries the text and the facts it
 * approved, and a publication publishes the approval before it, so the words that went out
 * stay fixed even if someone edits the working copy on another laptop at the same time.
 * The fold is order-independent: sections are last-writer-wins by HLC and the state is
 * derived from the clocks, never from the order events happened to arrive in.
 */
import type { HonbuEvent } from '../events/event';
import { withDismissal, withWrite, type FieldEdits } from '../events/field-edits';
import type { ProjectionSpec } from '../events/projection';
import type { Facts } from '../incident/model';
import { docType, isDisclosurePartEvent, isDocEvent, type DocEvent, type DocKind, type DocLang, type StatementSection } from './events';

export type DocState = 'draft' | 'approved' | 'published';
export type { ApprovedPayload, DocKind, DocLang, DraftedPayload, PublishedPayload, SectionEditedPayload } from './events';

export interface DocApproval {
  at: string;
  /** The member who approved (a person id); null on approvals recorded before members approved. */
  approverId: string | null;
  /** The approver's name when approving, shown when the roster no longer has them. */
  approvedBy: string;
  recordedBy: string;
  sections: StatementSection[];
  factsSnapshot: Facts;
}

export interface VersionedDoc {
  /** `${incidentId}:${version}` */
  id: string;
  incidentId: string;
  version: number;
  /** The language the document is written in (its headline, date and sender follow it). */
  lang: DocLang;
  /** The working copy. Once published, the published words are `publishedSections`. */
  sections: StatementSection[];
  state: DocState;
  /** Of the approval in force: none while a draft (an edit after approval voids it). */
  factsSnapshot: Facts | null;
  approverId: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** Set when it was published against a decision not to publish: which decision, and the reason confirmed. */
  publishedAgainst?: { decisionAt: string; reason: string } | null;
  /** The text as approved and published; null until published. */
  publishedSections: StatementSection[] | null;
  /** `section.<key>` → who wrote what, to tell a person their words were overwritten (shared/events/field-edits.ts). */
  edits?: Record<string, FieldEdits>;
  /** Every approval, oldest first: the history of who approved what. */
  approvals: DocApproval[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** `section.<key>` → HLC of the edit that set it. */
  stamps: Record<string, string>;
  /** Section order as drafted; sections added later follow it. */
  order: string[];
}

export function docId(incidentId: string, version: number): string {
  return `${incidentId}:${version}`;
}

function emptyDoc(id: string, e: DocEvent & { incidentId: string }): VersionedDoc {
  return {
    id,
    incidentId: e.incidentId,
    version: e.payload.version,
    lang: 'ja',
    sections: [],
    state: 'draft',
    factsSnapshot: null,
    approverId: null,
    approvedBy: null,
    approvedAt: null,
    publishedAt: null,
    publishedBy: null,
    publishedSections: null,
    approvals: [],
    createdAt: e.at,
    createdBy: e.actor,
    updatedAt: e.at,
    stamps: {},
    order: [],
  };
}

function setSection(row: VersionedDoc, key: string, text: string, at: string): VersionedDoc {
  const stampKey = `section.${key}`;
  const prev = row.stamps[stampKey];
  if (prev !== undefined && prev >= at) return row;
  const exists = row.sections.some((s) => s.key === key);
  const sections = exists ? row.sections.map((s) => (s.key === key ? { key, text } : s)) : [...row.sections, { key, text }];
  return { ...row, sections, stamps: { ...row.stamps, [stampKey]: at } };
}

function ordered(row: VersionedDoc): VersionedDoc {
  const rank = (key: string) => {
    const i = row.order.indexOf(key);
    return i === -1 ? row.order.length : i;
  };
  const sections = [...row.sections].sort((a, b) => rank(a.key) - rank(b.key) || (rank(a.key) === row.order.length ? a.key.localeCompare(b.key) : 0));
  return { ...row, sections };
}

/** The same words section by section, whatever order the sections are listed in. */
function sameWords(a: readonly StatementSection[], b: readonly StatementSection[]): boolean {
  if (a.length !== b.length) return false;
  const texts = new Map(b.map((s) => [s.key, s.text]));
  return a.every((s) => texts.get(s.key) === s.text);
}

/**
 * State and the approval in force, from the clocks and the words. An approval holds only
 * for the words it approved: an edit from another laptop with an earlier clock that the
 * approver had not received yet (or a second laptop's draft of the same version) leaves a
 * working copy nobody approved, and letters are made from the version in force.
 */
function derive(row: VersionedDoc): VersionedDoc {
  const lastEdit = Object.entries(row.stamps)
    .filter(([k]) => k.startsWith('section.'))
    .reduce((max, [, at]) => (at > max ? at : max), '');
  const published = row.publishedAt;
  const candidates = published === null ? row.approvals : row.approvals.filter((a) => a.at <= published);
  const approval = candidates[candidates.length - 1];
  const state: DocState = published !== null ? 'published' : approval !== undefined && lastEdit <= approval.at && sameWords(row.sections, approval.sections) ? 'approved' : 'draft';
  const inForce = state === 'draft' ? undefined : approval;
  return {
    ...row,
    state,
    factsSnapshot: inForce?.factsSnapshot ?? null,
    approverId: inForce?.approverId ?? null,
    approvedBy: inForce?.approvedBy ?? null,
    approvedAt: inForce?.at ?? null,
    publishedSections: state === 'published' ? (inForce?.sections ?? null) : null,
  };
}

/** The fold of one kind of versioned document: events `disclosure.<kind>-drafted` … into `table`. */
export function versionedDocProjection(kind: DocKind, table: string): ProjectionSpec<VersionedDoc> {
  const types = new Set<string>([docType(kind, 'drafted'), docType(kind, 'section-edited'), docType(kind, 'approved'), docType(kind, 'published')]);
  const mine = (e: HonbuEvent): e is DocEvent & { incidentId: string } =>
    isDisclosurePartEvent(e) && isDocEvent(e) && types.has(e.type) && e.incidentId !== null;
  const seenOfMine = (e: HonbuEvent) =>
    isDisclosurePartEvent(e) && e.type === 'disclosure.override-seen' && e.incidentId !== null && e.payload.doc?.kind === kind ? { ...e.payload, doc: e.payload.doc, incidentId: e.incidentId } : null;
  return {
    table,
    keys: (e) => {
      const seen = seenOfMine(e);
      if (seen) return [docId(seen.incidentId, seen.doc.version)];
      return mine(e) ? [docId(e.incidentId, e.payload.version)] : [];
    },
    reduce(row, e, key) {
      const seen = seenOfMine(e);
      // A dismissal arriving before its document (from another laptop) has nothing to attach to yet: the row is made by its events.
      if (seen) return row ? { ...row, edits: { ...row.edits, [seen.field]: withDismissal(row.edits?.[seen.field], e.actor, seen.eventId) } } : null;
      if (!mine(e)) return row ?? null;
      let next = row ?? emptyDoc(key, e);
      // Rows folded before documents had a language are Japanese.
      if (next.lang === undefined) next = { ...next, lang: 'ja' };
      if (next.approverId === undefined) next = { ...next, approverId: null };
      if (e.at < next.createdAt) next = { ...next, createdAt: e.at, createdBy: e.actor };
      switch (e.type) {
        case 'disclosure.statement-drafted':
        case 'disclosure.notice-drafted': {
          const p = e.payload;
          for (const s of p.sections) next = setSection(next, s.key, s.text, e.at);
          // The earliest draft fixes the order and the language, as it fixes createdAt.
          if (next.order.length === 0 || e.at <= next.createdAt) next = { ...next, order: p.sections.map((s) => s.key), lang: p.lang ?? 'ja' };
          break;
        }
        case 'disclosure.statement-section-edited':
        case 'disclosure.notice-section-edited': {
          next = setSection(next, e.payload.key, e.payload.text, e.at);
          const field = `section.${e.payload.key}`;
          next = { ...next, edits: { ...next.edits, [field]: withWrite(next.edits?.[field], { value: e.payload.text, at: e.at, actor: e.actor, eventId: e.id }, e.payload.seen) } };
          break;
        }
        case 'disclosure.statement-approved':
        case 'disclosure.notice-approved': {
          const p = e.payload;
          if (!next.approvals.some((a) => a.at === e.at)) {
            const approval: DocApproval = {
              at: e.at,
              approverId: p.approverId ?? null,
              approvedBy: p.approvedBy,
              recordedBy: e.actor,
              sections: p.sections.map((s) => ({ ...s })),
              factsSnapshot: p.factsSnapshot,
            };
            next = { ...next, approvals: [...next.approvals, approval].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) };
          }
          break;
        }
        case 'disclosure.statement-published':
        case 'disclosure.notice-published':
          // Published once; a repeated click or a second laptop keeps the first.
          if (next.publishedAt === null || e.at < next.publishedAt) next = { ...next, publishedAt: e.at, publishedBy: e.actor, publishedAgainst: e.payload.againstDecision ?? null };
          break;
      }
      return derive(ordered({ ...next, updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt }));
    },
    index: (row) => ({ incidentId: row.incidentId }),
  };
}

/** The number the next draft takes: one past the highest version so far. */
export function nextDocVersion(docs: Iterable<VersionedDoc>): number {
  let max = 0;
  for (const s of docs) max = Math.max(max, s.version);
  return max + 1;
}

/** The latest version in force (approved or published), if any. */
export function latestInForce(docs: Iterable<VersionedDoc>): VersionedDoc | null {
  let best: VersionedDoc | null = null;
  for (const s of docs) if (s.state !== 'draft' && (best === null || s.version > best.version)) best = s;
  return best;
}
