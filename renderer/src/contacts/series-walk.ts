/**
 * The dashboard's chart, kept up to date without walking every record again. seriesFrom
 * (contact-data.ts) walks all of a list's records each time: with tens of thousands of calls
 * and letters, that walk was the largest part of the dashboard's update after one result
 * (measured at 1M customers, 30k contact events). This keeps the cells before the first
 * record and the running cells every CHECKPOINT records; a result recorded adds its record
 * at the end, so only the new records are walked, and each point on the chart is its
 * checkpoint plus at most CHECKPOINT records. Anything but records added at the end (a
 * colleague's earlier result arriving, another list) walks afresh. Same points as seriesFrom.
 */
import { type Totals, totalsFromCells } from '../../../shared/contacts/fallback';
import type { Channel } from '../../../shared/contacts/model';
import { cellsOf } from './contact-data';

const CHECKPOINT = 64;

interface SeriesRecordLike {
  at: string;
  delta: ArrayLike<number>;
}

interface Walk {
  recs: readonly SeriesRecordLike[];
  /** The cells now, as last seen (to check that what was added is all that changed). */
  now: number[];
  /** checkpoints[c]: the cells before record c × CHECKPOINT. */
  checkpoints: number[][];
  /** The cells after the last record walked. */
  end: number[];
}

function apply(cells: number[], delta: ArrayLike<number>, sign: 1 | -1): void {
  for (let i = 0; i + 1 < delta.length; i += 2) cells[delta[i]!] = (cells[delta[i]!] ?? 0) + sign * delta[i + 1]!;
}

function extend(walk: Walk, from: number): void {
  const cells = walk.end;
  for (let i = from; i < walk.recs.length; i++) {
    if (i % CHECKPOINT === 0) walk.checkpoints[i / CHECKPOINT] = cells.slice();
    apply(cells, walk.recs[i]!.delta, 1);
  }
}

function fresh(now: ArrayLike<number>, recs: readonly SeriesRecordLike[]): Walk {
  const start = Array.from(now);
  for (const r of recs) apply(start, r.delta, -1);
  const walk: Walk = { recs, now: Array.from(now), checkpoints: [], end: start };
  extend(walk, 0);
  return walk;
}

/** The same records as before with some added at the end, and the cells moved by exactly those. */
function appended(walk: Walk, now: ArrayLike<number>, recs: readonly SeriesRecordLike[]): boolean {
  const n = walk.recs.length;
  if (recs.length < n || now.length !== walk.now.length) return false;
  if (n > 0 && (recs[0] !== walk.recs[0] || recs[n - 1] !== walk.recs[n - 1])) return false;
  const expected = walk.now.slice();
  for (let i = n; i < recs.length; i++) apply(expected, recs[i]!.delta, 1);
  for (let c = 0; c < expected.length; c++) if (expected[c] !== now[c]) return false;
  return true;
}

/** A seriesFrom that remembers its walk between calls (one per chart on screen). */
export function seriesMemo() {
  let walk: Walk | null = null;
  return (now: ArrayLike<number>, recs: readonly SeriesRecordLike[], segment: number | null, order: Channel[], max = Infinity): { at: string; totals: Totals }[] => {
    if (walk && walk.recs === recs && walk.now.every((v, i) => v === now[i])) {
      // Nothing moved (another part of the screen changed).
    } else if (walk && appended(walk, now, recs)) {
      const from = walk.recs.length;
      walk.recs = recs;
      walk.now = Array.from(now);
      extend(walk, from);
    } else {
      walk = fresh(now, recs);
    }
    const w = walk;
    const keep: number[] = [];
    if (recs.length <= max) for (let i = 0; i < recs.length; i++) keep.push(i);
    else {
      const seen = new Set<number>();
      for (let k = 0; k < max; k++) seen.add(Math.round((k * (recs.length - 1)) / (max - 1)));
      keep.push(...[...seen].sort((a, b) => a - b));
    }
    return keep.map((i) => {
      const c = Math.floor(i / CHECKPOINT);
      const cells = w.checkpoints[c]!.slice();
      for (let j = c * CHECKPOINT; j <= i; j++) apply(cells, recs[j]!.delta, 1);
      return { at: recs[i]!.at, totals: totalsFromCells(cellsOf(cells, segment), order) };
    });
  };
}
