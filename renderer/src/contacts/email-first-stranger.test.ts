import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { bounceIsSoft, parseResultList } from '../../../shared/contacts/result-list';
import { encodeCsv } from '../../../shared/export/csv';
import { guessMapping } from '../../../shared/contacts/validate';
import { runImport } from './import-pipeline';
import { dropTestDatabases, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const LIST = [
  '顧客番号,氏名,住所,メールアドレス,電話番号',
  'E1,一 花子,東京都千代田区1-1,ＨＡＮＡＫＯ＠ＥＸＡＭＰＬＥ．ＪＰ,090-0000-0001',
  'E2,二 太郎,,taro@example.jp,',
  'E3,三 次郎,,,',
  'E4,四 四郎,東京都千代田区1-4,shiro@example.jp,090-0000-0004',
].join('\r\n') + '\r\n';

describe('e-mail first, bounces', () => {
  it('moves each customer to the right next channel', async () => {
    const { db, engine } = await openTestEngine();
    const r = await runImport(db, engine.importKeys, new Blob([encodeCsv(LIST, 'utf-8-bom')]), { incidentId: 'inc', mapping: guessMapping(LIST.split('\r\n')[0]!.split(',')), maxRetries: 1, fileName: 'l.csv', channelOrder: ['email', 'post', 'phone', 'notice'] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await engine.commitImport(r.datasetId);
    const ds = r.datasetId;
    const st = async () => Promise.all([0, 1, 2, 3].map(async (i) => { const s = await engine.status(ds, i); return `${s.phase}@${s.slot}r${s.retries}`; }));
    const em = await engine.createBatch({ datasetId: ds, channel: 'email' });
    expect(em.batch.rows).toEqual([0, 1, 3]);
    const bounce = parseResultList('address,type\r\n一 花子 <hanako@example.jp>,5.1.1 user unknown\r\ntaro@example.jp ,4.2.2 mailbox full\r\nmailto:SHIRO@example.jp,hard\r\n', 'bounce');
    const items = bounce.items.map((it) => (bounceIsSoft(it.detail) ? { email: it.key, outcome: 'no-answer' as const } : { email: it.key, outcome: 'failed' as const }));
    const plan = await engine.previewOutcomes(ds, 'email', 'bounce', items);
    await engine.applyOutcomes(plan);
    // E1 hard → post; E2 soft (1 retry) → still email; E4 hard → post
    expect(await st()).toEqual(['pending@1r0', 'pending@0r1', 'pending@3r0', 'pending@1r0']);
    const em2 = await engine.createBatch({ datasetId: ds, channel: 'email' });
    expect(em2.batch.rows).toEqual([1]);
    const soft2 = await engine.previewOutcomes(ds, 'email', 'bounce', [{ email: 'taro@example.jp', outcome: 'no-answer' }]);
    await engine.applyOutcomes(soft2);
    // E2: no address, no phone → notice
    expect((await st())[1]).toBe('pending@3r0');
    const post = await engine.createBatch({ datasetId: ds, channel: 'post' });
    expect(post.batch.rows).toEqual([0, 3]);
  });

  it('a bounce pasted as a mail client copies it ("Name" <address>) is read', () => {
    for (const text of ['"一 花子" <hanako@example.jp>\r\n"Sato, Hanako" <sato@example.jp>\r\n', '"一 花子" <hanako@example.jp>,5.1.1 user unknown\r\n']) {
      const p = parseResultList(text, 'bounce');
      expect(p.problems).toEqual([]);
      expect(p.items.map((i) => i.key)[0]).toBe('hanako@example.jp');
    }
  });
});
