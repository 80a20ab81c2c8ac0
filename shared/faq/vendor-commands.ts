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

type Stored = Pick<Enquiry, 'id' | 'answerText' | 'category' | 'escalate' | 'durationSec' | 'caller'> & Partial<Pick<Enquiry, 'question' | 'at' | 'channel' | 'operator'>>;

/**
 * What the command compares a re-sent row with: the stored enquiries of earlier imports — by row
 * key, and those with a receipt number by that number (see matchReceiptRows). `claimed`: the
 * stored enquiries a row of this import already matched or added, so no second row takes them.
 */
export interface KnownRows {
  byKey: Map<string, Stored>;
  byReceipt: Map<string, Stored[]>;
  claimed: Set<string>;
  /** Rows already matched (matchReceiptRows over the whole file): the stored enquiry, or null for a new one. */
  matched: WeakMap<VendorEnquiry, Stored | null>;
}

/**
 * The receipt number of a row key `r:<day>:<number>` — as every version wrote it (the first
 * occurrence), or with `#2`, `#3` … as the version of 2026-12-07 morning wrote later ones.
 */
export function receiptOfKey(rowKey: string): string | null {
  const m = /^r:\d{4}-\d{2}-\d{2}:(.*)$/.exec(rowKey);
  return m ? m[1]!.replace(/#\d+$/, '') : null;
}

export function knownVendorRows(enquiries: Iterable<Enquiry>): KnownRows {
  const known: KnownRows = { byKey: new Map(), byReceipt: new Map(), claimed: new Set(), matched: new WeakMap() };
  for (const e of enquiries) {
    if (e.source?.kind !== 'vendor') continue;
    const no = receiptOfKey(e.source.rowKey);
    if (no === null) known.byKey.set(e.source.rowKey, e);
    else known.byReceipt.set(no, [...(known.byReceipt.get(no) ?? []), e]);
  }
  return known;
}

/** Stored rows as a plain map by row key (as callers before receipt matching passed them): kept as the map of content keys. */
function fromKeys(byKey: Map<string, Stored>): KnownRows {
  const known: KnownRows = { byKey, byReceipt: new Map(), claimed: new Set(), matched: new WeakMap() };
  for (const [key, e] of byKey) {
    const no = receiptOfKey(key);
    if (no !== null) known.byReceipt.set(no, [...(known.byReceipt.get(no) ?? []), e]);
  }
  return known;
}

/** How far apart a stored call and a row of another day may be and still be one call corrected (12/07 0:05 corrected to 12/06 23:55). */
const ACROSS_MIDNIGHT_MS = 6 * 3_600_000;

/**
 * Rows with a receipt number matched to the stored enquiries of that number — never by where a
 * row stands in the file (its position among rows of that number moved when rows moved, and
 * an enquiry was corrected into another call). For each number: first a row with the stored
 * one's time and question (compared in NFKC) is that one; then the rest pair by nearest time —
 * on the same day, or across midnight within six hours (numbers may start again each day:
 * decision 031 does not say they are unique across days, so 12/06's A-1 at 9:00 is never
 * 12/07's A-1 at 9:00). A stored enquiry no row pairs with is left as it is; a row nothing
 * pairs with is a new enquiry.
 */
export function matchReceiptRows(known: KnownRows, rows: readonly VendorEnquiry[]): void {
  const groups = new Map<string, VendorEnquiry[]>();
  for (const row of rows) {
    if (known.matched.has(row)) continue;
    const no = receiptOfKey(row.rowKey);
    if (no !== null) groups.set(no, [...(groups.get(no) ?? []), row]);
  }
  for (const [no, group] of groups) {
    const free = (known.byReceipt.get(no) ?? []).filter((s) => !known.claimed.has(s.id));
    const take = (row: VendorEnquiry, stored: Stored) => {
      known.matched.set(row, stored);
      known.claimed.add(stored.id);
      free.splice(free.indexOf(stored), 1);
    };
    const left: VendorEnquiry[] = [];
    for (const row of group) {
      const same = free.find((s) => s.at === row.fields.at && sameText(s.question ?? '', row.fields.question));
      if (same) take(row, same);
      else left.push(row);
    }
    const pairs: { row: VendorEnquiry; stored: Stored; apart: number; order: number }[] = [];
    left.forEach((row, order) => {
      for (const stored of free) {
        if (stored.at === undefined) continue;
        const apart = Math.abs(Date.parse(stored.at) - Date.parse(row.fields.at));
        if (stored.at.slice(0, 10) === row.fields.at.slice(0, 10) || apart <= ACROSS_MIDNIGHT_MS) pairs.push({ row, stored, apart, order });
      }
    });
    pairs.sort((a, b) => a.apart - b.apart || a.order - b.order);
    for (const p of pairs) if (!known.matched.has(p.row) && free.includes(p.stored)) take(p.row, p.stored);
    for (const row of left) if (!known.matched.has(row)) known.matched.set(row, null);
  }
}

/**
 * Texts compared as the row key compares them: width and spaces do not make a correction.
 * Enquiries imported before texts were stored as written hold them in NFKC; the same file
 * imported again must still change nothing.
 */
const sameText = (a: string, b: string) => a === b || a.normalize('NFKC').replace(/\s+/g, ' ').trim() === b.normalize('NFKC').replace(/\s+/g, ' ').trim();

function corrections(stored: Stored, fields: EnquiryFields): Partial<EnquiryFields> {
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
export function importVendorEnquiries(ctx: CommandContext, knownRows: KnownRows | Map<string, Stored>, args: { incidentId: string | null; rows: readonly VendorEnquiry[] }): CommandResult<VendorImportCount> {
  const { incidentId, rows } = args;
  const count: VendorImportCount = { added: 0, already: 0, corrected: 0 };
  const fresh: ({ enquiryId: string } & EnquiryFields)[] = [];
  const events: AnyDraft[] = [];
  const known = knownRows instanceof Map ? fromKeys(knownRows) : knownRows;
  matchReceiptRows(known, rows);
  for (const row of rows) {
    const receipt = known.matched.has(row);
    const stored = receipt ? known.matched.get(row)! : known.byKey.get(row.rowKey);
    if (stored) {
      const changes = corrections(stored, row.fields);
      if (Object.keys(changes).length === 0) count.already++;
      else {
        count.corrected++;
        events.push({ type: 'faq.enquiry-edited', incidentId, payload: { enquiryId: stored.id, changes } });
        const now: Stored = { ...stored, ...changes };
        if (receipt) {
          const group = known.byReceipt.get(receiptOfKey(row.rowKey)!)!;
          group[group.indexOf(stored)] = now;
          known.matched.set(row, now);
        } else known.byKey.set(row.rowKey, now);
      }
      continue;
    }
    const enquiryId = ctx.newId();
    fresh.push({ enquiryId, ...row.fields });
    const added: Stored = { id: enquiryId, ...row.fields };
    if (receipt) {
      // Under its number, taken: a later part of the same file does not pair with it.
      const no = receiptOfKey(row.rowKey)!;
      known.byReceipt.set(no, [...(known.byReceipt.get(no) ?? []), added]);
      known.claimed.add(enquiryId);
      known.matched.set(row, added);
    } else known.byKey.set(row.rowKey, added);
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
