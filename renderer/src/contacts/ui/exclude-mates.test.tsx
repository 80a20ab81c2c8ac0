/**
 * The customer card, once a customer merged by 名寄せ with other records (one person) is taken
 * out of the contact list, offers to take out the person's other records too — only those still
 * on it: none offered (and no offer shown) once every other record is excluded already. The
 * card of C1 offered to exclude C3 again after both had been excluded.
 */
import 'fake-indexeddb/auto';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { engineContext } from '../handlers';
import { nayoseHandlers, readDecisions } from '../nayose-handlers';
import { dropTestDatabases, importText, openTestEngine } from '../test-engine';
import { MatesOffer } from './CustomerCardView';
import { matesToOffer } from './nayose-hooks';

afterEach(dropTestDatabases);

// C1, C3 and C5 are one person written three ways; C2 and C4 are other people.
const LIST =
  [
    '顧客番号,氏名,郵便番号,住所',
    'C1,髙橋 一郎,100-0013,東京都千代田区霞が関一丁目2番3号',
    'C2,佐藤 花子,530-0001,大阪市北区梅田3-1-1',
    'C3,高橋一郎,1000013,東京都千代田区霞ヶ関１－２－３',
    'C4,高橋 花子,100-0013,東京都千代田区霞が関1-2-3',
    'C5,タカハシ イチロウ,100-0013,東京都千代田区霞が関1-2-3',
  ].join('\r\n') + '\r\n';

async function setUp(members: number[]) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  await nayoseHandlers['contacts.nayose-decide'](engineContext(store), { incidentId: 'inc', mode: 'person', clusters: [{ members: members.map((row) => ({ datasetId, row })), merge: true }] });
  /** What the card of `row` shows about the person's other records. */
  const offer = async (row: number) => {
    const card = (await engine.card(datasetId, row))!;
    const mates = await matesToOffer(engine.data, await readDecisions(store, 'inc'), datasetId, row);
    return renderToStaticMarkup(<MatesOffer card={card} mates={mates} onExclude={() => undefined} />);
  };
  return { engine, datasetId, offer };
}

describe('the card offers to take out the same person’s other records still on the contact list', () => {
  it('offers the other record once, and nothing on either card once both are excluded', async () => {
    const { engine, datasetId, offer } = await setUp([0, 2]);
    expect(await offer(0)).toBe('');
    // The family calls about C1: excluded from the card, which then offers C3.
    await engine.exclude(datasetId, [0], 'deceased');
    const first = await offer(0);
    expect(first).toContain('同じ方としてまとめた記録が、ほかに 1 件あります');
    expect(first).toContain('それらも対象外にする');
    // 「それらも対象外にする」: C3 is excluded too. Neither card offers anything any more.
    await engine.exclude(datasetId, [2], 'deceased');
    expect(await offer(0)).toBe('');
    expect(await offer(2)).toBe('');
  });

  it('offers only the records not excluded yet, and says so', async () => {
    const { engine, datasetId, offer } = await setUp([0, 2, 4]);
    // C5 asked earlier not to be contacted; now the family calls about C1.
    await engine.exclude(datasetId, [4], 'do-not-contact');
    await engine.exclude(datasetId, [0], 'deceased');
    const html = await offer(0);
    expect(html).toContain('まだ連絡の対象外になっていないものが 1 件あります');
    expect(html).not.toContain('ほかに 2 件');
  });
});
