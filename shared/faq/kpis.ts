/**
 * Call-centre KPIs per day and per hour (Japan time): calls received, answered, abandoned
 * (放棄呼), answer rate (応答率), average handling time, enquiries by category and the new
 * questions of a day. Two sources (decision 032):
 *
 * - the vendor's side: its daily report (CallReportRow) where one covers the day or hour,
 *   else the vendor's enquiry log imported into Honbu (one answered call per enquiry);
 * - Honbu's own log: phone enquiries typed into Honbu (received = answered, durationSec is
 *   the handling time; 0 means "not entered" and is left out of the average).
 *
 * The vendor's calls and Honbu's own are different calls on different lines, so a period's
 * total is their sum — but each period keeps both parts and names its sources, so the
 * screen never shows a sum without saying what it is made of. Enquiries imported from the
 * vendor's log are never counted beside the vendor's report for the same period: both
 * describe the same calls.
 */
import type { CallReportRow } from './call-report';
import type { Group, GroupItem } from './grouping';
import { linkedNow, movedAway } from './answered';
import { instantMs, jstDay, publishedVersion, type Enquiry, type FaqEntry } from './model';
import { reportDay } from './report-day';

/** One enquiry as the KPIs need it: no caller, nothing personal. */
export interface KpiEnquiry {
  id: string;
  /** ISO time or HLC. */
  at: string;
  channel: string;
  durationSec: number;
  /** The category as written ('' when none). */
  category: string;
  /** Imported from the vendor's enquiry log: the vendor's report counts the same calls. */
  fromVendor: boolean;
}

export type KpiSource = 'report' | 'vendorLog' | 'own';

export interface CallFigures {
  received: number;
  answered: number;
  abandoned: number;
  /** Handling seconds summed over `timed` calls (for a weighted average). */
  handlingSec: number;
  timed: number;
  /** Some answered calls have no handling time at all (a report without 平均処理時間). */
  handlingUnknown: boolean;
}

export interface PeriodKpi {
  /** YYYY-MM-DD, Japan time. */
  day: string;
  /** 0–23 Japan time; null for a whole day. */
  hour: number | null;
  /** The vendor's calls: from its report, else from its imported log; null when neither. */
  vendor: (CallFigures & { source: 'report' | 'vendorLog' }) | null;
  /** Honbu's own phone calls. */
  own: CallFigures;
  /** vendor + own: different calls on different lines. */
  total: CallFigures;
  /** answered / received; null when nothing was received (shown as "—"). */
  answerRate: number | null;
  /** Mean handling seconds; null when unknown. */
  avgHandlingSec: number | null;
  /** The sources the figures came from; empty when the period has no data at all. */
  sources: KpiSource[];
}

const ZERO: CallFigures = { received: 0, answered: 0, abandoned: 0, handlingSec: 0, timed: 0, handlingUnknown: false };

/** 応答率: answered / received, or null when nothing was received (never NaN or Infinity). */
export function answerRate(answered: number, received: number): number | null {
  return received > 0 ? answered / received : null;
}

/** Mean handling seconds; null when no call has a time or some answered calls have none. */
export function avgHandling(f: CallFigures): number | null {
  return f.timed > 0 && !f.handlingUnknown ? f.handlingSec / f.timed : null;
}

function add(a: CallFigures, b: CallFigures): CallFigures {
  return {
    received: a.received + b.received,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    handlingSec: a.handlingSec + b.handlingSec,
    timed: a.timed + b.timed,
    handlingUnknown: a.handlingUnknown || b.handlingUnknown,
  };
}

function fromReport(row: CallReportRow): CallFigures {
  const known = row.avgHandlingSec !== null && row.answered > 0;
  return {
    received: row.received,
    answered: row.answered,
    abandoned: row.abandoned,
    handlingSec: known ? row.avgHandlingSec! * row.answered : 0,
    timed: known ? row.answered : 0,
    handlingUnknown: row.avgHandlingSec === null && row.answered > 0,
  };
}

function fromCalls(calls: readonly KpiEnquiry[]): CallFigures {
  const timed = calls.filter((c) => Number.isFinite(c.durationSec) && c.durationSec > 0);
  return { received: calls.length, answered: calls.length, abandoned: 0, handlingSec: timed.reduce((s, c) => s + c.durationSec, 0), timed: timed.length, handlingUnknown: false };
}

/** The Japanese hour (0–23) of an ISO time or HLC; null when unreadable. */
export function jstHour(at: string): number | null {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + 9 * 3_600_000).getUTCHours();
}

const count = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** A report row the KPIs can use: a real day (in any of reportDay's spellings), an hour 0–23 or null, counts ≥ 0. */
export function usableReportRow(row: CallReportRow): boolean {
  return (
    reportDay(row.day) !== null &&
    (row.hour === null || (Number.isInteger(row.hour) && row.hour >= 0 && row.hour <= 23)) &&
    count(row.received) &&
    count(row.answered) &&
    count(row.abandoned) &&
    (row.avgHandlingSec === null || count(row.avgHandlingSec))
  );
}

/** Report rows by day and hour ('YYYY-MM-DD' or 'YYYY-MM-DD#h'); a later row for the same period replaces an earlier one. */
export interface ReportIndex {
  days: Map<string, CallReportRow>;
  hours: Map<string, CallReportRow[]>;
  /** Rows left out: an impossible day or hour, a negative or missing count. */
  skipped: number;
}

export function indexReports(rows: readonly CallReportRow[]): ReportIndex {
  const days = new Map<string, CallReportRow>();
  const byHour = new Map<string, Map<number, CallReportRow>>();
  let skipped = 0;
  for (const given of rows) {
    if (!usableReportRow(given)) {
      skipped++;
      continue;
    }
    const row = { ...given, day: reportDay(given.day)! };
    if (row.hour === null) days.set(row.day, row);
    else {
      let m = byHour.get(row.day);
      if (!m) byHour.set(row.day, (m = new Map()));
      m.set(row.hour, row);
    }
  }
  const hours = new Map([...byHour].map(([day, m]) => [day, [...m.values()].sort((a, b) => a.hour! - b.hour!)]));
  return { days, hours, skipped };
}

/**
 * The vendor's report for a whole day: its day row when it has one (the vendor's own
 * total), else the sum of its hour rows; null when the report does not cover the day.
 */
function reportedDay(index: ReportIndex, day: string): CallFigures | null {
  const row = index.days.get(day);
  if (row) return fromReport(row);
  const hours = index.hours.get(day);
  return hours ? hours.map(fromReport).reduce(add, ZERO) : null;
}

function period(day: string, hour: number | null, vendor: PeriodKpi['vendor'], own: CallFigures): PeriodKpi {
  const total = vendor ? add(vendor, own) : own;
  const sources: KpiSource[] = [];
  if (vendor) sources.push(vendor.source);
  if (own.received > 0) sources.push('own');
  return { day, hour, vendor, own, total, answerRate: answerRate(total.answered, total.received), avgHandlingSec: avgHandling(total), sources };
}

interface Split {
  own: Map<string, KpiEnquiry[]>;
  vendor: Map<string, KpiEnquiry[]>;
}

/** Phone calls by key (day, or day#hour), split into Honbu's own and the vendor's imported log. */
function splitCalls(enquiries: readonly KpiEnquiry[], key: (e: KpiEnquiry) => string | null): Split {
  const out: Split = { own: new Map(), vendor: new Map() };
  for (const e of enquiries) {
    if (e.channel !== 'phone') continue;
    const k = key(e);
    if (k === null) continue;
    const m = e.fromVendor ? out.vendor : out.own;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(e);
  }
  return out;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Gaps between the first and last day are filled (a day without calls is a 0) up to this span. */
export const MAX_FILLED_DAYS = 92;

/** Figures per Japanese day, oldest first. */
export function dailyKpis(reports: readonly CallReportRow[] | ReportIndex, enquiries: readonly KpiEnquiry[]): PeriodKpi[] {
  const index = 'days' in reports ? reports : indexReports(reports);
  const calls = splitCalls(enquiries, (e) => jstDay(e.at) || null);
  const days = new Set<string>([...index.days.keys(), ...index.hours.keys(), ...calls.own.keys(), ...calls.vendor.keys()]);
  const sorted = [...days].sort();
  if (sorted.length > 1) {
    const first = sorted[0]!;
    const last = sorted.at(-1)!;
    if ((Date.parse(last) - Date.parse(first)) / 86_400_000 <= MAX_FILLED_DAYS) for (let d = first; d < last; d = dayAfter(d)) days.add(d);
  }
  return [...days].sort().map((day) => {
    const report = reportedDay(index, day);
    const log = calls.vendor.get(day);
    const vendor: PeriodKpi['vendor'] = report ? { ...report, source: 'report' } : log ? { ...fromCalls(log), source: 'vendorLog' } : null;
    return period(day, null, vendor, fromCalls(calls.own.get(day) ?? []));
  });
}

export interface HourlyKpis {
  hours: PeriodKpi[];
  /** The vendor reported the day only as a whole: its calls cannot be placed in hours. */
  vendorDayOnly: boolean;
}

/** Figures per hour (0–23, Japan time) of one day. */
export function hourlyKpis(reports: readonly CallReportRow[] | ReportIndex, enquiries: readonly KpiEnquiry[], day: string): HourlyKpis {
  const index = 'days' in reports ? reports : indexReports(reports);
  const calls = splitCalls(enquiries, (e) => {
    const h = jstHour(e.at);
    return h !== null && jstDay(e.at) === day ? String(h) : null;
  });
  const reportHours = new Map((index.hours.get(day) ?? []).map((r) => [r.hour!, r]));
  const reported = reportHours.size > 0 || index.days.has(day);
  const hours: PeriodKpi[] = [];
  for (let h = 0; h < 24; h++) {
    const row = reportHours.get(h);
    const log = calls.vendor.get(String(h));
    // A report covering the day replaces the imported log for every hour of it, even an hour
    // the report leaves out: the log would otherwise count calls the report already has.
    const vendor: PeriodKpi['vendor'] = row ? { ...fromReport(row), source: 'report' } : !reported && log ? { ...fromCalls(log), source: 'vendorLog' } : null;
    hours.push(period(day, h, vendor, fromCalls(calls.own.get(String(h)) ?? [])));
  }
  return { hours, vendorDayOnly: reportHours.size === 0 && index.days.has(day) };
}

/**
 * The key two spellings of one category share: full-width and half-width letters, digits
 * and kana (ＦＡＱ/FAQ, ﾎﾟｲﾝﾄ/ポイント), spaces of either width and letter case are not
 * differences anyone means. Other words stay separate categories.
 */
export function categoryKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

export interface CategoryCount {
  /** categoryKey; '' for enquiries without a category. */
  key: string;
  /** The spelling seen most often (ties: the first in code-point order). */
  label: string;
  vendor: number;
  own: number;
  total: number;
}

/**
 * Enquiries by category for one day (or all days when `day` is null): the vendor's from its
 * report where it covers the day, else from its imported log; Honbu's own from every
 * channel (an e-mail is an enquiry too). Largest first.
 */
export function categoryCounts(reports: readonly CallReportRow[] | ReportIndex, enquiries: readonly KpiEnquiry[], day: string | null): CategoryCount[] {
  const index = 'days' in reports ? reports : indexReports(reports);
  const rows = new Map<string, { vendor: number; own: number; spellings: Map<string, number> }>();
  const bump = (name: string, side: 'vendor' | 'own', n: number) => {
    const key = categoryKey(name);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { vendor: 0, own: 0, spellings: new Map() }));
    row[side] += n;
    const spelling = name.trim();
    row.spellings.set(spelling, (row.spellings.get(spelling) ?? 0) + n);
  };
  const reportDays = new Set([...index.days.keys(), ...index.hours.keys()]);
  for (const d of reportDays) {
    if (day !== null && d !== day) continue;
    const dayRow = index.days.get(d);
    const hours = index.hours.get(d) ?? [];
    // The categories come from the category lines: a whole-day row without any (a 合計 line, as reports
    // imported before 2026-12-07 evening stored it) does not hide the categories its hours gave.
    const source = dayRow && (Object.keys(dayRow.byCategory).length > 0 || !hours.some((h) => Object.keys(h.byCategory).length > 0)) ? [dayRow] : hours;
    for (const row of source) for (const [name, n] of Object.entries(row.byCategory)) if (count(n) && n > 0) bump(name, 'vendor', n);
  }
  for (const e of enquiries) {
    const d = jstDay(e.at);
    if (d === '' || (day !== null && d !== day)) continue;
    if (e.fromVendor && reportDays.has(d)) continue;
    bump(e.category, e.fromVendor ? 'vendor' : 'own', 1);
  }
  const out: CategoryCount[] = [...rows].map(([key, r]) => {
    let label = '';
    let best = -1;
    for (const [s, n] of [...r.spellings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (n > best) [label, best] = [s, n];
    return { key, label: key === '' ? '' : label, vendor: r.vendor, own: r.own, total: r.vendor + r.own };
  });
  return out.filter((c) => c.total > 0).sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface NewQuestion {
  groupId: string;
  /** The group's most central question. */
  label: string;
  /** Enquiries of the group on that day. */
  count: number;
}

/**
 * Questions nobody asked before `day`: groups whose earliest enquiry falls on that Japanese
 * day, busiest first (ties by the group's id, i.e. who asked first).
 */
export function newQuestions(groups: readonly Group[], items: readonly GroupItem[], day: string, limit = 10): NewQuestion[] {
  const dayOf = new Map(items.map((i) => [i.id, jstDay(i.at)]));
  const out: NewQuestion[] = [];
  for (const g of groups) {
    const days = g.memberIds.map((id) => dayOf.get(id) ?? '').filter((d) => d !== '');
    if (days.length === 0) continue;
    const first = days.reduce((a, b) => (b < a ? b : a));
    if (first !== day) continue;
    out.push({ groupId: g.id, label: g.label, count: days.filter((d) => d === day).length });
  }
  return out.sort((a, b) => b.count - a.count || (a.groupId < b.groupId ? -1 : 1)).slice(0, limit);
}

/** Whether an enquiry came in through the vendor's log import (set by that import). */
export type IsVendorEnquiry = (e: Enquiry) => boolean;

/** The vendor import marks its enquiries with their source; enquiries typed into Honbu have none. */
export const defaultIsVendor: IsVendorEnquiry = (e) => {
  return e.source?.kind === 'vendor';
};

/**
 * The log as the KPIs read it. An enquiry's category is its own (the vendor's log gives
 * one) or else the category of the FAQ entry that answered it or that it was grouped into.
 */
export function kpiEnquiries(enquiries: readonly Enquiry[], faq: readonly FaqEntry[], isVendor: IsVendorEnquiry = defaultIsVendor): KpiEnquiry[] {
  const entryCategory = new Map<string, string>();
  const byEnquiry = new Map<string, string>();
  // A question moved out of an entry's group since it was attached is not of that entry.
  const moved = movedAway(enquiries);
  for (const entry of faq) {
    const category = publishedVersion(entry)?.category ?? '';
    entryCategory.set(entry.id, category);
    if (category === '') continue;
    for (const id of [...linkedNow(entry, moved), ...entry.usedBy]) if (!byEnquiry.has(id)) byEnquiry.set(id, category);
  }
  return enquiries.map((e) => {
    const own = (e as Enquiry & { category?: unknown }).category;
    const fromEntry = e.answerEntryId !== null ? entryCategory.get(e.answerEntryId) : undefined;
    const category = typeof own === 'string' && own.trim() !== '' ? own : fromEntry || byEnquiry.get(e.id) || '';
    return { id: e.id, at: e.at, channel: e.channel, durationSec: e.durationSec, category, fromVendor: isVendor(e) };
  });
}
