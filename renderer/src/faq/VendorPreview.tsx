import { LOG_FIELDS, REPORT_FIELDS, type VendorMapping } from '../../../shared/faq/vendor-mapping';
import type { VendorTable } from '../../../shared/faq/vendor-table';
import { durationUnit, rawText, readDay, readDurationIn, readTimeOnDay, type Cell } from '../../../shared/faq/vendor-values';
import { useT } from '../i18n/i18n';

const SHOWN = 6;
const CATEGORY = '$category';

function shown(cell: Cell): string {
  // A workbook Date is the wall-clock time the spreadsheet showed: print it as such.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().replace('T', ' ').replace(/(:00)?\.000Z$/, '').replace(/ 00:00$/, '');
  return rawText(cell);
}

/**
 * How a date, time or duration cell will be read, when that differs from what the file shows
 * (an Excel serial, a fraction of a day, minutes in a column whose header says （分）).
 */
function readAs(field: string, cell: Cell, day: string, header: string): string | null {
  const duration = field === 'durationSec' || field === 'avgHandling';
  const unit = duration ? durationUnit(header) : null;
  // Text is shown as written; only a workbook's numbers and dates, and numbers in a unit, need saying how they are read.
  if (typeof cell !== 'number' && !(cell instanceof Date) && unit === null) return null;
  const raw = shown(cell);
  let read: string | null = null;
  if (field === 'day') read = readDay(cell);
  else if (field === 'time') read = readTimeOnDay(cell, day)?.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}).*$/, '$1 $2') ?? null;
  else if (duration) {
    const s = readDurationIn(cell, unit);
    const mmss = (n: number) => `${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
    read = s === null ? null : s >= 3600 ? `${Math.floor(s / 3600)}:${mmss(s)}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
  return read !== null && read !== raw ? read : null;
}

/** The first rows of the file, one choice per column: what it holds (or not used). */
export function VendorPreview({ table, mapping, day, onMapping }: { table: VendorTable; mapping: VendorMapping; day: string; onMapping: (m: VendorMapping) => void }) {
  const t = useT();
  const fields: readonly string[] = mapping.kind === 'log' ? LOG_FIELDS : REPORT_FIELDS;
  const fieldOf = (col: number): string => {
    const f = Object.entries(mapping.fields).find(([, c]) => c === col)?.[0];
    return f ?? (mapping.categoryColumns.includes(col) ? CATEGORY : '');
  };
  const choose = (col: number, value: string) => {
    const next: VendorMapping = { kind: mapping.kind, fields: { ...mapping.fields }, categoryColumns: mapping.categoryColumns.filter((c) => c !== col) };
    for (const [f, c] of Object.entries(next.fields)) if (c === col) delete next.fields[f as keyof VendorMapping['fields']];
    if (value === CATEGORY) next.categoryColumns = [...next.categoryColumns, col].sort((a, b) => a - b);
    else if (value !== '') next.fields[value as keyof VendorMapping['fields']] = col;
    onMapping(next);
  };
  return (
    <div className="table-scroll">
      <p className="meta">{t('vendorlog.preview')}</p>
      <table className="table" aria-label={t('vendorlog.preview')}>
        <thead>
          <tr>
            {table.header.map((h, col) => (
              <th key={col} scope="col">
                <div>{h}</div>
                <select aria-label={h} value={fieldOf(col)} onChange={(e) => choose(col, e.target.value)}>
                  <option value="">{t('vendorlog.unused')}</option>
                  {fields.map((f) => (
                    <option key={f} value={f}>
                      {t(`vendorlog.fields.${f}` as 'vendorlog.fields.day')}
                    </option>
                  ))}
                  {mapping.kind === 'report' && <option value={CATEGORY}>{t('vendorlog.categoryColumn')}</option>}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.slice(0, SHOWN).map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => {
                const as = readAs(fieldOf(j), c, day, table.header[j] ?? '');
                return (
                  <td key={j}>
                    {shown(c)}
                    {as !== null && <div className="meta">→ {as}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {table.rows.length > SHOWN && <p className="meta">{t('vendorlog.previewMore', { n: table.rows.length - SHOWN })}</p>}
    </div>
  );
}
