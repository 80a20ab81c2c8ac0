/**
 * Incident events and their folds. A report both records itself (a version) and moves
 * the live facts; a facts edit moves only the facts. Each fact is last-writer-wins by
 * clock, so laptops that merge later agree on the current value.
 */
import type { HonbuEvent } from '../events/event';
import { mergeLww, type ProjectionSpec } from '../events/projection';
import { foldClosing } from './closing';
import { isIncidentPartEvent, type IncidentEvent } from './events';
import {
  EMPTY_FACTS,
  EMPTY_REPORT,
  REPORT_FACTS,
  type Facts,
  type Incident,
  type Report,
  type ReportFields,
} from './model';

/** The events that change the incident row (decisions and dismissed overwrites have their own folds). */
type RowEvent = Exclude<IncidentEvent, { type: 'incident.override-seen' | 'incident.decision-recorded' }>;

/** An event that changes an incident's row. */
export function isIncidentEvent(e: HonbuEvent): e is RowEvent & { incidentId: string } {
  return isIncidentPartEvent(e) && e.type !== 'incident.override-seen' && e.type !== 'incident.decision-recorded' && e.incidentId !== null;
}

/** The facts a report states: only what it actually says (an empty count stays unknown). */
export function factsFromReport(report: ReportFields, first: boolean): Partial<Facts> {
  const out: Partial<Facts> = {};
  for (const key of REPORT_FACTS) {
    const value = report[key];
    const stated = Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
    // A follow-up that leaves a field blank does not erase what an earlier report said.
    if (stated || first) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** The changes an event makes to the live facts (empty for events that do not touch them). */
export function factChanges(e: HonbuEvent): Partial<Facts> {
  if (!isIncidentEvent(e)) return {};
  switch (e.type) {
    case 'incident.first-reported':
      return factsFromReport(e.payload.report, true);
    case 'incident.report-filed':
      return factsFromReport(e.payload.report, false);
    case 'incident.facts-changed':
      return e.payload.changes;
    default:
      return {};
  }
}

function mergeFacts(row: Incident, changes: Partial<Facts>, at: string): Incident {
  const facts: Facts = { ...row.facts };
  const stamps = { ...row.stamps };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const stampKey = `facts.${key}`;
    if (stamps[stampKey] === undefined || stamps[stampKey]! < at) {
      (facts as unknown as Record<string, unknown>)[key] = value;
      stamps[stampKey] = at;
    }
  }
  return { ...row, facts, stamps };
}

function emptyIncident(id: string, e: HonbuEvent): Incident {
  return {
    id,
    title: '',
    kind: 'personal-data',
    scenario: '',
    drill: false,
    summary: '',
    completedAt: null,
    excluded: false,
    published: false,
    facts: { ...EMPTY_FACTS },
    reportCount: 0,
    createdAt: e.at,
    createdBy: e.actor,
    updatedAt: e.at,
    stamps: {},
  };
}

export const incidentsProjection: ProjectionSpec<Incident> = {
  table: 'incidents',
  keys: (e) => (isIncidentEvent(e) ? [e.incidentId] : []),
  reduce(row, e, key) {
    if (!isIncidentEvent(e)) return row ?? null;
    let next = row ?? emptyIncident(key, e);
    if (e.type === 'incident.first-reported') {
      const { title, kind, scenario, drill, severity } = e.payload;
      next = mergeLww(next, { title, kind, scenario, drill, ...(severity ? { severity } : {}) }, e.at);
      if (e.at <= next.createdAt || !row) next = { ...next, createdAt: e.at, createdBy: e.actor };
      if (e.payload.intakeReportId) next = { ...next, intakeReportId: e.payload.intakeReportId };
    } else if (e.type === 'incident.details-changed') {
      next = mergeLww(next, e.payload.changes, e.at);
    } else if (e.type === 'incident.prevention-planned' || e.type === 'incident.pdca-reported') {
      const folded = foldClosing(next.closing ?? { prevention: {}, pdca: [] }, next.stamps, e);
      next = { ...next, closing: folded.state, stamps: folded.stamps };
    }
    next = mergeFacts(next, factChanges(e), e.at);
    if (e.type === 'incident.first-reported' || e.type === 'incident.report-filed') {
      const number = e.type === 'incident.first-reported' ? 1 : e.payload.number;
      next = { ...next, reportCount: Math.max(next.reportCount, number) };
    }
    return { ...next, updatedAt: e.at > next.updatedAt ? e.at : next.updatedAt };
  },
  index: (row) => ({ updatedAt: row.updatedAt, drill: row.drill ? 1 : 0 }),
};

export const reportsProjection: ProjectionSpec<Report> = {
  table: 'reports',
  keys(e) {
    if (!isIncidentEvent(e)) return [];
    if (e.type === 'incident.first-reported') return [`${e.incidentId}:1`];
    if (e.type === 'incident.report-filed') return [`${e.incidentId}:${e.payload.number}`];
    return [];
  },
  reduce(row, e, key) {
    if (!isIncidentEvent(e) || (e.type !== 'incident.first-reported' && e.type !== 'incident.report-filed')) return row ?? null;
    const number = e.type === 'incident.first-reported' ? 1 : e.payload.number;
    // Two laptops filing the same report number: the earlier one keeps the number.
    if (row && row.at < e.at) return row;
    return { id: key, incidentId: e.incidentId, number, fields: { ...EMPTY_REPORT, ...e.payload.report }, at: e.at, actor: e.actor };
  },
  index: (row) => ({ incidentId: row.incidentId, number: row.number }),
};
