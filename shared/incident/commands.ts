/**
 * Commands of the incident part: the first report and follow-ups, the live facts, the
 * incident's details, decisions, and the closing plan. Each checks what a person asks
 * for and returns the events, or the problems (see shared/events/command.ts).
 */
import type { Severity } from '../alerts/plan';
import type { ScenarioTemplate } from '../boards/model';
import { tasksFromTemplate } from '../boards/tasks';
import type { Phase } from '../boards/model';
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';
import type { DetailsChangedPayload, PdcaReportedPayload, PreventionPlannedPayload } from './events';
import type { Facts, Incident, IncidentKind, ReportFields } from './model';
import type { FactOverride } from './overrides';
import { factsFromReport } from './projections';
import { checkReport, crossesStored } from './validate';

export interface FirstReportInput {
  title: string;
  kind: IncidentKind;
  scenario: string;
  drill: boolean;
  report: ReportFields;
  /** 重大度, when the reporter judged it; left out of the event when not. */
  severity?: Severity | null;
  /** The scenario's template: its tasks go on the boards. */
  template?: ScenarioTemplate;
  /** Filed from this intake report (decision 019): the same report filed twice is one incident (duplicates.ts). */
  intakeReportId?: string;
}

/** Creates the incident from its first report, with the scenario's tasks on the boards. Value: the incident id. */
export function fileFirstReport(ctx: CommandContext, _state: null, input: FirstReportInput): CommandResult<string> {
  const { template, severity, intakeReportId, ...fields } = input;
  const problems = checkReport(fields.report, { first: true, title: fields.title, now: ctx.now });
  if (problems.length > 0) return refuse(problems);
  const incidentId = ctx.newId();
  const tasks = template ? tasksFromTemplate(template, fields.report.discoveredAt!, () => ctx.newId()) : [];
  return accept(
    [
      { type: 'incident.first-reported', incidentId, payload: { ...fields, title: fields.title.trim(), ...(severity ? { severity } : {}), ...(intakeReportId ? { intakeReportId } : {}) } },
      ...(tasks.length > 0 ? [{ type: 'boards.tasks-added' as const, incidentId, payload: { tasks } }] : []),
    ],
    incidentId,
  );
}

/** A follow-up report: the next number, and the stamps of the facts it changes. Value: its number. */
export function fileFollowUp(ctx: CommandContext, incident: Incident, args: { report: ReportFields }): CommandResult<number> {
  const problems = checkReport(args.report, { first: false, now: ctx.now });
  // A count given alone that crosses the other as stored (1,800 confirmed over a maximum of
  // 1,500): refused as the facts card refuses it, naming both, so the reporter gives the other too.
  const crossed = crossesStored(incident.facts, args.report);
  if (crossed) problems.push(crossed);
  if (problems.length > 0) return refuse(problems);
  const number = incident.reportCount + 1;
  const seen = seenOf(incident.stamps, Object.keys(factsFromReport(args.report, false)));
  return accept([{ type: 'incident.report-filed', incidentId: incident.id, payload: { number, report: args.report, seen } }], number);
}

/** Whether a change of facts gives one of the two counts and not the other: only then can it cross the other as stored. */
export function changesOneCount(changes: Partial<Facts>): boolean {
  return (changes.confirmedCount !== undefined) !== (changes.maxCount !== undefined);
}

/**
 * Changes facts. `startedFrom` is the incident's stamps when the person began the edit (the
 * values on their screen): recorded per changed fact, it lets another laptop tell that its
 * own edit was corrected rather than overwritten unseen (overrides.ts).
 * `stored`: the incident's counts as stored, when the change gives one count only
 * (`changesOneCount`): a confirmed count over the stored maximum, or a maximum under the
 * stored confirmed count, is refused naming both, as the facts card and a follow-up refuse it.
 */
export function changeFacts(
  _ctx: CommandContext,
  stored: Pick<Facts, 'confirmedCount' | 'maxCount'> | null,
  args: { incidentId: string; changes: Partial<Facts>; startedFrom?: Record<string, string> },
): CommandResult {
  // A text fact is kept without the spaces around it: one cleared with a space (a full-width one
  // left in the field) is empty, not a phone number of one space in every letter.
  const changes = Object.fromEntries(Object.entries(args.changes).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as Partial<Facts>;
  if (changes.confirmedCount != null && changes.maxCount != null && changes.maxCount < changes.confirmedCount) {
    return refuse([{ field: 'maxCount', reason: 'max-below-confirmed' }]);
  }
  // A count cleared (null) crosses nothing; one left out keeps the stored one.
  const crossed = stored && changesOneCount(changes) ? crossesStored(stored, { confirmedCount: changes.confirmedCount ?? null, maxCount: changes.maxCount ?? null }) : null;
  if (crossed) return refuse([crossed]);
  if (Object.keys(changes).length === 0) return unchanged('facts');
  const seen = seenOf(args.startedFrom ?? {}, Object.keys(changes));
  return accept([{ type: 'incident.facts-changed', incidentId: args.incidentId, payload: { changes, seen } }]);
}

function seenOf(stamps: Record<string, string>, keys: string[]): Partial<Record<keyof Facts, string>> {
  return Object.fromEntries(keys.map((k) => [k, stamps[`facts.${k}`] ?? ''] as const));
}

/** Marks an overwrite of my edit as read (the notice on the fact goes). */
export function dismissOverride(_ctx: CommandContext, _state: null, args: { incidentId: string; override: FactOverride }): CommandResult {
  const o = args.override;
  return accept([{ type: 'incident.override-seen', incidentId: args.incidentId, payload: { fact: o.fact, eventId: o.theirs.eventId, by: o.theirs.actor, value: o.theirs.value } }]);
}

export function changeDetails(_ctx: CommandContext, _state: null, args: { incidentId: string; changes: DetailsChangedPayload['changes'] }): CommandResult {
  if (Object.keys(args.changes).length === 0) return unchanged('details');
  return accept([{ type: 'incident.details-changed', incidentId: args.incidentId, payload: { changes: args.changes } }]);
}

/** A decision on the timeline: what and who decided are required. */
export function recordDecision(
  ctx: CommandContext,
  _state: null,
  args: { incidentId: string; phase: Phase; what: string; why: string; decidedBy: string },
): CommandResult {
  const { incidentId, ...decision } = args;
  const missing = (['what', 'decidedBy'] as const).filter((f) => decision[f].trim() === '');
  if (missing.length > 0) return refuse(missing.map((field) => ({ field, reason: 'required' })));
  return accept([{ type: 'incident.decision-recorded', incidentId, payload: { decisionId: ctx.newId(), ...decision } }]);
}

/** One point of the recurrence-prevention plan (last writer wins per point). */
export function planPrevention(_ctx: CommandContext, _state: null, args: { incidentId: string } & PreventionPlannedPayload): CommandResult {
  const { incidentId, point, measure } = args;
  return accept([{ type: 'incident.prevention-planned', incidentId, payload: { point, measure } }]);
}

/** A PDCA entry reported from the field to the executives. */
export function reportPdca(ctx: CommandContext, _state: null, args: { incidentId: string } & Omit<PdcaReportedPayload, 'id'>): CommandResult {
  const { incidentId, ...entry } = args;
  if (entry.text.trim() === '') return refuse([{ field: 'text', reason: 'required' }]);
  return accept([{ type: 'incident.pdca-reported', incidentId, payload: { id: ctx.newId(), ...entry } }]);
}
