/**
 * Which character separates the fields of a list. A tab- or semicolon-separated file read
 * as CSV is one column per line — every row "imports" as a customer number — so the
 * separator is detected, shown, and can be changed before anything is stored.
 */
import Papa from 'papaparse';
import { unifyLineBreaks } from './line-breaks';
import { DELIMITERS, type Delimiter } from './model';

/** Detection reads this many line breaks of the file, or this many characters. */
export const DETECT_BREAKS = 40;
export const DETECT_CHARS = 64 * 1024;

/** Dictionary keys for the separators (shared/ holds no UI text). */
export const DELIMITER_NAMES: Record<Delimiter, 'comma' | 'tab' | 'semicolon' | 'fullwidthComma' | 'fullwidthSemicolon'> = {
  ',': 'comma',
  '\t': 'tab',
  ';': 'semicolon',
  '\uff0c': 'fullwidthComma',
  '\uff1b': 'fullwidthSemicolon',
};

export function isDelimiter(v: unknown): v is Delimiter {
  return typeof v === 'string' && (DELIMITERS as readonly string[]).includes(v);
}

/**
 * The start of the text detection looks at, or null while more text is needed. It
 * depends on the text only, never on how it arrived in chunks: the same file always
 * gets the same separator.
 */
export function detectionSample(text: string, final: boolean): { sample: string; cut: boolean } | null {
  let breaks = 0;
  for (let i = 0; i < text.length && i < DETECT_CHARS; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x0a || c === 0x0d) && ++breaks === DETECT_BREAKS) return { sample: text.slice(0, i), cut: false };
  }
  if (text.length >= DETECT_CHARS) return { sample: text.slice(0, DETECT_CHARS), cut: true };
  return final ? { sample: text, cut: false } : null;
}

/**
 * The separator that splits the first line into two or more fields and the following
 * lines into as many; on a tie the earlier in DELIMITERS (comma first). Null when no
 * separator splits the first line: a one-column list.
 */
export function detectDelimiter(sample: string, cut = false): Delimiter | null {
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    if (!sample.includes(d)) continue;
    const rows = Papa.parse<string[]>(unifyLineBreaks(sample, d), { delimiter: d, newline: '\n', quoteChar: '"', skipEmptyLines: 'greedy' }).data;
    // The last line of a sample cut mid-line is partial.
    if (cut && rows.length > 1) rows.pop();
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const rest = rows.slice(1);
    const score = rest.length === 0 ? 1 : rest.filter((r) => r.length === width).length / rest.length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const DELIMITER_LIKE = /[,\t;\uff0c\uff1b]/;

/** A separator-like character in a value that should never hold one (a customer number, an address). */
export function delimiterIn(value: string): Delimiter | undefined {
  const m = DELIMITER_LIKE.exec(value);
  return m ? (m[0] as Delimiter) : undefined;
}
