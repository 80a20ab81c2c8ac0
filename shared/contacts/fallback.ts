/**
 * Fallback per customer, as one 16-bit status word so a million customers fit in 2 MB
 * and a returned-mail list of 50k updates in place:
 *
 *   bits 0–2  phase    pending | in-progress | reached | covered (public notice) | excluded
 *   bits 3–4  slot     index into the dataset's channel order (the current channel)
 *   bits 5–7  retries  no-answer count on the current channel
 *   bits 8–9  exclusion reason (when excluded)
 *
 * Which channels a customer can be tried on (has an address, an e-mail, a phone) is
 * fixed at import and passed in as a mask; the public notice is always available.
 * Pure functions only: the store and the tests run the same code.
 */
import { type Channel, type Exclusion, EXCLUSIONS } from './model';

export const PHASES = ['pending', 'in-progress', 'reached', 'covered', 'excluded'] as const;
export type Phase = (typeof PHASES)[number];
const P = { pending: 0, 'in-progress': 1, reached: 2, covered: 3, excluded: 4 } as const;

export const AVAIL_POST = 1;
export const AVAIL_EMAIL = 2;
export const AVAIL_PHONE = 4;
/** Set at import on the second and later rows of a duplicated customer number. */
export const AVAIL_DUPLICATE = 8;

export function availabilityOf(row: { address: string; postcode: string; email: string; phone: string }, hasEmail: boolean, hasPhone: boolean): number {
  return (row.address.trim() ? AVAIL_POST : 0) | (hasEmail ? AVAIL_EMAIL : 0) | (hasPhone ? AVAIL_PHONE : 0);
}

function channelAvailable(channel: Channel, avail: number): boolean {
  if (channel === 'post') return (avail & AVAIL_POST) !== 0;
  if (channel === 'email') return (avail & AVAIL_EMAIL) !== 0;
  if (channel === 'phone') return (avail & AVAIL_PHONE) !== 0;
  return true;
}

export interface Status {
  phase: Phase;
  slot: number;
  retries: number;
  exclusion: Exclusion | null;
}

export function pack(s: Status): number {
  const ex = s.exclusion ? EXCLUSIONS.indexOf(s.exclusion) + 1 : 0;
  return P[s.phase] | (s.slot << 3) | (Math.min(s.retries, 7) << 5) | (ex << 8);
}

export function unpack(word: number): Status {
  const ex = (word >> 8) & 3;
  return { phase: PHASES[word & 7]!, slot: (word >> 3) & 3, retries: (word >> 5) & 7, exclusion: ex ? EXCLUSIONS[ex - 1]! : null };
}

export const phaseOf = (word: number): Phase => PHASES[word & 7]!;
export const slotOf = (word: number): number => (word >> 3) & 3;
/** Pending on the channel in `slot` (the phase and slot bits at once: the pending scan asks it of every customer). */
export const pendingOn = (word: number, slot: number): boolean => (word & 31) === ((slot << 3) | P.pending);

/** Pending on the first channel at or after `from` that this customer can be reached on. */
function pendingFrom(from: number, avail: number, order: Channel[]): number {
  for (let slot = from; slot < order.length; slot++) {
    if (channelAvailable(order[slot]!, avail)) return pack({ phase: 'pending', slot, retries: 0, exclusion: null });
  }
  // Every channel (notice included) is behind us: nothing left but the notice.
  const notice = order.indexOf('notice');
  return pack({ phase: 'pending', slot: notice >= 0 ? notice : order.length - 1, retries: 0, exclusion: null });
}

export function initialStatus(avail: number, order: Channel[]): number {
  if (avail & AVAIL_DUPLICATE) return exclude(pendingFrom(0, avail, order), 'duplicate');
  return pendingFrom(0, avail, order);
}

export type Outcome = 'reached' | 'failed' | 'no-answer';

export interface Policy {
  order: Channel[];
  /**
   * Retries after the first attempt: a no-answer (or soft bounce) is tried again this
   * many times, so N retries means up to N + 1 attempts on the channel.
   */
  maxRetries: number;
}

/** Attempts on one channel a customer gets at most: the first one plus the retries. */
export const attemptsAllowed = (maxRetries: number): number => maxRetries + 1;

/** A customer is taken into a batch on `channel` only when pending on it. */
export function startBatch(word: number, channel: Channel, policy: Policy): number {
  if ((word & 7) !== P.pending || policy.order[slotOf(word)] !== channel) return word;
  return (word & ~7) | P['in-progress'];
}

/** A cancelled batch gives its customers back to the channel's pending list. */
export function cancelBatch(word: number, channel: Channel, policy: Policy): number {
  if ((word & 7) !== P['in-progress'] || policy.order[slotOf(word)] !== channel) return word;
  return (word & ~7) | P.pending;
}

/**
 * An outcome on `channel` counts only while the customer is pending or in progress on
 * that channel; a late returned letter for someone already reached by phone changes
 * nothing (the preview reports it as skipped). On the notice's slot the only outcome is
 * 'reached' (the customer called in): never 'covered', which only the notice itself gives.
 */
export function applyOutcome(word: number, channel: Channel, outcome: Outcome, avail: number, policy: Policy): number {
  const phase = word & 7;
  const slot = slotOf(word);
  if (policy.order[slot] !== channel) return word;
  // Someone no channel reached who contacts the desk and is told in person has been
  // reached — before the notice or after it covered them (reached says more than covered).
  if (channel === 'notice' && outcome === 'reached' && (phase === P.pending || phase === P['in-progress'] || phase === P.covered)) {
    return pack({ phase: 'reached', slot, retries: 0, exclusion: null });
  }
  if (phase !== P.pending && phase !== P['in-progress']) return word;
  if (outcome === 'reached') return pack({ phase: 'reached', slot, retries: 0, exclusion: null });
  if (outcome === 'no-answer') {
    // `retries` counts the no-answers so far; with N retries allowed, the (N + 1)th
    // no-answer is the one that moves the customer on.
    const retries = ((word >> 5) & 7) + 1;
    if (retries <= policy.maxRetries) return pack({ phase: 'pending', slot, retries, exclusion: null });
  }
  if (channel === 'notice') return word;
  return pendingFrom(slot + 1, avail, policy.order);
}

/** The public notice covers everyone still waiting for it. */
export function applyNotice(word: number, policy: Policy): number {
  if ((word & 7) !== P.pending && (word & 7) !== P['in-progress']) return word;
  return policy.order[slotOf(word)] === 'notice' ? (word & ~7) | P.covered : word;
}

export function exclude(word: number, reason: Exclusion): number {
  if ((word & 7) === P.reached) return word;
  return pack({ phase: 'excluded', slot: slotOf(word), retries: 0, exclusion: reason });
}

/** Dashboard cell of a status word: phase × slot, excluded by reason. */
export const TOTAL_CELLS = 19;
export function cellOf(word: number): number {
  const phase = word & 7;
  if (phase === P.excluded) return 16 + ((word >> 8) & 3) - 1;
  return phase * 4 + slotOf(word);
}

export interface Totals {
  rows: number;
  byPhase: Record<Phase, number>;
  /** Per channel: pending, in progress, reached on it. */
  byChannel: Record<string, { pending: number; inProgress: number; reached: number }>;
  /** Waiting for the public notice: every other channel failed or was unavailable. */
  unreachable: number;
  /** Reached after every channel failed: they contacted the desk themselves (counted in reached, never in covered). */
  calledIn: number;
  excluded: Record<Exclusion, number>;
}

/** Readable totals from the cell counts (what running totals store). */
export function totalsFromCells(cells: ArrayLike<number>, order: Channel[]): Totals {
  const byPhase = { pending: 0, 'in-progress': 0, reached: 0, covered: 0, excluded: 0 } as Record<Phase, number>;
  const byChannel: Totals['byChannel'] = {};
  for (const ch of order) byChannel[ch] = { pending: 0, inProgress: 0, reached: 0 };
  let rows = 0;
  for (let phase = 0; phase < 4; phase++) {
    for (let slot = 0; slot < 4; slot++) {
      const n = cells[phase * 4 + slot] ?? 0;
      if (!n) continue;
      rows += n;
      byPhase[PHASES[phase]!] += n;
      const ch = order[slot];
      if (!ch) continue;
      if (phase === 0) byChannel[ch]!.pending += n;
      if (phase === 1) byChannel[ch]!.inProgress += n;
      if (phase === 2 || phase === 3) byChannel[ch]!.reached += n;
    }
  }
  const excluded = {} as Record<Exclusion, number>;
  EXCLUSIONS.forEach((ex, i) => {
    excluded[ex] = cells[16 + i] ?? 0;
    byPhase.excluded += excluded[ex];
    rows += excluded[ex];
  });
  const notice = order.indexOf('notice');
  const unreachable = notice >= 0 ? (cells[notice] ?? 0) + (cells[4 + notice] ?? 0) : 0;
  const calledIn = notice >= 0 ? (cells[8 + notice] ?? 0) : 0;
  return { rows, byPhase, byChannel, unreachable, calledIn, excluded };
}

/** Customers the team has to contact: the list less the rows excluded (duplicates, deceased, do-not-contact). */
export function contactable(t: Totals): number {
  return t.rows - t.byPhase.excluded;
}

/** Share (0–1) of the customers to contact who were reached; excluded rows are nobody to reach. */
export function reachedShare(t: Totals): number {
  const of = contactable(t);
  return of === 0 ? 0 : t.byPhase.reached / of;
}

/** Share (0–1) of the customers to contact who were reached or covered by the notice: 1 when the work is done. */
export function doneShare(t: Totals): number {
  const of = contactable(t);
  return of === 0 ? 0 : (t.byPhase.reached + t.byPhase.covered) / of;
}

/** Returned-mail reasons (宛所不明, 転居先不明, 受取拒否, 保管期間経過, その他): codes the UI translates. */
export const RETURN_REASONS = ['unknown-address', 'moved-no-forwarding', 'refused', 'unclaimed', 'other'] as const;

/**
 * What a result on the list means for the fallback. A hard bounce or a wrong number ends
 * the channel; a soft bounce or no answer is tried again (up to the dataset's maxRetries);
 * a refusal on the phone did not inform the customer, so it ends the channel too.
 */
export const RESULT_OUTCOME = {
  'returned-mail': 'failed',
  'bounce-hard': 'failed',
  'bounce-soft': 'no-answer',
  'call-reached': 'reached',
  'call-no-answer': 'no-answer',
  'call-wrong-number': 'failed',
  'call-refused': 'failed',
  delivered: 'reached',
} as const satisfies Record<string, Outcome>;
export type ResultKind = keyof typeof RESULT_OUTCOME;

/**
 * Reached over time (the dashboard chart): the running totals after each contact event,
 * from the same fold as the statuses, so the chart's last point equals the dashboard.
 */
export interface SeriesPoint {
  at: string;
  eventId: string;
  cells: number[];
}
