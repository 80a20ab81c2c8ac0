/**
 * Printing a document to PDF the way Chromium prints it, and reading the PDF back with
 * poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm): its text, page count, fonts,
 * where the text sits on the page, and a PNG of the first page to look at.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './harness';

const run = promisify(execFile);

export interface PrintedPdf {
  path: string;
  png: string;
  text: string;
  pages: number;
  /** Page width and height in points. */
  size: { width: number; height: number };
  /** Every font is embedded (Chromium embeds CJK OpenType fonts as Type 3 glyph programs). */
  fontsEmbedded: boolean;
  /** The font family the printed document asks for, and whether this machine has it. */
  fontFamily: string;
  fontAvailable: boolean;
  /** Right edge of the rightmost word on page 1, as a share of the page width. */
  rightmost: number;
  /** Whether some words start in the right half of the page. */
  usesRightHalf: boolean;
}

export async function printToPdf(page: Page, name: string): Promise<PrintedPdf> {
  // page.pdf prints with the print media, as window.print and Electron's printToPDF do.
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const path = join(SCREENSHOTS, `${name}.pdf`);
  // Screenshots may be off (CI): nothing else has made the directory then.
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(path, pdf);
  const [{ stdout: text }, { stdout: info }, { stdout: fonts }, { stdout: bbox }] = await Promise.all([
    run('pdftotext', ['-layout', path, '-']),
    run('pdfinfo', [path]),
    run('pdffonts', [path]),
    run('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-']),
  ]);
  await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', path, join(SCREENSHOTS, `${name}-page1`)]);
  const { fontFamily, fontAvailable } = await page.evaluate(() => {
    const doc = document.querySelector('#print-root .doc');
    const family = doc ? getComputedStyle(doc).fontFamily : '';
    const first = family.split(',')[0]!.trim();
    return { fontFamily: family, fontAvailable: first !== '' && document.fonts.check(`16px ${first}`, '漏えい') };
  });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const size = { width: Number(m?.[1] ?? 0), height: Number(m?.[2] ?? 0) };
  const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((w) => ({ xMin: Number(w[1]), xMax: Number(w[2]) }));
  return {
    path,
    png: join(SCREENSHOTS, `${name}-page1.png`),
    text,
    pages,
    size,
    fontsEmbedded: fonts
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
      .every((l) => / yes +(yes|no) +(yes|no) +\d+ +\d+\s*$/.test(l)),
    fontFamily,
    fontAvailable,
    rightmost: Math.max(0, ...words.map((w) => w.xMax)) / size.width,
    usesRightHalf: words.some((w) => w.xMin > size.width / 2),
  };
}

/** Text with the line layout and spacing taken out, for searching phrases that wrap. */
export function flat(text: string): string {
  return text.replace(/\s+/g, '');
}
