/**
 * What the reminders of one person read, gathered from the store: their tasks (a legal
 * duty's task due when its clock says, as on the board), the incidents they are members
 * of, the legal clocks, their roles and what they acknowledged or were shown. The
 * desktop notifications and the "my work" screen both read this, so they cannot disagree;
 * the e-mail and chat channels (alerts) can read `due` the same way.
 */
import { tasksWithLegalDues } from '../../../shared/disclosure/effective';
import { incidentClocks } from '../../../shared/disclosure/effective';
import type { Task } from '../../../shared/boards/tasks';
import type { Incident } from '../../../shared/incident/model';
import { idsBy } from '../../../shared/reminders/commands';
import { deadlinesFor, remindersDue, type Deadline, type Reminder, type ReminderClock, type ReminderInput } from '../../../shared/reminders/reminders';
import type { EventStore } from '../data/event-store';
import { readCallbacks } from './reminder-callbacks';
import { tables } from '../data/tables';
import { lastPublishedAt } from '../../../shared/incident/next-update';
import { currentRoleBook } from '../roles/role-book';

export const REMINDER_EVENT_TYPES = ['reminders.acknowledged', 'reminders.notified'];

export interface ReminderState {
  input: ReminderInput;
  due: Reminder[];
  deadlines: Deadline[];
  /** Reminder ids already shown to the person on the desktop (any of their laptops). */
  notified: Set<string>;
  tasks: Map<string, Task>;
  incidents: Map<string, Incident>;
}

export async function readReminderState(store: EventStore, personId: string, now: number, advanceMinutes: number): Promise<ReminderState> {
  const [allTasks, allIncidents, rows, book, person, events, allCallbacks, statements] = await Promise.all([
    store.table(tables.tasks).all(),
    store.table(tables.incidents).all(),
    store.table(tables.disclosure).all(),
    currentRoleBook(store),
    store.table(tables.people).get(personId),
    store.readEvents(undefined, REMINDER_EVENT_TYPES),
    readCallbacks(store),
    store.table(tables.statements).all(),
  ]);
  // Only the incidents this person is a member of (decision 016).
  const incidents = allIncidents.filter((i) => book.isMember(personId, i.id));
  const statementsOf = new Map<string, typeof statements>();
  for (const st of statements) (statementsOf.get(st.incidentId) ?? statementsOf.set(st.incidentId, []).get(st.incidentId)!).push(st);
  const ids = new Set(incidents.map((i) => i.id));
  const tasks = tasksWithLegalDues(
    allTasks.filter((x) => ids.has(x.incidentId)),
    incidents,
    rows,
    now,
  );
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const clocks: ReminderClock[] = incidents.flatMap((incident) =>
    incidentClocks(incident, rowOf.get(incident.id) ?? null, now).clocks.map((c) => ({
      incidentId: incident.id,
      kind: c.kind,
      dueBy: c.dueBy,
      applies: c.applies,
      filed: c.filed !== null,
    })),
  );
  const input: ReminderInput = {
    person: { id: personId, name: person?.name ?? '' },
    now,
    advanceMinutes,
    tasks,
    incidents: incidents.map((i) => ({ ...i, lastPublishedAt: lastPublishedAt(statementsOf.get(i.id) ?? []) })),
    clocks,
    callbacks: allCallbacks.filter((c) => ids.has(c.incidentId)),
    rolesIn: (incidentId) => book.rolesOf(personId, incidentId),
    acknowledged: idsBy(events, 'reminders.acknowledged', personId),
  };
  return {
    input,
    due: remindersDue(input),
    deadlines: deadlinesFor(input),
    notified: idsBy(events, 'reminders.notified', personId),
    tasks: new Map(tasks.map((x) => [x.id, x])),
    incidents: new Map(incidents.map((i) => [i.id, i])),
  };
}
