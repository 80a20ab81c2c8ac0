import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { lettersHtml, renderLetters } from './batches';
import { EMPTY_FACTS } from '../../../shared/incident/model';
import { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';
import { checkFold, rebuildStatuses } from './outcomes';
import { contactTables } from './tables';
import { statusRecord } from './status-deltas';
import { customer, csvText, HEADER } from './test-data';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function imported(n: number) {
  const db = new HonbuDb(`engine-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  const engine = await ContactEngine.open(ws.store);
  const file = new Blob([encodeCsv(csvText(n), 'shift_jis')]);
  const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2 });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await engine.commitImport(r.datasetId);
  return { engine, datasetId: r.datasetId, store: ws.store };
}

describe('contact engine: post → e-mail → phone → public notice', () => {
  it('runs the whole fallback; the dashboard always equals a refold of the events', async () => {
    const { engine, datasetId } = await imported(1200);
    const expectFold = async () => expect(await checkFold(engine, datasetId)).toEqual({ rows: 1200, mismatchedRows: 0, totalsMatch: true });

    const post = await engine.createBatch({ datasetId, channel: 'post' });
    expect(post.batch.rows).toHaveLength(1200);
    expect((await engine.totals(datasetId)).byChannel.post!.inProgress).toBe(1200);
    await engine.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
    expect((await engine.batch(datasetId, post.batch.batchId))!.sentAt).toBe('2026-11-22T09:00:00.000Z');

    // 100 returned letters (customer numbers as a list), one unknown number.
    const returned = Array.from({ length: 100 }, (_, i) => ({ customerNo: customer(i * 10 + (i % 2 ? 4 : 0)).no, outcome: 'failed' as const, reason: 'unknown-address' }));
    returned.push({ customerNo: 'NOPE', outcome: 'failed', reason: 'moved' });
    const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned);
    // Every 5th customer has no e-mail, so skips to phone.
    expect(plan.preview).toMatchObject({ items: 101, matched: 100, notFound: [100], unchanged: 0, movedTo: { email: 50, phone: 50 } });
    const applied = await engine.applyOutcomes(plan);
    let t = await engine.totals(datasetId);
    expect(t.byChannel.email!.pending).toBe(50);
    expect(t.byChannel.phone!.pending).toBe(50);
    await expectFold();

    // Undo the list, then apply it again.
    await engine.undo(datasetId, applied.id);
    expect((await engine.totals(datasetId)).byChannel.post!.inProgress).toBe(1200);
    await expectFold();
    await engine.applyOutcomes(plan);

    const mail = await engine.createBatch({ datasetId, channel: 'email' });
    expect(mail.batch.rows).toHaveLength(50);
    const bounces = mail.batch.rows.slice(0, 10).map((row) => ({ email: customer(row).email, outcome: 'failed' as const, reason: 'hard' }));
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'email', 'bounce', bounces));
    await engine.applyOutcomes(
      await engine.previewOutcomes(datasetId, 'email', 'manual', mail.batch.rows.slice(10).map((row) => ({ row, outcome: 'reached' as const }))),
    );

    const calls = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A', 'B'] });
    expect(calls.batch.rows).toHaveLength(60);
    expect(calls.batch.assignment!.filter((a) => a === 1)).toHaveLength(30);
    const queueB = await engine.callQueue(datasetId, calls.batch.batchId, 'B');
    expect(queueB).toHaveLength(30);
    expect(queueB[0]!.row.row).toBe(calls.batch.rows[1]);
    const [first, ...rest] = calls.batch.rows;
    await engine.applyOutcomes(
      await engine.previewOutcomes(datasetId, 'phone', 'call', [
        { row: first!, outcome: 'reached', note: '了承' },
        ...rest.slice(0, 29).map((row) => ({ row, outcome: 'reached' as const })),
        ...rest.slice(29).map((row) => ({ row, outcome: 'no-answer' as const })),
      ]),
    );
    t = await engine.totals(datasetId);
    expect(t.byChannel.phone!.pending).toBe(30); // one no-answer: retried
    // 2 retries: two more calls without an answer (three in all) before the phone counts as failed.
    for (const round of [2, 3]) {
      const again = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'] });
      expect(again.batch.rows, `call ${round}`).toHaveLength(30);
      await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', again.batch.rows.map((row) => ({ row, outcome: 'no-answer' as const }))));
      t = await engine.totals(datasetId);
      expect(t.unreachable, `after call ${round}`).toBe(round === 3 ? 30 : 0);
    }
    await engine.exclude(datasetId, [post.batch.rows[1]!], 'deceased');
    await engine.publishNotice(datasetId, 'statement-1');
    t = await engine.totals(datasetId);
    expect(t).toMatchObject({ rows: 1200, unreachable: 0, excluded: { deceased: 1 } });
    expect(t.byPhase).toEqual({ pending: 0, 'in-progress': 1099, reached: 70, covered: 30, excluded: 1 });
    await expectFold();
    // The chart's last point is the dashboard, for the whole list and for one segment.
    const series = await engine.series(datasetId);
    expect(series.at(-1)!.totals).toEqual(t);
    expect(series.map((p) => p.totals.byPhase.reached)).toEqual([...series.map((p) => p.totals.byPhase.reached)].sort((a, b) => a - b));
    const seg = await engine.series(datasetId, 'アプリ');
    expect(seg.at(-1)!.totals).toEqual(await engine.totals(datasetId, 'アプリ'));

    const card = await engine.card(datasetId, first!);
    expect(card!.status.phase).toBe('reached');
    expect(card!.channel).toBe('phone');
    expect(card!.history.map((h) => [h.event.type, h.outcome ?? null, h.undone])).toEqual([
      ['contacts.batch-created', null, false],
      ['contacts.batch-sent', null, false],
      ['contacts.outcomes-recorded', 'failed', true],
      ['contacts.outcomes-recorded', 'failed', false],
      ['contacts.batch-created', null, false],
      ['contacts.outcomes-recorded', 'failed', false],
      ['contacts.batch-created', null, false],
      ['contacts.outcomes-recorded', 'reached', false],
      ['contacts.notice-published', null, false],
    ]);
    expect(card!.history[7]!.note).toBe('了承');

    // Damaged (or synced-in) statuses are detected by the refold and rebuilt from events.
    const t0 = contactTables(engine.store.database);
    // The record as readers see it (its delta laid over it), one word damaged, stored whole.
    const stored = (await t0.status.where('datasetId').equals(datasetId).first())!;
    const rec = (await statusRecord(t0, stored.id))!;
    rec.words[5] = 0;
    await t0.status.put(rec);
    await t0.statusDelta.delete(rec.id);
    expect((await checkFold(engine, datasetId)).mismatchedRows).toBe(1);
    await rebuildStatuses(engine, datasetId);
    await expectFold();
  });

  it('an event and its status writes land together or not at all', async () => {
    const { engine, datasetId, store } = await imported(50);
    const events = (await store.readEvents()).length;
    const before = await engine.totals(datasetId);
    await expect(
      store.append([{ type: 'contacts.batch-created', incidentId: 'inc', payload: { datasetId, batchId: 'b', channel: 'post', rows: [0, 1] } }], {
        tables: ['contact-status', 'contact-totals'],
        prepare: async () => async () => {
          await contactTables(store.database).totals.put({ id: datasetId, cells: new Int32Array(19) });
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect((await store.readEvents()).length).toBe(events);
    expect(await engine.totals(datasetId)).toEqual(before);
  });

  it('exports letters; remembers mappings', async () => {
    const { engine, datasetId } = await imported(120);
    const rows = [0, 1, 50];
    const letters = await lettersHtml(engine.cache, datasetId, rows, '<p>本文</p>', { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' });
    const rendered = await renderLetters(
      engine.cache, datasetId, [0], '{{title}}について <お詫び> 窓口 {{deskPhone}} {{nope}}',
      { title: '不正アクセス', facts: { ...EMPTY_FACTS, deskPhone: '0120-000-000' } },
      { labels: { items: {} as never, placeholders: { deskPhone: '窓口電話' } as never, missing: '【{name}未定】', listSeparator: '、' }, locale: 'ja-JP' },
      { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' },
    );
    expect(rendered.html).toContain('不正アクセスについて &lt;お詫び&gt; 窓口 0120-000-000');
    expect(rendered.unknown).toMatchObject([{ name: 'nope' }]);
    expect(letters.count).toBe(3);
    expect(letters.html).toContain(`${customer(50).name} 様`);
    expect(letters.html).toContain('size:A4');
    await engine.rememberMapping(HEADER.split(','), { fields: { customerNo: 0 }, extra: [] });
    expect(await engine.recallMapping(HEADER.split(','))).toEqual({ fields: { customerNo: 0 }, extra: [] });
    expect(await engine.recallMapping(['x'])).toBeUndefined();
  });
});
