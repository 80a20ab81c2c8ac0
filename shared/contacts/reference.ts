/**
 * Reference numbers (照会番号): the number printed on each letter that a caller reads out to
 * the call centre. Digits only (read aloud in any language, typed on any phone keypad), 11 of
 * them: the list's number in the incident (2 digits, 01–99), the customer's row in that list
 * plus one (8 digits, up to 99,999,999) and a Damm check digit. Damm is chosen over Luhn
 * because it catches every single-digit error AND every swap of two adjacent digits (Luhn
 * misses 09↔90), with no letters and no weights to explain.
 *
 * The number is derived, not stored: (list number, row) already identify a customer in an
 * incident, so a number needs no table and two laptops derive the same one. Shown in groups
 * of 4-4-3 (`0100-0001-234`); parsing accepts full-width digits, any dash and spaces, as a
 * person types or an OCR'd return list writes them.
 */

/** Damm's quasigroup of order 10 (weakly totally anti-symmetric). */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const REFERENCE_DIGITS = 11;
export const MAX_LIST_NO = 99;
export const MAX_REFERENCE_ROW = 99_999_998;

/** The Damm check digit of a string of digits (0 when appended makes the whole check to 0). */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (let i = 0; i < digits.length; i++) interim = DAMM[interim]![digits.charCodeAt(i) - 48]!;
  return interim;
}

/** The reference number of row `row` (0-based) of list `listNo` (1–99): 11 digits, no separators. */
export function referenceNumber(listNo: number, row: number): string {
  if (!Number.isInteger(listNo) || listNo < 1 || listNo > MAX_LIST_NO) throw new RangeError(`reference: list number ${listNo} outside 1–${MAX_LIST_NO}`);
  if (!Number.isInteger(row) || row < 0 || row > MAX_REFERENCE_ROW) throw new RangeError(`reference: row ${row} outside 0–${MAX_REFERENCE_ROW}`);
  const body = String(listNo).padStart(2, '0') + String(row + 1).padStart(8, '0');
  return body + String(dammDigit(body));
}

/** As printed and shown: `0100-0001-234`. */
export function formatReference(ref: string): string {
  return `${ref.slice(0, 4)}-${ref.slice(4, 8)}-${ref.slice(8)}`;
}

/** `spreadsheet`: a file cell a spreadsheet wrote as a number in exponent form (1.00E+10) — its digits are gone. */
/**
 * `leading-zero`: 10 digits that read as a list 01–09 number whose leading 0 a spreadsheet
 * dropped, in an incident that also has lists 10–99 — where a number of those with one digit
 * missing reads the same way about one time in ten, so it cannot be told which.
 */
export type ReferenceProblem = 'empty' | 'not-digits' | 'length' | 'check' | 'no-list' | 'spreadsheet' | 'leading-zero';
export type ParsedReference = { ok: true; listNo: number; row: number; ref: string } | { ok: false; problem: ReferenceProblem };

/**
 * Full-width digits to ASCII; dashes, spaces, invisible format characters (zero-width ones and
 * direction marks, pasted from a chat, a PDF or a spreadsheet) and the long-vowel mark people
 * type for a dash dropped; the letters O and I/l that an
 * operator types for 0 and 1 read as those digits (the check digit still has the last word).
 */
function cleanReference(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―−ー－\p{Cf}]/gu, '')
    .replace(/[Oo]/g, '0')
    .replace(/[Il]/g, '1');
}

/** Reads a reference number as a person typed it; says what is wrong when it cannot be one. */
export function parseReference(input: string): ParsedReference {
  const s = cleanReference(input);
  if (!s) return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'not-digits' };
  if (s.length !== REFERENCE_DIGITS) return { ok: false, problem: 'length' };
  if (dammDigit(s) !== 0) return { ok: false, problem: 'check' };
  const listNo = Number(s.slice(0, 2));
  const rowPlusOne = Number(s.slice(2, 10));
  if (listNo < 1 || rowPlusOne < 1) return { ok: false, problem: 'no-list' };
  return { ok: true, listNo, row: rowPlusOne - 1, ref: s };
}

/**
 * A reference number as a file cell holds it. A returned list opened in a spreadsheet and
 * saved again has its 照会番号 column as numbers: the leading zero of lists 01–09 is lost
 * (01000000018 → 1000000018), or a narrow column is written as 1.00E+10. The first is read
 * back — a leading zero does not change the Damm digit, and only digits with no separator,
 * starting 1–9, are taken that way (a digit dropped inside keeps the leading 0, and a number
 * read from the letter keeps its dashes) — the second is named so the screen can say what
 * happened instead of asking for the returned letters to be read again.
 */
export function parseReferenceCell(input: string): ParsedReference {
  const t = input.normalize('NFKC').trim();
  if (lostLeadingZero(t)) return parseReference('0' + t);
  if (/^\d+(?:\.\d+)?E\+?\d+$/i.test(t)) return { ok: false, problem: 'spreadsheet' };
  return parseReference(input);
}

/** 10 digits starting 1–9 with no separator: a list 01–09 number as a spreadsheet saves it (or one with a digit missing). */
export function lostLeadingZero(input: string): boolean {
  return /^[1-9]\d{9}$/.test(input.normalize('NFKC').trim());
}

/** True when the text looks like someone meant a reference number (11 digits after cleaning). */
export function looksLikeReference(input: string): boolean {
  const s = cleanReference(input);
  return s.length === REFERENCE_DIGITS && /^\d+$/.test(s);
}
