/** Checks a report before it becomes an event: a problem names the field and the reason. */
import type { Problem as AnyProblem } from '../events/command';
import type { Facts, FactKey, ReportFields } from './model';

/** The reasons a report is refused for (one Problem type for the whole app: shared/events/command.ts). */
export interface Problem extends AnyProblem {
  reason: 'required' | 'not-a-count' | 'max-below-confirmed' | 'too-long' | 'bad-date' | 'future';
}

const MAX_TEXT = 5000;

/** Counts are typed by people: "1,200", "１２００" and "1200件" all mean 1200. Empty = unknown. */
export function parseCount(text: string): number | null | 'invalid' {
  const t = text.normalize('NFKC').replace(/[,\s件人名]/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return 'invalid';
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : 'invalid';
}

export function checkReport(
  report: ReportFields,
  options: { first: boolean; title?: string; now: number },
): Problem[] {
  const problems: Problem[] = [];
  if (options.first) {
    if (!options.title?.trim()) problems.push({ field: 'title', reason: 'required' });
    if (!report.discoveredAt) problems.push({ field: 'discoveredAt', reason: 'required' });
    if (!report.reporter.trim()) problems.push({ field: 'reporter', reason: 'required' });
  }
  for (const field of ['discoveredAt', 'occurredAt'] as const) {
    const v = report[field];
    if (v === null) continue;
    const t = new Date(v).getTime();
    if (Number.isNaN(t)) problems.push({ field, reason: 'bad-date' });
    // A minute of slack for clocks; a discovery in the future is a typo.
    else if (t > options.now + 60_000) problems.push({ field, reason: 'future' });
  }
  for (const field of ['confirmedCount', 'maxCount'] as const) {
    const v = report[field];
    if (v !== null && (!Number.isSafeInteger(v) || v < 0)) problems.push({ field, reason: 'not-a-count' });
  }
  if (factConflicts(report).length > 0) problems.push({ field: 'maxCount', reason: 'max-below-confirmed' });
  for (const [field, value] of Object.entries(report)) {
    if (typeof value === 'string' && value.length > MAX_TEXT) problems.push({ field, reason: 'too-long' });
  }
  return problems;
}

/** The confirmed/maximum pair as typed in a form: both counts, or the problems with them. */
export function parseCountPair(
  typed: { confirmedCount: string; maxCount: string },
): { ok: true; confirmedCount: number | null; maxCount: number | null } | { ok: false; problems: Problem[] } {
  const confirmedCount = parseCount(typed.confirmedCount);
  const maxCount = parseCount(typed.maxCount);
  const problems: Problem[] = [];
  if (confirmedCount === 'invalid') problems.push({ field: 'confirmedCount', reason: 'not-a-count' });
  if (maxCount === 'invalid') problems.push({ field: 'maxCount', reason: 'not-a-count' });
  if (confirmedCount === 'invalid' || maxCount === 'invalid') return { ok: false, problems };
  return { ok: true, confirmedCount, maxCount };
}

/**
 * A count typed in a form that would cross the other count as stored once filed: a confirmed count
 * over the stored maximum, or a maximum under the stored confirmed count (a follow-up report that
 * leaves a count blank keeps the stored one). One person on one laptop would make the crossed
 * counts two laptops' merged edits can make; said when typed (FollowUpForm, FactsCard) and refused
 * when filed. Null when the counts agree, or when the form gives both (checkReport says so then).
 * `stored`: which count the typed one crosses; the two counts as they would be.
 */
export function crossesStored(
  stored: Pick<Facts, 'confirmedCount' | 'maxCount'> | undefined,
  typed: { confirmedCount: number | null; maxCount: number | null },
): (Problem & { params: { stored: 'maxCount' | 'confirmedCount'; confirmed: number; max: number } }) | null {
  if (typed.confirmedCount !== null && typed.maxCount !== null) return null;
  const confirmed = typed.confirmedCount ?? stored?.confirmedCount ?? null;
  const max = typed.maxCount ?? stored?.maxCount ?? null;
  if (confirmed === null || max === null || max >= confirmed) return null;
  // Only what was typed now crosses: counts that crossed before (two laptops) are the facts card's to say.
  if (typed.confirmedCount !== null) return { field: 'confirmedCount', reason: 'max-below-confirmed', params: { stored: 'maxCount', confirmed, max } };
  if (typed.maxCount !== null) return { field: 'maxCount', reason: 'max-below-confirmed', params: { stored: 'confirmedCount', confirmed, max } };
  return null;
}

/** Facts that cannot both be true, and which of them to check. */
export interface FactConflict {
  reason: 'max-below-confirmed';
  facts: FactKey[];
  /** The two counts as stored, to be said with it. */
  counts: { confirmedCount: number; maxCount: number };
}

/**
 * Contradictions in the facts as stored. Each edit is checked where it is made, but two edits
 * from two laptops can each be right on their own and cross once merged: 1,800 confirmed on one
 * laptop (the maximum there 2,000) and a maximum of 1,500 on another (the confirmed count there
 * 1,000). The fold keeps both; what quotes the counts (the facts card, the PPC draft, the
 * executives' page) says so until someone corrects one of them.
 */
export function factConflicts(facts: Pick<Facts, 'confirmedCount' | 'maxCount'>): FactConflict[] {
  const { confirmedCount, maxCount } = facts;
  if (confirmedCount === null || maxCount === null || maxCount >= confirmedCount) return [];
  return [{ reason: 'max-below-confirmed', facts: ['confirmedCount', 'maxCount'], counts: { confirmedCount, maxCount } }];
}
