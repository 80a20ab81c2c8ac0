/**
 * The call-centre vendor's files imported (decision 031). A day's log is tens of
 * thousands of enquiries: one event each would be tens of thousands of sealed events, so
 * an import appends batches of enquiries, each at most VENDOR_BATCH enquiries and
 * VENDOR_BATCH_BYTES of their JSON (decision 065), which the enquiry fold opens into rows
 * like single logs. A daily report is one event per import, or several when it reports many
 * days (each day whole in one of them); the newest import of a day replaces that day.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type HonbuEvent } from '../events/event';
import { EVENT_ITEM_BYTES } from '../events/pieces';
import type { ProjectionSpec } from '../events/projection';
import type { CallReportRow } from './call-report';
import { enquiryFieldsSchema } from './model';

/** Enquiries per batch event, at most: a short enquiry is ~0.5 KB of JSON. */
export const VENDOR_BATCH = 500;
/**
 * Their JSON per batch event (UTF-8), at most: the sync server refuses a record over 1 MiB
 * (decision 064), and an enquiry's question and answer have no length limit — 500 enquiries of
 * a few hundred Japanese characters each are over 1 MB. A batch ends before the enquiry that
 * would take it over; an enquiry over this alone goes alone (over 1 MiB it would take cells of
 * some 350,000 characters).
 */
export const VENDOR_BATCH_BYTES = EVENT_ITEM_BYTES;
/** A report's rows per event, at most, as JSON (UTF-8): a report of many days is several events, each day in one. */
export const VENDOR_REPORT_BYTES = EVENT_ITEM_BYTES;

export const callReportRowSchema = v.object({
  day: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
  hour: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23))),
  received: v.number(),
  answered: v.number(),
  abandoned: v.number(),
  avgHandlingSec: v.nullable(v.number()),
  byCategory: v.record(v.string(), v.number()),
});

export const vendorEvents = {
  'faq.vendor-enquiries-imported': v.object({
    enquiries: v.pipe(v.array(v.object({ enquiryId: v.string(), ...enquiryFieldsSchema.entries })), v.maxLength(VENDOR_BATCH)),
  }),
  /** Every day the file reports, and its rows; a later import of one of these days replaces it. */
  'faq.vendor-report-imported': v.object({ days: v.array(v.string()), rows: v.array(callReportRowSchema) }),
} as const;

export type VendorEvent = EventOf<typeof vendorEvents>;
export type VendorBatchEvent = Extract<VendorEvent, { type: 'faq.vendor-enquiries-imported' }>;
export type VendorReportEvent = Extract<VendorEvent, { type: 'faq.vendor-report-imported' }>;

export const isVendorEvent = eventGuard(vendorEvents);

export function isVendorBatch(e: HonbuEvent): e is VendorBatchEvent {
  return isVendorEvent(e) && e.type === 'faq.vendor-enquiries-imported';
}

/**
 * The call report rows the vendor's imported reports give, for the KPI view: per day the
 * rows of the newest import that reports that day (by clock, then id, so every laptop
 * agrees), sorted by day and hour (the whole day first).
 */
export function callReportRows(events: Iterable<Pick<HonbuEvent, 'type' | 'at' | 'id'> & { payload?: unknown }>): CallReportRow[] {
  const latest = new Map<string, { at: string; id: string; rows: CallReportRow[] }>();
  for (const e of events) {
    if (e.type !== 'faq.vendor-report-imported') continue;
    const { days, rows } = e.payload as VendorReportEvent['payload'];
    for (const day of days) {
      const known = latest.get(day);
      if (known && (known.at > e.at || (known.at === e.at && known.id > e.id))) continue;
      latest.set(day, { at: e.at, id: e.id, rows: rows.filter((r) => r.day === day) });
    }
  }
  return [...latest.values()]
    .flatMap((x) => x.rows)
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : (a.hour ?? -1) - (b.hour ?? -1)));
}

/** One day of the vendor's report as the newest import gave it: a stored row per incident and day. */
export interface CallReportDay {
  /** `${incidentId}:${day}` */
  id: string;
  incidentId: string | null;
  day: string;
  /** Clock and id of the import it came from: a newer import of the day replaces it, on every laptop alike. */
  at: string;
  eventId: string;
  rows: CallReportRow[];
}

/** The vendor's report days, kept as the KPI view reads them (the same rule as callReportRows). */
export const callReportDaysProjection: ProjectionSpec<CallReportDay> = {
  table: 'call-report-days',
  keys: (e: HonbuEvent) => (e.type === 'faq.vendor-report-imported' && isVendorEvent(e) ? (e.payload as VendorReportEvent['payload']).days.map((d) => `${e.incidentId ?? ''}:${d}`) : []),
  reduce(row, e, key) {
    if (e.type !== 'faq.vendor-report-imported' || !isVendorEvent(e)) return row ?? null;
    if (row && (row.at > e.at || (row.at === e.at && row.eventId > e.id))) return row;
    const day = key.slice(key.lastIndexOf(':') + 1);
    const { rows } = e.payload as VendorReportEvent['payload'];
    return { id: key, incidentId: e.incidentId, day, at: e.at, eventId: e.id, rows: rows.filter((r) => r.day === day) };
  },
  index: (row) => ({ incidentId: row.incidentId ?? '' }),
  types: ['faq.vendor-report-imported'],
};

/** The stored report days as the KPI view's rows, sorted by day and hour (the whole day first). */
export function rowsOfReportDays(days: readonly CallReportDay[]): CallReportRow[] {
  return days.flatMap((d) => d.rows).sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : (a.hour ?? -1) - (b.hour ?? -1)));
}
