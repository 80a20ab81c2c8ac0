/**
 * Escalations back (issue 15 item 4, decision 033): an enquiry the operator or the vendor
 * could not answer (`escalate` set) is a callback someone at the company owes the caller.
 * These events say who owns it, by when, what was noted and how it ended. They name the
 * enquiry by id only: the caller stays in the sealed enquiry row, never in these payloads
 * (an answer is what the company said, not who it said it to).
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';

export const ESCALATION_EVENT_TYPES = {
  owned: 'faq.escalation-owned',
  dueSet: 'faq.escalation-due-set',
  noted: 'faq.escalation-noted',
  closed: 'faq.escalation-closed',
} as const;

/** How a callback ended: called back and answered, could not reach (tried N times), passed on, no callback needed. */
export const ESCALATION_OUTCOMES = ['answered', 'unreachable', 'passed-on', 'not-needed'] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

export const MAX_ESCALATION_TEXT = 5000;
export const MAX_ATTEMPTS = 99;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const text = v.pipe(v.string(), v.maxLength(MAX_ESCALATION_TEXT));
const HAS_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const instant = v.pipe(v.string(), v.regex(HAS_OFFSET, 'must be an ISO time with an offset'));

export const escalationEvents = {
  /** Who calls back: a member of the incident (person id). Taken by oneself, or given by a lead. */
  [ESCALATION_EVENT_TYPES.owned]: v.object({ enquiryId: id, ownerId: id }),
  /** By when the caller is called back. */
  [ESCALATION_EVENT_TYPES.dueSet]: v.object({ enquiryId: id, dueAt: instant }),
  /** A working note (what was tried, what the caller needs); notes are only added. */
  [ESCALATION_EVENT_TYPES.noted]: v.object({ enquiryId: id, note: v.pipe(text, v.minLength(1)) }),
  /** The outcome: closes the escalation. `answer` is what the caller was told (for an FAQ entry). */
  [ESCALATION_EVENT_TYPES.closed]: v.object({
    enquiryId: id,
    outcome: v.picklist(ESCALATION_OUTCOMES),
    attempts: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_ATTEMPTS)),
    answer: text,
    note: text,
  }),
} as const;

type Schemas = typeof escalationEvents;
export type EscalationEvent = EventOf<Schemas>;
export type EscalationClosedPayload = PayloadIn<Schemas, 'faq.escalation-closed'>;
export const isEscalationEvent = eventGuard(escalationEvents);
export const ESCALATION_TYPES: readonly string[] = Object.values(ESCALATION_EVENT_TYPES);
