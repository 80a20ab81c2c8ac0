/**
 * The alerting on screen: the folded state (channels, escalations), kept current from the
 * store's change notices, and what the team's host last said about itself. While the laptop
 * is in a team, the host link runs a round every 5 s (and right after an alert command),
 * so queued jobs go out as soon as the host is reachable. Opened on unlock with the session
 * (vault/session-lifetime.ts) and emptied on lock.
 */
import { create } from 'zustand';
import { ALERT_EVENT_TYPES } from '../../../shared/alerts/events';
import { emptyAlerts, type AlertsState } from '../../../shared/alerts/model';
import { credentialToken, roomName } from '../../../shared/sync/room';
import type { EventStore } from '../data/event-store';
import { dispatch } from '../data/dispatch';
import { currentSyncClient, useSync } from '../sync/ui/sync-store';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import { AlertHostLink, type HostView } from './host-link';
import { readAlerts } from './read';

interface AlertsView {
  state: AlertsState;
  /** null: not in a team (no host to ask). */
  host: HostView | null;
}

export const useAlerts = create<AlertsView>(() => ({ state: emptyAlerts(), host: null }));

const TYPES = new Set<string>(ALERT_EVENT_TYPES);
const ROUND_MS = 5_000;
let bound: EventStore | null = null;
let link: AlertHostLink | null = null;
let running: Promise<void> | null = null;

async function reread(store: EventStore): Promise<void> {
  const state = await readAlerts(store);
  if (bound === store) useAlerts.setState({ state });
}

/** One round with the host now (after starting or acknowledging an escalation; the timer otherwise). */
export function alertRoundNow(): Promise<void> {
  if (!link) return Promise.resolve();
  running ??= link
    .round()
    .then((host) => {
      if (link) useAlerts.setState({ host: useSync.getState().settings ? host : null });
    })
    .catch(() => undefined)
    .finally(() => (running = null));
  return running;
}

/** Binds the alerting to an unlocked workspace until the returned disposable is disposed (lock). */
export function openAlerts(store: EventStore): Disposable {
  bound = store;
  useAlerts.setState({ state: emptyAlerts(), host: null });
  void reread(store);
  const unsubscribe = store.subscribe((notice) => {
    if (notice.events.some((e) => TYPES.has(e.type))) void reread(store);
  });
  const mine = new AlertHostLink({
    door: async () => {
      const client = currentSyncClient();
      const settings = useSync.getState().settings;
      if (!client || !settings) return null;
      const { credential } = client.currentEpoch();
      return { serverUrl: settings.serverUrl, room: await roomName('w', credential, 'events'), token: credentialToken(credential) };
    },
    read: () => readAlerts(store),
    record: (report) => dispatch('alerts.record-outcomes', { report }),
  });
  link = mine;
  const timer = setInterval(() => void alertRoundNow(), ROUND_MS);
  const first = setTimeout(() => void alertRoundNow(), 1000);
  return toDisposable(() => {
    unsubscribe();
    clearInterval(timer);
    clearTimeout(first);
    if (link === mine) link = null;
    if (bound === store) bound = null;
    useAlerts.setState({ state: emptyAlerts(), host: null });
  });
}
