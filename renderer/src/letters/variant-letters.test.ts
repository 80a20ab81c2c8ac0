import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Facts } from '../../../shared/incident/model';
import type { LetterVariant } from '../../../shared/letters/events';
import { BUILT_IN_DEFAULT } from '../../../shared/letters/variants';
import { tFor } from '../disclosure/doc-lang';
import { findUnfilled } from '../../../shared/outgoing/unfilled';
import { renderLabels } from '../ui/render-labels';
import type { OpenIncident } from '../incidents/open-incident';
import { rowsByVariant, rowSegments, variantLettersHtml } from '../contacts/variant-letters';
import { dropTestDatabases, importText, openTestEngine } from '../contacts/test-engine';
import { variantBlocks, variantBodyHtml, variantDocuments, variantLabels, variantNotice } from './variant-text';

afterEach(dropTestDatabases);
const t = tFor('ja');

// Segments written every way a list made by hand writes them: full-width, half-width, blank.
// Names outside Shift_JIS (𠮷, 髙, 﨑) and a quoted address with a comma.
const LIST = [
  '顧客番号,氏名,郵便番号,住所,サービス',
  'C1,山田 花子,100-0001,東京都千代田区丸の内1-1,通販',
  'C2,𠮷野 太郎,100-0002,"東京都港区芝3,4",こども講座',
  'C3,髙橋 恵美子,100-0003,愛知県名古屋市中村区5,',
  'C4,﨑山 一郎,100-0004,大阪府大阪市北区6,ＫＩＤＳ',
  'C5,佐藤 次郎,１００－０００５,京都府京都市中京区7,こども講座',
  'C6,,100-0006,福岡県福岡市8,kids',
].join('\r\n') + '\r\n';

const FACTS: Facts = {
  ...EMPTY_FACTS,
  maxCount: 20000,
  confirmedCount: 12000,
  itemsLeaked: ['name', 'address', 'birthDate', 'email'],
  itemsNotLeaked: ['creditCard'],
  discoveredAt: '2026-11-20T01:00:00.000Z',
  deskPhone: '0120-000-123',
  deskHours: '9:00〜18:00',
};
const data = (facts: Facts = FACTS) => ({ incident: { id: 'inc', title: '不正アクセス', facts }, notices: [], company: null }) as unknown as OpenIncident;

const STANDARD: LetterVariant = { ...BUILT_IN_DEFAULT, name: '標準', items: ['name', 'address', 'email'] };
const BIRTH: LetterVariant = { variantId: 'v-birth', name: '生年月日を含む', segments: ['こども講座'], items: ['name', 'address', 'birthDate'], addressee: 'customer' };
const KIDS: LetterVariant = { variantId: 'v-kids', name: '保護者様あて', segments: ['kids'], items: ['name', 'birthDate'], addressee: 'guardian' };
const VARIANTS = [STANDARD, BIRTH, KIDS];

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Each printed page as its recipient reads it: number, name line, the items lines of the body, the footer. */
function pages(html: string) {
  return [...html.matchAll(/<section class="letter">([\s\S]*?)<\/section>/g)].map((m) => {
    const page = m[1]!;
    const field = (re: RegExp) => unescape(re.exec(page)?.[1] ?? '');
    const body = field(/<div class="body">([\s\S]*?)<\/div>/);
    return {
      no: field(/<p class="no">(.*?)<\/p>/),
      name: field(/<p class="name">(.*?)<\/p>/),
      leaked: /流出した可能性がある情報：(.*)/.exec(body)?.[1] ?? '',
      notLeaked: /なお、(.*)は含まれておりません/.exec(body)?.[1] ?? '',
      foot: field(/<footer class="mark">(.*?)<\/footer>/),
    };
  });
}

async function letters(variants: LetterVariant[], rows?: number[]) {
  const { db, engine } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  const all = rows ?? [0, 1, 2, 3, 4, 5];
  const groups = await rowsByVariant(engine.data, datasetId, all, variants);
  const out = await variantLettersHtml(engine.cache, datasetId, groups, (v) => ({
    bodyHtml: variantBodyHtml(t, data(), v),
    labels: variantLabels(t, v, 'ja', '出力番号 X1'),
    name: v.name,
  }));
  return { ...out, engine, datasetId, groups };
}

describe('a batch prints each customer the letter of their segment', () => {
  it('reads each row\'s segment from the status blocks, as imported', async () => {
    const { engine, datasetId } = await letters(VARIANTS);
    expect(await rowSegments(engine.data, datasetId, [5, 0, 3, 2])).toEqual(['kids', '通販', 'ＫＩＤＳ', '']);
  });

  it('groups the letters by variant (default first), each page with its variant\'s items and addressee, read back page by page', async () => {
    const { html, count, perVariant } = await letters(VARIANTS);
    expect(count).toBe(6);
    expect(perVariant).toEqual([
      { variantId: 'default', name: '標準', count: 2 },
      { variantId: 'v-birth', name: '生年月日を含む', count: 2 },
      { variantId: 'v-kids', name: '保護者様あて', count: 2 },
    ]);
    expect(pages(html)).toEqual([
      // 通販 and the blank segment: the default.
      { no: 'C1', name: '山田 花子 様', leaked: '氏名、住所、メールアドレス', notLeaked: '生年月日、クレジットカード情報', foot: '出力番号 X1 · 標準 · 1/2' },
      { no: 'C3', name: '髙橋 恵美子 様', leaked: '氏名、住所、メールアドレス', notLeaked: '生年月日、クレジットカード情報', foot: '出力番号 X1 · 標準 · 2/2' },
      { no: 'C2', name: '𠮷野 太郎 様', leaked: '氏名、住所、生年月日', notLeaked: 'メールアドレス、クレジットカード情報', foot: '出力番号 X1 · 生年月日を含む · 1/2' },
      { no: 'C5', name: '佐藤 次郎 様', leaked: '氏名、住所、生年月日', notLeaked: 'メールアドレス、クレジットカード情報', foot: '出力番号 X1 · 生年月日を含む · 2/2' },
      // ＫＩＤＳ (full-width) and kids: the guardian's letter; no name → 保護者様, never a bare 様.
      { no: 'C4', name: '﨑山 一郎 様の保護者様', leaked: '氏名、生年月日', notLeaked: '住所、メールアドレス、クレジットカード情報', foot: '出力番号 X1 · 保護者様あて · 1/2' },
      { no: 'C6', name: '保護者様', leaked: '氏名、生年月日', notLeaked: '住所、メールアドレス、クレジットカード情報', foot: '出力番号 X1 · 保護者様あて · 2/2' },
    ]);
    // One HTML document, one head.
    expect(html.match(/<html/g)).toHaveLength(1);
  });

  it('without variants, every customer gets the one letter on the incident\'s own items, in row order', async () => {
    const { html } = await letters([BUILT_IN_DEFAULT]);
    const read = pages(html);
    expect(read.map((p) => p.no)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    // One run: the mark as the letters have always carried it.
    expect(read.map((p) => p.foot)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `出力番号 X1 · ${n}/6`));
    expect(new Set(read.map((p) => p.leaked))).toEqual(new Set(['氏名、住所、生年月日、メールアドレス']));
  });

  it('a batch of part of the list prints only its customers, variants it does not need left out', async () => {
    const { perVariant, html } = await letters(VARIANTS, [4, 0]);
    expect(perVariant.map((v) => [v.name, v.count])).toEqual([
      ['標準', 1],
      ['生年月日を含む', 1],
    ]);
    expect(pages(html).map((p) => p.no)).toEqual(['C1', 'C5']);
  });
});

describe('the checks per variant before printing', () => {
  it('a variant claiming an item the facts do not confirm blocks, naming the variant and the item; the others pass', () => {
    const facts = { ...FACTS, itemsLeaked: ['name', 'address', 'email'] as Facts['itemsLeaked'] };
    const blocks = variantBlocks(data(facts), VARIANTS);
    expect(blocks.map((b) => [b.variant.name, b.problems])).toEqual([
      ['生年月日を含む', [{ code: 'item-not-confirmed', item: 'birthDate' }]],
      ['保護者様あて', [{ code: 'item-not-confirmed', item: 'birthDate' }]],
    ]);
  });

  it('the release gate gets one document per variant, each with its own letter text; a lone default keeps the batch\'s id', () => {
    const docs = variantDocuments(t, data(), { batchId: 'b1', channel: 'post', rows: [0, 1] }, [STANDARD, BIRTH]);
    expect(docs.map((d) => d.id)).toEqual(['letters:b1', 'letters:b1:v-birth']);
    expect(docs[1]!.title).toContain('生年月日を含む');
    expect(docs[1]!.parts[0]!.text).toContain('流出した可能性がある情報：氏名、住所、生年月日');
    expect(docs[0]!.parts[0]!.text).toContain('流出した可能性がある情報：氏名、住所、メールアドレス\n');
  });

  it('an unknown fact stops every variant that quotes it, each named by the gate', () => {
    const d = data({ ...FACTS, deskPhone: '' });
    const docs = variantDocuments(t, d, { batchId: 'b1', channel: 'post', rows: [0, 1] }, [STANDARD, BIRTH]);
    const unfilled = findUnfilled(docs, { title: '', facts: d.incident.facts }, { labels: renderLabels(t.dict), locale: 'ja-JP' });
    expect(unfilled.map((u) => [u.fact, u.uses.map((x) => x.documentId)])).toEqual([['deskPhone', ['letters:b1', 'letters:b1:v-birth']]]);
    expect(variantNotice(t, d, BIRTH).letter).not.toContain('0120-000-123');
  });
});
