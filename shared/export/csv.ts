/**
 * CSV for the people who open it in Excel or feed it to Japanese label and mail-merge
 * software: RFC 4180 text, a guard against formula injection, and byte encodings
 * (UTF-8 with or without BOM, Shift_JIS as Windows writes it).
 */
import Encoding from 'encoding-japanese';

export type CsvCell = string | number | null | undefined;
export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'shift_jis';

// ---------------------------------------------------------------------------
// Writing

/**
 * Cells that a spreadsheet would read as the start of a formula (OWASP "CSV Injection"),
 * once any leading whitespace is skipped, because some importers trim it. The full-width
 * forms are there because Japanese Excel may take them for their ASCII twins (it does so
 * when they are typed); U+2212 because the Shift_JIS encoder below writes it as
 * full-width minus.
 * TAB and CR count anywhere in the leading whitespace: the regex backtracks into it.
 */
const FORMULA_START = /^\s*[=+\-@\t\r＝＋－＠\u2212]/;

/**
 * Prefixes `'` to a cell that a spreadsheet would run as a formula, so it shows as text.
 * The rule looks at the text only: a string such as "-12" or "+81 3 1234 5678" is
 * guarded too, since a string that merely looks numeric (a code, a phone number) may be
 * a formula to Excel and we cannot tell. Values meant as numbers must reach `toCsv` as
 * the number type, which is never guarded.
 */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

// Leading or trailing whitespace is quoted too: some readers trim unquoted fields.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // A finite number cannot carry a formula, and "-12" must stay a number for Excel;
  // NaN and ±Infinity are not numbers Excel reads, so they go through the guard.
  const text = typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : guardCell(String(cell));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 text, each record ended by `newline` (CRLF by default, as Excel writes it).
 * An empty header writes no header line. Embedded line breaks are kept as given.
 */
export function toCsv(header: string[], rows: CsvCell[][], options: { newline?: '\r\n' | '\n' } = {}): string {
  const newline = options.newline ?? '\r\n';
  const records = header.length > 0 ? [header, ...rows] : rows;
  return records.map((record) => record.map(field).join(',') + newline).join('');
}

// ---------------------------------------------------------------------------
// Reading

export class CsvParseError extends Error {
  override name = 'CsvParseError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * A small RFC 4180 reader for round trips and small files. Lenient where Excel is (a
 * quote inside an unquoted field, text after a closing quote are kept as text); an
 * unterminated quoted field throws, since it means the file was cut short. A final
 * line break ends the last record rather than starting an empty one. The delimiter is a
 * comma unless told (Excel's "Unicode text" is UTF-16 with tabs; some locales use ";").
 */
export function parseCsv(text: string, delimiter: ',' | '\t' | ';' = ','): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let inQuotes = false;
  let quotedAt = 0;
  let line = 1;
  // True once the current record has any content, so that a final line break does not
  // produce an extra empty record.
  let started = false;

  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          value += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        value += ch;
      }
      continue;
    }
    if (ch === '"' && value === '') {
      inQuotes = true;
      quotedAt = line;
      started = true;
    } else if (ch === delimiter) {
      record.push(value);
      value = '';
      started = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(value);
      records.push(record);
      record = [];
      value = '';
      started = false;
      line++;
    } else {
      value += ch;
      started = true;
    }
  }
  if (inQuotes) throw new CsvParseError(`Quoted field opened on line ${quotedAt} is never closed`, quotedAt);
  if (started) {
    record.push(value);
    records.push(record);
  }
  return records;
}

// ---------------------------------------------------------------------------
// Bytes

/** A character the chosen encoding cannot write, and where it is in the CSV text. */
export interface Unencodable {
  char: string;
  /** "U+1F600", for a message a person can search for ("U+3046 U+3099" for a kana pair). */
  codePoint: string;
  /** 1-based line of the text (CRLF, LF and CR each end one) and column in code points. */
  line: number;
  column: number;
  /** 1-based CSV record (the header is record 1) and field, to point at the cell. */
  record: number;
  field: number;
}

export class UnencodableError extends Error {
  override name = 'UnencodableError';
  constructor(
    readonly encoding: CsvEncoding,
    readonly found: Unencodable[],
  ) {
    const shown = found
      .slice(0, 5)
      .map((u) => `"${u.char}" (${u.codePoint}) at line ${u.line}, column ${u.column}`)
      .join('; ');
    const more = found.length > 5 ? `; and ${found.length - 5} more` : '';
    super(`${found.length} character(s) cannot be written as ${encoding}: ${shown}${more}`);
  }
}

/** The Japanese convention for a character that could not be reproduced. */
export const GETA = '〓';

/**
 * Characters that CP932 lacks but whose look-alike it has, written as that look-alike
 * rather than rejected, since people type them without knowing (Mac and JIS-mapped
 * sources use the left-hand code points for the same JIS characters).
 * WAVE DASH: U+301C is written as 0x8160, which CP932 decoders (Windows, and the WHATWG
 * Shift_JIS decoder in browsers and Node) read back as U+FF5E FULLWIDTH TILDE — the same
 * glyph, a different code point; U+FF5E itself round-trips unchanged.
 */
const CP932_LOOKALIKE: ReadonlyMap<string, string> = new Map([
  ['\u301C', '\uFF5E'], // WAVE DASH → FULLWIDTH TILDE
  ['\u2016', '\u2225'], // DOUBLE VERTICAL LINE → PARALLEL TO
  ['\u2212', '\uFF0D'], // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
  ['\u00A2', '\uFFE0'], // CENT SIGN
  ['\u00A3', '\uFFE1'], // POUND SIGN
  ['\u00AC', '\uFFE2'], // NOT SIGN
  ['\u2014', '\u2015'], // EM DASH → HORIZONTAL BAR (CP932's 0x815C)
  // JIS X 0201 Roman; 0x5C and 0x7E would come back as backslash and tilde in most fonts.
  ['\u00A5', '\uFFE5'], // YEN SIGN → FULLWIDTH YEN SIGN
  ['\u203E', '\uFFE3'], // OVERLINE → FULLWIDTH MACRON
  ['\u00A6', '\uFFE4'], // BROKEN BAR → FULLWIDTH BROKEN BAR (IBM extension)
  // Invisible in the app, common in text pasted from web pages; an error would puzzle.
  ['\u00A0', ' '],
]);

const sjisCache = new Map<string, readonly number[] | null>();

/**
 * Bytes of one character in CP932 as Windows (and the WHATWG encoder) writes it, or null.
 * encoding-japanese writes IBM extensions in the NEC-selected rows 0xED/0xEE; Windows
 * and browsers write them at 0xFA–0xFC, so we move them there: other software reading
 * our file sees the same bytes Excel would have saved.
 */
function sjisBytes(ch: string): readonly number[] | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return [cp];
  const cached = sjisCache.get(ch);
  if (cached !== undefined) return cached;
  let bytes: readonly number[] | null;
  if (cp >= 0xe000 && cp <= 0xe757) {
    // User-defined characters (gaiji): CP932 maps them to 0xF040–0xF9FC and Windows
    // writes them, so a company's own EUDC font shows them on the other side.
    const n = cp - 0xe000;
    const trail = (n % 188) + 0x40;
    bytes = [0xf0 + Math.floor(n / 188), trail >= 0x7f ? trail + 1 : trail];
  } else {
    const out = Encoding.convert(ch, { to: 'SJIS', from: 'UNICODE', type: 'array', fallback: 'ignore' });
    bytes = out.length === 0 ? null : toIbmExtension(out);
  }
  sjisCache.set(ch, bytes);
  return bytes;
}

// Inverse of the remapping in encoding-japanese's sjis-ext.js: IBM extensions
// 0xFA40–0xFA49 (small roman numerals) sit at 0xEEEF–0xEEF8, 0xFA55–0xFA57 at
// 0xEEFA–0xEEFC, and 0xFA5C–0xFC4B at 0xED40–0xEEEC in order.
function toIbmExtension(bytes: number[]): number[] {
  const [b1, b2] = bytes;
  if (bytes.length !== 2 || b1 === undefined || b2 === undefined || (b1 !== 0xed && b1 !== 0xee)) return bytes;
  const index = (b1 - 0xed) * 188 + b2 - (b2 < 0x7f ? 0x40 : 0x41);
  let ibm: number;
  if (index < 360) ibm = 28 + index;
  else if (index >= 362 && index <= 371) ibm = index - 362;
  else if (index >= 373 && index <= 375) ibm = index - 373 + 21;
  else return bytes;
  const trail = (ibm % 188) + 0x40;
  return [0xfa + Math.floor(ibm / 188), trail >= 0x7f ? trail + 1 : trail];
}

type Position = Omit<Unencodable, 'char' | 'codePoint'>;

/**
 * Walks the text once, the way the encoder will see it: each step is a code point, or a
 * kana followed by a combining (semi-)voiced mark that composes to one character (NFD
 * text from macOS). Full NFC is not applied: it would turn CJK compatibility
 * ideographs into their unified forms and change how a name is written.
 * `visit` gets what will be written (null if nothing can be) and the position, one
 * object updated in place so that large exports allocate nothing per character.
 */
function scan(
  text: string,
  encoding: CsvEncoding,
  visit: (written: string | null, original: string, at: Readonly<Position>) => void,
): void {
  const at: Position = { line: 1, column: 1, record: 1, field: 1 };
  let inQuotes = false;
  let afterCr = false;
  const sjis = encoding === 'shift_jis';

  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    let unit = cp < 0x80 ? (text[i] ?? '') : String.fromCodePoint(cp);
    let written: string | null = unit;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // Half of a surrogate pair (a whole pair has a code point above 0xFFFF):
      // TextEncoder would silently write U+FFFD for it.
      written = null;
    } else if (sjis && cp >= 0x80) {
      const next = text.charCodeAt(i + 1);
      if (cp >= 0x3041 && cp <= 0x30ff && (next === 0x3099 || next === 0x309a)) {
        const composed = (unit + String.fromCharCode(next)).normalize('NFC');
        if (composed.length === 1) {
          unit = text.slice(i, i + 2);
          written = composed;
        }
      }
      written = CP932_LOOKALIKE.get(written) ?? written;
      if (sjisBytes(written) === null) written = null;
    }
    visit(written, unit, at);
    i += unit.length;

    if (unit === '\r' || unit === '\n') {
      if (!(unit === '\n' && afterCr)) {
        at.line++;
        if (!inQuotes) {
          at.record++;
          at.field = 1;
        }
      }
      at.column = 1;
      afterCr = unit === '\r';
      continue;
    }
    afterCr = false;
    if (unit === '"') inQuotes = !inQuotes;
    else if (unit === ',' && !inQuotes) at.field++;
    at.column += cp > 0xffff ? 1 : unit.length;
  }
}

function describe(char: string, at: Readonly<Position>): Unencodable {
  const codePoint = [...char].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return { char, codePoint: codePoint.join(' '), line: at.line, column: at.column, record: at.record, field: at.field };
}

/** Every character of `text` that `encoding` cannot write (after the look-alikes above). */
export function findUnencodable(text: string, encoding: CsvEncoding = 'shift_jis'): Unencodable[] {
  const found: Unencodable[] = [];
  scan(text, encoding, (written, original, at) => {
    if (written === null) found.push(describe(original, at));
  });
  return found;
}

const BOM = [0xef, 0xbb, 0xbf];
const utf8Encoder = new TextEncoder();
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bytes to save. A character the encoding cannot write never turns silently into "?":
 * by default it throws an `UnencodableError` naming the first few and where they are;
 * with `onUnencodable: 'replace'` each is written as 〓 (geta).
 */
export function encodeCsv(
  text: string,
  encoding: CsvEncoding,
  options: { onUnencodable?: 'error' | 'replace' } = {},
): Uint8Array<ArrayBuffer> {
  const replace = options.onUnencodable === 'replace';
  const found: Unencodable[] = [];

  if (encoding !== 'shift_jis') {
    let body = text;
    if (HAS_LONE_SURROGATE.test(text)) {
      const parts: string[] = [];
      scan(text, encoding, (written, original, at) => {
        if (written === null) found.push(describe(original, at));
        parts.push(written ?? GETA);
      });
      if (!replace) throw new UnencodableError(encoding, found);
      body = parts.join('');
    }
    const bytes = utf8Encoder.encode(body);
    if (encoding === 'utf-8') return bytes as Uint8Array<ArrayBuffer>;
    const out = new Uint8Array(BOM.length + bytes.byteLength);
    out.set(BOM);
    out.set(bytes, BOM.length);
    return out;
  }

  // Each step of the scan is at least one UTF-16 unit and at most two bytes.
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  scan(text, encoding, (written, original, at) => {
    if (written === null) found.push(describe(original, at));
    if (found.length > 0 && !replace) return;
    for (const b of sjisBytes(written ?? GETA) ?? []) out[n++] = b;
  });
  if (found.length > 0 && !replace) throw new UnencodableError(encoding, found);
  return out.slice(0, n);
}

/** Text of exported bytes; a UTF-8 BOM is dropped. Malformed bytes throw a TypeError. */
export function decodeCsvBytes(bytes: Uint8Array, encoding: 'utf-8' | 'shift_jis'): string {
  return new TextDecoder(encoding, { fatal: true }).decode(bytes);
}
