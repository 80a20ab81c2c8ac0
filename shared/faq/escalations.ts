/**
 * The callback queue (issue 15 item 4, decision 033): every escalated enquiry — typed into
 * Honbu or imported from the vendor's log — is an escalation the company owes a callback.
 * A pure fold of the enquiries and the escalation events, so every laptop that has the same
 * events shows the same queue, in any order they arrived:
 *
 * - owner and due time: the latest by clock (someone re-assigned or moved it);
 * - notes: all of them, by clock;
 * - outcome: the first by clock (the command refuses a second; two laptops closing at
 *   once keep the earlier, and the later one's note is still a note);
 * - the due time, until someone sets one: noon (JST) of the day after the enquiry came in.
 *
 * The executives' page reads `openEscalations` / `overdueEscalations` from here.
 */
import type { HonbuEvent } from '../events/event';
import { isEscalationEvent, type EscalationOutcome } from './escalation-events';
import { instantMs, type Caller, type Enquiry, type EnquiryChannel } from './model';

const HOUR = 3_600_000;
const JST = 9 * HOUR;
/** The default callback time: 12:00 in Japan. */
export const DEFAULT_DUE_HOUR_JST = 12;
/** A callback this close to its due time is "soon" (the reminders' default advance warning). */
export const SOON_MS = HOUR;

export interface EscalationNote {
  note: string;
  at: string;
  actor: string;
}

export interface EscalationClose {
  outcome: EscalationOutcome;
  attempts: number;
  answer: string;
  note: string;
  at: string;
  actor: string;
}

export interface Escalation {
  enquiryId: string;
  incidentId: string | null;
  /** What the caller asked; the caller themself is personal data: show it only to roles that may see it. */
  question: string;
  caller: Caller;
  channel: EnquiryChannel;
  /** When the enquiry came in (ISO). */
  at: string;
  /** The operator (or the vendor's operator id) who escalated it. */
  operator: string;
  ownerId: string | null;
  /** ISO; the default until someone set one. */
  dueAt: string;
  dueIsDefault: boolean;
  notes: EscalationNote[];
  closed: EscalationClose | null;
}

export type EscalationState = 'overdue' | 'soon' | 'open' | 'closed';

export interface EscalationLists {
  /** Not closed, due time first (overdue ones lead, as they are the earliest). */
  open: Escalation[];
  /** Not closed and past the due time, most overdue first. */
  overdue: Escalation[];
  /** Closed, the latest first. */
  closed: Escalation[];
}

export interface EscalationInput {
  enquiries: Iterable<Enquiry>;
  /** Any events; only the escalation events are read. */
  events: Iterable<HonbuEvent>;
  now: number;
}

/** Noon (JST) of the Japanese calendar day after `at`: a call in late evening is still due the next noon. */
export function defaultDueAt(at: string): string {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return '';
  const jstDayStart = Math.floor((ms + JST) / (24 * HOUR)) * 24 * HOUR - JST;
  return new Date(jstDayStart + 24 * HOUR + DEFAULT_DUE_HOUR_JST * HOUR).toISOString();
}

interface Stamped<T> {
  value: T;
  at: string;
}

const later = <T>(a: Stamped<T> | undefined, b: Stamped<T>): Stamped<T> => (a === undefined || b.at > a.at ? b : a);

/** Every escalation of the enquiries given, with what the events say of each. */
export function foldEscalations(enquiries: Iterable<Enquiry>, events: Iterable<HonbuEvent>): Escalation[] {
  const owner = new Map<string, Stamped<string>>();
  const due = new Map<string, Stamped<string>>();
  const notes = new Map<string, EscalationNote[]>();
  const closed = new Map<string, EscalationClose>();
  const closes = new Map<string, EscalationClose[]>();
  for (const e of events) {
    if (!isEscalationEvent(e)) continue;
    const id = e.payload.enquiryId;
    switch (e.type) {
      case 'faq.escalation-owned':
        owner.set(id, later(owner.get(id), { value: e.payload.ownerId, at: e.at }));
        break;
      case 'faq.escalation-due-set':
        due.set(id, later(due.get(id), { value: e.payload.dueAt, at: e.at }));
        break;
      case 'faq.escalation-noted': {
        const list = notes.get(id) ?? [];
        // The same event folded twice (a re-sync) is one note.
        if (!list.some((n) => n.at === e.at && n.actor === e.actor)) list.push({ note: e.payload.note, at: e.at, actor: e.actor });
        notes.set(id, list);
        break;
      }
      case 'faq.escalation-closed': {
        const list = closes.get(id) ?? [];
        if (!list.some((c) => c.at === e.at && c.actor === e.actor)) list.push({ ...e.payload, at: e.at, actor: e.actor });
        closes.set(id, list);
        break;
      }
    }
  }
  // The earliest close is the outcome; what a later one (another laptop, at once) said is kept as its note.
  for (const [id, list] of closes) {
    list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    closed.set(id, list[0]!);
    for (const c of list.slice(1)) {
      const said = [c.answer, c.note].map((x) => x.trim()).filter(Boolean).join('\n');
      if (said === '') continue;
      const kept = notes.get(id) ?? [];
      kept.push({ note: said, at: c.at, actor: c.actor });
      notes.set(id, kept);
    }
  }
  const out: Escalation[] = [];
  const touched = new Set([...owner.keys(), ...due.keys(), ...notes.keys(), ...closed.keys()]);
  for (const q of enquiries) {
    // A callback someone took, timed, noted or closed stays in the queue when the enquiry's flag is
    // later cleared (a vendor's corrected file, an edit): its owner closes it (折り返し不要), it does not vanish.
    if (!q.escalate && !touched.has(q.id)) continue;
    const set = due.get(q.id);
    out.push({
      enquiryId: q.id,
      incidentId: q.incidentId,
      question: q.question,
      caller: q.caller,
      channel: q.channel,
      at: q.at,
      operator: q.operator,
      ownerId: owner.get(q.id)?.value ?? null,
      dueAt: set ? new Date(instantMs(set.value)).toISOString() : defaultDueAt(q.at || q.loggedAt),
      dueIsDefault: set === undefined,
      notes: (notes.get(q.id) ?? []).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
      closed: closed.get(q.id) ?? null,
    });
  }
  return out;
}

/** Where an escalation stands at `now`: overdue from the very millisecond of its due time. */
export function escalationState(x: Pick<Escalation, 'dueAt' | 'closed'>, now: number): EscalationState {
  if (x.closed) return 'closed';
  const due = Date.parse(x.dueAt);
  if (due <= now) return 'overdue';
  return due - now <= SOON_MS ? 'soon' : 'open';
}

const byDue = (a: Escalation, b: Escalation) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.enquiryId.localeCompare(b.enquiryId));

/** The queue: open (due first), overdue, closed (latest first). */
export function escalations(state: EscalationInput): EscalationLists {
  const all = foldEscalations(state.enquiries, state.events);
  const open = all.filter((x) => !x.closed).sort(byDue);
  return {
    open,
    overdue: open.filter((x) => escalationState(x, state.now) === 'overdue'),
    closed: all.filter((x) => x.closed).sort((a, b) => (a.closed!.at < b.closed!.at ? 1 : a.closed!.at > b.closed!.at ? -1 : 0)),
  };
}

export function openEscalations(state: EscalationInput): Escalation[] {
  return escalations(state).open;
}

export function overdueEscalations(state: EscalationInput): Escalation[] {
  return escalations(state).overdue;
}
