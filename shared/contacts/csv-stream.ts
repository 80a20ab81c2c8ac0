/**
 * Streaming CSV records from decoded text chunks, with physical line numbers. Decoding
 * happens before (TextDecoderStream), so a multibyte character is never cut; here
 * papaparse's own parser runs on each chunk with the unfinished last record carried into
 * the next one — the carry-over papaparse's ChunkStreamer does, so a quoted field that
 * spans chunks (even one holding line breaks or "" at the edge) is parsed whole.
 * We drive the parser ourselves because the import awaits encryption and IndexedDB
 * between chunks; papaparse's streamers cannot wait on a promise.
 *
 * Everything here depends on the text only, never on where the chunks were cut: the
 * separator is detected on a fixed start of the text, and a record longer than
 * MAX_RECORD_LENGTH is judged on its first MAX_RECORD_LENGTH + 1 characters whether it
 * arrived whole or is still being carried. (A flaky E2E case showed the difference: the
 * same 200 KB line was "too long" or "missing column" depending on the chunk sizes
 * Chromium's Blob stream happened to deliver under load.)
 */
import Papa from 'papaparse';
import { detectDelimiter, detectionSample } from './delimiter';
import { countLineBreaks, unifyLineBreaks } from './line-breaks';
import type { Delimiter, ImportIssue } from './model';
import { MAX_FIELD_LENGTH, MAX_RECORD_LENGTH } from './validate';

/** Record ends as the parser sees them, once unified (see line-breaks.ts). */
const NEWLINE = '\n';

export interface CsvRecord {
  cells: string[];
  /** Physical line (1-based) where the record starts. */
  line: number;
}

export class CsvStreamError extends Error {
  constructor(
    readonly issue: ImportIssue,
    /** Records completed before the broken one (in the same push): still to be checked. */
    readonly before: CsvRecord[] = [],
  ) {
    super(`csv: ${issue.code} at line ${issue.line}, column ${issue.column}`);
  }
}

interface PapaError {
  code: string;
  index?: number;
  row?: number;
}

export interface CsvStreamOptions {
  /** The separator; detected from the start of the text when not given. */
  delimiter?: Delimiter;
}

export class CsvRecordStream {
  private carry = '';
  private nextLine = 1;
  private parser: Papa.Parser | undefined;
  private started = false;
  private delim: Delimiter | undefined;
  private detected = false;

  constructor(options: CsvStreamOptions = {}) {
    this.delim = options.delimiter;
  }

  /** The separator in use (detected or given); a comma until known. */
  get delimiter(): Delimiter {
    return this.delim ?? ',';
  }

  /** Whether the separator was detected (true) or given/defaulted (false). */
  get wasDetected(): boolean {
    return this.detected;
  }

  /** Records completed by this chunk (call with final = true once, at the end). */
  push(chunk: string, final = false): CsvRecord[] {
    if (!this.started) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      if (!chunk && !final) return [];
      this.started = true;
    }
    let text = this.carry + chunk;
    // A CR at the chunk edge may be half of a CRLF: parsed alone after a closing quote,
    // papaparse would call the quote malformed.
    let held = '';
    if (!final && text.endsWith('\r')) {
      held = '\r';
      text = text.slice(0, -1);
    }
    if (!this.parser) {
      if (!this.delim) {
        const s = detectionSample(text, final);
        if (!s) {
          this.carry = text + held;
          return [];
        }
        const found = detectDelimiter(s.sample, s.cut);
        this.delim = found ?? ',';
        this.detected = found !== null;
      }
      this.parser = new Papa.Parser({ delimiter: this.delim, newline: NEWLINE, quoteChar: '"' });
    }
    // Every record end as LF, whatever mix of CRLF, LF and CR the file has (line-breaks.ts).
    text = unifyLineBreaks(text, this.delim!);
    if (final && text.endsWith(NEWLINE)) text = text.slice(0, -NEWLINE.length);
    const result = this.parser!.parse(text, 0, !final) as { data: string[][]; errors: PapaError[]; meta: { cursor: number } };
    const firstLine = this.nextLine;
    const out: CsvRecord[] = [];
    const broken = result.errors[0];
    // Records before the first broken one are returned (with the error) so that their
    // own findings are reported too, whatever chunk they arrived in.
    const usable = broken ? Math.min(broken.row ?? 0, result.data.length) : result.data.length;
    const lines: number[] = [];
    const kept: number[] = [];
    let long = false;
    // Every record end outside quotes is an LF by now, so only a quoted field can hold a line
    // break: text without a quote (most lists) has none to count.
    const quoted = text.includes('"');
    for (let k = 0; k < usable; k++) {
      const cells = result.data[k]!;
      const line = this.nextLine;
      lines.push(line);
      kept.push(out.length);
      // The raw record is at most content + separators + two quotes per field + doubled quotes.
      let length = cells.length - 1;
      let breaks = 0;
      for (const c of cells) {
        length += c.length;
        if (quoted) breaks += countLineBreaks(c);
      }
      if (2 * length + 2 * cells.length > MAX_RECORD_LENGTH) long = true;
      this.nextLine += 1 + breaks;
      if (cells.length === 1 && cells[0] === '') continue; // blank line
      out.push({ cells, line });
    }
    if (long) this.checkLong(text, final, usable, lines, kept, out);
    if (broken) {
      const code = broken.code === 'MissingQuotes' ? 'unterminated-quote' : 'malformed-quote';
      throw new CsvStreamError({ code, severity: 'error', ...this.position(text, broken.index ?? 0, firstLine) }, out);
    }
    const rest = final ? '' : text.slice(result.meta.cursor);
    this.carry = rest + held;
    this.checkCarry(rest, out);
    return out;
  }

  /** The line the next record starts on (for reports after the last record). */
  get line(): number {
    return this.nextLine;
  }

  /**
   * Complete records longer than MAX_RECORD_LENGTH fail exactly as they would have while
   * still carried. Their raw extent needs papaparse's cursor per record, so this chunk is
   * parsed a second time — only when a record may be that long.
   */
  private checkLong(text: string, final: boolean, usable: number, lines: number[], kept: number[], out: CsvRecord[]): void {
    const ends: number[] = [];
    const stepper = new Papa.Parser({ delimiter: this.delim, newline: NEWLINE, quoteChar: '"', step: (r: { meta: { cursor: number } }) => void ends.push(r.meta.cursor) });
    stepper.parse(text, 0, !final);
    let start = 0;
    for (let k = 0; k < usable && k < ends.length; k++) {
      let raw = text.slice(start, ends[k]);
      if (raw.endsWith(NEWLINE)) raw = raw.slice(0, -NEWLINE.length);
      if (raw.length > MAX_RECORD_LENGTH) throw new CsvStreamError(this.longRecord(raw.slice(0, MAX_RECORD_LENGTH + 1), lines[k]!), out.slice(0, kept[k]));
      start = ends[k]!;
    }
  }

  private checkCarry(rest: string, out: CsvRecord[]): void {
    if (rest.length <= MAX_RECORD_LENGTH) return;
    throw new CsvStreamError(this.longRecord(rest.slice(0, MAX_RECORD_LENGTH + 1), this.nextLine), out);
  }

  /**
   * What is wrong with a record longer than MAX_RECORD_LENGTH, judged on its first
   * MAX_RECORD_LENGTH + 1 characters: a quote still open there is an unterminated quote
   * (it would swallow the rest of the file); otherwise the first field longer than
   * MAX_FIELD_LENGTH, at its own column; otherwise far too many columns.
   */
  private longRecord(prefix: string, firstLine: number): ImportIssue {
    const d = this.delimiter;
    let line = firstLine;
    let column = 1;
    let fieldStart = 0;
    let fieldLine = line;
    let quoted = false;
    let quoteAt = { line, column };
    for (let i = 0; i < prefix.length; i++) {
      const ch = prefix[i];
      if (ch === '\n' || (ch === '\r' && prefix[i + 1] !== '\n')) line++;
      if (quoted) {
        if (ch === '"') {
          if (prefix[i + 1] === '"') i++;
          else quoted = false;
        }
      } else if (ch === '"' && i === fieldStart) {
        quoted = true;
        quoteAt = { line, column };
      } else if (ch === d) {
        if (i - fieldStart > MAX_FIELD_LENGTH) return { code: 'field-too-long', severity: 'error', line: fieldLine, column };
        column++;
        fieldStart = i + 1;
        fieldLine = line;
      }
    }
    if (quoted) return { code: 'unterminated-quote', severity: 'error', ...quoteAt };
    if (prefix.length - fieldStart > MAX_FIELD_LENGTH) return { code: 'field-too-long', severity: 'error', line: fieldLine, column };
    return { code: 'too-many-columns', severity: 'error', line: firstLine, column };
  }

  /** Line and column of a character offset, counted from a record start. */
  private position(text: string, at: number, firstLine: number): { line: number; column: number } {
    const d = this.delimiter;
    let line = firstLine;
    let column = 1;
    let quoted = false;
    for (let i = 0; i < at && i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
        line++;
        if (!quoted) column = 1;
      } else if (ch === d && !quoted) column++;
    }
    return { line, column };
  }
}
