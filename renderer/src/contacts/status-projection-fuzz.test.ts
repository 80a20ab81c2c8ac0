/**
 * Three laptops' contact work — batches, results, exclusions, notices, cancellations,
 * re-assignments and undos of anything (undos included) — arriving here shuffled, in chunks,
 * some twice, with local work in between. Now and then a laptop's clock runs 30 hours
 * ahead, two events share a clock, or an event names another incident. Whatever arrives,
 * the statuses, totals, chart and batches equal a full fold read afresh.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { summariseBatches } from '../../../shared/contacts/batch-summary';
import { foldSeries } from '../../../shared/contacts/events';
import { totalsFromCells } from '../../../shared/contacts/fallback';
import { encodeHlc, hlcTime } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import type { EventStore } from '../data/event-store';
import { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { bookEqualsEvents } from './test-fold';
import { STATUS_ROWS } from './tables';
import { csvText } from './test-data';
import { randomContactDraft } from './test-contact-drafts';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const ROWS = 200;

function stamped(draft: AnyDraft, wall: number, node: string, counter = 0, id = crypto.randomUUID()): AnyEvent {
  return { ...draft, id, at: encodeHlc({ wall, counter, node }), actor: `p-${node}` } as AnyEvent;
}
async function full(store: EventStore, datasetId: string, label: string) {
  const fresh = await ContactEngine.open(store);
  try {
    expect(await checkFold(fresh, datasetId), label).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
    const events = await fresh.datasetEvents(datasetId);
    const { policy } = await fresh.policy(datasetId);
    const avail = new Uint8Array(ROWS);
    await fresh.tables.status.where('datasetId').equals(datasetId).each((s) => avail.set(s.avail, s.block * STATUS_ROWS));
    const chart = foldSeries(avail, events, policy).map((p) => ({ at: p.at, totals: totalsFromCells(p.cells, policy.order) }));
    expect(await fresh.series(datasetId), label + ' chart').toEqual(chart);
    expect(await fresh.batches(datasetId), label + ' batches').toEqual(summariseBatches(events));
    await bookEqualsEvents(fresh, datasetId, label);
  } finally {
    fresh.dispose();
  }
}

describe('the contact projection under a fuzz of three laptops', () => {
  it('equals a full fold whatever arrives, in whatever order, with local work in between', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      let r = seed * 104729;
      const rnd = () => ((r = (r * 48271) % 2147483647) / 2147483647);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const { db, engine, store } = await openTestEngine();
      const ds = await importText(engine, db, csvText(ROWS), { maxRetries: 1 });
      const some = (n: number) => [...new Set(Array.from({ length: n }, () => Math.floor(rnd() * ROWS)))];
      const evs: AnyEvent[] = [];
      const base = Date.now() - 5 * 3_600_000;
      const batches: string[] = [];
      for (let k = 0; k < 40; k++) {
        const node = pick(['a', 'b', 'c']);
        const wall = base + Math.floor(rnd() * 4 * 3_600_000) + (node === 'c' && rnd() < 0.3 ? 30 * 3_600_000 : 0);
        const kind = rnd();
        const d = randomContactDraft(kind, { datasetId: ds, pick, some, batches, undoable: evs });
        if (!d) continue;
        // Now and then: another incident's event, or one sharing the previous event's clock.
        const stray = rnd() < 0.05;
        const same = rnd() < 0.1 && evs.length > 0;
        const previous = evs[evs.length - 1];
        const e = same ? stamped(d, hlcTime(previous!.at), previous!.at.split('-').slice(2).join('-'), parseInt(previous!.at.split('-')[1]!, 16)) : stamped(d, wall, node, k);
        evs.push(stray ? { ...e, incidentId: 'drill-2026-10' } : e);
      }
      const order = [...evs].sort(() => rnd() - 0.5);
      while (order.length) {
        const chunk = order.splice(0, 1 + Math.floor(rnd() * 4));
        await store.applyRemote(rnd() < 0.2 ? [...chunk, chunk[0]!] : chunk);
        if (rnd() < 0.25) await engine.exclude(ds, some(2), 'deceased');
        if (rnd() < 0.1) {
          const l = await engine.applyOutcomes(await engine.previewOutcomes(ds, 'post', 'returned-mail', some(4).map((row) => ({ row, outcome: 'failed' as const }))));
          if (rnd() < 0.5) await engine.undo(ds, l.id);
        }
      }
      await full(store, ds, `seed ${seed}`);
    }
  }, 300_000);
});
