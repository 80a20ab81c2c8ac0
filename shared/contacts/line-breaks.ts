/**
 * One kind of record end. A list pasted together from several sources holds Windows
 * (CRLF), Unix (LF) and old Mac (CR) line ends in one file; Excel reads each as the end
 * of a record. The CSV parser takes a single newline, so every record end outside a
 * quoted field is written as LF first. Line breaks inside quoted fields are data and stay
 * exactly as written.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPECIAL = /["\r\n]/g;

/**
 * `text` with every CRLF, lone CR and lone LF outside quoted fields written as LF. The
 * text must start at the start of a record (outside quotes). A CR at the very end is
 * written as LF too: a caller that may still receive the LF of a CRLF holds it back.
 * A quote opens a field only at its start, as the parser reads it; a stray quote inside
 * an unquoted field is text.
 */
export function unifyLineBreaks(text: string, delimiter: string): string {
  // LF-only text (most files from Unix and the web) has nothing to change.
  if (!text.includes('\r')) return text;
  // No quoted field, no line break that is data: the native replace is several times faster.
  if (!text.includes('"')) return text.replace(/\r\n?/g, '\n');
  const parts: string[] = [];
  let from = 0;
  let quoted = false;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c !== QUOTE) continue;
      if (text.charCodeAt(i + 1) === QUOTE) SPECIAL.lastIndex = i + 2;
      else quoted = false;
      continue;
    }
    if (c === QUOTE) {
      const prev = i === 0 ? LF : text.charCodeAt(i - 1);
      if (prev === LF || prev === CR || text[i - 1] === delimiter) quoted = true;
      continue;
    }
    if (c === CR) {
      parts.push(text.slice(from, i), '\n');
      from = text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      SPECIAL.lastIndex = from;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

/** Line breaks in a value (CRLF, CR and LF each count one): the physical lines it spans, less one. */
export function countLineBreaks(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (value.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}
