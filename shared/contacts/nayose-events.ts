/**
 * 名寄せ decisions as events. A decision names its cluster's records explicitly (list,
 * row), so it means the same on every laptop whatever rules the next run uses. Rows are
 * row ordinals, never personal data; events are sealed like every other.
 */
import * as v from 'valibot';
import { eventGuard, type DraftOf, type EventOf, type PayloadIn } from '../events/event';

export const NAYOSE_EVENT_TYPES = {
  decided: 'contacts.nayose-decided',
  undone: 'contacts.nayose-undone',
} as const;

export const NAYOSE_MODES = ['person', 'household'] as const;
export type NayoseMode = (typeof NAYOSE_MODES)[number];

/** (list index, row) pairs, flattened: the first pair is the representative. */
const memberPairs = v.custom<number[]>(
  (input) => Array.isArray(input) && input.length >= 4 && input.length % 2 === 0 && input.every((n) => Number.isInteger(n) && n >= 0),
  'members must be two or more (list, row) pairs',
);

export const nayoseEvents = {
  [NAYOSE_EVENT_TYPES.decided]: v.pipe(
    v.object({
      /** The lists the decisions name, by dataset id; members index into it. */
      lists: v.pipe(v.array(v.string()), v.minLength(1)),
      mode: v.picklist(NAYOSE_MODES),
      decisions: v.pipe(
        v.array(
          v.object({
            merge: v.boolean(),
            members: memberPairs,
            /**
             * Which letter each member shares, one number per member (members with the same
             * number get one letter). Absent: one letter for all. Members whose letters say
             * different things (another 文面, as a child's guardian letter and a parent's own)
             * are merged as one person or household, but each keeps the letter meant for it.
             */
            letters: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
            /**
             * Each member's segment value as the list gives it, one per member: every laptop
             * reads each member's 文面 from it — also one that does not hold the member's list —
             * so a 文面 saved after the merge splits its letters alike everywhere. One value:
             * every member's (the usual case, written once). Absent (older events): read from
             * the lists this laptop holds.
             */
            segments: v.optional(v.array(v.pipe(v.string(), v.maxLength(2000)))),
          }),
        ),
        v.minLength(1),
      ),
    }),
    v.check((p) => p.decisions.every((d) => d.members.every((n, i) => i % 2 === 1 || n < p.lists.length)), 'members must name one of the lists'),
    v.check((p) => p.decisions.every((d) => d.letters === undefined || d.letters.length * 2 === d.members.length), 'letters must give one number per member'),
    v.check((p) => p.decisions.every((d) => d.segments === undefined || d.segments.length === 1 || d.segments.length * 2 === d.members.length), 'segments must give one value, or one per member'),
  ),
  /** A decision event taken back: its clusters are undecided again (or fall back to an earlier decision). */
  [NAYOSE_EVENT_TYPES.undone]: v.object({ eventId: v.string() }),
} as const;

type Schemas = typeof nayoseEvents;
export type NayoseDecided = PayloadIn<Schemas, 'contacts.nayose-decided'>;
export type NayoseUndone = PayloadIn<Schemas, 'contacts.nayose-undone'>;
export type NayoseEvent = EventOf<Schemas>;
export type NayoseDraft = DraftOf<Schemas>;
export const isNayoseEvent = eventGuard(nayoseEvents);
