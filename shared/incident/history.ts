/**
 * The incident history DB of seed 000: discovery date, completion date, type, title,
 * summary, with the exclusion and publication flags. Drills never count unless asked
 * (004 §8-②: drills are marked and never mixed into real counts).
 */
import type { Incident } from './model';

export interface HistoryOptions {
  includeDrills: boolean;
}

export function historyIncidents(incidents: Incident[], options: HistoryOptions): Incident[] {
  return incidents
    .filter((i) => options.includeDrills || !i.drill)
    .sort((a, b) => (a.facts.discoveredAt ?? a.createdAt).localeCompare(b.facts.discoveredAt ?? b.createdAt));
}

/** YYYY-MM-DD in the given time zone (Japan for a Japanese team): dates people file by. */
export function isoDate(iso: string | null, timeZone = 'Asia/Tokyo'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
