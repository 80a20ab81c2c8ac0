/**
 * What the team types into the PPC report draft (漏えい等報告), kept as events so it is
 * never lost with a tab switch, reaches the other laptops and shows on the timeline.
 * A text field that is null has not been written by anyone: the draft shows what the app
 * already knows there (the first report, the statements, the contact tracker…). Once
 * someone edits it, their words stay — even an empty string — until they reset it.
 */
import * as v from 'valibot';

export const REPORT_STAGES = ['preliminary', 'final'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export const MEDIA = ['electronic', 'paper', 'both'] as const;
export type Medium = (typeof MEDIA)[number];

export const SUBJECTS = ['customers', 'employees', 'other'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** Who caused it (主体): the company itself or the contractor it entrusted the data to. */
export const CAUSERS = ['self', 'contractor', 'unknown'] as const;
export type Causer = (typeof CAUSERS)[number];

/** Texts that start from what the app knows and can be rewritten. */
export const PREFILLED_TEXTS = ['foundBy', 'discovery', 'course', 'cause', 'secondaryHarm', 'individualResponse', 'publication', 'prevention'] as const;
export type PrefilledText = (typeof PREFILLED_TEXTS)[number];

const prefilled = Object.fromEntries(PREFILLED_TEXTS.map((k) => [k, v.nullable(v.string())])) as Record<PrefilledText, v.NullableSchema<v.StringSchema<undefined>, undefined>>;

export const ppcDraftFieldsSchema = v.object({
  ...prefilled,
  stage: v.nullable(v.picklist(REPORT_STAGES)),
  /** 'YYYY-MM-DD': the date on the report. */
  reportDate: v.nullable(v.string()),
  medium: v.nullable(v.picklist(MEDIA)),
  subjects: v.array(v.picklist(SUBJECTS)),
  /** What "other" data subjects are, in words. */
  subjectsNote: v.string(),
  causedBy: v.nullable(v.picklist(CAUSERS)),
  /** Item 9, written by the team. */
  other: v.string(),
  /** GDPR Art. 33(3)(a): the approximate number of records (one person may have several); null while nobody has said. */
  gdprRecords: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  /** GDPR Art. 33(1): why the notification comes after 72 hours, when it does. */
  gdprDelayReasons: v.string(),
});
export type PpcDraftFields = v.InferOutput<typeof ppcDraftFieldsSchema>;

export const EMPTY_PPC_FIELDS: PpcDraftFields = {
  stage: null,
  reportDate: null,
  foundBy: null,
  discovery: null,
  course: null,
  medium: null,
  subjects: [],
  subjectsNote: '',
  causedBy: null,
  cause: null,
  secondaryHarm: null,
  individualResponse: null,
  publication: null,
  prevention: null,
  other: '',
  gdprRecords: null,
  gdprDelayReasons: '',
};

export const PPC_FIELD_KEYS = Object.keys(EMPTY_PPC_FIELDS) as (keyof PpcDraftFields)[];
