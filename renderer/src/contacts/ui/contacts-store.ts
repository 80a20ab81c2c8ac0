/**
 * The contact engine of the unlocked workspace, opened once, and the datasets of the open
 * incident with their running totals (one small record each: never a count over rows).
 */
import { create } from 'zustand';
import type { Totals } from '../../../../shared/contacts/fallback';
import type { EventStore } from '../../data/event-store';
import { ContactEngine, type DatasetInfo, type MissingDataset } from '../contact-engine';
import { ImportClient } from '../import-client';

interface ContactsState {
  engine: ContactEngine | null;
  client: ImportClient | null;
  incidentId: string | null;
  datasets: DatasetInfo[];
  /** Imported on another laptop (their event came by sync); adopt by importing the same file. */
  missing: MissingDataset[];
  totals: Record<string, Totals>;
  /**
   * Opens the engine of an unlocked workspace, or (null) closes it: the session opens it
   * on unlock and closes it on lock, when its keys, caches and worker go.
   */
  open(store: EventStore | null): Promise<void>;
  load(incidentId: string): Promise<void>;
  refresh(): Promise<void>;
}

let opened: EventStore | null = null;
let unsubscribe: (() => void) | null = null;

export const useContacts = create<ContactsState>((set, get) => ({
  engine: null,
  client: null,
  incidentId: null,
  datasets: [],
  missing: [],
  totals: {},

  async open(store) {
    if (store === opened) return;
    opened = store;
    unsubscribe?.();
    unsubscribe = null;
    get().client?.terminate();
    get().engine?.dispose();
    set({ engine: null, client: null, datasets: [], missing: [], totals: {} });
    if (!store) return;
    const engine = await ContactEngine.open(store);
    if (opened !== store) {
      // Locked while it opened: it must not live on with the keys.
      engine.dispose();
      return;
    }
    unsubscribe = store.subscribe(() => void get().refresh());
    set({ engine, client: new ImportClient(engine) });
    await get().refresh();
  },

  async load(incidentId) {
    set({ incidentId });
    await get().refresh();
  },

  async refresh() {
    const { engine, incidentId } = get();
    if (!engine || !incidentId) return;
    const datasets = await engine.datasets(incidentId);
    const totals: Record<string, Totals> = {};
    for (const d of datasets) totals[d.id] = await engine.totals(d.id);
    const missing = await engine.missingDatasets(incidentId);
    // A new array after every append, even when the engine's (cached) list is the same:
    // panels that read the events re-read them when `datasets` changes.
    if (get().engine === engine && get().incidentId === incidentId) set({ datasets: [...datasets], missing, totals });
  },
}));

