/** The history DB as CSV (UTF-8 with BOM or Shift_JIS) and Markdown, with UI-language headers. */
import type { Incident } from '../../../shared/incident/model';
import { isoDate } from '../../../shared/incident/history';
import { encodeCsv, toCsv, type CsvEncoding } from '../../../shared/export/csv';
import { markdownTable } from '../../../shared/export/markdown';
import type { useT } from '../i18n/i18n';

type T = ReturnType<typeof useT>;

function header(t: T): string[] {
  const c = t.dict.history.columns;
  return [c.discoveredAt, c.completedAt, c.kind, c.title, c.summary, t('history.excluded'), t('history.published')];
}

function rows(t: T, incidents: Incident[]): string[][] {
  return incidents.map((i) => [
    isoDate(i.facts.discoveredAt),
    isoDate(i.completedAt),
    t(`kinds.${i.kind}`),
    i.title,
    i.summary,
    i.excluded ? '○' : '',
    i.published ? '○' : '',
  ]);
}

export function historyCsv(t: T, incidents: Incident[], encoding: CsvEncoding): Uint8Array {
  return encodeCsv(toCsv(header(t), rows(t, incidents)), encoding);
}

export function historyMarkdown(t: T, incidents: Incident[]): string {
  return `# ${t('history.title')}\n\n${markdownTable(header(t), rows(t, incidents))}\n`;
}
