/**
 * A document model (statement, PPC draft, closing report, the executives' page) written as a
 * Word file, because Japanese executives circulate Word. Written once here; each export only
 * builds its DocumentModel, so the .docx says what the printed page and the HTML say.
 *
 * Japanese text needs its font named for the east-Asian script (w:rFonts w:eastAsia) and the
 * run's east-Asian language set, or Word falls back to a Chinese face (wrong glyph shapes for
 * 直, 骨, 写) or to its Latin font's substitute. Body text is Mincho, headings Gothic, as in
 * the company's own printed notices.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, DocumentModel } from './document';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Fonts every Japanese Windows and Office for Mac has. */
export const DOCX_FONTS = {
  body: { ascii: 'Yu Mincho', hAnsi: 'Yu Mincho', eastAsia: 'Yu Mincho' },
  heading: { ascii: 'Yu Gothic', hAnsi: 'Yu Gothic', eastAsia: 'Yu Gothic' },
} as const;

const language = (lang: 'ja' | 'en') => ({ value: lang === 'ja' ? 'ja-JP' : 'en-GB', eastAsia: 'ja-JP' });

/**
 * Text as XML 1.0 may hold it: U+FFFE and U+FFFF (left by a mis-decoded UTF-16 file or a broken
 * paste) and control characters dropped, a lone surrogate shown as U+FFFD. The docx library
 * drops the controls but not the two non-characters, and one of them made Word call the whole
 * file corrupt.
 */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML forbids are the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A text with line breaks as runs with breaks between. */
function runs(text: string, opts: { bold?: boolean; heading?: boolean; color?: string } = {}): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: xmlText(line),
        break: i > 0 ? 1 : undefined,
        bold: opts.bold,
        color: opts.color,
        font: opts.heading ? DOCX_FONTS.heading : undefined,
      }),
  );
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' };
const BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER };

function cell(text: string, opts: { header?: boolean; missing?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: runs(text, { bold: opts.header, heading: opts.header, color: opts.missing ? 'B00020' : undefined }) })],
    shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF1F4' } : undefined,
    width: opts.width !== undefined ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function table(header: readonly string[] | null, rows: readonly (readonly string[])[], widths?: number[]): Table {
  const tr = (cells: readonly string[], isHeader: boolean) => new TableRow({ tableHeader: isHeader, children: cells.map((c, i) => cell(c, { header: isHeader, width: widths?.[i] })) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [...(header ? [tr(header, true)] : []), ...rows.map((r) => tr(r, false))],
  });
}

function blockParts(b: Block, missingLabel: string): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: b.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2, children: runs(b.text, { heading: true }) })];
    case 'paragraph':
      return [new Paragraph({ alignment: b.align === 'right' ? AlignmentType.RIGHT : undefined, children: runs(b.text) })];
    case 'list':
      return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: BORDERS,
          rows: b.rows.map(
            (r) =>
              new TableRow({
                children: [cell(r.label, { header: true, width: 30 }), cell(r.value || (r.missing ? missingLabel : ''), { missing: r.missing && !r.value, width: 70 })],
              }),
          ),
        }),
        new Paragraph({ children: [] }),
      ];
    case 'table':
      return [table(b.header, b.rows), new Paragraph({ children: [] })];
  }
}

/** The Word document of a model, as a docx library object (tests read it back as XML). */
export function documentDocxFile(doc: DocumentModel, missingLabel = ''): Document {
  const head = [doc.date ?? '', ...doc.from].filter((l) => l.trim() !== '');
  const to = doc.to.filter((l) => l.trim() !== '');
  const children: (Paragraph | Table)[] = [
    ...(doc.draftMark ? [new Paragraph({ children: [new TextRun({ text: xmlText(`【${doc.draftMark}】`), bold: true, color: 'B00020' })] })] : []),
    ...head.map((l) => new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(l) })),
    ...to.map((l) => new Paragraph({ children: runs(l) })),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: runs(doc.title, { heading: true, bold: true }) }),
    ...doc.blocks.flatMap((b) => blockParts(b, missingLabel)),
    ...(doc.closing ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(doc.closing) })] : []),
  ];
  const heading = (size: number) => ({ run: { font: DOCX_FONTS.heading, size, bold: true, color: '1F2933' }, paragraph: { spacing: { before: 200, after: 80 } } });
  return new Document({
    title: xmlText(doc.title),
    creator: 'Honbu',
    styles: {
      default: {
        document: { run: { font: DOCX_FONTS.body, size: 21, language: language(doc.lang) }, paragraph: { spacing: { after: 60 } } },
        title: heading(32),
        heading2: heading(26),
        heading3: heading(22),
      },
    },
    sections: [
      {
        // A4 with 20 mm margins (twips: 1 mm = 56.7).
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children,
      },
    ],
  });
}

/** The .docx bytes of a model. */
export async function documentDocx(doc: DocumentModel, missingLabel = ''): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(documentDocxFile(doc, missingLabel)));
}
