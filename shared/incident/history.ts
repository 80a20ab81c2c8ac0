/**
 * The incident history DB of seed 000: discovery date, completion date, type, title,
 * summary, with the exclusion and publication flags. Drills never count unless asked
 * (004 §8-②: drills are marked and never mixed into real counts).
 */
import { hlcTime } from '../events/hlc';
import type { Incident } from './model';

export interface HistoryOptions {
  includeDrills: boolean;
}

export function historyIncidents(incidents: Incident[], options: HistoryOptions): Incident[] {
  return incidents
    .filter((i) => options.includeDrills || !i.drill)
    .sort(byIncidentTime);
}

/**
 * When an incident happened, for ordering lists: its discovery as typed, or, where none is known
 * (cleared, or its first report not read yet), when it was filed — a clock stamp, read as its time
 * (compared as text, "0001…" came before every "2026-…": an undated incident counted as the oldest).
 */
export function incidentTime(i: Pick<Incident, 'facts' | 'createdAt'>): number {
  const discovered = i.facts.discoveredAt === null ? NaN : Date.parse(i.facts.discoveredAt);
  if (Number.isFinite(discovered)) return discovered;
  const filed = hlcTime(i.createdAt);
  return Number.isFinite(filed) ? filed : 0;
}

/** Oldest first, by incidentTime; the same time by id, so every laptop lists them alike. */
export function byIncidentTime(a: Pick<Incident, 'id' | 'facts' | 'createdAt'>, b: Pick<Incident, 'id' | 'facts' | 'createdAt'>): number {
  return incidentTime(a) - incidentTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** YYYY-MM-DD in the given time zone (Japan for a Japanese team): dates people file by. */
export function isoDate(iso: string | null, timeZone = 'Asia/Tokyo'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
