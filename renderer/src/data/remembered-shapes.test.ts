import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from './db';
import { createWorkspace } from './workspace';
import { forgetHeadersInClear, recallShape, rememberShape } from './remembered-shapes';
import { ContactEngine } from '../contacts/contact-engine';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function workspace() {
  const db = new HonbuDb(`shapes-${crypto.randomUUID()}`);
  dbs.push(db);
  return createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
}

/** A customer list without a header line: its first customer stands where the column names would. */
const FIRST_CUSTOMER = ['Z0001', '鳳凰院 凶真郎', 'ホウオウイン キョウマロウ', '101-0021', '東京都千代田区外神田九丁目', 'kyoshinro@futuregadget.example', '080-2718-2818'];

/** Every key and value of the preferences, as one text (what anyone holding the laptop's disk can read). */
async function prefsText(db: HonbuDb): Promise<string> {
  return JSON.stringify(await db.prefs.toArray());
}

describe('column mappings remembered per file shape', () => {
  it("a headerless list's first customer never reaches the preferences; the mapping is recalled for the same shape only", async () => {
    const { store } = await workspace();
    const engine = await ContactEngine.open(store);
    const mapping = { fields: { customerNo: 0, name: 1, phone: 6 }, extra: [2, 3, 4, 5] };
    await engine.rememberMapping(FIRST_CUSTOMER, mapping);

    const text = await prefsText(store.database);
    for (const cell of FIRST_CUSTOMER) expect(text).not.toContain(cell);
    expect(text).not.toContain(JSON.stringify(FIRST_CUSTOMER[1]).slice(1, -1));
    expect(await engine.recallMapping(FIRST_CUSTOMER)).toEqual(mapping);
    // Spaces around a cell are the same shape; another header is not.
    expect(await engine.recallMapping(FIRST_CUSTOMER.map((c) => ` ${c} `))).toEqual(mapping);
    expect(await engine.recallMapping([...FIRST_CUSTOMER.slice(0, 6), '080-2718-2819'])).toBeUndefined();
  });

  it('another workspace (another key) does not find the mapping, and its preference key differs', async () => {
    const a = await workspace();
    const b = await workspace();
    await rememberShape(a.store.database, a.store.keys.index, 'contacts', ['顧客番号', '氏名'], { fields: { customerNo: 0 }, extra: [1] });
    const [row] = await a.store.database.prefs.toArray();
    // The same database read with the other workspace's key: the shape is not recognised.
    expect(await recallShape(a.store.database, b.store.keys.index, 'contacts', ['顧客番号', '氏名'])).toBeUndefined();
    expect(row!.key).toMatch(/^shape:contacts:[A-Za-z0-9_-]{22}$/);
  });

  it('without an index key nothing is remembered', async () => {
    const { store } = await workspace();
    await rememberShape(store.database, undefined, 'contacts', FIRST_CUSTOMER, { fields: {}, extra: [] });
    expect(await store.database.prefs.count()).toBe(0);
  });

  it("mappings an earlier version stored under the header in clear are moved to the keyed key and the clear ones deleted; other preferences are kept", async () => {
    const { store } = await workspace();
    const db = store.database;
    const contacts = { fields: { customerNo: 0 }, extra: [1, 2, 3, 4, 5, 6] };
    const vendor = { kind: 'log', fields: { question: 1 }, categoryColumns: [] };
    await db.prefs.bulkPut([
      { key: `contacts-mapping:${JSON.stringify(FIRST_CUSTOMER)}`, value: contacts },
      { key: `faq-vendor-mapping:log:${JSON.stringify(['受付番号', '鳳凰院様より、手紙が届かない'])}`, value: vendor },
      // Damaged: deleted all the same (its header cannot be read back to key it).
      { key: 'contacts-mapping:["鳳凰院', value: contacts },
      { key: 'lang', value: 'en' },
    ]);

    expect(await forgetHeadersInClear(db, store.keys.index)).toBe(3);

    expect(await prefsText(db)).not.toContain('鳳凰院');
    expect((await db.prefs.toArray()).map((r) => r.key).sort()).toEqual(expect.arrayContaining(['lang']));
    expect(await db.prefs.count()).toBe(3);
    const engine = await ContactEngine.open(store);
    expect(await engine.recallMapping(FIRST_CUSTOMER)).toEqual(contacts);
    expect(await recallShape(db, store.keys.index, 'faq-vendor:log', ['受付番号', '鳳凰院様より、手紙が届かない'])).toEqual(vendor);
    // Nothing left to move the next time.
    expect(await forgetHeadersInClear(db, store.keys.index)).toBe(0);
  });

  it('a mapping already remembered under the keyed key is not overwritten by an older clear one', async () => {
    const { store } = await workspace();
    const db = store.database;
    const newer = { fields: { customerNo: 1 }, extra: [0] };
    await rememberShape(db, store.keys.index, 'contacts', ['番号', '名前'], newer);
    await db.prefs.put({ key: `contacts-mapping:${JSON.stringify(['番号', '名前'])}`, value: { fields: { customerNo: 0 }, extra: [1] } });
    await forgetHeadersInClear(db, store.keys.index);
    expect(await recallShape(db, store.keys.index, 'contacts', ['番号', '名前'])).toEqual(newer);
    expect(await db.prefs.count()).toBe(1);
  });
});
