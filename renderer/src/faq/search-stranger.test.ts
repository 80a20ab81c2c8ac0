/** Operator search with the IPADIC analyser the operator screen uses, against a stranger's queries (variant kanji). */
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test loads the IPADIC dictionary's wasm from node_modules, as the page fetches it
import fs from 'node:fs';
import { cachedAnalyser, morphemeFromIpadic } from '../../../shared/faq/analyser';
import { createFaqIndex, searchFaq, type FaqSearchEntry } from '../../../shared/faq/search';

// The IPADIC analyser the operator screen uses (renderer/src/faq/ipadic.ts), loaded in node.
const lindera = await import('lindera-wasm-ipadic');
await lindera.default({ module_or_path: fs.readFileSync('node_modules/lindera-wasm-ipadic/lindera_wasm_bg.wasm') });
const builder = new lindera.TokenizerBuilder();
builder.setDictionary('embedded://ipadic');
builder.setMode('normal');
const tokenizer = builder.build();
const analyser = cachedAnalyser({ analyse: (text) => (tokenizer.tokenize(text) as Map<string, unknown>[]).map((m) => morphemeFromIpadic(m.get('text') as string, m.get('details') as string[])) });

const e = (id: string, question: string, answer: string, category = ''): FaqSearchEntry => ({ id, question, answer, category, variants: [], state: 'approved' });
const ENTRIES = [
  e('takahashi', '髙橋店で買い物をしました。対象ですか', '髙橋店のご利用分も対象です。'),
  e('yamazaki', '山﨑営業所からの連絡は本物ですか', '山﨑営業所からのご連絡は本物です。'),
  e('watanabe', '渡邊支店の会員は対象ですか', '渡邊支店の会員も対象です。'),
  e('email', 'E-mailアドレスは漏れましたか', 'メールアドレスは含まれていません。'),
  e('vuitton', 'ヴィンテージ会員の特典は', '特典は変わりません。'),
  e('card', 'クレジットカード情報は漏えいしましたか', 'クレジットカード情報は含まれておりません。'),
];
const index = createFaqIndex(ENTRIES, { analyser });
const top = (q: string) => searchFaq(index, q)[0];

describe('operator search', () => {
  it.each([
    ['高橋', 'takahashi'],
    ['髙橋', 'takahashi'],
    ['山崎', 'yamazaki'],
    ['山﨑', 'yamazaki'],
    ['渡辺', 'watanabe'],
    ['渡邊', 'watanabe'],
    ['ｅ－ｍａｉｌ', 'email'],
    ['ＥＭＡＩＬ', 'email'],
    ['email', 'email'],
    ['ｳﾞｨﾝﾃｰｼﾞ', 'vuitton'],
    ['ビンテージ', 'vuitton'],
    ['クレジッド', 'card'],
    ['くれじとかーど', 'card'],
    ['ｸﾚｼﾞｯﾄ　ｶｰﾄﾞ', 'card'],
  ])('「%s」 → %s', (q, id) => {
    expect(top(q)).toBe(id);
  });
});
