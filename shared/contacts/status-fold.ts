/**
 * The customer-status projection's arithmetic, pure (the store's BulkProjection and the
 * tests run the same code). Each customer's status is a fold of only the events that name
 * that customer (and the public notice), so an event that arrives late from another laptop,
 * or an undo, changes nothing but the rows it names: those rows are replayed through the
 * dataset's events in clock order, and nothing else is read.
 *
 * The reached-over-time chart is kept the same way: per event, the change it made to the
 * running totals (a sparse list of cell changes, by segment). A late event or an undo
 * changes the record of that event and of the later events naming the same rows — found by
 * replaying those rows before and after — and no other.
 */
import type { HonbuEvent } from '../events/event';
import { applyContactEvent, CONTACT_EVENT_TYPES, isContactPartEvent, RowMask, rowsOf, type StatusAccess } from './events';
import { cellOf, initialStatus, type Policy, TOTAL_CELLS } from './fallback';

/** Per event id: cell index (segment × TOTAL_CELLS + cell) → change in count. */
export type Contributions = Map<string, Map<number, number>>;

/** Where a row starts: what it can be reached on, and its segment. */
export interface RowStart {
  avail: number;
  segment: number;
}

/** Whether an event is a point on the chart: every contact event but the import and undos (and undone ones). */
export function isSeriesEvent(e: HonbuEvent): boolean {
  return isContactPartEvent(e) && e.type !== CONTACT_EVENT_TYPES.datasetImported && e.type !== CONTACT_EVENT_TYPES.eventUndone;
}

/**
 * Clock order, and the id between two events with the same clock (a copied laptop, a faulty
 * one): the order the store reads them in, so a replay and a full fold agree.
 */
export const byClock = (a: HonbuEvent, b: HonbuEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Events in clock order (a batch from another laptop arrives in any order). */
export function inClockOrder<E extends HonbuEvent>(events: readonly E[]): E[] {
  return [...events].sort(byClock);
}

function addTo(c: Contributions, eventId: string, cell: number, diff: number) {
  const m = c.get(eventId) ?? c.set(eventId, new Map()).get(eventId)!;
  m.set(cell, (m.get(cell) ?? 0) + diff);
}

/**
 * Replays `rows` from their import status through `events` (clock order; undone ones and
 * undos skipped): each row's final status, and per event the cell changes of those rows.
 */
export function replayRows(
  rows: ReadonlySet<number>,
  start: (row: number) => RowStart,
  size: number,
  events: readonly HonbuEvent[],
  undone: ReadonlySet<string>,
  policy: Policy,
): { words: Map<number, number>; contributions: Contributions } {
  const words = new Map<number, number>();
  const starts = new Map<number, RowStart>();
  for (const r of rows) {
    const s = start(r);
    starts.set(r, s);
    words.set(r, initialStatus(s.avail, policy.order));
  }
  const contributions: Contributions = new Map();
  let current = '';
  const access: StatusAccess = {
    size,
    get: (r) => words.get(r)!,
    set: (r, w) => {
      const seg = starts.get(r)!.segment * TOTAL_CELLS;
      addTo(contributions, current, seg + cellOf(words.get(r)!), -1);
      addTo(contributions, current, seg + cellOf(w), 1);
      words.set(r, w);
    },
    avail: (r) => starts.get(r)!.avail,
  };
  const only = new RowMask(size, rows);
  for (const e of events) {
    if (undone.has(e.id) || !isSeriesEvent(e)) continue;
    current = e.id;
    applyContactEvent(access, e, policy, only);
  }
  return { words, contributions };
}

/** A sparse cell change as stored: [cell, change, cell, change, …], zero changes left out. */
export function packDelta(m: ReadonlyMap<number, number> | undefined): Int32Array {
  const out: number[] = [];
  for (const [cell, diff] of [...(m ?? [])].sort((a, b) => a[0] - b[0])) if (diff !== 0) out.push(cell, diff);
  return Int32Array.from(out);
}

export function unpackDelta(d: ArrayLike<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i + 1 < d.length; i += 2) m.set(d[i]!, (m.get(d[i]!) ?? 0) + d[i + 1]!);
  return m;
}

/** `stored` − `before` + `after`, per cell. */
export function adjustDelta(stored: ArrayLike<number>, before: ReadonlyMap<number, number> | undefined, after: ReadonlyMap<number, number> | undefined): Int32Array {
  const m = unpackDelta(stored);
  for (const [cell, diff] of before ?? []) m.set(cell, (m.get(cell) ?? 0) - diff);
  for (const [cell, diff] of after ?? []) m.set(cell, (m.get(cell) ?? 0) + diff);
  return packDelta(m);
}

/** The cell change between two snapshots of the running totals. */
export function diffCells(before: ArrayLike<number>, after: ArrayLike<number>): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < after.length; i++) {
    const d = (after[i] ?? 0) - (before[i] ?? 0);
    if (d !== 0) out.push(i, d);
  }
  return Int32Array.from(out);
}

/**
 * Rows whose status an event could change, as far as the current statuses tell. An event
 * names its rows; the public notice names none, and covers whoever waits for it when it
 * happens — late, or undone, it can only have changed (or change) rows now waiting on the
 * notice, covered, reached on the notice's slot (they called in, before or after it covered
 * them) or excluded after being covered, so those rows are replayed.
 */
export function rowsAffected(e: HonbuEvent, words: (visit: (row: number, word: number) => void) => void, policy: Policy): Set<number> {
  if (!isContactPartEvent(e)) return new Set();
  if (e.type !== CONTACT_EVENT_TYPES.noticePublished) return new Set(rowsOf(e));
  const notice = policy.order.indexOf('notice');
  const out = new Set<number>();
  words((row, w) => {
    const phase = w & 7;
    // pending 0, in progress 1, reached 2 (on the notice's slot); covered 3; excluded 4.
    if (phase === 3 || phase === 4 || ((phase === 0 || phase === 1 || phase === 2) && ((w >> 3) & 3) === notice)) out.add(row);
  });
  return out;
}

/**
 * The whole dataset folded from its events (the reference, and a rebuild after adoption
 * or damage): every status, the running totals by segment, and each event's cell changes.
 */
export function foldDataset(
  avail: ArrayLike<number>,
  segment: ArrayLike<number>,
  segments: number,
  events: readonly HonbuEvent[],
  undone: ReadonlySet<string>,
  policy: Policy,
  /** Told of each event folded, just before it, with the statuses as they are then. */
  before?: (e: HonbuEvent, access: StatusAccess) => void,
): { words: Uint16Array; cells: Int32Array; deltas: Map<string, Int32Array> } {
  const words = new Uint16Array(avail.length);
  const cells = new Int32Array(Math.max(1, segments) * TOTAL_CELLS);
  for (let i = 0; i < avail.length; i++) {
    words[i] = initialStatus(avail[i]!, policy.order);
    cells[segment[i]! * TOTAL_CELLS + cellOf(words[i]!)]! += 1;
  }
  const access: StatusAccess = {
    size: words.length,
    get: (r) => words[r]!,
    set: (r, w) => {
      const seg = segment[r]! * TOTAL_CELLS;
      cells[seg + cellOf(words[r]!)]! -= 1;
      cells[seg + cellOf(w)]! += 1;
      words[r] = w;
    },
    avail: (r) => avail[r]!,
  };
  const deltas = new Map<string, Int32Array>();
  for (const e of events) {
    if (undone.has(e.id) || !isSeriesEvent(e)) continue;
    before?.(e, access);
    const was = Int32Array.from(cells);
    applyContactEvent(access, e, policy);
    deltas.set(e.id, diffCells(was, cells));
  }
  return { words, cells, deltas };
}
