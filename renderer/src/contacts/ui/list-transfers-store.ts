/**
 * What the screens show of customer lists coming from the team (list-mover.ts): per list,
 * waiting, receiving N %, paused, interrupted, refused or done; and the person's pause and
 * resume. Opened on unlock with the contact engine and sync (vault/session-lifetime.ts).
 */
import { create } from 'zustand';
import { toDisposable, type Disposable } from '../../../../shared/lifecycle/disposable';
import { CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import type { EventStore } from '../../data/event-store';
import { reportError } from '../../errors/report';
import { currentSyncClient, useSync } from '../../sync/ui/sync-store';
import { ListMover, type Transfer } from '../list-mover';
import { useContacts } from './contacts-store';

interface ListTransfersState {
  transfers: Readonly<Record<string, Transfer>>;
  pause(datasetId: string): void;
  resume(datasetId: string): void;
}

let mover: ListMover | null = null;

export const useListTransfers = create<ListTransfersState>(() => ({
  transfers: {},
  pause: (id) => mover?.pause(id),
  resume: (id) => mover?.resume(id),
}));

/** Starts moving lists for this session; disposed on lock. */
export function openListTransfers(store: EventStore): Disposable {
  const m = new ListMover({
    engine: () => useContacts.getState().engine,
    transport: () => currentSyncClient()?.listTransport() ?? null,
    onChange: (transfers) => useListTransfers.setState({ transfers }),
    onReceived: () => void useContacts.getState().refresh(),
    onError: (e) => reportError(e, 'background'),
  });
  mover = m;
  let connected = false;
  const stopSync = useSync.subscribe((s) => {
    const now = s.status?.state === 'connected';
    if (now && !connected) m.kick();
    connected = now;
  });
  // A list imported here (to share) or announced by another laptop (to receive).
  const stopStore = store.subscribe((notice) => {
    if (notice.events.some((e) => e.type === CONTACT_EVENT_TYPES.datasetImported)) setTimeout(() => m.kick(), 0);
  });
  // The engine opens in the background after unlock; a first pass once it is there.
  const stopContacts = useContacts.subscribe((s, prev) => {
    if (s.engine && !prev.engine) m.kick();
  });
  return toDisposable(() => {
    stopSync();
    stopStore();
    stopContacts();
    m.dispose();
    if (mover === m) mover = null;
    useListTransfers.setState({ transfers: {} });
  });
}
