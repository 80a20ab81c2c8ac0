/**
 * What the person's laptop hands the host for reminders by e-mail and chat (decision 024):
 * their reminders of the next 24 hours (the same function and ids as the desktop's), routed
 * to their entry in the emergency contact list (matched as the alerts match the person) and
 * the team chat channels they chose. Nothing when they chose neither.
 */
import { myEntry } from '../../../shared/alerts/recipient';
import { isLive } from '../../../shared/directory/projections';
import { channelsOf } from '../../../shared/reminders/commands';
import { ADVANCE_CHOICES, remindersAhead } from '../../../shared/reminders/reminders';
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
  // The table keeps removed entries (with their addresses) as marks: never a reminder to one.
  const entry = chosen.email ? myEntry(people.filter((p) => isLive(p)), me) : null;
  const channels = chosen.chatChannelIds.flatMap((id) => {
    const c = alerts.channels.get(id);
    return c ? [c] : [];
  });
  const route = { personName: me.name, email: entry ? { personId: entry.id, name: entry.name, emails: entry.emails } : null, channels };
  // Chose neither (or e-mail without an address): nothing wanted, so what was handed before is stopped.
  const wanted = route.email || channels.length > 0 ? remindersAhead(state.input, now + HAND_AHEAD_MS) : [];
  // What they acknowledged of it: stopped at the host even by a laptop that does not remember handing it.
  const acked = state.input.acknowledged;
  const acknowledged = (route.email || channels.length > 0) && acked.size > 0 ? remindersAhead({ ...state.input, acknowledged: new Set() }, now + HAND_AHEAD_MS).filter((r) => acked.has(r.id) && Date.parse(r.at) > now) : [];
  return { personId, wanted, route, acknowledged };
}

/**
 * The other people's advance warning is a choice on their laptops, unknown here: the shortest
 * there is. The reminder ids do not depend on it; only when an advance reminder still counts
 * as ahead (and stopping one already sent is answered `already`).
 */
const OTHERS_ADVANCE_MINUTES = Math.min(...ADVANCE_CHOICES.filter((m) => m > 0));

/**
 * The person's own wants, and the same for every other person who chose e-mail or chat: the
 * link stops what leaves their lists (a task done or reassigned here, a deadline moved) while
 * their own laptops may all be closed (decision 024).
 */
export async function readTeamReminderWants(store: EventStore, personId: string, now: number, advanceMinutes: number): Promise<ReminderWants> {
  const [own, events] = await Promise.all([readReminderWants(store, personId, now, advanceMinutes), store.readEvents(undefined, ['reminders.channels-set'])]);
  const people = [...new Set(events.map((e) => e.actor))].filter((p) => p !== personId);
  const others = [];
  for (const p of people) {
    const chosen = channelsOf(events, p);
    if (!chosen.email && chosen.chatChannelIds.length === 0) continue;
    const w = await readReminderWants(store, p, now, OTHERS_ADVANCE_MINUTES);
    others.push({ personId: p, wanted: w.wanted, route: w.route });
  }
  return { ...own, others };
}
