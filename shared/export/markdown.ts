/**
 * Markdown for reports pasted into wikis and tickets (GitHub-flavoured: tables and `<br>`).
 * Whatever a customer or a colleague typed must show as typed, never as markup or HTML.
 */

export type MarkdownCell = string | number | null | undefined;

// Characters that start inline markup anywhere in a line: code, emphasis, links and
// images (via `[`), raw HTML and autolinks, entities, strikethrough, and table cells.
// CommonMark lets any ASCII punctuation be backslash-escaped, so one rule serves all.
const INLINE_SYNTAX = /[\\`*_[\]<>&~|]/g;

// Block markup that only counts at the start of a line: headings, list items, thematic
// breaks and setext underlines. A number is a list marker only when a space follows, so
// "2024.05.01" is left alone. `>` and `*` are already escaped as inline syntax.
const BLOCK_START = /^(\s*)(?:([#+\-=])|(\d{1,9})([.)])(?=\s|$))/;

const LINE_BREAK = /\r\n|\r|\n/g;

function escapeInline(text: string): string {
  // Line breaks become <br> so the text stays on one line of the document, where no
  // break can end a table row or start a new block.
  return text.replace(INLINE_SYNTAX, '\\$&').replace(LINE_BREAK, '<br>');
}

/**
 * Text to place anywhere in a Markdown line, including at its start, so that it renders
 * exactly as written.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeInline(text).replace(BLOCK_START, (_all, space: string, mark?: string, digits?: string, dot?: string) =>
    mark !== undefined ? `${space}\\${mark}` : `${space}${digits ?? ''}\\${dot ?? ''}`,
  );
}

function cell(value: MarkdownCell): string {
  if (value === null || value === undefined) return '';
  // Table cells are parsed as inline content only, so block markup needs no escape there
  // and "-12" stays readable.
  return escapeInline(String(value));
}

/**
 * A GitHub-flavoured Markdown table. Rows longer than the header widen the table with
 * empty header cells, since GFM would otherwise drop the extra cells; shorter rows are
 * padded. No columns at all gives an empty string: GFM has no zero-column table.
 */
export function markdownTable(header: string[], rows: MarkdownCell[][]): string {
  const width = rows.reduce((w, r) => Math.max(w, r.length), header.length);
  if (width === 0) return '';
  const line = (cells: MarkdownCell[]): string =>
    `| ${Array.from({ length: width }, (_, i) => cell(cells[i])).join(' | ')} |`;
  return [line(header), `|${' --- |'.repeat(width)}`, ...rows.map(line)].join('\n') + '\n';
}
