/**
 * Legal clocks. APPI deadlines are calendar dates in Japan; the sources do not settle how
 * the days are counted, so the convention below is applied everywhere and returned with
 * every deadline for the UI to state. The stricter reading is returned beside it so the
 * team can aim for the earlier date.
 *
 * Japan has kept UTC+9 without daylight saving since 1952, so a fixed offset gives the
 * Tokyo calendar date exactly and keeps this free of the host's time zone.
 */
import { RULES } from './rules';

/** 'YYYY-MM-DD', a calendar date in Asia/Tokyo. */
export type DateJST = string;

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const DAY_COUNTING = {
  code: 'learned-day-is-day-0',
  /** The day the company learned of the leak is day 0; day N is N calendar days later. */
  firstDay: 'not-counted',
  /** Due by the end of the last day, Tokyo time (24:00 JST = 15:00 UTC). */
  dueAt: 'end-of-day-jst',
  timeZone: 'Asia/Tokyo',
  /** Weekends and holidays count and a deadline falling on one is not moved. */
  holidays: 'counted-not-extended',
} as const;

export const STRICTER_COUNTING = {
  code: 'learned-day-is-day-1',
  firstDay: 'counted',
  dueAt: 'end-of-day-jst',
  timeZone: 'Asia/Tokyo',
  holidays: 'counted-not-extended',
} as const;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant without an offset would be read in the host's zone and shift the date.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export type InstantInput = string | number | Date;

/** Milliseconds since the epoch; a bare 'YYYY-MM-DD' is midnight of that day in Tokyo. */
export function toMillis(input: InstantInput): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new RangeError('deadlines: not a finite time');
    return input;
  }
  if (input instanceof Date) return toMillis(input.getTime());
  if (DATE_ONLY.test(input)) return jstMidnight(input);
  if (!INSTANT.test(input)) throw new RangeError(`deadlines: "${input}" is not an ISO instant with an offset`);
  const ms = Date.parse(input);
  if (Number.isNaN(ms)) throw new RangeError(`deadlines: "${input}" is not a valid time`);
  return ms;
}

function parseDate(date: DateJST): { y: number; m: number; d: number } {
  const match = DATE_ONLY.exec(date);
  if (!match) throw new RangeError(`deadlines: "${date}" is not YYYY-MM-DD`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 02-30 over to 03-02; a date that does not round-trip does not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`deadlines: "${date}" is not a calendar date`);
  }
  return { y, m, d };
}

function formatUtcDate(ms: number): DateJST {
  return new Date(ms).toISOString().slice(0, 10);
}

function jstMidnight(date: DateJST): number {
  const { y, m, d } = parseDate(date);
  return Date.UTC(y, m - 1, d) - JST_OFFSET_MS;
}

/** The Tokyo calendar date of an instant. */
export function jstDate(instant: InstantInput): DateJST {
  if (typeof instant === 'string' && DATE_ONLY.test(instant)) {
    parseDate(instant);
    return instant;
  }
  return formatUtcDate(toMillis(instant) + JST_OFFSET_MS);
}

export function addDays(date: DateJST, days: number): DateJST {
  const { y, m, d } = parseDate(date);
  return formatUtcDate(Date.UTC(y, m - 1, d + days));
}

/** The instant a day ends in Tokyo (the next day's 00:00 JST), as ISO. */
export function endOfJstDay(date: DateJST): string {
  return new Date(jstMidnight(date) + DAY_MS).toISOString();
}

export interface DeadlineBasis {
  rule: 'promptly-target' | 'final-30' | 'final-60-improper-purpose' | 'final-30-improper-purpose-unknown';
  source: string;
  counting: typeof DAY_COUNTING;
  learnedDate: DateJST;
  /** Why the rule was chosen, as a code for the UI to translate. */
  assumption: 'none' | 'improper-purpose-unknown-earlier-deadline';
}

export interface PpcDeadlines {
  learnedDate: DateJST;
  preliminaryTarget: {
    from: DateJST;
    to: DateJST;
    /** End of `to`, for the countdown; the legal duty is "promptly", not this date. */
    dueBy: string;
    basis: DeadlineBasis & { targetDays: { min: number; max: number }; targetSource: string };
  };
  final: {
    date: DateJST;
    dueBy: string;
    days: 30 | 60;
    basis: DeadlineBasis & { stricterReading: { counting: typeof STRICTER_COUNTING; date: DateJST } };
  };
  notice: { rule: 'promptly'; source: string };
  rulesVersion: string;
}

/**
 * PPC deadlines from the moment the company learned of the leak. An unknown improper
 * purpose gives the 30-day deadline: the earlier date is the safe one to work to.
 */
export function ppcDeadlines(learnedAt: InstantInput, improperPurpose: boolean | null): PpcDeadlines {
  const { preliminary, final, finalImproperPurpose, noticeToIndividuals } = RULES.appi.deadlines;
  const learnedDate = jstDate(learnedAt);
  const days = improperPurpose === true ? finalImproperPurpose.days : final.days;
  const rule = improperPurpose === true ? 'final-60-improper-purpose' : improperPurpose === null ? 'final-30-improper-purpose-unknown' : 'final-30';
  const assumption = improperPurpose === null ? 'improper-purpose-unknown-earlier-deadline' : 'none';
  const finalDate = addDays(learnedDate, days);
  const to = addDays(learnedDate, preliminary.targetDays.max);
  return {
    learnedDate,
    preliminaryTarget: {
      from: addDays(learnedDate, preliminary.targetDays.min),
      to,
      dueBy: endOfJstDay(to),
      basis: {
        rule: 'promptly-target',
        source: preliminary.source,
        counting: DAY_COUNTING,
        learnedDate,
        assumption: 'none',
        targetDays: { ...preliminary.targetDays },
        targetSource: preliminary.targetSource,
      },
    },
    final: {
      date: finalDate,
      dueBy: endOfJstDay(finalDate),
      days,
      basis: {
        rule,
        source: improperPurpose === true ? finalImproperPurpose.source : final.source,
        counting: DAY_COUNTING,
        learnedDate,
        assumption,
        stricterReading: { counting: STRICTER_COUNTING, date: addDays(learnedDate, days - 1) },
      },
    },
    notice: { rule: 'promptly', source: noticeToIndividuals.source },
    rulesVersion: RULES.version,
  };
}

export interface GdprDeadline {
  /** ISO instant: 72 hours after becoming aware, to the millisecond. */
  dueAt: string;
  hours: number;
  source: string;
  /** A report after dueAt is still due, with the reasons for the delay. */
  lateNeedsReasons: boolean;
}

export function gdprDeadline(awareAt: InstantInput): GdprDeadline {
  const rule = RULES.gdpr.supervisoryAuthority;
  return {
    dueAt: new Date(toMillis(awareAt) + rule.hours * 60 * 60 * 1000).toISOString(),
    hours: rule.hours,
    source: rule.source,
    lateNeedsReasons: rule.lateNeedsReasons,
  };
}

export interface Countdown {
  /** True once `now` is past the deadline; the other fields then count time since. */
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** Signed milliseconds left (negative when overdue). */
  ms: number;
}

/** Time left (or past) to a deadline; whole minutes, rounded down. */
export function countdown(deadline: InstantInput, now: InstantInput): Countdown {
  const ms = toMillis(deadline) - toMillis(now);
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return {
    overdue: ms < 0,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    ms,
  };
}
