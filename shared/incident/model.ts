/**
 * The incident record (DOMAIN.md part 1): reports, live facts, and the columns of the
 * incident history DB (seed 000). Counts are a pair — confirmed and maximum possible —
 * because announcing the upper bound means the number never has to grow (002).
 */

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
export interface Facts {
  confirmedCount: number | null;
  maxCount: number | null;
  itemsLeaked: DataItem[];
  itemsNotLeaked: DataItem[];
  /** What "other" covers, in words. */
  otherItems: string;
  /** Affected services / customer groups (002 item 3). */
  services: string;
  discoveredAt: string | null;
  /** When it happened; null while unknown. */
  occurredAt: string | null;
  deskPhone: string;
  deskHours: string;
  nextUpdateAt: string | null;
}

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
export interface ReportFields {
  foundBy: string;
  foundWhere: string;
  discoveredAt: string | null;
  occurredAt: string | null;
  itemsLeaked: DataItem[];
  itemsNotLeaked: DataItem[];
  otherItems: string;
  confirmedCount: number | null;
  maxCount: number | null;
  actionsSoFar: string;
  reporter: string;
  // Follow-up reports
  who: string;
  what: string;
  when: string;
  where: string;
  why: string;
  how: string;
  cause: string;
  rootCause: string;
  scope: string;
  services: string;
}

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
  reportCount: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Recurrence-prevention plan and PDCA entries (closing.ts); absent until first written. */
  closing?: import('./closing').ClosingState;
  /** Field or fact name → HLC of the last event that set it (last writer wins). */
  stamps: Record<string, string>;
}
