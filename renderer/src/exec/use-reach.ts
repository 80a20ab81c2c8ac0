/**
 * Reach per customer list for the executives' page, read from the contact tracker's store —
 * the same running totals and chart records its dashboard draws, never refolded here.
 */
import { useEffect, useMemo, useState } from 'react';
import { totalsFromCells } from '../../../shared/contacts/fallback';
import type { ReachInput } from '../../../shared/exec/summary';
import { cellsOf } from '../contacts/contact-data';
import type { ContactEngine } from '../contacts/contact-engine';
import { seriesMemo } from '../contacts/series-walk';
import { useContacts } from '../contacts/ui/contacts-store';
import { namedDataset, useListName } from '../contacts/ui/list-name';
import { useSession } from '../vault/session-store';

/** The dashboard chart's point budget: the page samples the same points. */
const CHART_POINTS = 240;

/** null until the lists are read for this incident. */
export function useReach(incidentId: string): ReachInput[] | null {
  const store = useSession((s) => s.store);
  const { engine, open, load, wantSeries } = useContacts();
  const loadedFor = useContacts((s) => s.incidentId);
  const datasets = useContacts((s) => s.datasets);
  const cells = useContacts((s) => s.cells);
  const series = useContacts((s) => s.series);
  const listName = useListName();
  const [walks] = useState(() => new Map<string, ReturnType<typeof seriesMemo>>());
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void open(store);
  }, [store, open]);
  useEffect(() => {
    if (!engine) return;
    let live = true;
    setReady(false);
    void load(incidentId).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [engine, incidentId, load]);
  useEffect(() => {
    for (const d of datasets) wantSeries(d.id);
  }, [datasets, wantSeries]);

  return useMemo(() => {
    if (!ready || loadedFor !== incidentId) return null;
    return datasets.flatMap((d): ReachInput[] => {
      const c = cells[d.id];
      if (!c) return [];
      const order = d.meta.channelOrder;
      let walk = walks.get(d.id);
      if (!walk) walks.set(d.id, (walk = seriesMemo()));
      const recs = series[d.id];
      return [{ name: listName(namedDataset(d)), channels: order, totals: totalsFromCells(cellsOf(c, null), order), series: recs ? walk(c, recs, null, order, CHART_POINTS) : [] }];
    });
  }, [ready, loadedFor, incidentId, datasets, cells, series, walks, listName]);
}

/** Current reach of another incident's lists (the page across open incidents): totals only. */
export async function readReach(engine: ContactEngine, incidentId: string, listName: (d: ReturnType<typeof namedDataset>) => string): Promise<ReachInput[]> {
  const out: ReachInput[] = [];
  for (const d of await engine.datasets(incidentId)) {
    const c = await engine.data.cells(d.id);
    out.push({ name: listName(namedDataset(d)), channels: d.meta.channelOrder, totals: totalsFromCells(cellsOf(c, null), d.meta.channelOrder), series: [] });
  }
  return out;
}
