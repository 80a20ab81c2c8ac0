/**
 * The access audit: every time personal data is shown or leaves the app — a customer card
 * opened, a lookup that listed customers, a file exported, a page printed — is an event like
 * any other: sealed on the laptop, signed by its device when it syncs, never edited. The
 * events name customers by list and row number only (never a name or a number someone typed).
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';

/** Files that carry customers' personal data (the validation report carries the rows it flags). */
export const EXPORT_KINDS = ['mailing-csv', 'email-csv', 'call-list', 'letters', 'validation-report', 'vendor-csv'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** What the app prints (no print of the app shows a customer list; they are recorded all the same). */
export const PRINT_KINDS = ['situation-report', 'closing-report', 'statement', 'regulator-report', 'notice-letter', 'faq-handbook', 'screen'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/**
 * Whether a reason says nothing: only spaces (ASCII, ideographic, no-break) or invisible
 * format characters (zero-width space and joiners, word joiner, BOM), which `trim` keeps.
 */
export function isBlankReason(reason: string): boolean {
  return /^[\s\p{Cf}]*$/u.test(reason);
}

/** A lookup shows at most a page of customers; more than this in one event is not from the app. */
export const MAX_SHOWN = 500;

/** What an export request names: the file, the list, how many customers, and why. */
const exportRequest = v.object({
  exportId: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(EXPORT_KINDS),
  /** The file's variant where a kind has several (the mailing list's Shift_JIS or UTF-8); '' when none. */
  format: v.pipe(v.string(), v.maxLength(40)),
  datasetId: v.string(),
  batchId: v.nullable(v.string()),
  rows: v.pipe(v.number(), v.integer(), v.minValue(0)),
  reason: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  /** The workspace had no second member when it was asked: produced without approval, and marked so on the file and in the record. */
  solo: v.boolean(),
});
const exportRef = v.object({ exportId: v.pipe(v.string(), v.minLength(1)) });

const customer = v.object({ datasetId: v.string(), row: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export const accessEvents = {
  'access.card-opened': customer,
  'access.lookup-shown': v.object({ hits: v.pipe(v.array(customer), v.minLength(1), v.maxLength(MAX_SHOWN)) }),
  'access.exported': v.object({
    /** Printed on the file by the two-person export, so a leaked file can be traced to this record. */
    exportId: v.string(),
    kind: v.picklist(EXPORT_KINDS),
    datasetId: v.string(),
    batchId: v.nullable(v.string()),
    rows: v.pipe(v.number(), v.integer(), v.minValue(0)),
    reason: v.pipe(v.string(), v.maxLength(500)),
    fileName: v.pipe(v.string(), v.maxLength(300)),
    /** Since the two-person export: every file made by this production (a mailing list split in two makes two). Absent on older records. */
    files: v.optional(v.array(v.object({ fileName: v.pipe(v.string(), v.maxLength(300)), rows: v.pipe(v.number(), v.integer(), v.minValue(0)) }))),
  }),
  // The two-person export (docs/decisions/015-two-person-export.md): asked with a reason,
  // approved or refused by a second member whose role may approve, or withdrawn by its
  // requester; then produced once, as `access.exported` carrying the request's exportId.
  'access.export-requested': exportRequest,
  'access.export-approved': exportRef,
  'access.export-refused': exportRef,
  'access.export-withdrawn': exportRef,
  'access.printed': v.object({ kind: v.picklist(PRINT_KINDS) }),
} as const;

type Schemas = typeof accessEvents;
export type AccessEvent = EventOf<Schemas>;
export type ExportedPayload = PayloadIn<Schemas, 'access.exported'>;
export type ExportRequestedPayload = PayloadIn<Schemas, 'access.export-requested'>;
export const isAccessEvent = eventGuard(accessEvents);
