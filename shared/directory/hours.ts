/**
 * When a person of the contact list can be reached, read from what was typed: "平日 9-18",
 * "24時間", "毎日 8:30～22:00", "土日 10-17", "月-金 9時-18時", "平日 9-18、土 9-12",
 * "weekdays 9-18", "Mon-Fri 9:00-17:30". Full-width digits and the dashes and tildes of
 * Japanese input modes are read as their ASCII forms. Times are Japan time (JST, no daylight
 * saving): the team and its contacts are in Japan, and a laptop's own zone must not change
 * who is called. Public holidays are not known: 土日祝 counts as 土日 (say so on screen).
 * An end before the start runs past midnight ("22-6").
 */

export interface HoursWindow {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after midnight, JST. */
  from: number;
  to: number;
}

export type Hours = { always: true } | { always: false; windows: HoursWindow[] };

export type HoursParse = { ok: true; hours: Hours } | { ok: false };

const ALL = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [0, 6];
const JA_DAYS = '日月火水木金土';
const EN_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const ALWAYS = /^(24時間|24h|24\/7|常時|いつでも|終日|any ?time|always|24 ?hours?)$/i;

/** NFKC (full-width digits, colons, letters) and every dash or tilde people type as "-". */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[~\u301c\uff5e\u2010-\u2015\u2212\u30fc\u2053]/g, '-')
    // How company lists write times: "8時30分", "9時半", "翌9時" (an end before the start already runs past midnight).
    .replace(/(\d{1,2})時(\d{1,2})分/g, (_, h: string, m: string) => `${h}:${m.padStart(2, '0')}`)
    .replace(/(\d{1,2})時半/g, '$1:30')
    .replace(/翌\s*(?=\d)/g, '')
    // A note in brackets ("(祝日除く)") says nothing of the time; holidays are not known anyway.
    .replace(/\([^()]*\)/g, ' ')
    .replace(/^(24時間|24h)\s*365日$/i, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function dayIndex(token: string): number {
  const ja = JA_DAYS.indexOf(token.replace(/曜日?$/, ''));
  if (ja >= 0 && token.length <= 3) return ja;
  return EN_DAYS.indexOf(token.slice(0, 3).toLowerCase());
}

function parseDays(spec: string): number[] | null {
  const s = spec.replace(/祝日?|祭日|\(.*?\)/g, '').trim();
  if (s === '' || /^(毎日|全日|daily|every ?day)$/i.test(s)) return ALL;
  if (/^(平日|weekdays?)$/i.test(s)) return WEEKDAYS;
  if (/^(土日|週末|weekends?|土・日)$/i.test(s)) return WEEKEND;
  const range = /^([^\s-]+)\s*-\s*([^\s-]+)$/.exec(s);
  if (range) {
    const a = dayIndex(range[1]!);
    const b = dayIndex(range[2]!);
    if (a < 0 || b < 0) return null;
    const days: number[] = [];
    for (let d = a; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === b) break;
    }
    return days;
  }
  // A list: "月・水・金", "月水金", "Mon, Wed".
  const tokens = /^[日月火水木金土・,\s]+$/.test(s) ? [...s.replace(/[・,\s]/g, '')] : s.split(/[・,\s]+/);
  const days = tokens.map(dayIndex);
  return days.length > 0 && days.every((d) => d >= 0) ? [...new Set(days)].sort() : null;
}

const WINDOW = /^(.*?)\s*(\d{1,2})(?:[:時](\d{2}))?\s*(?:時|h)?\s*-\s*(\d{1,2})(?:[:時](\d{2}))?\s*(?:時|h)?$/i;

function parseWindow(text: string): HoursWindow | null {
  const m = WINDOW.exec(text);
  if (!m) return null;
  const days = parseDays(m[1]!);
  const from = Number(m[2]) * 60 + Number(m[3] ?? 0);
  const to = Number(m[4]) * 60 + Number(m[5] ?? 0);
  if (!days || from > 24 * 60 || to > 24 * 60 || Number(m[3] ?? 0) > 59 || Number(m[5] ?? 0) > 59 || from === to) return null;
  return { days, from, to };
}

export function parseHours(text: string): HoursParse {
  const s = normalise(text);
  if (s === '' || ALWAYS.test(s)) return { ok: true, hours: { always: true } };
  const windows: HoursWindow[] = [];
  for (const part of s.split(/(?<=[\d時h])\s*[、,;/]\s*/i)) {
    // "毎日 24時間" and "平日 24時間": the whole of those days.
    const whole = /^(.*?)\s*(24時間|24h|24 ?hours?)$/i.exec(part);
    if (whole) {
      const days = parseDays(whole[1]!);
      if (!days) return { ok: false };
      windows.push({ days, from: 0, to: 24 * 60 });
      continue;
    }
    const w = parseWindow(part);
    if (!w) return { ok: false };
    windows.push(w);
  }
  return { ok: true, hours: { always: false, windows } };
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Whether the hours cover this instant (Japan time). */
export function isWithinHours(hours: Hours, at: number): boolean {
  if (hours.always) return true;
  const jst = new Date(at + JST_OFFSET_MS);
  const day = jst.getUTCDay();
  const minute = jst.getUTCHours() * 60 + jst.getUTCMinutes();
  return hours.windows.some((w) =>
    w.from < w.to
      ? w.days.includes(day) && minute >= w.from && minute < w.to
      : (w.days.includes(day) && minute >= w.from) || (w.days.includes((day + 6) % 7) && minute < w.to),
  );
}

/** Hours as typed, at this instant: an empty or unreadable text counts as reachable (it is refused when saved). */
export function reachableAt(text: string, at: number): boolean {
  const p = parseHours(text);
  return !p.ok || isWithinHours(p.hours, at);
}
