/**
 * 名寄せ whose 文面 changed after the merge, attacked by a tester who did not write it: a split
 * letter represented by a record whose list's letters are already in the post (nobody would
 * print it); two laptops holding different lists reading different 文面; a list adopted after
 * the letters were read; a sent batch still told to decide again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { lettersHandlers } from '../letters/handlers';
import { ContactEngine } from './contact-engine';
import { customerGift, giftCoder } from './gifts';
import { giftHandlers } from './gift-handlers';
import { engineContext } from './handlers';
import { runImport } from './import-pipeline';
import { batchLetters } from './nayose-letters';
import { nayoseHandlers, readLetterGovernance, readPostRanks } from './nayose-handlers';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

const list = (rows: string[]) => ['顧客番号,氏名,郵便番号,住所,区分', ...rows].join('\r\n') + '\r\n';
const KIDS = { name: '保護者様あて', segments: ['kids'], items: null, addressee: 'guardian' as const };

describe('a split letter on one laptop', () => {
  afterEach(dropTestDatabases);
  // List A: a parent (no segment), their child (ｋｉｄｓ) and a stranger; list B: the child again (" KIDS ") and a stranger.
  const LIST_A = list(['A1,鈴木 一郎,150-0001,東京都渋谷区神宮前1-1-1,', 'A2,鈴木 二郎,150-0001,東京都渋谷区神宮前1-1-1,ｋｉｄｓ', 'A3,別人 三郎,530-0001,大阪府大阪市北区梅田3-1-1,']);
  const LIST_B = list(['B1,鈴木 二郎,150-0001,東京都渋谷区神宮前1-1-1, KIDS ', 'B2,別人 四郎,046-0003,北海道余市郡余市町黒川町3丁目1,']);

  async function setUp() {
    const { db, engine, store } = await openTestEngine();
    const a = await importText(engine, db, LIST_A, { fileName: 'a.csv' });
    const b = await importText(engine, db, LIST_B, { fileName: 'b.csv' });
    const h = engineContext(store);
    const decide = (members: { datasetId: string; row: number; letter?: number; segment?: string }[]) =>
      nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'household', clusters: [{ members, merge: true }] });
    const saveKids = () => lettersHandlers['letters.save-variant'](h, { incidentId: 'inc', ...KIDS });
    return { engine, h, a, b, decide, saveKids };
  }

  it('is printed by a list that will print it, not one whose letters went out without it', async () => {
    const { engine, h, a, b, decide, saveKids } = await setUp();
    await giftHandlers['contacts.set-gift-programme'](h, { incidentId: 'inc', options: [{ label: '図書カード', unitCost: 500 }], validFrom: '2026-12-01', validUntil: '2027-03-31' });
    await decide([{ datasetId: a, row: 0 }, { datasetId: a, row: 1 }, { datasetId: b, row: 0 }]);
    // List A's letters go out while there is one 文面: the child's A record is covered by the parent's.
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    expect((await batchLetters(engine.data, 'inc', a, ab.rows, ab.batchId)).letters).toEqual([0, 2]);
    await engine.markBatchSent(a, ab.batchId, '2026-12-01');
    await saveKids();
    // B's batch prints the child's guardian letter (A's batch is in the post and never will).
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    const lb = await batchLetters(engine.data, 'inc', b, bb.rows, bb.batchId);
    expect(lb.letters).toEqual([0, 1]);
    expect(lb.elsewhere.size).toBe(0);
    const g = await readLetterGovernance(engine.data, 'inc');
    expect(g.now.letterOf(b, 0)).toEqual({ datasetId: b, row: 0 });
    // The child's gift code is the one on B's letter.
    const coder = await giftCoder(engine, 'inc');
    const listNo = new Map((await engine.datasets('inc')).map((d) => [d.id, d.listNo!]));
    expect((await customerGift(engine, 'inc', b, 0))?.code).toBe(coder.code(listNo.get(b)!, 0));
    // Marked sent, B keeps the letter it printed.
    await engine.markBatchSent(b, bb.batchId, '2026-12-02');
    expect((await batchLetters(engine.data, 'inc', b, bb.rows, bb.batchId)).letters).toEqual([0, 1]);
    // The parent's standard letter comes back: the parent and the child's A record (covered by it then) fail; B's guardian letter is not that letter.
    await engine.applyOutcomes(await engine.previewOutcomes(a, 'post', 'returned-mail', [{ customerNo: 'A1', outcome: 'failed', reason: 'unknown-address' }]));
    expect((await engine.status(a, 1)).phase).not.toBe('in-progress');
    expect((await engine.status(b, 0)).phase).toBe('in-progress');
  });

  it('decided again after the split, the guardian letter stays with a list that will print it', async () => {
    const { engine, a, b, decide, saveKids } = await setUp();
    await decide([{ datasetId: a, row: 0 }, { datasetId: a, row: 1 }, { datasetId: b, row: 0 }]);
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    await engine.markBatchSent(a, ab.batchId, '2026-12-01');
    await saveKids();
    // As the screen sends it now: the parent's standard letter, the child's guardian letter in both lists.
    await decide([
      { datasetId: a, row: 0, letter: 0, segment: '' },
      { datasetId: a, row: 1, letter: 1, segment: 'ｋｉｄｓ' },
      { datasetId: b, row: 0, letter: 1, segment: ' KIDS ' },
    ]);
    const g = await readLetterGovernance(engine.data, 'inc');
    expect(g.now.letterOf(a, 1)).toEqual({ datasetId: b, row: 0 });
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    const lb = await batchLetters(engine.data, 'inc', b, bb.rows, bb.batchId);
    expect([lb.letters, lb.changed]).toEqual([[0, 1], 0]);
  });

  it('a batch in the post is not told to decide again; one not sent is, until someone does', async () => {
    const { engine, a, decide, saveKids } = await setUp();
    await decide([{ datasetId: a, row: 0 }, { datasetId: a, row: 1 }]);
    await saveKids();
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    expect((await batchLetters(engine.data, 'inc', a, ab.rows, ab.batchId)).changed).toBe(1);
    await engine.markBatchSent(a, ab.batchId, '2026-12-01');
    const sent = await batchLetters(engine.data, 'inc', a, ab.rows, ab.batchId);
    expect([sent.letters, sent.changed]).toEqual([[0, 1, 2], 0]);
    await decide([{ datasetId: a, row: 0, letter: 0 }, { datasetId: a, row: 1, letter: 1 }]);
    expect((await batchLetters(engine.data, 'inc', a, ab.rows, ab.batchId)).changed).toBe(0);
  });
});

describe('a split letter on two laptops', () => {
  ContactEngine.autoMerge = false;
  const dbs: HonbuDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });

  async function laptops() {
    const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
    let t = 1_700_000_000_000;
    const make = async (device: string, actor: string) => {
      const db = new HonbuDb(`split-${crypto.randomUUID()}`);
      dbs.push(db);
      const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor }, () => (t += 1000), keys.index);
      return { db, store, engine: await ContactEngine.open(store) };
    };
    return { a: await make('dev-a', 'alice'), b: await make('dev-b', 'bob') };
  }
  const PARENTS = list(['P1,鈴木 一郎,150-0001,東京都渋谷区神宮前1-1-1,', 'P2,別人 三郎,530-0001,大阪府大阪市北区梅田3-1-1,']);
  const CHILDREN = list(['K1,鈴木 二郎,150-0001,東京都渋谷区神宮前1-1-1,kids', 'K2,別人 四郎,046-0003,北海道余市郡余市町黒川町3丁目1,kids']);
  const file = (text: string) => new Blob([encodeCsv(text, 'utf-8-bom')]);
  const header = (text: string) => text.slice(0, text.indexOf('\r\n')).split(',');
  type Laptop = Awaited<ReturnType<typeof laptops>>['a'];
  async function imp(l: Laptop, text: string, name: string) {
    const r = await runImport(l.db, l.engine.importKeys, file(text), { incidentId: 'inc', mapping: guessMapping(header(text)), maxRetries: 2, fileName: name });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    await l.engine.commitImport(r.datasetId);
    return r.datasetId;
  }
  async function adopt(l: Laptop, text: string, datasetId: string) {
    const r = await runImport(l.db, l.engine.importKeys, file(text), await l.engine.adoptRequest(datasetId));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(await l.engine.commitAdopted(datasetId)).toEqual({ ok: true });
  }
  async function sync(from: Laptop, to: Laptop) {
    const have = new Set((await to.store.readEvents()).map((e) => e.id));
    await to.store.applyRemote((await from.store.readEvents()).filter((e) => !have.has(e.id)));
    await to.engine.settled();
  }

  it('a laptop without the children\'s list reads the same letters (the segments go with the decision), and carries no parent\'s result to the child', async () => {
    const { a, b } = await laptops();
    const P = await imp(a, PARENTS, 'p.csv');
    const K = await imp(a, CHILDREN, 'k.csv');
    // As the screen decides: each member with its segment.
    await nayoseHandlers['contacts.nayose-decide'](engineContext(a.store), { incidentId: 'inc', mode: 'household', clusters: [{ members: [{ datasetId: P, row: 0, segment: '' }, { datasetId: K, row: 0, segment: 'kids' }], merge: true }] });
    await lettersHandlers['letters.save-variant'](engineContext(a.store), { incidentId: 'inc', ...KIDS });
    const pb = (await a.engine.createBatch({ datasetId: P, channel: 'post' })).batch;
    const kb = (await a.engine.createBatch({ datasetId: K, channel: 'post' })).batch;
    expect((await batchLetters(a.engine.data, 'inc', K, kb.rows, kb.batchId)).letters).toEqual([0, 1]);
    await a.engine.markBatchSent(P, pb.batchId, '2026-12-01');
    await a.engine.markBatchSent(K, kb.batchId, '2026-12-01');

    await sync(a, b);
    await adopt(b, PARENTS, P);
    await b.engine.settled();
    expect((await readLetterGovernance(b.engine.data, 'inc')).of(K, 0).letterOf(K, 0)).toEqual({ datasetId: K, row: 0 });

    await b.engine.applyOutcomes(await b.engine.previewOutcomes(P, 'post', 'returned-mail', [{ customerNo: 'P1', outcome: 'failed', reason: 'unknown-address' }]));
    await sync(b, a);
    expect((await a.engine.status(P, 0)).phase).not.toBe('in-progress');
    expect((await a.engine.status(K, 0)).phase).toBe('in-progress');
  });

  it('an older decision without segments is read again once the list it names is on the laptop', async () => {
    const { a, b } = await laptops();
    const P = await imp(a, PARENTS, 'p.csv');
    const K = await imp(a, CHILDREN, 'k.csv');
    await nayoseHandlers['contacts.nayose-decide'](engineContext(a.store), { incidentId: 'inc', mode: 'household', clusters: [{ members: [{ datasetId: P, row: 0 }, { datasetId: K, row: 0 }], merge: true }] });
    await lettersHandlers['letters.save-variant'](engineContext(a.store), { incidentId: 'inc', ...KIDS });
    await sync(a, b);
    await adopt(b, PARENTS, P);
    await b.engine.settled();
    // Without the children's list the child's 文面 is not known here: read as decided.
    expect((await readLetterGovernance(b.engine.data, 'inc')).now.lettersSaved().saved).toBe(1);
    await adopt(b, CHILDREN, K);
    await b.engine.settled();
    // Adopting brings no event; the letters are read again all the same.
    expect((await readLetterGovernance(b.engine.data, 'inc')).now.lettersSaved().saved).toBe(0);
    const kb = (await b.engine.createBatch({ datasetId: K, channel: 'post' })).batch;
    expect((await batchLetters(b.engine.data, 'inc', K, kb.rows, kb.batchId)).letters).toEqual([0, 1]);
  });

  it('decided again, the same child in a third list is not given a second guardian letter (the record that printed it under an older decision without segments represents it)', async () => {
    const { a } = await laptops();
    const CLUB = list(['C1,鈴木 二郎,150-0001,東京都渋谷区神宮前1-1-1,ｋｉｄｓ ', 'C2,別人 五郎,046-0003,北海道余市郡余市町黒川町3丁目2,']);
    const P = await imp(a, PARENTS, 'p.csv');
    const K = await imp(a, CHILDREN, 'k.csv');
    const C = await imp(a, CLUB, 'c.csv');
    const h = engineContext(a.store);
    // An older version decided it: no letters, no segments.
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'household', clusters: [{ members: [{ datasetId: P, row: 0 }, { datasetId: K, row: 0 }, { datasetId: C, row: 0 }], merge: true }] });
    await lettersHandlers['letters.save-variant'](h, { incidentId: 'inc', ...KIDS });
    const kb = (await a.engine.createBatch({ datasetId: K, channel: 'post' })).batch;
    expect((await batchLetters(a.engine.data, 'inc', K, kb.rows, kb.batchId)).letters).toEqual([0, 1]);
    await a.engine.markBatchSent(K, kb.batchId, '2026-12-01');
    const rank = await readPostRanks(a.engine.data, 'inc');
    expect([rank({ datasetId: K, row: 0, segment: 'kids' }), rank({ datasetId: C, row: 0, segment: 'ｋｉｄｓ ' })]).toEqual(['printed', 'unsent']);
    // As the screen sends it now: the club list's record first among the guardian letter's.
    await nayoseHandlers['contacts.nayose-decide'](h, {
      incidentId: 'inc', mode: 'household',
      clusters: [{ members: [{ datasetId: P, row: 0, letter: 0, segment: '' }, { datasetId: C, row: 0, letter: 1, segment: 'ｋｉｄｓ ' }, { datasetId: K, row: 0, letter: 1, segment: 'kids' }], merge: true }],
    });
    const cb = (await a.engine.createBatch({ datasetId: C, channel: 'post' })).batch;
    const lc = await batchLetters(a.engine.data, 'inc', C, cb.rows, cb.batchId);
    expect(lc.elsewhere.get(0)).toEqual({ datasetId: K, row: 0 });
    expect(lc.letters).toEqual([1]);
  });
});
