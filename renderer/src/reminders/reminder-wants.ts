/**
 * What the person's laptop hands the host for reminders by e-mail and chat (decision 024):
 * their reminders of the next 24 hours (the same function and ids as the desktop's), routed
 * to their entry in the emergency contact list (matched as the alerts match the person) and
 * the team chat channels they chose. Nothing when they chose neither.
 */
import { isMe } from '../../../shared/alerts/recipient';
import { channelsOf } from '../../../shared/reminders/commands';
import { remindersAhead } from '../../../shared/reminders/reminders';
import type { EventStore } from '../data/event-store';
import { tables } from '../data/tables';
import { readAlerts } from '../alerts/read';
import { readReminderState } from './reminder-state';
import type { ReminderWants } from './reminder-link';

/** How far ahead reminders are handed: a laptop closed for the night still has the morning's sent. */
export const HAND_AHEAD_MS = 24 * 3600_000;

export async function readReminderWants(store: EventStore, personId: string, now: number, advanceMinutes: number): Promise<ReminderWants> {
  const [state, events, alerts, people, profile] = await Promise.all([
    readReminderState(store, personId, now, advanceMinutes),
    store.readEvents(undefined, ['reminders.channels-set']),
    readAlerts(store),
    store.table(tables.directoryPeople).all(),
    store.table(tables.people).get(personId),
  ]);
  const chosen = channelsOf(events, personId);
  const me = { personId, name: profile?.name ?? '', email: profile?.email ?? '' };
  const entry = chosen.email ? (people.find((p) => p.emails.length > 0 && isMe({ personId: p.id, name: p.name, emails: p.emails }, me)) ?? null) : null;
  const channels = chosen.chatChannelIds.flatMap((id) => {
    const c = alerts.channels.get(id);
    return c ? [c] : [];
  });
  const route = { personName: me.name, email: entry ? { personId: entry.id, name: entry.name, emails: entry.emails } : null, channels };
  // Chose neither (or e-mail without an address): nothing wanted, so what was handed before is stopped.
  const wanted = route.email || channels.length > 0 ? remindersAhead(state.input, now + HAND_AHEAD_MS) : [];
  return { personId, wanted, route };
}
