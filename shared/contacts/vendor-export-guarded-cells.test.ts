/** Every vendor-file cell the formula guard changes is flagged 要確認 (a full-width minus, U+2212, a variant or gift code starting with + or @), and nothing else is (山田=太郎, メゾン-A). */
import { expect, it } from 'vitest';
import { readExport } from './export-check';
import type { ContactRow } from './model';
import { vendorChunk, vendorRow } from './vendor-export';

const label = (k: string) => k.slice(k.lastIndexOf('.') + 1);
const row = (over: Partial<ContactRow>): ContactRow => ({ row: 0, line: 2, customerNo: 'C1', name: '山田 太郎', kana: '', postcode: '100-0001', address: '東京都千代田区千代田1-1', email: '', phone: '', segment: '通販', extra: [], ...over });
const cellsOf = (r: ContactRow, ctx: Parameters<typeof vendorRow>[1] = { listNo: 1 }) => {
  const [header, rec] = readExport(vendorChunk([vendorRow(r, ctx)], { encoding: 'utf-8-bom', first: true, label }), 'utf-8-bom');
  return Object.fromEntries(header!.map((h, i) => [h, rec![i]!]));
};

it.each([
  ['a name after spaces: "  =1+1"', row({ name: '  =1+1' })],
  ['a full-width minus name', row({ name: '－山田' })],
  ['U+2212 minus in the name', row({ name: '\u2212山田' })],
  ['a variant named with a leading +', row({}), { listNo: 1, variantOf: () => '+特別' }],
  ['a gift code starting with @', row({}), { listNo: 1, giftOf: () => '@GIFT1' }],
] as const)('%s: a guarded cell is flagged', (_w, r, ctx?: Parameters<typeof vendorRow>[1]) => {
  const c = cellsOf(r, ctx ?? { listNo: 1 });
  expect(Object.values(c).some((v) => v.startsWith("'"))).toBe(true);
  expect(c.needsReview).toBe('要確認');
});

it('a cell never guarded is not flagged: a name with = inside, a building with a hyphen', () => {
  expect(cellsOf(row({ name: '山田=太郎', address: '東京都千代田区千代田1-1 メゾン-A 101' })).needsReview).toBe('');
});
