/**
 * A .docx read back: its paragraphs' text from word/document.xml (tests read every Word file
 * the app writes this way, and check the fonts Word is told to use for Japanese).
 */
import { strFromU8, unzipSync } from 'fflate';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface DocxContent {
  /** word/document.xml as it is. */
  xml: string;
  /** word/styles.xml as it is. */
  styles: string;
  /** Each paragraph's text (runs joined, a line break as \n), table cells included, in order. */
  paragraphs: string[];
  /** Each table's rows of cell texts. */
  tables: string[][][];
}

function paragraphText(p: string): string {
  let out = '';
  for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)) out += m[0] === '<w:br/>' ? '\n' : decode(m[1]!);
  return out;
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const doc = files['word/document.xml'];
  if (!doc) throw new Error('not a Word document: word/document.xml is missing');
  const xml = strFromU8(doc);
  const styles = files['word/styles.xml'] ? strFromU8(files['word/styles.xml']) : '';
  const paragraphs = [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => paragraphText(m[1]!));
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => [...c[1]!.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((p) => paragraphText(p[1]!)).join('\n')),
    ),
  );
  return { xml, styles, paragraphs, tables };
}
