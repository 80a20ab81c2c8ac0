/**
 * The incident record (DOMAIN.md part 1): reports, live facts, and the columns of the
 * incident history DB (seed 000). Counts are a pair — confirmed and maximum possible —
 * because announcing the upper bound means the number never has to grow (002).
 */
import * as v from 'valibot';
import type { Severity } from '../alerts/plan';

export const DATA_ITEMS = [
  'name',
  'address',
  'phone',
  'birthDate',
  'gender',
  'email',
  'creditCard',
  'bankAccount',
  'myNumber',
  'sensitive',
  'other',
] as const;
export type DataItem = (typeof DATA_ITEMS)[number];

export const INCIDENT_KINDS = ['personal-data', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** The incident's current facts: what statements, FAQ answers, letters and reports quote. */
export const factsSchema = v.object({
  confirmedCount: v.nullable(v.number()),
  maxCount: v.nullable(v.number()),
  itemsLeaked: v.array(v.picklist(DATA_ITEMS)),
  itemsNotLeaked: v.array(v.picklist(DATA_ITEMS)),
  /** What "other" covers, in words. */
  otherItems: v.string(),
  /** Affected services / customer groups (002 item 3). */
  services: v.string(),
  discoveredAt: v.nullable(v.string()),
  /** When it happened; null while unknown. */
  occurredAt: v.nullable(v.string()),
  deskPhone: v.string(),
  deskHours: v.string(),
  nextUpdateAt: v.nullable(v.string()),
});
export type Facts = v.InferOutput<typeof factsSchema>;

export type FactKey = keyof Facts;

export const FACT_KEYS: FactKey[] = [
  'confirmedCount',
  'maxCount',
  'itemsLeaked',
  'itemsNotLeaked',
  'otherItems',
  'services',
  'discoveredAt',
  'occurredAt',
  'deskPhone',
  'deskHours',
  'nextUpdateAt',
];

export const EMPTY_FACTS: Facts = {
  confirmedCount: null,
  maxCount: null,
  itemsLeaked: [],
  itemsNotLeaked: [],
  otherItems: '',
  services: '',
  discoveredAt: null,
  occurredAt: null,
  deskPhone: '',
  deskHours: '',
  nextUpdateAt: null,
};

/**
 * What a report says. The first report (第一報) fills only the minimum (004 §8-⑥,
 * 003 step 1); follow-ups add 5W1H (004 §8-④), cause and root cause (003 step 2).
 */
export const reportFieldsSchema = v.object({
  foundBy: v.string(),
  foundWhere: v.string(),
  discoveredAt: v.nullable(v.string()),
  occurredAt: v.nullable(v.string()),
  itemsLeaked: v.array(v.picklist(DATA_ITEMS)),
  itemsNotLeaked: v.array(v.picklist(DATA_ITEMS)),
  otherItems: v.string(),
  confirmedCount: v.nullable(v.number()),
  maxCount: v.nullable(v.number()),
  actionsSoFar: v.string(),
  reporter: v.string(),
  // Follow-up reports
  who: v.string(),
  what: v.string(),
  when: v.string(),
  where: v.string(),
  why: v.string(),
  how: v.string(),
  cause: v.string(),
  rootCause: v.string(),
  scope: v.string(),
  services: v.string(),
});
export type ReportFields = v.InferOutput<typeof reportFieldsSchema>;

export type ReportField = keyof ReportFields;

export const FIRST_REPORT_FIELDS: ReportField[] = [
  'foundBy',
  'foundWhere',
  'discoveredAt',
  'occurredAt',
  'itemsLeaked',
  'otherItems',
  'confirmedCount',
  'maxCount',
  'actionsSoFar',
  'reporter',
];

export const FOLLOW_UP_FIELDS: ReportField[] = [
  'who',
  'what',
  'when',
  'where',
  'why',
  'how',
  'cause',
  'rootCause',
  'scope',
  'services',
  'itemsLeaked',
  'itemsNotLeaked',
  'otherItems',
  'confirmedCount',
  'maxCount',
  'occurredAt',
  'actionsSoFar',
  'reporter',
];

export const EMPTY_REPORT: ReportFields = {
  foundBy: '',
  foundWhere: '',
  discoveredAt: null,
  occurredAt: null,
  itemsLeaked: [],
  itemsNotLeaked: [],
  otherItems: '',
  confirmedCount: null,
  maxCount: null,
  actionsSoFar: '',
  reporter: '',
  who: '',
  what: '',
  when: '',
  where: '',
  why: '',
  how: '',
  cause: '',
  rootCause: '',
  scope: '',
  services: '',
};

/** Report fields that are also live facts: filing a report updates them. */
export const REPORT_FACTS = [
  'discoveredAt',
  'occurredAt',
  'itemsLeaked',
  'itemsNotLeaked',
  'otherItems',
  'confirmedCount',
  'maxCount',
  'services',
] as const satisfies readonly (ReportField & FactKey)[];

export interface Report {
  /** `${incidentId}:${number}` */
  id: string;
  incidentId: string;
  /** 1 = 第一報, 2 = 第二報, … */
  number: number;
  fields: ReportFields;
  at: string;
  actor: string;
}

export interface Incident {
  id: string;
  title: string;
  kind: IncidentKind;
  scenario: string;
  drill: boolean;
  summary: string;
  completedAt: string | null;
  /** Out of the public history DB by 000's exclusion criteria. */
  excluded: boolean;
  /** Published in the public history. */
  published: boolean;
  facts: Facts;
  /** 重大度 from the first report; absent when none was given (and in incidents reported before it existed). */
  severity?: Severity;
  /** The intake report it was filed from, if any (a second incident from the same report is a duplicate: duplicates.ts). */
  intakeReportId?: string;
  reportCount: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Recurrence-prevention plan and PDCA entries (closing.ts); absent until first written. */
  closing?: ClosingState;
  /** Field or fact name → HLC of the last event that set it (last writer wins). */
  stamps: Record<string, string>;
}

// ---- After the incident (closing.ts): the words its events use ----------------------

/** 秘密情報の保護ハンドブック (METI, 2016-09), as quoted by 003. */
export const METI_POINTS = ['access', 'takeout', 'detect', 'awareness', 'morale'] as const;

/** Every point any scenario weighs; each scenario picks its own (POINTS_BY_SCENARIO). */
export const PREVENTION_POINTS = [
  ...METI_POINTS,
  'vulnerability',
  'authentication',
  'monitoring',
  'contractor',
  'minimise',
  'deviceEncryption',
  'deviceRules',
  'sendingChecks',
  'mailSystem',
  'accessSettings',
  'publishReview',
  'software',
] as const;
export type PreventionPoint = (typeof PREVENTION_POINTS)[number];

export const preventionMeasureSchema = v.object({ measures: v.string(), owner: v.string(), dueAt: v.nullable(v.string()) });
export type PreventionMeasure = v.InferOutput<typeof preventionMeasureSchema>;

export const PDCA_STAGES = ['plan', 'do', 'check', 'act'] as const;
export type PdcaStage = (typeof PDCA_STAGES)[number];

export interface PdcaEntry {
  id: string;
  stage: PdcaStage;
  text: string;
  /** The field team member reporting (004 §8-⑦: PDCA is run in the field). */
  reportedBy: string;
  /** The executive it is reported to. */
  reportedTo: string;
  at: string;
}

export interface ClosingState {
  prevention: Partial<Record<PreventionPoint, PreventionMeasure>>;
  pdca: PdcaEntry[];
}
