/**
 * The talk script (トークスクリプト, decision 035): what an operator says next while a caller
 * asks "is my data affected?". Pure: the screen feeds it where the customer lookup stands,
 * the letter variants, the live facts and the customer's contact history, and reads back
 * which line to say and the data beside it. Nothing here keeps anything of the caller.
 *
 * Steps: greet → find the customer (照会番号, or name/phone/customer number through the
 * existing lookup) → the answer for that customer's segment → escalate when unsure.
 */
import { CONTACT_EVENT_TYPES } from '../contacts/events';
import { parseReference, type ReferenceProblem } from '../contacts/reference';
import { DATA_ITEMS, type DataItem, type Facts } from '../incident/model';
import { DEFAULT_VARIANT_ID, type LetterVariant } from '../letters/events';
import { BUILT_IN_DEFAULT, checkVariant, variantFacts, variantResolver } from '../letters/variants';
import { type Caller, type EnquiryFields, type FaqEntry } from './model';
import { staleness } from './stale';

/** Where the lookup stands, as the script reads it (the screen maps the lookup's page to this). */
export type LookupOutcome =
  /** Nothing typed yet, or still being typed (a reference number short of its 11 digits). */
  | { kind: 'waiting' }
  /** A reference number the check digit (or its characters) refuses. */
  | { kind: 'mistyped'; problem: ReferenceProblem }
  /** A list of the incident whose rows are not on this laptop. */
  | { kind: 'not-here'; listNo: number }
  /** No such customer: a number of no list, or a search that found nobody. */
  | { kind: 'none' }
  /** More than one customer matched: ask for one more thing. */
  | { kind: 'several'; count: number }
  | { kind: 'found'; customer: TalkCustomer };

export interface TalkCustomer {
  segment: string;
  /** The customer's own record. */
  row: number;
  /** The record their letter was addressed to: another row when 名寄せ merged them (decision 027). */
  letterRow: number;
  /** That record's list, when another list printed the letter (名寄せ across lists); absent: their own list. */
  letterList?: string;
  letter: LetterState;
}

/** The script's line keys (the words are the dictionary's: talk.lines.*). */
export type ScriptLine =
  | 'identify'
  | 'askAgainCheck'
  | 'askAgainDigits'
  | 'askAgainLength'
  | 'notHere'
  | 'notFound'
  | 'several'
  | 'answer'
  | 'answerUnsure';

export interface ScriptStep {
  line: ScriptLine;
  /** The escalation is offered on this step (it is always reachable; here it is the next thing to do). */
  escalate: boolean;
}

/**
 * The next thing to say, from where the lookup stands and (when found) what the facts allow.
 * A mistyped number names what to ask again — the digits, the count of digits, or the number
 * once more — never "nobody"; a list not on this laptop and a customer not found both say
 * what was searched and offer a callback rather than guessing.
 */
export function scriptStep(outcome: LookupOutcome, answer?: SegmentAnswer): ScriptStep {
  switch (outcome.kind) {
    case 'waiting':
      return { line: 'identify', escalate: false };
    case 'mistyped':
      if (outcome.problem === 'not-digits') return { line: 'askAgainDigits', escalate: false };
      if (outcome.problem === 'length' || outcome.problem === 'empty') return { line: 'askAgainLength', escalate: false };
      return { line: 'askAgainCheck', escalate: false };
    case 'not-here':
      return { line: 'notHere', escalate: true };
    case 'none':
      return { line: 'notFound', escalate: true };
    case 'several':
      return { line: 'several', escalate: false };
    case 'found':
      // Nothing the facts establish for them, or an item held back: not a guess, a callback.
      return answer && (answer.unconfirmed.length > 0 || answer.leaked.length === 0) ? { line: 'answerUnsure', escalate: true } : { line: 'answer', escalate: false };
  }
}

/** Where a reference number led, as the contact engine's lookup says it (renderer/src/contacts/reference-numbers.ts). */
export type ReferenceTargetLike = { kind: 'found' } | { kind: 'mistyped'; problem: ReferenceProblem } | { kind: 'not-here'; listNo: number } | { kind: 'unknown' };

/**
 * The script's reading of a reference number that found nobody (null: it found someone).
 * Fewer than 11 digits is still being typed, not a mistake to read back to the caller.
 */
export function referenceOutcome(target: ReferenceTargetLike, typed: string): LookupOutcome | null {
  switch (target.kind) {
    case 'found':
      return null;
    case 'mistyped': {
      // O and I/l count as the digits the reference reader takes them for (shared/contacts/reference.ts).
      const digits = typed.normalize('NFKC').replace(/[OoIl]/g, '0').replace(/\D/g, '').length;
      if (target.problem === 'empty' || (target.problem === 'length' && digits < 11)) return { kind: 'waiting' };
      return { kind: 'mistyped', problem: target.problem };
    }
    case 'not-here':
      return { kind: 'not-here', listNo: target.listNo };
    case 'unknown':
      return { kind: 'none' };
  }
}

export interface SegmentAnswer {
  /** The variant the customer's letter was, or null when their letter quoted the incident's own facts. */
  variant: LetterVariant | null;
  /** Items that leaked for this customer and that the live facts establish: what may be said. */
  leaked: DataItem[];
  /** Items that did not leak for this customer (the incident's not-leaked, and other segments' only). */
  notLeaked: DataItem[];
  /** Items the variant names that the live facts do not (or no longer) establish: not said, escalated. */
  unconfirmed: DataItem[];
  confirmedCount: number | null;
  maxCount: number | null;
}

const inOrder = (items: Iterable<DataItem>) => {
  const set = new Set(items);
  return DATA_ITEMS.filter((i) => set.has(i));
};

/**
 * What leaked for a customer of this segment, as their letter says it: the variant for the
 * segment (decision 028) when there is one, else the incident's facts. Only what the live
 * facts establish is said: an item a variant claims but the facts do not confirm (the same
 * check that blocks printing that variant) is held back and named, so the operator escalates.
 */
export function segmentAnswer(facts: Facts, variants: readonly LetterVariant[] | null, segment: string): SegmentAnswer {
  const list = variants && variants.length > 0 ? variants : [BUILT_IN_DEFAULT];
  const variant = variantResolver(list)(segment);
  const own = variantFacts(facts, variant);
  const unconfirmed = checkVariant(variant, facts).flatMap((p) => (p.item ? [p.item] : []));
  return {
    variant: variant.items === null ? null : variant,
    leaked: inOrder(own.itemsLeaked.filter((i) => facts.itemsLeaked.includes(i) && !facts.itemsNotLeaked.includes(i))),
    notLeaked: inOrder(own.itemsNotLeaked.filter((i) => !unconfirmed.includes(i))),
    unconfirmed,
    confirmedCount: facts.confirmedCount,
    maxCount: facts.maxCount,
  };
}

/** True when the customer's letter was a variant of its own (not the unnamed default on the incident's facts). */
export function isOwnVariant(a: SegmentAnswer): boolean {
  return a.variant !== null && a.variant.variantId !== DEFAULT_VARIANT_ID;
}

/** The customer's letter (post) as their contact history has it. `at`: the event's clock. */
export type LetterState =
  | { kind: 'none' }
  | { kind: 'preparing' }
  | { kind: 'sent'; at: string }
  | { kind: 'returned'; at: string }
  | { kind: 'reached'; at: string };

/** One entry of a customer card's history, as much of it as the letter state needs. */
export interface HistoryLike {
  event: { type: string; at: string; payload: unknown };
  outcome?: string;
  undone: boolean;
}

/**
 * The letter's state from the card's history, in clock order: in a post batch (preparing),
 * the batch sent, then returned (a post result that failed: 宛先不明) or reached. Undone
 * events and cancelled batches count for nothing; a letter re-sent after a return is sent.
 */
export function letterState(history: readonly HistoryLike[]): LetterState {
  const postBatches = new Set<string>();
  let state: LetterState = { kind: 'none' };
  for (const h of history) {
    if (h.undone) continue;
    const p = h.event.payload as { batchId?: string; channel?: string };
    switch (h.event.type) {
      case CONTACT_EVENT_TYPES.batchCreated:
        if (p.channel === 'post' && p.batchId) {
          postBatches.add(p.batchId);
          if (state.kind === 'none') state = { kind: 'preparing' };
        }
        break;
      case CONTACT_EVENT_TYPES.batchCancelled:
        if (p.channel === 'post' && p.batchId) {
          postBatches.delete(p.batchId);
          if (state.kind === 'preparing' && postBatches.size === 0) state = { kind: 'none' };
        }
        break;
      case CONTACT_EVENT_TYPES.batchSent:
        if (p.batchId && postBatches.has(p.batchId)) state = { kind: 'sent', at: h.event.at };
        break;
      case CONTACT_EVENT_TYPES.outcomesRecorded:
        if (p.channel !== 'post') break;
        if (h.outcome === 'failed') state = { kind: 'returned', at: h.event.at };
        else if (h.outcome === 'reached') state = { kind: 'reached', at: h.event.at };
        break;
    }
  }
  return state;
}

/**
 * The customer as the script needs them. A record 名寄せ merged into another (decision 027)
 * shared that record's letter: the letter's state is the letter row's (the batch named that
 * row), with this record's own post results on top (a return is fanned out to every record).
 */
export function talkCustomer(
  own: { datasetId?: string; segment: string; row: number; history: readonly HistoryLike[] },
  letter?: { datasetId?: string; row: number; history: readonly HistoryLike[] },
): TalkCustomer {
  const otherList = letter?.datasetId !== undefined && letter.datasetId !== own.datasetId;
  if (!letter || (letter.row === own.row && !otherList)) return { segment: own.segment, row: own.row, letterRow: own.row, letter: letterState(own.history) };
  const merged = [...letter.history, ...own.history.filter((h) => h.event.type === CONTACT_EVENT_TYPES.outcomesRecorded)].sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : 0));
  return { segment: own.segment, row: own.row, letterRow: letter.row, ...(otherList ? { letterList: letter.datasetId } : {}), letter: letterState(merged) };
}

/**
 * The FAQ answers the script may read out: approved and current only. A draft, a retired
 * entry and an approved answer whose quoted facts moved since approval (stale) never are —
 * the operator view shows a stale one with a warning; the script, read aloud, leaves it out.
 */
export function scriptEntries(entries: readonly FaqEntry[], facts: Facts): FaqEntry[] {
  return entries.filter((e) => staleness(e, facts).state === 'current');
}

export interface EscalationInput {
  /** The caller's question in the operator's words. */
  question: string;
  /** The 照会番号 the caller read out (as typed), when the lookup was by number. */
  reference?: string;
  /** The customer found, linked by their number in the list. */
  customerNo?: string;
  /** A name and callback number the operator took down (the enquiry log keeps these anyway). */
  name?: string;
  phone?: string;
  operator: string;
  at: string;
  durationSec?: number;
}

/**
 * True when a call back would have nobody to call: no customer found, no 照会番号 that reads as
 * one (a list on another laptop still leads to the customer there), and no phone number taken.
 * The screen asks for the phone number instead of queueing a call back nobody can make.
 */
export function noWayBack(input: Pick<EscalationInput, 'customerNo' | 'reference' | 'phone'>): boolean {
  if (input.customerNo?.trim() || input.phone?.trim()) return false;
  return !parseReference(input.reference ?? '').ok;
}

/**
 * The enquiry the escalation logs (faq.enquiry-logged through its command, escalate set):
 * the question, the link to the customer — their customer number, or the reference number
 * they read out when nobody was found — and what the operator typed of a callback. Nothing
 * else of the caller: no segment, no address, no list row.
 */
export function escalationEnquiry(input: EscalationInput): EnquiryFields {
  const caller: Caller = { name: (input.name ?? '').trim(), phone: (input.phone ?? '').trim(), email: '' };
  const customerNo = input.customerNo?.trim();
  if (customerNo) caller.customerNo = customerNo;
  const reference = input.reference?.trim();
  if (reference && !customerNo) caller.reference = reference;
  return {
    channel: 'phone',
    caller,
    question: input.question.trim(),
    answerEntryId: null,
    answerText: '',
    escalate: true,
    operator: input.operator,
    durationSec: Math.max(0, Math.round(input.durationSec ?? 0)),
    tags: [],
    at: input.at,
  };
}
