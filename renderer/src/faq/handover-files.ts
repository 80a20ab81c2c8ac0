/**
 * The files of a handover: the FAQ workbook (.xlsx, write-excel-file) and the same FAQ as
 * CSV (UTF-8 with BOM, or Shift_JIS). They are in the vendor's language, Japanese, whatever
 * language the screen is in, and made from the recorded handover alone, so saving them
 * again later gives the same content.
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { encodeCsv, type CsvEncoding } from '../../../shared/export/csv';
import { changesSince, heldBefore, numbersBefore, type FaqHandover } from '../../../shared/faq/handover';
import { changeSheet, coverSheet, faqCsv, faqSheet, SHEETS, type BookCell, type CoverFacts, type Label } from '../../../shared/faq/handover-book';
import type { MessageKey } from '../i18n/dictionary';
import { translatorFor } from '../i18n/i18n';
import { locale } from '../ui/format';
import { renderAnswer } from './faq-render';
import { renderLabels } from '../ui/render-labels';
import type { Incident } from '../../../shared/incident/model';

/** The vendor's language. */
const BOOK_LANG = 'ja' as const;

export const bookLabel: Label = (key, params) => translatorFor(BOOK_LANG)(key as MessageKey, params);

/** An answer template rendered as the printed handbook renders it, in the vendor's language. */
export function renderForVendor(incident: Incident): (template: string) => string {
  const labels = renderLabels(translatorFor(BOOK_LANG).dict);
  return (template) => renderAnswer(template, incident, labels, locale(BOOK_LANG));
}

const HEADER = { fontWeight: 'bold', backgroundColor: '#E8EEF4', wrap: true, alignVertical: 'top' } as const;

function styled(rows: BookCell[][], headerRows: number, wrap: boolean): SheetData {
  return rows.map((row, r) =>
    row.map((value): Cell => {
      if (value === null) return null;
      if (r < headerRows) return { value, ...HEADER };
      return wrap ? { value, wrap: true, alignVertical: 'top' } : value;
    }),
  );
}

export function handoverChanges(h: FaqHandover, all: readonly FaqHandover[]) {
  return changesSince(heldBefore(all, h.version), h, numbersBefore(all, h.version));
}

/** The workbook: 表紙, FAQ, 本日の変更点. */
export async function handoverWorkbook(h: FaqHandover, all: readonly FaqHandover[], who: CoverFacts): Promise<Uint8Array> {
  const changes = handoverChanges(h, all);
  const blob = await writeXlsxFile([
    { sheet: bookLabel(SHEETS.cover), data: styled(coverSheet(h, changes, who, bookLabel), 1, true), columns: [{ width: 18 }, { width: 90 }] },
    {
      sheet: bookLabel(SHEETS.faq),
      data: styled(faqSheet(h.items, bookLabel), 1, true),
      columns: [{ width: 6 }, { width: 16 }, { width: 40 }, { width: 80 }, { width: 5 }, { width: 17 }],
      stickyRowsCount: 1,
    },
    {
      sheet: bookLabel(SHEETS.changes),
      data: styled(changeSheet(changes, bookLabel), 1, true),
      columns: [{ width: 9 }, { width: 6 }, { width: 16 }, { width: 36 }, { width: 50 }, { width: 50 }, { width: 36 }],
      stickyRowsCount: 1,
    },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** The FAQ as CSV bytes; Shift_JIS throws UnencodableError naming what it cannot write. */
export function handoverCsv(h: FaqHandover, encoding: CsvEncoding): Uint8Array {
  return encodeCsv(faqCsv(h.items, bookLabel), encoding);
}
