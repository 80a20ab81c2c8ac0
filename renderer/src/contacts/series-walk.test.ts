import { describe, expect, it } from 'vitest';
import { TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { Channel } from '../../../shared/contacts/model';
import { seriesFrom } from './contact-data';
import { seriesMemo } from './series-walk';

const order: Channel[] = ['post', 'email', 'phone', 'notice'];
const SEGMENTS = 3;

/** A record as the projection writes it: pairs of (cell, change). */
function record(i: number) {
  const seg = i % SEGMENTS;
  const cell = seg * TOTAL_CELLS + ((i * 7) % TOTAL_CELLS);
  const other = seg * TOTAL_CELLS + ((i * 3 + 1) % TOTAL_CELLS);
  return { at: `2026-12-01T00:00:${String(i).padStart(6, '0')}`, delta: i % 5 === 0 ? [cell, 1] : [cell, 1, other, -1] };
}

function nowOf(recs: { delta: number[] }[]) {
  const cells = new Array<number>(TOTAL_CELLS * SEGMENTS).fill(100);
  for (const r of recs) for (let i = 0; i < r.delta.length; i += 2) cells[r.delta[i]!]! += r.delta[i + 1]!;
  return cells;
}

describe('the dashboard chart kept up to date as results come in', () => {
  it('draws the same points as a full walk, as one result after another is added, for every segment and for few or many records', () => {
    const memo = seriesMemo();
    let recs: ReturnType<typeof record>[] = [];
    for (let n = 0; n < 700; n += n < 20 ? 1 : 37) {
      // A result recorded: its record added at the end (a new array, as the screen's store makes).
      recs = [...recs, ...Array.from({ length: n - recs.length }, (_, k) => record(recs.length + k))];
      const now = nowOf(recs);
      for (const seg of [null, 0, 2]) for (const max of [Infinity, 40]) expect(memo(now, recs, seg, order, max), `${n} records, segment ${seg}, ${max} points`).toEqual(seriesFrom(now, recs, seg, order, max));
    }
  });

  it('a colleague’s earlier result arriving in the middle, or totals that moved without a record, are walked afresh and still right', () => {
    const memo = seriesMemo();
    const recs = Array.from({ length: 300 }, (_, i) => record(i));
    expect(memo(nowOf(recs), recs, null, order, 50)).toEqual(seriesFrom(nowOf(recs), recs, null, order, 50));
    const inserted = [...recs.slice(0, 100), record(9999), ...recs.slice(100)];
    expect(memo(nowOf(inserted), inserted, null, order, 50)).toEqual(seriesFrom(nowOf(inserted), inserted, null, order, 50));
    const moved = nowOf(inserted).map((v, i) => (i === 3 ? v + 5 : v));
    expect(memo(moved, inserted, null, order, 50)).toEqual(seriesFrom(moved, inserted, null, order, 50));
  });
});
