/**
 * Importing the vendor's files (decision 031), as pure commands. A row whose key is
 * already in the log adds nothing; one whose answer, category, flag, duration or caller
 * was corrected in a re-sent file is recorded as a correction of the stored enquiry.
 */
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import type { AnyDraft } from '../events/registry';
import type { CallReportRow } from './call-report';
import type { Enquiry, EnquiryFields } from './model';
import { piecesOf } from '../events/pieces';
import { VENDOR_BATCH, VENDOR_BATCH_BYTES, VENDOR_REPORT_BYTES } from './vendor-events';
import type { VendorEnquiry } from './vendor-rows';

export interface VendorImportCount {
  added: number;
  /** Rows already in the log, unchanged. */
  already: number;
  /** Rows already in the log whose answer, category, flag, duration or caller changed (or, under a receipt number, question, time, channel or operator). */
  corrected: number;
}

/** What the command compares a re-sent row with: the stored enquiries of earlier imports by row key. */
export type KnownRows = Map<string, Pick<Enquiry, 'id' | 'answerText' | 'category' | 'escalate' | 'durationSec' | 'caller'> & Partial<Pick<Enquiry, 'question' | 'at' | 'channel' | 'operator'>>>;

export function knownVendorRows(enquiries: Iterable<Enquiry>): KnownRows {
  const known: KnownRows = new Map();
  for (const e of enquiries) if (e.source?.kind === 'vendor') known.set(e.source.rowKey, e);
  return known;
}

/**
 * Texts compared as the row key compares them: width and spaces do not make a correction.
 * Enquiries imported before texts were stored as written hold them in NFKC; the same file
 * imported again must still change nothing.
 */
const sameText = (a: string, b: string) => a === b || a.normalize('NFKC').replace(/\s+/g, ' ').trim() === b.normalize('NFKC').replace(/\s+/g, ' ').trim();

function corrections(stored: KnownRows extends Map<string, infer R> ? R : never, fields: EnquiryFields): Partial<EnquiryFields> {
  const changes: Partial<EnquiryFields> = {};
  // Under the vendor's receipt number a corrected question or time is the same enquiry corrected (decision 031).
  if (stored.question !== undefined && !sameText(stored.question, fields.question)) changes.question = fields.question;
  if (stored.at !== undefined && stored.at !== fields.at) changes.at = fields.at;
  if (stored.channel !== undefined && stored.channel !== fields.channel) changes.channel = fields.channel;
  if (stored.operator !== undefined && stored.operator !== fields.operator) changes.operator = fields.operator;
  if (!sameText(stored.answerText, fields.answerText)) changes.answerText = fields.answerText;
  if (!sameText(stored.category ?? '', fields.category ?? '')) changes.category = fields.category ?? '';
  if (stored.escalate !== fields.escalate) changes.escalate = fields.escalate;
  if (stored.durationSec !== fields.durationSec) changes.durationSec = fields.durationSec;
  const a = stored.caller;
  const b = fields.caller;
  if (!sameText(a.name, b.name) || a.phone !== b.phone || (a.customerNo ?? '') !== (b.customerNo ?? '')) changes.caller = b;
  return changes;
}

/**
 * Rows of one file (or a part of it) into the log. `known` is updated with what this
 * command adds, so the next part of the same file is checked against it too.
 */
export function importVendorEnquiries(ctx: CommandContext, known: KnownRows, args: { incidentId: string | null; rows: readonly VendorEnquiry[] }): CommandResult<VendorImportCount> {
  const { incidentId, rows } = args;
  const count: VendorImportCount = { added: 0, already: 0, corrected: 0 };
  const fresh: ({ enquiryId: string } & EnquiryFields)[] = [];
  const events: AnyDraft[] = [];
  for (const row of rows) {
    const stored = known.get(row.rowKey);
    if (stored) {
      const changes = corrections(stored, row.fields);
      if (Object.keys(changes).length === 0) count.already++;
      else {
        count.corrected++;
        events.push({ type: 'faq.enquiry-edited', incidentId, payload: { enquiryId: stored.id, changes } });
        known.set(row.rowKey, { ...stored, ...changes });
      }
      continue;
    }
    const enquiryId = ctx.newId();
    fresh.push({ enquiryId, ...row.fields });
    known.set(row.rowKey, { id: enquiryId, ...row.fields });
    count.added++;
  }
  for (const enquiries of piecesOf(fresh, { maxItems: VENDOR_BATCH, maxBytes: VENDOR_BATCH_BYTES })) {
    events.push({ type: 'faq.vendor-enquiries-imported', incidentId, payload: { enquiries } });
  }
  return accept(events, count);
}

/**
 * A daily report: one event, or one per VENDOR_REPORT_BYTES of its rows when it reports many
 * days (a month of hours by category), each day's rows whole in one event, days in order. The
 * days it reports replace earlier imports of those days (callReportRows: per day, the newest
 * event that reports it). Value: the days.
 */
export function importVendorReport(_ctx: CommandContext, _state: null, args: { incidentId: string | null; rows: readonly CallReportRow[] }): CommandResult<string[]> {
  const { incidentId, rows } = args;
  if (rows.length === 0) return refuse([{ field: 'rows', reason: 'required' }]);
  const byDay = new Map<string, CallReportRow[]>();
  for (const r of rows) {
    const copy = { ...r, byCategory: { ...r.byCategory } };
    const day = byDay.get(r.day);
    if (day) day.push(copy);
    else byDay.set(r.day, [copy]);
  }
  const days = [...byDay.keys()].sort();
  // Each day's rows as one item, in the file's order within the day.
  const pieces = piecesOf(
    days.map((day) => byDay.get(day)!),
    { maxItems: Infinity, maxBytes: VENDOR_REPORT_BYTES },
  );
  const events = pieces.map((piece) => ({ type: 'faq.vendor-report-imported' as const, incidentId, payload: { days: piece.map((dayRows) => dayRows[0]!.day), rows: piece.flat() } }));
  return accept(events, days);
}
