/**
 * Commands of the incident workspace: each validates, then appends events. Views call
 * these and nothing else writes (STYLE.md: the data flows one way).
 */
import type { ScenarioTemplate } from '../../../shared/boards/model';
import { tasksFromTemplate, type NewTask, type TaskFields } from '../../../shared/boards/tasks';
import type { Phase } from '../../../shared/boards/model';
import { factsFromReport } from '../../../shared/incident/projections';
import type { Facts, Incident, IncidentKind, ReportFields } from '../../../shared/incident/model';
import { OVERRIDE_SEEN, type FactOverride, type OverrideSeenPayload } from '../../../shared/incident/overrides';
import { checkReport, type Problem } from '../../../shared/incident/validate';
import type { EventStore } from '../data/event-store';

export class CommandError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`command: ${problems.map((p) => `${p.field} ${p.reason}`).join(', ')}`);
  }
}

export interface FirstReportInput {
  title: string;
  kind: IncidentKind;
  scenario: string;
  drill: boolean;
  report: ReportFields;
}

/** Creates the incident from its first report, with the scenario's tasks on the boards. */
export async function fileFirstReport(
  store: EventStore,
  input: FirstReportInput,
  template: ScenarioTemplate | undefined,
  now = Date.now(),
): Promise<string> {
  const problems = checkReport(input.report, { first: true, title: input.title, now });
  if (problems.length > 0) throw new CommandError(problems);
  const incidentId = crypto.randomUUID();
  const tasks = template ? tasksFromTemplate(template, input.report.discoveredAt!, () => crypto.randomUUID()) : [];
  await store.append([
    { type: 'incident.first-reported', incidentId, payload: { ...input, title: input.title.trim() } },
    ...(tasks.length > 0 ? [{ type: 'boards.tasks-added', incidentId, payload: { tasks } }] : []),
  ]);
  return incidentId;
}

export async function fileFollowUp(store: EventStore, incident: Incident, report: ReportFields, now = Date.now()): Promise<number> {
  const problems = checkReport(report, { first: false, now });
  if (problems.length > 0) throw new CommandError(problems);
  const number = incident.reportCount + 1;
  const seen = seenOf(incident.stamps, Object.keys(factsFromReport(report, false)));
  await store.append([{ type: 'incident.report-filed', incidentId: incident.id, payload: { number, report, seen } }]);
  return number;
}

/**
 * Changes facts. `startedFrom` is the incident's stamps when the person began the edit (the
 * values on their screen): recorded per changed fact, it lets another laptop tell that its
 * own edit was corrected rather than overwritten unseen (shared/incident/overrides.ts).
 */
export async function changeFacts(store: EventStore, incidentId: string, changes: Partial<Facts>, startedFrom: Record<string, string> = {}): Promise<void> {
  if (changes.confirmedCount != null && changes.maxCount != null && changes.maxCount < changes.confirmedCount) {
    throw new CommandError([{ field: 'maxCount', reason: 'max-below-confirmed' }]);
  }
  const seen = seenOf(startedFrom, Object.keys(changes));
  await store.append([{ type: 'incident.facts-changed', incidentId, payload: { changes, seen } }]);
}

function seenOf(stamps: Record<string, string>, keys: string[]): Partial<Record<keyof Facts, string>> {
  return Object.fromEntries(keys.map((k) => [k, stamps[`facts.${k}`] ?? ''] as const));
}

/** Marks an overwrite of my edit as read (the notice on the fact goes). */
export async function dismissOverride(store: EventStore, incidentId: string, o: FactOverride): Promise<void> {
  const payload: OverrideSeenPayload = { fact: o.fact, eventId: o.theirs.eventId, by: o.theirs.actor, value: o.theirs.value };
  await store.append([{ type: OVERRIDE_SEEN, incidentId, payload }]);
}

export async function changeDetails(
  store: EventStore,
  incidentId: string,
  changes: Partial<Pick<Incident, 'title' | 'kind' | 'summary' | 'completedAt' | 'excluded' | 'published'>>,
): Promise<void> {
  await store.append([{ type: 'incident.details-changed', incidentId, payload: { changes } }]);
}

export async function addTask(store: EventStore, incidentId: string, phase: Phase, title: string): Promise<void> {
  if (title.trim() === '') throw new CommandError([{ field: 'title', reason: 'required' }]);
  const task: NewTask = { id: crypto.randomUUID(), phase, title: title.trim(), owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' };
  await store.append([{ type: 'boards.tasks-added', incidentId, payload: { tasks: [task] } }]);
}

export async function changeTask(store: EventStore, incidentId: string, taskId: string, changes: Partial<TaskFields>): Promise<void> {
  await store.append([{ type: 'boards.task-changed', incidentId, payload: { taskId, changes } }]);
}

export async function toggleChecklistItem(store: EventStore, incidentId: string, taskId: string, index: number, done: boolean): Promise<void> {
  await store.append([{ type: 'boards.checklist-item-toggled', incidentId, payload: { taskId, index, done } }]);
}

export async function recordDecision(
  store: EventStore,
  incidentId: string,
  decision: { phase: Phase; what: string; why: string; decidedBy: string },
): Promise<void> {
  const missing = (['what', 'decidedBy'] as const).filter((f) => decision[f].trim() === '');
  if (missing.length > 0) throw new CommandError(missing.map((field) => ({ field, reason: 'required' as const })));
  await store.append([{ type: 'incident.decision-recorded', incidentId, payload: { decisionId: crypto.randomUUID(), ...decision } }]);
}

export async function saveTemplate(store: EventStore, template: ScenarioTemplate): Promise<void> {
  await store.append([{ type: 'boards.template-saved', incidentId: null, payload: { template: { ...template, builtin: false } } }]);
}
