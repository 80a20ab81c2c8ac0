/**
 * Statement versions (公表文 and its 続報) and their fold: a versioned document (see
 * doc-versions.ts). Version 1 is the first statement, version n the (n-1)th follow-up.
 */
import type { HonbuEvent } from '../events/event';
import type { Facts } from '../incident/model';
import type { FieldChange } from '../incident/report-diff';
import { docId, nextDocVersion, versionedDocProjection, type DocApproval, type DocState, type VersionedDoc } from './doc-versions';
import { isDisclosurePartEvent, type DisclosureEvent } from './events';
import { changedFactsSince, staleQuotes } from './statement';

export type StatementState = DocState;
export type StatementApproval = DocApproval;
export type Statement = VersionedDoc;

export type StatementEvent = Extract<DisclosureEvent, { type: `disclosure.statement-${string}` }>;

const STATEMENT_TYPES = new Set(['disclosure.statement-drafted', 'disclosure.statement-section-edited', 'disclosure.statement-approved', 'disclosure.statement-published']);

export function isStatementEvent(e: HonbuEvent): e is StatementEvent {
  return isDisclosurePartEvent(e) && STATEMENT_TYPES.has(e.type) && e.incidentId !== null;
}

export const statementId = docId;

/** 0 for the first statement, n for the nth follow-up (続報n). */
export function followUpNumber(version: number): number {
  return version - 1;
}

export const statementsProjection = versionedDocProjection('statement', 'statements');

/** The latest published version of an incident's statements, if any. */
export function latestPublished(statements: Iterable<Statement>, before = Infinity): Statement | null {
  let best: Statement | null = null;
  for (const s of statements) if (s.state === 'published' && s.version < before && (best === null || s.version > best.version)) best = s;
  return best;
}

/** The number the next draft takes: one past the highest version so far. */
export const nextVersion = nextDocVersion;

/** What a new follow-up has to tell: facts changed since the last published statement. */
export function changesSinceLastPublished(statements: Iterable<Statement>, current: Facts): FieldChange<keyof Facts>[] | null {
  const last = latestPublished(statements);
  return last?.factsSnapshot ? changedFactsSince(last.factsSnapshot, current) : null;
}

/**
 * What a follow-up says changed since the statement published before it: up to the facts
 * it was approved with once approved (so the published 続報 keeps its own "what changed"),
 * up to the live facts while it is a draft. Null for a first statement.
 */
export function followUpChanges(statements: readonly Statement[], statement: Statement, current: Facts): FieldChange<keyof Facts>[] | null {
  const previous = latestPublished(statements, statement.version);
  if (!previous?.factsSnapshot) return null;
  return changedFactsSince(previous.factsSnapshot, statement.state === 'draft' ? current : (statement.factsSnapshot ?? current));
}

/**
 * A published statement whose quoted facts have moved since: its words are out of date,
 * and a follow-up is due. Empty when it is current, not published, or already followed up.
 */
export function publishedStale(statements: readonly Statement[], statement: Statement, current: Facts): FieldChange<keyof Facts>[] {
  if (statement.state !== 'published' || !statement.factsSnapshot || !statement.publishedSections) return [];
  if (statements.some((s) => s.version > statement.version && s.state === 'published')) return [];
  return staleQuotes(statement.publishedSections, statement.factsSnapshot, current);
}
