/**
 * Statement versions and their fold. Version 1 is the first statement, version n the
 * (n-1)th follow-up (続報). An approval carries the text and facts it approved, and a
 * publication publishes the approval before it, so the published words stay fixed even if
 * someone edits the working copy on another laptop at the same time.
 * The fold is order-independent: sections are last-writer-wins by HLC and the state is
 * derived from the clocks, never from the order events happened to arrive in.
 */
import type { HonbuEvent } from '../events/event';
import type { ProjectionSpec } from '../events/projection';
import type { Facts } from '../incident/model';
import { changedFactsSince, type StatementSection } from './statement';
import type { FieldChange } from '../incident/report-diff';

export type StatementState = 'draft' | 'approved' | 'published';

export interface StatementApproval {
  at: string;
  /** Who approved (direction), which may differ from who recorded it. */
  approvedBy: string;
  recordedBy: string;
  sections: StatementSection[];
  factsSnapshot: Facts;
}

export interface Statement {
  /** `${incidentId}:${version}` */
  id: string;
  incidentId: string;
  version: number;
  /** The working copy. Once published, the published words are `publishedSections`. */
  sections: StatementSection[];
  state: StatementState;
  /** Of the approval in force: none while a draft (an edit after approval voids it). */
  factsSnapshot: Facts | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** The text as approved and published; null until published. */
  publishedSections: StatementSection[] | null;
  /** Every approval, oldest first: the history of who approved what. */
  approvals: StatementApproval[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** `section.<key>` → HLC of the edit that set it. */
  stamps: Record<string, string>;
  /** Section order as drafted; sections added later follow it. */
  order: string[];
}

export type StatementDrafted = HonbuEvent<'statement.drafted', { version: number; sections: StatementSection[] }>;
export type StatementSectionEdited = HonbuEvent<'statement.section-edited', { version: number; key: string; text: string }>;
export type StatementApproved = HonbuEvent<
  'statement.approved',
  { version: number; approvedBy: string; sections: StatementSection[]; factsSnapshot: Facts }
>;
export type StatementPublished = HonbuEvent<'statement.published', { version: number }>;
export type StatementEvent = StatementDrafted | StatementSectionEdited | StatementApproved | StatementPublished;

const STATEMENT_TYPES = new Set(['statement.drafted', 'statement.section-edited', 'statement.approved', 'statement.published']);

export function isStatementEvent(e: HonbuEvent): e is StatementEvent {
  return STATEMENT_TYPES.has(e.type) && e.incidentId !== null;
}

export function statementId(incidentId: string, version: number): string {
  return `${incidentId}:${version}`;
}

/** 0 for the first statement, n for the nth follow-up (続報n). */
export function followUpNumber(version: number): number {
  return version - 1;
}

function emptyStatement(id: string, e: StatementEvent): Statement {
  return {
    id,
    incidentId: e.incidentId!,
    version: e.payload.version,
    sections: [],
    state: 'draft',
    factsSnapshot: null,
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

function setSection(row: Statement, key: string, text: string, at: string): Statement {
  const stampKey = `section.${key}`;
  const prev = row.stamps[stampKey];
  if (prev !== undefined && prev >= at) return row;
  const exists = row.sections.some((s) => s.key === key);
  const sections = exists ? row.sections.map((s) => (s.key === key ? { key, text } : s)) : [...row.sections, { key, text }];
  return { ...row, sections, stamps: { ...row.stamps, [stampKey]: at } };
}

function ordered(row: Statement): Statement {
  const rank = (key: string) => {
    const i = row.order.indexOf(key);
    return i === -1 ? row.order.length : i;
  };
  const sections = [...row.sections].sort((a, b) => rank(a.key) - rank(b.key) || (rank(a.key) === row.order.length ? a.key.localeCompare(b.key) : 0));
  return { ...row, sections };
}

/** State and the approval in force, from the clocks alone. */
function derive(row: Statement): Statement {
  const lastEdit = Object.entries(row.stamps)
    .filter(([k]) => k.startsWith('section.'))
    .reduce((max, [, at]) => (at > max ? at : max), '');
  const published = row.publishedAt;
  const candidates = published === null ? row.approvals : row.approvals.filter((a) => a.at <= published);
  const approval = candidates[candidates.length - 1];
  const state: StatementState = published !== null ? 'published' : approval !== undefined && lastEdit <= approval.at ? 'approved' : 'draft';
  const inForce = state === 'draft' ? undefined : approval;
  return {
    ...row,
    state,
    factsSnapshot: inForce?.factsSnapshot ?? null,
    approvedBy: inForce?.approvedBy ?? null,
    approvedAt: inForce?.at ?? null,
    publishedSections: state === 'published' ? (inForce?.sections ?? null) : null,
  };
}

export const statementsProjection: ProjectionSpec<Statement> = {
  table: 'statements',
  keys: (e) => (isStatementEvent(e) ? [statementId(e.incidentId!, e.payload.version)] : []),
  reduce(row, event, key) {
    if (!isStatementEvent(event)) return row ?? null;
    const e = event;
    let next = row ?? emptyStatement(key, e);
    if (e.at < next.createdAt) next = { ...next, createdAt: e.at, createdBy: e.actor };
    switch (e.type) {
      case 'statement.drafted': {
        for (const s of e.payload.sections) next = setSection(next, s.key, s.text, e.at);
        // The earliest draft fixes the order, as it fixes createdAt.
        if (next.order.length === 0 || e.at <= next.createdAt) next = { ...next, order: e.payload.sections.map((s) => s.key) };
        break;
      }
      case 'statement.section-edited':
        next = setSection(next, e.payload.key, e.payload.text, e.at);
        break;
      case 'statement.approved': {
        if (next.approvals.some((a) => a.at === e.at)) break;
        const approval: StatementApproval = {
          at: e.at,
          approvedBy: e.payload.approvedBy,
          recordedBy: e.actor,
          sections: e.payload.sections.map((s) => ({ ...s })),
          factsSnapshot: e.payload.factsSnapshot,
        };
        next = { ...next, approvals: [...next.approvals, approval].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) };
        break;
      }
      case 'statement.published':
        // A statement is published once; a repeated click or a second laptop keeps the first.
        if (next.publishedAt === null || e.at < next.publishedAt) next = { ...next, publishedAt: e.at, publishedBy: e.actor };
        break;
    }
    return derive(ordered({ ...next, updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt }));
  },
  index: (row) => ({ incidentId: row.incidentId }),
};

/** The latest published version of an incident's statements, if any. */
export function latestPublished(statements: Iterable<Statement>): Statement | null {
  let best: Statement | null = null;
  for (const s of statements) if (s.state === 'published' && (best === null || s.version > best.version)) best = s;
  return best;
}

/** The number the next draft takes: one past the highest version so far. */
export function nextVersion(statements: Iterable<Statement>): number {
  let max = 0;
  for (const s of statements) max = Math.max(max, s.version);
  return max + 1;
}

/** What a new follow-up has to tell: facts changed since the last published statement. */
export function changesSinceLastPublished(statements: Iterable<Statement>, current: Facts): FieldChange<keyof Facts>[] | null {
  const last = latestPublished(statements);
  return last?.factsSnapshot ? changedFactsSince(last.factsSnapshot, current) : null;
}
