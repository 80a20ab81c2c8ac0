/**
 * Reminders by e-mail and chat while the workspace is unlocked and in a team (decision 024):
 * every minute, the laptop hands the host the person's reminders of the next day that they
 * chose e-mail or chat for, and stops those no longer wanted. The host sends each at its
 * time, with this laptop open or not. A change that can alter what is wanted (a channel
 * chosen, a task given a deadline or done, an acknowledgement) hands again a few seconds
 * later: a person who chooses e-mail and closes the laptop at once still gets the mail.
 */
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import { DEFAULT_ADVANCE_MINUTES } from '../../../shared/reminders/reminders';
import { credentialToken, roomName } from '../../../shared/sync/room';
import type { EventStore } from '../data/event-store';
import { currentSyncClient, useSync } from '../sync/ui/sync-store';
import { ReminderHostLink } from './reminder-link';
import { readTeamReminderWants } from './reminder-wants';
import { useReminderRound } from './reminder-round';

const ROUND_MS = 60_000;
/** After a change, wait this long for the rest of a burst (a template's tasks arrive together). */
const SOON_MS = 2_000;

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
    // The others' lists too: a task done here stops their mail while their laptops are closed.
    read: () => readTeamReminderWants(store, store.actor, Date.now(), advanceMinutes()),
  });
  let running = false;
  let again = false;
  const round = async () => {
    if (running) {
      // A change came in while a round read the old wants: one more round after it.
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        useReminderRound.setState({ last: await link.round() });
      } while (again);
    } catch (err) {
      // A round that failed (the store closing on lock) is tried again at the next; nothing is lost.
      console.warn('reminders: hand-over round failed:', err instanceof Error ? err.message : err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), ROUND_MS);
  const first = setTimeout(() => void round(), 5_000);
  let soon: ReturnType<typeof setTimeout> | undefined;
  // Contact tracker events (millions of customers) never change a person's reminders.
  const unsubscribe = store.subscribe((notice) => {
    if (!notice.events.some((e) => !e.type.startsWith('contacts.'))) return;
    clearTimeout(soon);
    soon = setTimeout(() => void round(), SOON_MS);
  });
  return toDisposable(() => {
    useReminderRound.setState({ last: null });
    unsubscribe();
    clearInterval(timer);
    clearTimeout(first);
    clearTimeout(soon);
  });
}
