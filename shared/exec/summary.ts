/**
 * The executives' page (経営層向け) of one incident: every figure taken from the selector
 * the team's own screens use — the live facts, the contact tracker's projected totals, the
 * enquiry log and its grouping, the legal clocks, the boards, the decisions, the statements —
 * so the page can never disagree with the screen a figure comes from. Pure: `now` is passed in.
 */
import type { Channel } from '../contacts/model';
import { contactable, doneShare, reachedShare, type Totals } from '../contacts/fallback';
import { PHASES, type Phase } from '../boards/model';
import { dueState, type Task } from '../boards/tasks';
import { incidentClocks } from '../disclosure/effective';
import type { ClockKind } from '../disclosure/clocks';
import type { DisclosureRow } from '../disclosure/regulator';
import { latestPublished, type Statement } from '../disclosure/statement-events';
import type { Group } from '../faq/grouping';
import { jstDay, type Enquiry } from '../faq/model';
import type { Decision } from '../incident/decisions';
import type { DataItem, Incident } from '../incident/model';
import { withoutContactDetails } from './caller-details';
import { openEscalationCount } from './escalations';
import type { HonbuEvent } from '../events/event';
import { hlcIso } from '../events/hlc';
import { nextUpdateLate } from '../incident/next-update';

/** Blanking a caller's details in a question: one function for the page, its print and its Word file. */
export { withoutContactDetails } from './caller-details';

/** One customer list as the contact tracker's projection has it (never refolded here). */
export interface ReachInput {
  name: string;
  channels: readonly Channel[];
  totals: Totals;
  /** The dashboard chart's points, oldest first. */
  series: readonly { at: string; totals: Totals }[];
}

export interface ReachLine {
  name: string;
  contactable: number;
  reached: number;
  /** reachedShare × 100, one decimal, as the dashboard shows it. */
  reachedPct: number;
  /** Reached or covered by the public notice, % (the dashboard chart's measure). */
  donePct: number;
  byChannel: { channel: Channel; reached: number; pending: number; inProgress: number }[];
  /** A few points of the chart: when, and done %. */
  overTime: { at: string; pct: number }[];
}

export interface ClockLine {
  kind: ClockKind;
  applies: boolean | null;
  /** Tokyo date (APPI) or ISO instant (GDPR) it is due by; null while the start is unknown. */
  date: string | null;
  dueBy: string | null;
  filedAt: string | null;
  overdue: boolean;
  left: { days: number; hours: number } | null;
}

export interface ExecSummary {
  incidentId: string;
  title: string;
  drill: boolean;
  facts: { confirmedCount: number | null; maxCount: number | null; itemsLeaked: DataItem[]; itemsNotLeaked: DataItem[]; discoveredAt: string | null };
  reach: ReachLine[];
  enquiries: { total: number; perDay: { day: string; count: number }[]; top: { label: string; count: number }[] };
  openEscalations: number;
  clocks: ClockLine[];
  overdue: { phase: Phase; count: number; tasks: Task[] }[];
  overdueTotal: number;
  decisions: Decision[];
  /** The next public update promised; `late` once its time has passed with `now`. */
  nextUpdate: { at: string | null; late: boolean; lastPublished: { version: number; at: string | null } | null };
}

export interface ExecInput {
  incident: Incident;
  disclosure: Pick<DisclosureRow, 'settings' | 'stamps' | 'filings'> | null;
  tasks: readonly Task[];
  decisions: readonly Decision[];
  statements: readonly Statement[];
  enquiries: readonly Enquiry[];
  /** The incident's callback events (decision 033): an escalation with an outcome is no longer open. */
  escalationEvents: Iterable<HonbuEvent>;
  /** The enquiry log's groups, as the FAQ tab groups them. */
  groups: readonly Group[];
  reach: readonly ReachInput[];
  now: number;
}

export const PER_DAY = 7;
export const TOP_QUESTIONS = 5;
export const LATEST_DECISIONS = 3;
const OVER_TIME_POINTS = 6;

/** The Tokyo day `n` days before `day` (YYYY-MM-DD). */
function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/**
 * Enquiries per Tokyo day over the `days` days up to today (`now`), each day that had any, as the
 * enquiry log's chart counts them. The days are counted back from today, not from the latest
 * enquiry: one dated in the future (a vendor's 2062 for 2026, kept as stored) is not a day here
 * and does not push a real day out; older days are not shown.
 */
export function enquiriesPerDay(enquiries: readonly Pick<Enquiry, 'at'>[], now: number, days = PER_DAY): { day: string; count: number }[] {
  const today = jstDay(new Date(now).toISOString());
  const first = daysBefore(today, days - 1);
  const counts = new Map<string, number>();
  for (const e of enquiries) {
    const d = jstDay(e.at);
    if (d < first || d > today) continue;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts.keys()].sort().map((day) => ({ day, count: counts.get(day)! }));
}

/** How much of a question the page shows: five of them as long as this still fit its one A4 sheet. */
export const QUESTION_CHARS = 100;

/** A question cut to `QUESTION_CHARS` characters (never inside a surrogate pair), with … when cut. */
/**
 * A question's head, long enough that what is shown of it is blanked whole (a number cut at the
 * end is past what is shown): some blanking rules take time growing with the square of a text's
 * length, and a caller's question can be tens of thousands of characters (1–5 s each at 20,000).
 */
function headOf(text: string): string {
  const chars = [...text];
  return chars.length <= QUESTION_CHARS * 4 ? text : chars.slice(0, QUESTION_CHARS * 4).join('');
}

export function shortQuestion(text: string): string {
  const chars = [...text];
  return chars.length <= QUESTION_CHARS ? text : `${chars.slice(0, QUESTION_CHARS).join('').trimEnd()}…`;
}

/** The most asked questions: the largest groups, ties in the grouping's own order. */
export function topQuestions(groups: readonly Group[], n = TOP_QUESTIONS): { label: string; count: number }[] {
  return groups
    .map((g, i) => ({ label: shortQuestion(withoutContactDetails(headOf(g.label))), count: g.memberIds.length, i }))
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .slice(0, n)
    .map(({ label, count }) => ({ label, count }));
}

const pct1 = (share: number) => Math.round(share * 1000) / 10;

export function reachLine(r: ReachInput): ReachLine {
  const pts = r.series;
  const keep = new Set<number>();
  // Every point when there are few, else evenly spread ones, the first and the last kept.
  if (pts.length <= OVER_TIME_POINTS) for (let i = 0; i < pts.length; i++) keep.add(i);
  else for (let k = 0; k < OVER_TIME_POINTS; k++) keep.add(Math.round((k * (pts.length - 1)) / (OVER_TIME_POINTS - 1)));
  return {
    name: r.name,
    contactable: contactable(r.totals),
    reached: r.totals.byPhase.reached,
    reachedPct: Number((reachedShare(r.totals) * 100).toFixed(1)),
    donePct: pct1(doneShare(r.totals)),
    byChannel: r.channels.map((channel) => ({ channel, ...(r.totals.byChannel[channel] ?? { pending: 0, inProgress: 0, reached: 0 }) })),
    overTime: [...keep].sort((a, b) => a - b).map((i) => ({ at: hlcIso(pts[i]!.at), pct: pct1(doneShare(pts[i]!.totals)) })),
  };
}

export function execSummary(input: ExecInput): ExecSummary {
  const { incident, now } = input;
  const f = incident.facts;
  const clocks = incidentClocks(incident, input.disclosure, now).clocks.map(
    (c): ClockLine => ({
      kind: c.kind,
      applies: c.applies,
      date: c.date ?? c.window?.to ?? null,
      dueBy: c.dueBy,
      filedAt: c.filed?.filedAt ?? null,
      overdue: c.countdown?.overdue ?? false,
      left: c.countdown && !c.countdown.overdue ? { days: c.countdown.days, hours: c.countdown.hours } : null,
    }),
  );
  const overdueTasks = input.tasks.filter((t) => dueState(t, now) === 'overdue');
  const overdue = PHASES.map((phase) => {
    const tasks = overdueTasks.filter((t) => t.phase === phase);
    return { phase, count: tasks.length, tasks };
  });
  const last = latestPublished(input.statements);
  return {
    incidentId: incident.id,
    title: incident.title,
    drill: incident.drill,
    facts: { confirmedCount: f.confirmedCount, maxCount: f.maxCount, itemsLeaked: f.itemsLeaked, itemsNotLeaked: f.itemsNotLeaked, discoveredAt: f.discoveredAt },
    reach: input.reach.map(reachLine),
    enquiries: { total: input.enquiries.length, perDay: enquiriesPerDay(input.enquiries, now), top: topQuestions(input.groups) },
    openEscalations: openEscalationCount(input.enquiries, input.escalationEvents, now),
    clocks,
    overdue,
    overdueTotal: overdueTasks.length,
    decisions: [...input.decisions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, LATEST_DECISIONS),
    nextUpdate: { at: f.nextUpdateAt, late: nextUpdateLate(incident, input.statements, now), lastPublished: last ? { version: last.version, at: last.publishedAt === null ? null : hlcIso(last.publishedAt) } : null },
  };
}
