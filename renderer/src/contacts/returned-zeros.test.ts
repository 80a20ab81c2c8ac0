/**
 * A returned-mail list whose customer numbers lost their leading zeros: the mailing list goes
 * to the printing vendor as a CSV, Excel opens 00123 as 123, and the list comes back naming
 * 123. Such a line is matched with its zeros back, and said; a number that names a customer as
 * written, or could be two customers, is never guessed.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { HEADER } from './test-data';
import { parseResultList } from '../../../shared/contacts/result-list';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const list = (nos: string[]) =>
  [HEADER, ...nos.map((no, i) => `${no},山田 花子${i},ヤマダ ハナコ,100-0001,東京都千代田区${i}番,,090-1111-${String(i).padStart(4, '0')},通販,`)].join('\r\n') + '\r\n';

async function sentList(nos: string[]) {
  const { engine, db } = await openTestEngine();
  const datasetId = await importText(engine, db, list(nos));
  await engine.markBatchSent(datasetId, (await engine.createBatch({ datasetId, channel: 'post' })).batch.batchId, '2026-11-22T09:00:00.000Z');
  return { engine, datasetId };
}
const returned = (...nos: string[]) => nos.map((customerNo) => ({ customerNo, outcome: 'failed' as const, reason: 'unknown-address' }));

it('numbers saved by a spreadsheet without their leading zeros are matched to the customers, and each is named', async () => {
  const { engine, datasetId } = await sentList(['00120', '00123', '04567', '10001']);
  // 00120 kept as written; 123 and 4567 lost theirs; 10001 had none; 999 is nobody.
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('00120', '123', '4567', '10001', '999'));
  expect(plan.rows).toEqual([0, 1, 2, 3]);
  expect(plan.preview.matchedItems).toBe(4);
  expect(plan.preview.notFound).toEqual([4]);
  expect(plan.preview.zeroRestored).toEqual([
    { item: 1, as: '00123' },
    { item: 2, as: '04567' },
  ]);
  // Applied, the customers the list meant move on.
  await engine.applyOutcomes(plan);
  const again = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('123'));
  expect(again.preview.unchanged).toBe(1);
});

it('a list of none but lost-zero numbers still finds them (every width is tried), full-width digits too', async () => {
  const { engine, datasetId } = await sentList(['0000042', '0000777']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('42', '７７７'));
  expect(plan.rows).toEqual([0, 1]);
  expect(plan.preview.zeroRestored).toEqual([
    { item: 0, as: '0000042' },
    { item: 1, as: '0000777' },
  ]);
});

it('a number that names a customer as written is that customer, never one with zeros before it', async () => {
  const { engine, datasetId } = await sentList(['123', '00123']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('123'));
  expect(plan.rows).toEqual([0]);
  expect(plan.preview.zeroRestored).toBeUndefined();
});

it('a number that two widths of zeros would match is not guessed: it stays not found', async () => {
  const { engine, datasetId } = await sentList(['0123', '00123', '00456']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('123', '456'));
  expect(plan.rows).toEqual([2]);
  expect(plan.preview.notFound).toEqual([0]);
  expect(plan.preview.zeroRestored).toEqual([{ item: 1, as: '00456' }]);
});

it('numbers with letters, or that begin with a zero, are not padded', async () => {
  const { engine, datasetId } = await sentList(['A00123', '00077']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('A123', '077'));
  expect(plan.rows).toEqual([]);
  expect(plan.preview.notFound).toEqual([0, 1]);
});

it('the progress still runs up to the whole, whether numbers were tried again or not', async () => {
  const { engine, datasetId } = await sentList(['00123', '00456']);
  for (const nos of [['00123'], ['123'], ['999']]) {
    const shares: number[] = [];
    await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned(...nos), { onProgress: (s) => shares.push(s) });
    expect(shares.every((s, i) => s > 0 && s <= 1 && (i === 0 || s > shares[i - 1]!))).toBe(true);
    expect(shares.at(-1)).toBe(1);
  }
});

it('123 where 0123 and 00123 both exist stays not found, also when another line of the list matched a 5-digit number', async () => {
  const { engine, datasetId } = await sentList(['0123', '00123', '00999']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('00999', '123'));
  expect(plan.rows).toEqual([2]);
  expect(plan.preview.notFound).toEqual([1]);
  expect(plan.preview.zeroRestored).toBeUndefined();
});

it('a list with a serial-number column first (連番,管理番号,返送理由) marks no customer by its serial numbers', async () => {
  const { engine, datasetId } = await sentList(['000001', '000002', '000003', '000004']);
  const parsed = parseResultList('連番,管理番号,返送理由\n1,900001,宛所不明\n2,900002,宛所不明\n3,900003,宛所不明\n', 'returned-mail');
  expect(parsed.items.map((i) => i.key)).toEqual(['900001', '900002', '900003']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', parsed.items.map((i) => ({ customerNo: i.key, outcome: 'failed' as const })));
  expect(plan.rows).toEqual([]);
});

it('numbers that are no customer numbers as a spreadsheet writes them (0, 00, 1.23E+14, 20 digits, -123) are never padded', async () => {
  const { engine, datasetId } = await sentList(['000000', '000123', '123000000000000']);
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned('0', '00', '1.23E+14', '12300000000000000000', '-123'));
  expect(plan.rows).toEqual([]);
  expect(plan.preview.zeroRestored).toBeUndefined();
});
