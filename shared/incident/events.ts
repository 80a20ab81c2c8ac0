/**
 * The incident part's events: type → payload schema. Payload types are inferred from the
 * schemas, so what the folds read and what is checked at the boundary are one thing.
 * Folds live in projections.ts, closing.ts, decisions.ts and overrides.ts.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { PHASES } from '../boards/model';
import { SEVERITIES } from '../alerts/plan';
import { FACT_KEYS, INCIDENT_KINDS, PDCA_STAGES, PREVENTION_POINTS, factsSchema, preventionMeasureSchema, reportFieldsSchema } from './model';

/** Stamp of each fact's value the edit started from (overrides.ts). */
const seenSchema = v.optional(v.record(v.picklist(FACT_KEYS), v.string()));

export const incidentEvents = {
  'incident.first-reported': v.object({
    title: v.string(),
    kind: v.picklist(INCIDENT_KINDS),
    scenario: v.string(),
    drill: v.boolean(),
    report: reportFieldsSchema,
    /** 重大度 as judged when reported (shared/alerts/plan.ts); absent in events written before it existed. */
    severity: v.optional(v.picklist(SEVERITIES)),
    /** The intake report it was filed from (decision 019): two laptops filing the same report make duplicates, folded to one (duplicates.ts). */
    intakeReportId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
  }),
  'incident.report-filed': v.object({
    number: v.pipe(v.number(), v.integer(), v.minValue(1)),
    report: reportFieldsSchema,
    /** Stamp of each fact's value when the report was written. */
    seen: seenSchema,
  }),
  'incident.facts-changed': v.object({
    changes: v.partial(factsSchema),
    reason: v.optional(v.string()),
    /** Stamp of each changed fact's value the edit started from, so an overwrite can be told from a correction. */
    seen: seenSchema,
  }),
  'incident.details-changed': v.object({
    changes: v.partial(
      v.object({
        title: v.string(),
        kind: v.picklist(INCIDENT_KINDS),
        summary: v.string(),
        completedAt: v.nullable(v.string()),
        excluded: v.boolean(),
        published: v.boolean(),
        /** The scenario, when it turns out different (its tasks are added with it: boards/scenario-tasks.ts). */
        scenario: v.string(),
      }),
    ),
  }),
  /** Marks one overwrite as read by the person whose edit it replaced. */
  'incident.override-seen': v.object({
    fact: v.picklist(FACT_KEYS),
    /** The event whose value replaced mine. */
    eventId: v.string(),
    /** For the timeline: whose value, and what it was. */
    by: v.string(),
    value: v.unknown(),
  }),
  /** Decisions as their own timeline entries: who decided what, and why. */
  'incident.decision-recorded': v.object({
    decisionId: v.string(),
    phase: v.picklist(PHASES),
    what: v.string(),
    why: v.string(),
    /** Who took the decision (may differ from who recorded it). */
    decidedBy: v.string(),
    /**
     * Set by the disclosure form: `what` is then in the recorder's language, and screens
     * say the decision again in their own (absent on every other decision).
     */
    disclosurePublish: v.optional(v.boolean()),
  }),
  'incident.prevention-planned': v.object({ point: v.picklist(PREVENTION_POINTS), measure: preventionMeasureSchema }),
  'incident.pdca-reported': v.object({
    id: v.string(),
    stage: v.picklist(PDCA_STAGES),
    text: v.string(),
    reportedBy: v.string(),
    reportedTo: v.string(),
  }),
} as const;

type Schemas = typeof incidentEvents;
export type IncidentEvent = EventOf<Schemas>;
export type FirstReportedPayload = PayloadIn<Schemas, 'incident.first-reported'>;
export type ReportFiledPayload = PayloadIn<Schemas, 'incident.report-filed'>;
export type FactsChangedPayload = PayloadIn<Schemas, 'incident.facts-changed'>;
export type DetailsChangedPayload = PayloadIn<Schemas, 'incident.details-changed'>;
export type OverrideSeenPayload = PayloadIn<Schemas, 'incident.override-seen'>;
export type DecisionRecordedPayload = PayloadIn<Schemas, 'incident.decision-recorded'>;
export type PreventionPlannedPayload = PayloadIn<Schemas, 'incident.prevention-planned'>;
export type PdcaReportedPayload = PayloadIn<Schemas, 'incident.pdca-reported'>;

/** Any event of the incident part (workspace-level ones too: a fold checks incidentId itself). */
export const isIncidentPartEvent = eventGuard(incidentEvents);

