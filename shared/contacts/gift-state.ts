/**
 * What the gift events say now: the programme in force and who redeemed what, folded from
 * the gift events alone (a handful: one per programme edit, one per vendor file) — never
 * from the contact statuses, so a redemption file or its undo costs the rows it names, not
 * the list (decision 023). Per list, one byte per row (the option, 0 = not redeemed) and
 * two bytes for the day: 3 bytes × 20M customers at most, and only up to the last row named.
 */
import { GIFT_EVENT_TYPES, type GiftEvent, type GiftOption, type GiftProgramme } from './gift-events';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Per-list redemptions: the first redemption of a row wins (two laptops applying the same file count it once). */
class ListRedemptions {
  opt = new Uint8Array(0);
  day = new Uint16Array(0);
  count = 0;

  set(row: number, option: number, day: number): boolean {
    if (row >= this.opt.length) {
      const size = Math.max(row + 1, this.opt.length * 2, 1024);
      const opt = new Uint8Array(size);
      opt.set(this.opt);
      const d = new Uint16Array(size);
      d.set(this.day);
      this.opt = opt;
      this.day = d;
    }
    if (this.opt[row] !== 0) return false;
    this.opt[row] = option + 1;
    this.day[row] = day;
    this.count++;
    return true;
  }
}

export interface Redemption {
  optionId: string;
  day: number;
}

export class GiftState {
  /** The programme in force (the latest set), or undefined before one is set. */
  programme: GiftProgramme | undefined;
  /** When it was first set (the event's clock): letters of post batches from then on carry a code. */
  since: string | undefined;
  /** Every option id ever used, in first-seen order (index + 1 is the stored byte), with its latest label and cost. */
  readonly options: GiftOption[] = [];
  private readonly lists = new Map<string, ListRedemptions>();

  optionIndex(id: string): number {
    const i = this.options.findIndex((o) => o.id === id);
    return i >= 0 ? i : this.options.push({ id, label: id, unitCost: 0 }) - 1;
  }

  redeem(datasetId: string, row: number, optionId: string, day: number): boolean {
    let list = this.lists.get(datasetId);
    if (!list) this.lists.set(datasetId, (list = new ListRedemptions()));
    return list.set(row, this.optionIndex(optionId), day);
  }

  get(datasetId: string, row: number): Redemption | undefined {
    const list = this.lists.get(datasetId);
    const o = list?.opt[row] ?? 0;
    return o === 0 ? undefined : { optionId: this.options[o - 1]!.id, day: list!.day[row]! };
  }

  /** Redeemed customers by option id. */
  byOption(): Map<string, number> {
    const out = new Map<string, number>(this.options.map((o) => [o.id, 0]));
    for (const list of this.lists.values()) {
      for (let r = 0; r < list.opt.length; r++) {
        const o = list.opt[r]!;
        if (o !== 0) out.set(this.options[o - 1]!.id, out.get(this.options[o - 1]!.id)! + 1);
      }
    }
    return out;
  }

  redeemedCount(datasetId?: string): number {
    if (datasetId !== undefined) return this.lists.get(datasetId)?.count ?? 0;
    let n = 0;
    for (const l of this.lists.values()) n += l.count;
    return n;
  }
}

/** The gift events of an incident (clock order) folded: undone redemptions left out wherever the undo stands. */
export function foldGifts(events: readonly GiftEvent[]): GiftState {
  const state = new GiftState();
  const undone = new Set<string>();
  for (const e of events) if (e.type === GIFT_EVENT_TYPES.redemptionUndone) undone.add(e.payload.eventId);
  for (const e of events) {
    if (e.type === GIFT_EVENT_TYPES.programmeSet) {
      state.programme = e.payload;
      state.since ??= e.at;
      for (const o of e.payload.options) state.options[state.optionIndex(o.id)] = o;
    } else if (e.type === GIFT_EVENT_TYPES.redeemed && !undone.has(e.id)) {
      const ids = e.payload.optionIds;
      for (const part of e.payload.parts) part.rows.forEach((row, i) => state.redeem(part.datasetId, row, ids[part.options[i]!]!, part.days[i]!));
    }
  }
  return state;
}

export interface GiftTotals {
  /** Letters printed with a code. */
  issued: number;
  redeemed: number;
  unredeemed: number;
  byOption: { id: string; label: string; unitCost: number; count: number; cost: number }[];
  /** Σ redeemed × unit cost (yen). */
  cost: number;
  /** What it costs if every issued code is redeemed: today's cost plus the rest at the dearest option still offered. */
  committed: number;
}

export function giftTotals(state: GiftState, issued: number): GiftTotals {
  const counts = state.byOption();
  const offered = new Set(state.programme?.options.map((o) => o.id) ?? []);
  const byOption = state.options
    .filter((o) => offered.has(o.id) || (counts.get(o.id) ?? 0) > 0)
    .map((o) => ({ id: o.id, label: o.label, unitCost: o.unitCost, count: counts.get(o.id) ?? 0, cost: (counts.get(o.id) ?? 0) * o.unitCost }));
  const redeemed = byOption.reduce((n, o) => n + o.count, 0);
  const cost = byOption.reduce((n, o) => n + o.cost, 0);
  const dearest = Math.max(0, ...(state.programme?.options.map((o) => o.unitCost) ?? [0]));
  const unredeemed = Math.max(0, issued - redeemed);
  return { issued, redeemed, unredeemed, byOption, cost, committed: cost + unredeemed * dearest };
}

/**
 * Letters printed with a code: the customers of post batches created once the programme
 * was set (a letter is printed from its batch, and carries a code from then on), each
 * counted once however many post batches named them.
 */
export function issuedCount(batches: Iterable<{ datasetId: string; at: string; channel: string; rows: readonly number[]; size: number }>, since: string | undefined): number {
  if (since === undefined) return 0;
  let n = 0;
  const seen = new Map<string, Uint8Array>();
  for (const b of batches) {
    if (b.channel !== 'post' || b.at < since) continue;
    let flags = seen.get(b.datasetId);
    if (!flags) seen.set(b.datasetId, (flags = new Uint8Array(b.size)));
    for (const r of b.rows) {
      if (r >= b.size || flags[r] !== 0) continue;
      flags[r] = 1;
      n++;
    }
  }
  return n;
}
