/**
 * The next public update promised (the fact 次回の更新予定), and whether it is late. Every screen
 * and document that shows the time says "late" by this one rule, so they cannot disagree.
 */
import { hlcTime } from '../events/hlc';
import { latestPublished, type Statement } from '../disclosure/statement-events';
import type { Incident } from './model';

/**
 * Late: its time has come, the incident is still open, and no statement was published at or
 * after that time (one published then is the update itself; the time was only not moved on).
 * A time that does not read as one is never late.
 */
export function nextUpdateLate(incident: Pick<Incident, 'completedAt' | 'facts'>, statements: Iterable<Statement>, now: number): boolean {
  const at = incident.facts.nextUpdateAt === null ? NaN : Date.parse(incident.facts.nextUpdateAt);
  if (!Number.isFinite(at) || at > now || incident.completedAt !== null) return false;
  return !updateMade(at, lastPublishedAt(statements));
}

/** When the latest statement was published (a clock stamp), or null. */
export function lastPublishedAt(statements: Iterable<Statement>): string | null {
  return latestPublished(statements)?.publishedAt ?? null;
}

/** The update due at `at` (ms) was made: a statement was published at or after it. The reminders judge by this too. */
export function updateMade(at: number, lastPublished: string | null | undefined): boolean {
  return !!lastPublished && hlcTime(lastPublished) >= at;
}
