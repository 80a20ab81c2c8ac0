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
import { CommandRefused, dispatch } from '../data/dispatch';
import { currentSyncClient, useSync } from '../sync/ui/sync-store';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import { duplicateEscalations } from '../../../shared/alerts/duplicates';
import { intakeDuplicates } from '../../../shared/incident/duplicates';
import { tables } from '../data/tables';
import { AlertHostLink, type HostView } from './host-link';
import { caughtUpSince } from './catch-up';
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

/**
 * When the laptop last connected, and whether it has caught up with the team since
 * (catch-up.ts): a job of an incident filed from an intake report waits for that, so two
 * laptops that filed the same report offline learn of each other's incident before a second
 * one alerts anyone. A round that held a job back is followed by another as soon as the laptop
 * has caught up (if a round is still running then, at the next tick).
 */
let connectedAt: number | null = null;
let waiting = false;
function watchCatchUp(): () => void {
  connectedAt = null;
  waiting = false;
  return useSync.subscribe((s) => {
    const state = s.status?.state ?? 'offline';
    if (state !== 'connected') connectedAt = null;
    else connectedAt ??= Date.now();
    if (waiting && caughtUp()) {
      waiting = false;
      void alertRoundNow();
    }
  });
}
const caughtUp = () => caughtUpSince(useSync.getState().status, connectedAt);

async function holdFor(store: EventStore, state: AlertsState): Promise<{ stop: ReadonlySet<string>; notYet: ReadonlySet<string> }> {
  const incidents = await store.table(tables.incidents).all();
  const stop = duplicateEscalations(state, intakeDuplicates(incidents));
  const notYet = new Set<string>();
  if (!caughtUp()) {
    const fromIntake = new Set(incidents.filter((i) => i.intakeReportId).map((i) => i.id));
    for (const e of state.escalations.values()) if (e.incidentId && fromIntake.has(e.incidentId)) notYet.add(e.jobId);
  }
  waiting = notYet.size > 0;
  return { stop, notYet };
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
    hold: (state) => holdFor(store, state),
    stopDuplicate: (jobId) =>
      dispatch('alerts.acknowledge', { jobId, duplicate: true }).catch((err: unknown) => {
        // Already stopped (another laptop's record arrived), or this person may not: the host is not handed it either way.
        if (!(err instanceof CommandRefused)) throw err;
      }),
  });
  const stopWatching = watchCatchUp();
  link = mine;
  const timer = setInterval(() => void alertRoundNow(), ROUND_MS);
  const first = setTimeout(() => void alertRoundNow(), 1000);
  return toDisposable(() => {
    unsubscribe();
    stopWatching();
    clearInterval(timer);
    clearTimeout(first);
    if (link === mine) link = null;
    if (bound === store) bound = null;
    useAlerts.setState({ state: emptyAlerts(), host: null });
  });
}
