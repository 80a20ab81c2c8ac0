/** Dates and numbers as people read them, in the UI's language and the laptop's time zone. */
import { hlcIso } from '../../../shared/events/hlc';
import type { Language } from '../../../shared/ipc/contract';

const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

export function locale(lang: Language): string {
  return LOCALES[lang];
}

/**
 * Building an Intl formatter costs tens of microseconds; a board of a hundred cards drew a
 * hundred of them on every change (measured: a quarter of the render after adding a task).
 * One per language and style is kept; the laptop's time zone is read when it is first built,
 * as a page reads it once anyway.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(key: string, lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}:${lang}`;
  let f = formatters.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(id, (f = new Intl.DateTimeFormat(LOCALES[lang], options)));
  return f;
}
function numberFormat(lang: Language): Intl.NumberFormat {
  const id = `number:${lang}`;
  let f = formatters.get(id) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(id, (f = new Intl.NumberFormat(LOCALES[lang])));
  return f;
}

function dateTimeIn(iso: string | null, lang: Language, timeZone?: 'Asia/Tokyo'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(timeZone ? 'date-time-tokyo' : 'date-time', lang, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(d);
}

export function formatDateTime(iso: string | null, lang: Language): string {
  return dateTimeIn(iso, lang);
}

/**
 * As formatDateTime, in Tokyo time whatever the laptop's zone: for documents to a Japanese
 * regulator, whose other times (discovery, occurrence) are Tokyo time.
 */
export function formatTokyoDateTime(iso: string | null, lang: Language): string {
  return dateTimeIn(iso, lang, 'Asia/Tokyo');
}

export function formatDate(iso: string | null, lang: Language): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // '2026/12/07' in Japanese; '7 Dec 2026' in English, where '07/12/2026' reads as 12 July to some and 7 December to others.
  return dateFormat('date', lang, lang === 'ja' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { dateStyle: 'medium' }).format(d);
}

/**
 * A calendar date of Japan ('YYYY-MM-DD', as the legal deadlines are counted) as people read
 * it in the language on screen: '2026/12/07' or '7 Dec 2026'. Formatted as the date itself,
 * never shifted by the laptop's time zone.
 */
export function formatCalendarDate(date: string | null, lang: Language): string {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  const style: Intl.DateTimeFormatOptions = lang === 'ja' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { dateStyle: 'medium' };
  return dateFormat('calendar', lang, { ...style, timeZone: 'UTC' }).format(d);
}

export function formatCount(n: number | null, lang: Language): string | null {
  return n === null ? null : numberFormat(lang).format(n);
}

/**
 * Builds (and uses once) the formats the first screen needs. The first of each costs
 * milliseconds in a fresh page (locale data loads); unlocking calls this while Argon2id runs
 * in its worker, so the incident screen after it does not pay for them.
 */
export function warmFormatters(lang: Language): void {
  const now = new Date().toISOString();
  formatDateTime(now, lang);
  formatDate(now, lang);
  formatCalendarDate(now.slice(0, 10), lang);
  formatCount(1234, lang);
}

/** ISO instant → value of an <input type="datetime-local"> in local time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * YYYY-MM-DD of an instant on the laptop's calendar (or `timeZone`'s), for file names: the
 * day the user sees on screen, where the ISO date would be UTC's.
 */
export function localDate(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** <input type="datetime-local"> value (local time) → ISO instant; empty → null. */
export function fromLocalInput(value: string): string | null {
  if (value === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Whole days, hours and minutes between two instants. */
export function elapsedParts(fromIso: string, now: number): { d: number; h: number; m: number } | null {
  const from = new Date(fromIso).getTime();
  if (Number.isNaN(from)) return null;
  const mins = Math.max(0, Math.floor((now - from) / 60_000));
  return { d: Math.floor(mins / 1440), h: Math.floor((mins % 1440) / 60), m: mins % 60 };
}

/** The wall-clock instant of an event's hybrid logical clock, as ISO (shared/events/hlc.ts). */
export { hlcIso };

/** A note after a word, in the brackets of the language: 「名前（会社）」, "Name (Company)". */
export function withNote(text: string, note: string, lang: Language): string {
  return lang === 'ja' ? `${text}（${note}）` : `${text} (${note})`;
}
