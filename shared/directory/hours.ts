/**
 * When a person of the contact list can be reached, read from what was typed: "平日 9-18",
 * "24時間", "毎日 8:30～22:00", "土日 10-17", "月-金 9時-18時", "平日 9-18、土 9-12",
 * "weekdays 9-18", "Mon-Fri 9:00-17:30". Full-width digits and the dashes and tildes of
 * Japanese input modes are read as their ASCII forms. Times are Japan time (JST, no daylight
 * saving): the team and its contacts are in Japan, and a laptop's own zone must not change
 * who is called. An end before the start runs past midnight ("22-6").
 *
 * Public holidays are known (holidays-jp.ts): "土日祝 10-17" is Saturdays, Sundays and
 * holidays; "祝日 9-12" holidays only; "平日" (and "平日のみ") is Monday to Friday that are not
 * holidays, as Japanese business hours mean it; "(祝日除く)" / "祝日以外" leaves holidays out
 * of any window, and "土日祝除く" / "日曜・祝日以外" leave those days out (weekdays that are not
 * holidays, Monday to Saturday that are not); "月-金" names weekdays only and says nothing of holidays. "夜間" (and
 * "夜間のみ") is NIGHT below, 18:00 to 9:00 the next morning, every day; a day spec alone
 * ("土日祝", "平日のみ") is those whole days. A window past midnight belongs to the day it
 * starts on (Friday's "22-6" covers Saturday 3:00, whatever Saturday is).
 */

/** 夜間: what the form shows next to the hours field. */
export const NIGHT = { from: 18 * 60, to: 9 * 60 } as const;

import { holidayName } from './holidays-jp';

export interface HoursWindow {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after midnight, JST. */
  from: number;
  to: number;
  /** On a public holiday: the window applies too (`also`, 土日祝), never (`not`, 平日 / 祝日除く), or by weekday (absent). */
  holiday?: 'also' | 'not';
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
    // 夜間 is a window of its own (NIGHT), "のみ" adds nothing ("夜間のみ", "平日のみ").
    .replace(/夜間|nights?/gi, ' 18:00-9:00 ')
    .replace(/のみ|only/gi, ' ')
    // "(祝日除く)", "(土日祝除く)" are kept as words (days left out); any other note in brackets says nothing of the time.
    .replace(/\(\s*([日月火水木金土曜・,祝祭]+\s*を?\s*(?:除く|以外))\s*\)/g, ' $1 ')
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

interface DaySpec {
  days: number[];
  holiday?: 'also' | 'not';
}

const NOT_HOLIDAYS = /祝(?:祭)?日?を?除く|祝日以外|except (?:public )?holidays|excluding holidays|no holidays/i;
/**
 * Days named as left out: "土日祝除く", "土日・祝日を除く", "日曜・祝日以外", "祝日除く". The
 * days before 除く/以外 are the ones the person is NOT reachable — "土日祝除く 9-18" is
 * weekdays that are not holidays (read before as weekends: the opposite). Not after 平/毎/全
 * (平日, 毎日: the 日 is part of the word).
 */
const EXCEPT = /(?<![平毎全休終])([日月火水木金土曜・,祝祭]*[日月火水木金土曜祝祭])\s*を?\s*(?:除く|以外)/;

/** The weekdays and whether holidays are among the days an EXCEPT names; null if unreadable. */
function leftOut(named: string): { days: number[]; holidays: boolean } | null {
  const holidays = /祝|祭/.test(named);
  const rest = named.replace(/祝祭日|祝日|祭日|祝|祭/g, '').replace(/^[・,]+|[・,]+$/g, '');
  if (rest === '') return { days: [], holidays };
  const days = parseDayList(rest, false);
  return days ? { days, holidays } : null;
}

function parseDays(spec: string): DaySpec | null {
  let s = spec.trim();
  let holiday: DaySpec['holiday'];
  let out: number[] = [];
  const except = EXCEPT.exec(s);
  if (except) {
    const left = leftOut(except[1]!);
    if (!left) return null;
    out = left.days;
    if (left.holidays) holiday = 'not';
    s = (s.slice(0, except.index) + s.slice(except.index + except[0].length)).trim();
  } else if (NOT_HOLIDAYS.test(s)) {
    holiday = 'not';
    s = s.replace(NOT_HOLIDAYS, '').trim();
  } else if (/祝日?|祭日|holidays?/i.test(s)) {
    holiday = 'also';
    s = s.replace(/祝日?|祭日|(?:public )?holidays?/gi, '').trim().replace(/(?:[・,&\s]|\band\b)+$/i, '').replace(/^(?:[・,&\s]|\band\b)+/i, '').trim();
  }
  const named = parseDayList(s, holiday === 'also');
  if (!named) return null;
  const days = named.filter((d) => !out.includes(d));
  if (days.length === 0 && holiday !== 'also') return null;
  // 平日 means working days: a holiday Monday is not one, unless it says 祝.
  if (holiday === undefined && /^(平日|weekdays?)$/i.test(s)) holiday = 'not';
  return holiday ? { days, holiday } : { days };
}

function parseDayList(spec: string, holidaysNamed: boolean): number[] | null {
  const s = spec.trim();
  // "祝日 9-12": holidays only; "毎日" or nothing: every day.
  if (s === '') return holidaysNamed ? [] : ALL;
  if (/^(毎日|全日|daily|every ?day)$/i.test(s)) return ALL;
  if (/^(平日|weekdays?)$/i.test(s)) return WEEKDAYS;
  if (/^(土日|週末|weekends?|土・日|sat(?:urday)?s? ?(?:and|,|&) ?sun(?:day)?s?)$/i.test(s)) return WEEKEND;
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
  const spec = parseDays(m[1]!);
  const from = Number(m[2]) * 60 + Number(m[3] ?? 0);
  const to = Number(m[4]) * 60 + Number(m[5] ?? 0);
  if (!spec || from > 24 * 60 || to > 24 * 60 || Number(m[3] ?? 0) > 59 || Number(m[5] ?? 0) > 59 || from === to) return null;
  return { ...spec, from, to };
}

export function parseHours(text: string): HoursParse {
  const s = normalise(text);
  if (s === '' || ALWAYS.test(s)) return { ok: true, hours: { always: true } };
  const windows: HoursWindow[] = [];
  for (const raw of s.split(/(?<=[\d時h])\s*[、,;/]\s*/i)) {
    // "平日 9-18 祝日除く", "9-18 土日祝除く" (the note was in brackets after the time): read with the days, before the time.
    const note = EXCEPT.exec(raw) ?? NOT_HOLIDAYS.exec(raw);
    const after = note !== null && /\d/.test(raw) && note.index > raw.search(/\d[^\d]*$/);
    const part = after ? `${note[0]} ${raw.slice(0, note.index)}${raw.slice(note.index + note[0].length)}`.replace(/\s+/g, ' ').trim() : raw;
    const push = (w: HoursWindow) => windows.push(w);
    // "毎日 24時間" and "平日 24時間": the whole of those days.
    const whole = /^(.*?)\s*(24時間|24h|24 ?hours?)$/i.exec(part);
    if (whole) {
      const days = parseDays(whole[1]!);
      if (!days) return { ok: false };
      push({ ...days, from: 0, to: 24 * 60 });
      continue;
    }
    // A day spec alone ("土日祝", "平日"): the whole of those days.
    if (!/\d/.test(part)) {
      // "祝日以外" alone names no days: refused rather than guessed ("土日祝以外" names the weekdays).
      const except = EXCEPT.exec(part);
      if (part.replace(EXCEPT, '').replace(NOT_HOLIDAYS, '').trim() === '' && !(except && leftOut(except[1]!)?.days.length)) return { ok: false };
      const days = parseDays(part);
      if (!days || (days.days.length === 0 && days.holiday !== 'also')) return { ok: false };
      push({ ...days, from: 0, to: 24 * 60 });
      continue;
    }
    const w = parseWindow(part);
    if (!w) return { ok: false };
    push(w);
  }
  return { ok: true, hours: { always: false, windows } };
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Whether a window's days include this calendar day (weekday, and whether it is a holiday). */
function onDay(w: HoursWindow, day: number, holiday: boolean): boolean {
  if (holiday && w.holiday === 'not') return false;
  if (holiday && w.holiday === 'also') return true;
  return w.days.includes(day);
}

/** Whether the hours cover this instant (Japan time, Japan's public holidays). */
export function isWithinHours(hours: Hours, at: number): boolean {
  if (hours.always) return true;
  const jst = new Date(at + JST_OFFSET_MS);
  const day = jst.getUTCDay();
  const minute = jst.getUTCHours() * 60 + jst.getUTCMinutes();
  const today = holidayName(jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate()) !== null;
  const prev = new Date(jst.getTime() - 24 * 60 * 60 * 1000);
  const yesterday = holidayName(prev.getUTCFullYear(), prev.getUTCMonth() + 1, prev.getUTCDate()) !== null;
  return hours.windows.some((w) =>
    w.from < w.to
      ? onDay(w, day, today) && minute >= w.from && minute < w.to
      : (onDay(w, day, today) && minute >= w.from) || (onDay(w, (day + 6) % 7, yesterday) && minute < w.to),
  );
}

/** Hours as typed, at this instant: an empty or unreadable text counts as reachable (it is refused when saved). */
export function reachableAt(text: string, at: number): boolean {
  const p = parseHours(text);
  return !p.ok || isWithinHours(p.hours, at);
}
