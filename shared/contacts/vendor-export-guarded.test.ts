/**
 * The printing vendor prints what is in each cell. The formula guard (shared/export/csv.ts)
 * puts an apostrophe before a cell starting with = + - @ (and their full-width forms), so such a
 * cell is no longer what the customer wrote: the envelope would read 「'＠ゆうき 様」. The file
 * already flags a row with a line break or an unsure split (要確認) so a person looks first, and
 * the address split drops a dash before a room number for exactly this reason. A guarded name or
 * building is flagged too (a stranger's finding: it was printed with its apostrophe, unflagged).
 */
import { describe, expect, it } from 'vitest';
import { readExport } from './export-check';
import type { ContactRow } from './model';
import { vendorChunk, vendorRow } from './vendor-export';

const label = (k: string) => k.slice(k.lastIndexOf('.') + 1);
const row = (name: string, address: string): ContactRow => ({ row: 0, line: 2, customerNo: 'C1', name, kana: '', postcode: '100-0001', address, email: '', phone: '', segment: '通販', extra: [] });

describe('a vendor row the formula guard changed', () => {
  for (const [what, r] of [
    ['a name typed as a web handle (＠ゆうき)', row('＠ゆうき', '東京都千代田区千代田1-1')],
    ['a building starting with ＋ (＋ＶＩＬＬＡ 101)', row('山田 太郎', '東京都千代田区千代田1-1 ＋ＶＩＬＬＡ 101')],
    ['a name starting with = (=HYPERLINK("http://x"))', row('=HYPERLINK("http://x")', '東京都千代田区千代田1-1')],
  ] as const) {
    it(`is flagged 要確認, as its printed value is not what the customer wrote: ${what}`, () => {
      const bytes = vendorChunk([vendorRow(r, { listNo: 1 })], { encoding: 'shift_jis', first: true, label });
      const [header, rec] = readExport(bytes, 'shift_jis');
      const cells = Object.fromEntries(header!.map((h, i) => [h, rec![i]]));
      // The guard did its job (Excel will not run it)…
      expect(Object.values(cells).some((c) => c!.startsWith("'"))).toBe(true);
      // …and a person should see the row before its envelope is printed.
      expect(cells.needsReview).toBe('要確認');
    });
  }

  it('an ordinary row, or a hyphen inside a value, is not flagged', () => {
    const bytes = vendorChunk([vendorRow(row('山田 太郎', '東京都千代田区千代田1-1 メゾン-A 101'), { listNo: 1 })], { encoding: 'shift_jis', first: true, label });
    const [header, rec] = readExport(bytes, 'shift_jis');
    expect(rec![header!.indexOf('needsReview')]).toBe('');
  });
});
