/**
 * The access report: per member, per incident and per day (Japan's calendar), how many
 * customer cards they opened, how many customers lookups showed them, what they exported or
 * printed — beside the calls and enquiries they logged, so direction can see an operator who
 * looks at far more customers than they speak to. A projection (table `access-days`): every
 * field is a count or a union, so it is the same in whatever order events arrive.
 */
import type { HonbuEvent } from '../events/event';
import { hlcTime } from '../events/hlc';
import type { ProjectionSpec } from '../events/projection';
import { isContactPartEvent } from '../contacts/events';
import { isAccessEvent, isBlankReason, type ExportKind } from './events';

export interface ExportLine {
  exportId: string;
  kind: ExportKind;
  datasetId: string;
  rows: number;
  reason: string;
  at: string;
}

export interface AccessDay {
  /** `<incidentId>|<personId>|<YYYY-MM-DD>` */
  id: string;
  incidentId: string;
  personId: string;
  /** The day in Japan. */
  day: string;
  /** Card openings, and the distinct customers (`<datasetId>:<row>`) they were for. */
  cards: number;
  customers: string[];
  lookups: number;
  /** Customers listed by lookups (a customer listed twice counts twice). */
  shown: number;
  exports: ExportLine[];
  prints: number;
  /** Phone results recorded (one per customer) and enquiries logged: the work that explains looking. */
  calls: number;
  enquiries: number;
}

const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

/** The calendar day in Japan of an event's clock. */
export function dayInJapan(at: string): string {
  return new Date(Math.floor((hlcTime(at) + JST_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

const idOf = (incidentId: string, personId: string, day: string) => `${incidentId}|${personId}|${day}`;

/** Which events the report counts: the audit's own, phone results and enquiries logged. */
function counted(e: HonbuEvent): boolean {
  if (e.incidentId === null) return false;
  // The steps of a two-person export (asked, approved…) are not looks: the file made is (`access.exported`).
  if (isAccessEvent(e)) return !e.type.startsWith('access.export-');
  if (e.type === 'faq.enquiry-logged') return true;
  return isContactPartEvent(e) && e.type === 'contacts.outcomes-recorded' && e.payload.channel === 'phone';
}

function empty(id: string, e: HonbuEvent, day: string): AccessDay {
  return { id, incidentId: e.incidentId!, personId: e.actor, day, cards: 0, customers: [], lookups: 0, shown: 0, exports: [], prints: 0, calls: 0, enquiries: 0 };
}

export const accessDaysProjection: ProjectionSpec<AccessDay> = {
  table: 'access-days',
  types: ['access.card-opened', 'access.lookup-shown', 'access.exported', 'access.printed', 'faq.enquiry-logged', 'contacts.outcomes-recorded'],
  keys: (e) => (counted(e) ? [idOf(e.incidentId!, e.actor, dayInJapan(e.at))] : []),
  reduce(row, e, key) {
    const next = row ? { ...row } : empty(key, e, dayInJapan(e.at));
    if (isAccessEvent(e)) {
      switch (e.type) {
        case 'access.card-opened': {
          next.cards += 1;
          const c = `${e.payload.datasetId}:${e.payload.row}`;
          if (!next.customers.includes(c)) next.customers = [...next.customers, c].sort();
          break;
        }
        case 'access.lookup-shown':
          next.lookups += 1;
          next.shown += e.payload.hits.length;
          break;
        case 'access.exported': {
          const p = e.payload;
          if (next.exports.some((x) => x.exportId === p.exportId)) break;
          const line: ExportLine = { exportId: p.exportId, kind: p.kind, datasetId: p.datasetId, rows: p.rows, reason: p.reason, at: e.at };
          next.exports = [...next.exports, line].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
          break;
        }
        case 'access.printed':
          next.prints += 1;
          break;
      }
    } else if (e.type === 'faq.enquiry-logged') {
      next.enquiries += 1;
    } else if (isContactPartEvent(e) && e.type === 'contacts.outcomes-recorded') {
      next.calls += e.payload.rows.length;
    }
    return next;
  },
  index: (row) => ({ incidentId: row.incidentId, day: row.day }),
};

/** Why a day stands out; none when it does not. */
export type Unusual = 'cards-beyond-calls' | 'many-shown' | 'export-without-reason';

/** Customers whose cards may be opened without a call logged before a day stands out (looking up before calling back, a few checks). */
export const FREE_CARDS = 20;
/** Cards opened per call or enquiry logged above which a day stands out. */
export const CARDS_PER_CALL = 3;
/** Customers listed by lookups in one day above which it stands out. */
export const MANY_SHOWN = 1_000;

export function unusual(day: Pick<AccessDay, 'customers' | 'calls' | 'enquiries' | 'shown' | 'exports'>): Unusual[] {
  const out: Unusual[] = [];
  const work = day.calls + day.enquiries;
  if (day.customers.length > FREE_CARDS && day.customers.length > CARDS_PER_CALL * work) out.push('cards-beyond-calls');
  if (day.shown > MANY_SHOWN) out.push('many-shown');
  if (day.exports.some((x) => isBlankReason(x.reason))) out.push('export-without-reason');
  return out;
}
