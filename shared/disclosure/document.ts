/**
 * A document that goes out (statement, notice letter, PPC draft, closing report) as one
 * structure, written out as text, Markdown or a self-contained HTML page, and printed by
 * the app's print view: the words are built once, so every format says the same thing.
 * Words come from the caller (the dictionaries of the document's language).
 */
import { escapeMarkdownInline } from '../export/markdown';
import { escapeHtml } from '../incident/render';

export type Block =
  /** A section heading; level 3 for a part within a section. */
  | { kind: 'heading'; text: string; level?: 3 }
  /** May hold line breaks; `right` for a letter's closing word (敬具). */
  | { kind: 'paragraph'; text: string; align?: 'right' }
  | { kind: 'list'; items: string[] }
  /** Label and value pairs (a form's fields); `missing` marks a value still to be filled. */
  | { kind: 'fields'; rows: { label: string; value: string; missing?: boolean }[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface DocumentModel {
  lang: 'ja' | 'en';
  /** Top right: the date of the document. */
  date: string | null;
  /** Top left: to whom (a letter's addressee). */
  to: string[];
  /** Top right, under the date: the sender (company, representative). */
  from: string[];
  title: string;
  /** Said at the top when the document is not the approved text (a draft). */
  draftMark: string | null;
  blocks: Block[];
  /** The last line (以上 / End). */
  closing: string | null;
}

const nonEmpty = (lines: readonly string[]) => lines.map((l) => l.trim()).filter((l) => l !== '');

export function documentText(doc: DocumentModel): string {
  const out: string[] = [];
  if (doc.draftMark) out.push(`【${doc.draftMark}】`, '');
  if (doc.date) out.push(doc.date);
  out.push(...nonEmpty(doc.to));
  out.push(...nonEmpty(doc.from));
  if (out.length > 0) out.push('');
  out.push(doc.title, '');
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(b.level === 3 ? `□ ${b.text}` : `■ ${b.text}`);
    else if (b.kind === 'paragraph') out.push(b.text, '');
    else if (b.kind === 'list') out.push(...b.items.map((i) => `・${i}`), '');
    else if (b.kind === 'fields') out.push(...b.rows.map((r) => `${r.label}：${r.value}`), '');
    else out.push(b.header.join('\t'), ...b.rows.map((r) => r.join('\t')), '');
  }
  if (doc.closing) out.push(doc.closing);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * Every text as typed (shared/export/markdown.ts): a line break is a `<br>`, so each text stays
 * one line of the Markdown and none of its lines can start a heading, a list or a rule.
 */
const md = escapeMarkdownInline;

export function documentMarkdown(doc: DocumentModel): string {
  const out: string[] = [`# ${md(doc.title)}`, ''];
  if (doc.draftMark) out.push(`**${md(doc.draftMark)}**`, '');
  const head = nonEmpty([doc.date ?? '', ...doc.to, ...doc.from]);
  if (head.length > 0) out.push(head.map(md).join('  \n'), '');
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(`${b.level === 3 ? '###' : '##'} ${md(b.text)}`, '');
    else if (b.kind === 'paragraph') out.push(md(b.text), '');
    else if (b.kind === 'list') out.push(...b.items.map((i) => `- ${md(i)}`), '');
    else if (b.kind === 'fields') out.push('| | |', '|---|---|', ...b.rows.map((r) => `| ${md(r.label)} | ${md(r.value)} |`), '');
    else out.push(`| ${b.header.map(md).join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(md).join(' | ')} |`), '');
  }
  if (doc.closing) out.push(md(doc.closing), '');
  return out.join('\n');
}

/**
 * A table cell short enough to keep on one line (a date, a name, a due time). Japanese
 * text may break between any two characters, so without this a name column of a table
 * with one long column shrinks to a character's width and prints "佐々 / 木 / 美咲".
 * Width in half-width units: CJK and full-width characters count two.
 */
export function shortCell(text: string): boolean {
  if (text.includes('\n')) return false;
  let units = 0;
  for (const ch of text) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return units <= 24;
}

function blockHtml(b: Block, missingLabel: string): string {
  const e = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');
  if (b.kind === 'heading') return b.level === 3 ? `<h3>${e(b.text)}</h3>` : `<h2>${e(b.text)}</h2>`;
  if (b.kind === 'paragraph') return b.align === 'right' ? `<p class="right">${e(b.text)}</p>` : `<p>${e(b.text)}</p>`;
  if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  if (b.kind === 'fields') {
    const rows = b.rows.map((r) => `<tr><th scope="row">${e(r.label)}</th><td${r.missing ? ' class="missing"' : ''}>${e(r.value || (r.missing ? missingLabel : ''))}</td></tr>`);
    return `<table class="fields"><tbody>${rows.join('')}</tbody></table>`;
  }
  const cls = (text: string) => (shortCell(text) ? ' class="short"' : '');
  return `<table><thead><tr>${b.header.map((h) => `<th scope="col"${cls(h)}>${e(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td${cls(c)}>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The document's body as HTML (the same markup the print view renders). */
export function documentBodyHtml(doc: DocumentModel, missingLabel = ''): string {
  const e = escapeHtml;
  const head =
    doc.date || doc.to.length > 0 || doc.from.length > 0
      ? `<div class="doc-head"><div class="doc-to">${nonEmpty(doc.to).map((l) => `<p>${e(l)}</p>`).join('')}</div><div class="doc-from">${nonEmpty([doc.date ?? '', ...doc.from])
          .map((l) => `<p>${e(l)}</p>`)
          .join('')}</div></div>`
      : '';
  return [
    doc.draftMark ? `<p class="doc-draft">${e(doc.draftMark)}</p>` : '',
    head,
    `<h1>${e(doc.title)}</h1>`,
    ...doc.blocks.map((b) => blockHtml(b, missingLabel)),
    doc.closing ? `<p class="doc-closing">${e(doc.closing)}</p>` : '',
  ].join('\n');
}

/**
 * A self-contained page (no scripts, no external resources) that prints as the app prints:
 * `css` is the app's document styling (renderer/src/ui/document.css), one source for both.
 */
export function documentHtml(doc: DocumentModel, css: string, missingLabel = ''): string {
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${css}
body { margin: 0; } @media screen { .doc { max-width: 170mm; margin: 2rem auto; padding: 0 1rem; } }</style>
</head>
<body>
<article class="doc" lang="${doc.lang}">
${documentBodyHtml(doc, missingLabel)}
</article>
</body>
</html>
`;
}
