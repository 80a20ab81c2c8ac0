/**
 * Streaming CSV records from decoded text chunks, with physical line numbers. Decoding
 * happens before (TextDecoderStream), so a multibyte character is never cut; here
 * papaparse's own parser runs on each chunk with the unfinished last record carried into
 * the next one — the carry-over papaparse's ChunkStreamer does, so a quoted field that
 * spans chunks (even one holding line breaks or "" at the edge) is parsed whole.
 * We drive the parser ourselves because the import awaits encryption and IndexedDB
 * between chunks; papaparse's streamers cannot wait on a promise.
 */
import Papa from 'papaparse';
import type { ImportIssue } from './model';
import { linesSpanned, MAX_RECORD_LENGTH } from './validate';

export interface CsvRecord {
  cells: string[];
  /** Physical line (1-based) where the record starts. */
  line: number;
}

export class CsvStreamError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(`csv: ${issue.code} at line ${issue.line}, column ${issue.column}`);
  }
}

interface PapaError {
  code: string;
  index?: number;
  row?: number;
}

export class CsvRecordStream {
  private carry = '';
  private nextLine = 1;
  private newline: '\r\n' | '\n' | '\r' | undefined;
  private parser: Papa.Parser | undefined;
  private started = false;

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
    if (!this.newline) {
      const lf = text.indexOf('\n');
      if (lf > 0 && text[lf - 1] === '\r') this.newline = '\r\n';
      else if (lf >= 0) this.newline = '\n';
      else if (text.includes('\r')) this.newline = '\r';
      else if (!final) {
        this.carry = text + held;
        this.checkCarry();
        return [];
      } else this.newline = '\n';
      this.parser = new Papa.Parser({ delimiter: ',', newline: this.newline, quoteChar: '"' });
    }
    if (final && text.endsWith(this.newline!)) text = text.slice(0, -this.newline!.length);
    const result = this.parser!.parse(text, 0, !final) as { data: string[][]; errors: PapaError[]; meta: { cursor: number } };
    const firstLine = this.nextLine;
    for (const e of result.errors) {
      const at = e.index ?? 0;
      const code = e.code === 'MissingQuotes' ? 'unterminated-quote' : 'malformed-quote';
      throw new CsvStreamError({ code, severity: 'error', ...this.position(text, at, firstLine) });
    }
    const out: CsvRecord[] = [];
    for (const cells of result.data) {
      const line = this.nextLine;
      this.nextLine += this.newline === '\r' ? 1 + cells.join('').split('\r').length - 1 : linesSpanned(cells);
      if (cells.length === 1 && cells[0] === '') continue; // blank line
      out.push({ cells, line });
    }
    this.carry = final ? '' : text.slice(result.meta.cursor) + held;
    this.checkCarry();
    return out;
  }

  /** The line the next record starts on (for reports after the last record). */
  get line(): number {
    return this.nextLine;
  }

  private checkCarry(): void {
    if (this.carry.length <= MAX_RECORD_LENGTH) return;
    const quote = this.carry.indexOf('"');
    const code = quote >= 0 ? 'unterminated-quote' : 'field-too-long';
    throw new CsvStreamError({ code, severity: 'error', ...this.position(this.carry, Math.max(quote, 0), this.nextLine) });
  }

  /** Line and CSV column of a character offset, counted from a record start. */
  private position(text: string, at: number, firstLine: number): { line: number; column: number } {
    let line = firstLine;
    let column = 1;
    let quoted = false;
    for (let i = 0; i < at && i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') quoted = !quoted;
      else if (ch === '\n') {
        line++;
        if (!quoted) column = 1;
      } else if (ch === ',' && !quoted) column++;
    }
    return { line, column };
  }
}
