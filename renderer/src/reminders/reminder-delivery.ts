/**
 * Reminders by e-mail and chat while the workspace is unlocked and in a team (decision 024):
 * every minute, the laptop hands the host the person's reminders of the next day that they
 * chose e-mail or chat for, and stops those no longer wanted. The host sends each at its
 * time, with this laptop open or not.
 */
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import { DEFAULT_ADVANCE_MINUTES } from '../../../shared/reminders/reminders';
import { credentialToken, roomName } from '../../../shared/sync/room';
import type { EventStore } from '../data/event-store';
import { currentSyncClient, useSync } from '../sync/ui/sync-store';
import { ReminderHostLink } from './reminder-link';
import { readReminderWants } from './reminder-wants';

const ROUND_MS = 60_000;

export function openReminderDelivery(store: EventStore, advanceMinutes: () => number = () => DEFAULT_ADVANCE_MINUTES): Disposable {
  const link = new ReminderHostLink({
    door: async () => {
      const client = currentSyncClient();
      const settings = useSync.getState().settings;
      if (!client || !settings) return null;
      const { credential } = client.currentEpoch();
      // Person ids are random UUIDs, unique across the teams one host serves: the job id needs no team name.
      return { serverUrl: settings.serverUrl, room: await roomName('w', credential, 'events'), token: credentialToken(credential), workspaceId: '', credential };
    },
    read: () => readReminderWants(store, store.actor, Date.now(), advanceMinutes()),
  });
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await link.round();
    } catch (err) {
      // A round that failed (the store closing on lock) is tried again at the next; nothing is lost.
      console.warn('reminders: hand-over round failed:', err instanceof Error ? err.message : err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), ROUND_MS);
  const first = setTimeout(() => void round(), 5_000);
  return toDisposable(() => {
    clearInterval(timer);
    clearTimeout(first);
  });
}
