/**
 * Reminders that reach the right person (issue 14 item 5, decision 020): for one person at
 * one instant, which reminders are due. Pure — the clock, the person's roles and what they
 * acknowledged are passed in — so every laptop of the person computes the same list, and a
 * restart computes it again rather than remembering it.
 *
 * - A task reminds its owner (the task's owner field is the member's name, as the boards
 *   and "my tasks" match it) before it falls due (the advance the person chose), at due,
 *   and when still not done after the grace period; then it escalates to the phase lead:
 *   the members holding direction in the incident (or the whole workspace).
 * - The next public update (nextUpdateAt) reminds statement (PR) and direction, before and at it.
 * - The legal clocks remind direction 24 hours before and at the deadline, until filed.
 *
 * Each reminder has a stable id built from what it is about, the point it marks and the
 * deadline, so it is the same on every laptop and after a restart; moving the deadline
 * starts a new round. Only the latest point of a subject that has passed is due: an
 * acknowledged "due now" is not followed by its own older "in an hour".
 */
import { updateMade } from '../incident/next-update';
import type { Phase } from '../boards/model';
import type { ClockKind } from '../disclosure/clocks';
import type { AccessRole } from '../roles/model';

/** Minutes after the due time: the owner is told again, and direction is told. */
export const ESCALATE_AFTER_MINUTES = 60;
/** Hours before a legal deadline that direction is reminded. */
export const CLOCK_WARNING_HOURS = 24;
/** The advance warnings a person may choose (minutes; 0 = none). */
export const ADVANCE_CHOICES = [0, 15, 30, 60, 120, 240] as const;
export const DEFAULT_ADVANCE_MINUTES = 60;

export type ReminderPoint = 'advance' | 'due' | 'overdue' | 'escalation';
export type ReminderSubject =
  | { type: 'task'; taskId: string; phase: Phase }
  | { type: 'update' }
  | { type: 'clock'; clock: ClockKind }
  /** A callback the person owns on the callback queue (decision 033). */
  | { type: 'callback'; enquiryId: string };

export interface Reminder {
  /** Stable: the same on every laptop and after a restart. */
  id: string;
  incidentId: string;
  subject: ReminderSubject;
  point: ReminderPoint;
  /** When the reminder became due (ISO). */
  at: string;
  /** The deadline it is about (ISO). */
  deadline: string;
}

export interface ReminderTask {
  id: string;
  incidentId: string;
  phase: Phase;
  owner: string;
  dueAt: string | null;
  status: string;
}

export interface ReminderIncident {
  id: string;
  completedAt: string | null;
  facts: { nextUpdateAt: string | null };
  /** When its latest statement was published (a clock stamp); one published at or after the next update's time was that update. */
  lastPublishedAt?: string | null;
}

export interface ReminderClock {
  incidentId: string;
  kind: ClockKind;
  dueBy: string | null;
  /** false: the duty does not apply (null while undetermined: it runs in case it does). */
  applies: boolean | null;
  filed: boolean;
}

/** An escalated enquiry's callback (shared/faq/escalations.ts): its owner is a person id. */
export interface ReminderCallback {
  enquiryId: string;
  incidentId: string;
  ownerId: string | null;
  dueAt: string;
  closed: boolean;
}

export interface ReminderInput {
  person: { id: string; name: string };
  now: number;
  /** The person's advance warning in minutes (0: none). */
  advanceMinutes: number;
  tasks: readonly ReminderTask[];
  incidents: readonly ReminderIncident[];
  clocks: readonly ReminderClock[];
  /** Open callbacks (decision 033); absent: none. */
  callbacks?: readonly ReminderCallback[];
  /** The person's roles in an incident (its own and the workspace's); none: not a member (decision 016). */
  rolesIn(incidentId: string): readonly AccessRole[];
  /** Reminder ids this person acknowledged (on any of their laptops). */
  acknowledged: ReadonlySet<string>;
}

const MINUTE = 60_000;

/** Whether the task is the person's: its owner field names them, as the boards match it. */
export function ownsTask(task: Pick<ReminderTask, 'owner'>, personName: string): boolean {
  const owner = task.owner.trim().normalize('NFKC');
  return owner !== '' && owner === personName.trim().normalize('NFKC');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function subjectKey(incidentId: string, s: ReminderSubject): string {
  if (s.type === 'task') return `task:${s.taskId}`;
  if (s.type === 'update') return `update:${incidentId}`;
  if (s.type === 'callback') return `callback:${s.enquiryId}`;
  return `clock:${incidentId}:${s.clock}`;
}

export function reminderId(incidentId: string, subject: ReminderSubject, point: ReminderPoint, deadline: string): string {
  return `${subjectKey(incidentId, subject)}:${point}@${deadline}`;
}

interface Candidate {
  incidentId: string;
  subject: ReminderSubject;
  deadline: number;
  /** Only as phase lead: reminded once late, not listed among the person's own work. */
  escalationOnly?: true;
  /** The points of this subject for this person, in time order. */
  points: { point: ReminderPoint; at: number }[];
}

/** Every subject the person must act on, with its reminder points (past and future). */
function candidates(input: ReminderInput): Candidate[] {
  const { person, advanceMinutes } = input;
  const advance = Math.max(0, advanceMinutes) * MINUTE;
  const open = new Map(input.incidents.filter((i) => i.completedAt === null).map((i) => [i.id, i]));
  const rolesOf = new Map<string, readonly AccessRole[]>();
  const roles = (id: string) => rolesOf.get(id) ?? rolesOf.set(id, input.rolesIn(id)).get(id)!;
  const out: Candidate[] = [];
  const before = (deadline: number, ms: number) => (ms > 0 ? [{ point: 'advance' as const, at: deadline - ms }] : []);

  for (const task of input.tasks) {
    if (!open.has(task.incidentId) || task.status === 'done' || task.dueAt === null) continue;
    const deadline = Date.parse(task.dueAt);
    if (Number.isNaN(deadline)) continue;
    const mine = roles(task.incidentId);
    if (mine.length === 0) continue;
    const subject: ReminderSubject = { type: 'task', taskId: task.id, phase: task.phase };
    const late = deadline + ESCALATE_AFTER_MINUTES * MINUTE;
    if (ownsTask(task, person.name)) {
      out.push({ incidentId: task.incidentId, subject, deadline, points: [...before(deadline, advance), { point: 'due', at: deadline }, { point: 'overdue', at: late }] });
    } else if (mine.includes('direction')) {
      // The phase lead hears of a task only once it is late; its owner (if any) already did.
      out.push({ incidentId: task.incidentId, subject, deadline, escalationOnly: true, points: [{ point: 'escalation', at: late }] });
    }
  }

  for (const incident of open.values()) {
    const mine = roles(incident.id);
    const next = incident.facts.nextUpdateAt === null ? NaN : Date.parse(incident.facts.nextUpdateAt);
    // Published at or after its time: the update was made (the time was only not moved on), as the header judges it.
    if (!Number.isNaN(next) && !updateMade(next, incident.lastPublishedAt) && (mine.includes('statement') || mine.includes('direction'))) {
      out.push({ incidentId: incident.id, subject: { type: 'update' }, deadline: next, points: [...before(next, advance), { point: 'due', at: next }] });
    }
  }

  // A callback reminds its owner like a task; a late one reaches direction of the incident.
  for (const cb of input.callbacks ?? []) {
    if (!open.has(cb.incidentId) || cb.closed) continue;
    const deadline = Date.parse(cb.dueAt);
    if (Number.isNaN(deadline)) continue;
    const mine = roles(cb.incidentId);
    if (mine.length === 0) continue;
    const subject: ReminderSubject = { type: 'callback', enquiryId: cb.enquiryId };
    const late = deadline + ESCALATE_AFTER_MINUTES * MINUTE;
    if (cb.ownerId === person.id) {
      out.push({ incidentId: cb.incidentId, subject, deadline, points: [...before(deadline, advance), { point: 'due', at: deadline }, { point: 'overdue', at: late }] });
    } else if (mine.includes('direction')) {
      out.push({ incidentId: cb.incidentId, subject, deadline, escalationOnly: true, points: [{ point: 'escalation', at: late }] });
    }
  }

  // A legal clock reminds even once the incident is marked complete — the duty to file does not
  // end with the response — but then only a report known to be required (an incident nobody
  // assessed would remind for ever).
  const known = new Set(input.incidents.map((i) => i.id));
  for (const clock of input.clocks) {
    if (!known.has(clock.incidentId) || clock.filed || clock.applies === false || clock.dueBy === null) continue;
    if (!open.has(clock.incidentId) && clock.applies !== true) continue;
    if (!roles(clock.incidentId).includes('direction')) continue;
    // The last minute of the due day, as the board shows it: 24:00 would read as the next day's 0:00.
    const deadline = Date.parse(clock.dueBy) - MINUTE;
    if (Number.isNaN(deadline)) continue;
    out.push({
      incidentId: clock.incidentId,
      subject: { type: 'clock', clock: clock.kind },
      deadline,
      points: [...before(deadline, CLOCK_WARNING_HOURS * 60 * MINUTE), { point: 'due', at: deadline }],
    });
  }
  return out;
}

/**
 * The reminders due for the person now, earliest deadline first: for each thing they must
 * act on, the latest point that has passed, unless they acknowledged it. A done task, a
 * filed report, a lost role, or anything but a report still due of a completed incident has none.
 */
export function remindersDue(input: ReminderInput): Reminder[] {
  const due: Reminder[] = [];
  for (const c of candidates(input)) {
    const passed = c.points.filter((p) => p.at <= input.now).at(-1);
    if (!passed) continue;
    const deadline = iso(c.deadline);
    const id = reminderId(c.incidentId, c.subject, passed.point, deadline);
    if (input.acknowledged.has(id)) continue;
    due.push({ id, incidentId: c.incidentId, subject: c.subject, point: passed.point, at: iso(passed.at), deadline });
  }
  return due.sort(byDeadline);
}

/** How long after its time a reminder is still handed to the host (a laptop opened a little late); older ones stay on screen only. */
export const HAND_LATE_MINUTES = 60;

/**
 * The reminders to hand to the host for e-mail and chat (decision 024): the one due now if it
 * came due within HAND_LATE_MINUTES, and every point still ahead up to `until` (ms), each not
 * acknowledged. Sorted by time. The host holds each until its `at`.
 */
export function remindersAhead(input: ReminderInput, until: number): Reminder[] {
  const out: Reminder[] = [];
  for (const c of candidates(input)) {
    const deadline = iso(c.deadline);
    const passed = c.points.filter((p) => p.at <= input.now).at(-1);
    const points = [...(passed && passed.at > input.now - HAND_LATE_MINUTES * MINUTE ? [passed] : []), ...c.points.filter((p) => p.at > input.now && p.at <= until)];
    for (const p of points) {
      const id = reminderId(c.incidentId, c.subject, p.point, deadline);
      if (!input.acknowledged.has(id)) out.push({ id, incidentId: c.incidentId, subject: c.subject, point: p.point, at: iso(p.at), deadline });
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id.localeCompare(b.id)));
}

/** What the person must act on (their tasks, next updates, legal clocks), due or not, earliest first: "my work". */
export interface Deadline {
  incidentId: string;
  subject: ReminderSubject;
  deadline: string;
}

export function deadlinesFor(input: ReminderInput): Deadline[] {
  return candidates(input)
    .filter((c) => !c.escalationOnly)
    .map((c) => ({ incidentId: c.incidentId, subject: c.subject, deadline: iso(c.deadline) }))
    .sort(byDeadline);
}

function byDeadline(a: { deadline: string; incidentId: string }, b: { deadline: string; incidentId: string }): number {
  return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.incidentId.localeCompare(b.incidentId);
}

/**
 * The reminders to show on a channel now: due, and not yet shown to the person on it (on
 * any of their laptops, recorded as reminders.notified). The seam for other channels
 * (e-mail, chat): they read remindersDue and keep their own record of what went out.
 */
export function toNotify(due: readonly Reminder[], notified: ReadonlySet<string>): Reminder[] {
  return due.filter((r) => !notified.has(r.id));
}
