/**
 * A stranger's attacks on the cheaper import (decision 041): tokens and keys held equal to
 * their definition on inputs the author's generators did not make, and customers found after
 * an import by every key kind.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { indexPartsByDefinition, keysByDefinition } from '../../../shared/contacts/keys.fixture';
import { normalizeCustomerNo, normalizeEmail, normalizeKana } from '../../../shared/contacts/normalize';
import { givenKey, givenPart, normaliseKeys, type NormalisedKeys, Tokenizer } from '../../../shared/contacts/tokens';
import { guessMapping } from '../../../shared/contacts/validate';
import { buildIndexParts } from './index-build';
import { runImport } from './import-pipeline';
import { BUCKETS } from './tables';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const reference = (tokenizer: Tokenizer, first: number, keys: NormalisedKeys[], kinds?: readonly string[]) => indexPartsByDefinition(tokenizer, first, keys, BUCKETS, kinds);

let x = 0x9e3779b9;
const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
// Pieces: astral ideographs and emoji, variation selectors, lone surrogates, half-width kana
// with voicing marks, the spacing marks, combining marks after spaces, Unicode spaces.
const PIECES = [
  '𠮷', '😀', '👨‍👩‍👧', '葛\udb40\udd00', '辻\udb40\udd01', '\ud842', '\udfb7', '\udb40', 'ﾀﾞ', 'ﾊﾟ', 'ｶ', 'ﾞ', 'ﾟ', '゛', '゜', '\u3099', '\u309a',
  ' \u3099', ' \u0301', '\u00a0', '\u2003', '\u3000', '\u200b', '\ufeff', '\t', ' ', 'ヴ', 'ヷ', 'ー', '・', '･', 'やまだ', 'ヤマダ', 'Ａ', '１', '髙', '﨑',
  '①', '㌔', 'ß', 'İ', 'e\u0301', '', 'a', '-', '@', '.', '0', '〒',
];
const CODEPOINT = () => {
  const r = rnd();
  if (r < 0.4) return String.fromCharCode(0x3040 + Math.floor(rnd() * 0xc0));
  if (r < 0.6) return String.fromCodePoint(0x20000 + Math.floor(rnd() * 0x2000));
  if (r < 0.7) return String.fromCharCode(0xd800 + Math.floor(rnd() * 0x800));
  if (r < 0.8) return String.fromCharCode(0xff61 + Math.floor(rnd() * 0x3f));
  return String.fromCharCode(Math.floor(rnd() * 0x3100));
};
const text = (max = 8) => Array.from({ length: Math.floor(rnd() * max) }, () => (rnd() < 0.5 ? pick(PIECES) : CODEPOINT())).join('');

describe('tokens of an import chunk, against the definition, on a stranger\'s values', () => {
  it('kana of 1–5 code points, some surrogate pairs or lone surrogates at every position', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(16).map((_, i) => 255 - i));
    const atoms = ['あ', 'ア', '𠮷', '\ud842', '\udfb7', '😀', 'ｶ', 'ﾞ'];
    const keys: NormalisedKeys[] = [];
    for (let len = 1; len <= 5; len++) {
      for (let t = 0; t < 400; t++) {
        const kana = Array.from({ length: len }, () => pick(atoms)).join('');
        keys.push({ no: kana, phone: '', email: '', kana, postcode: '', name: kana, given: kana, givenKana: rnd() < 0.5 ? kana : kana + 'x' });
      }
    }
    expect(buildIndexParts(tokenizer, 1000, keys)).toEqual(reference(tokenizer, 1000, keys));
    for (const kinds of [['kp2'], ['kp4'], ['kp2', 'kp4'], ['gn', 'kp3', 'no']]) expect(buildIndexParts(tokenizer, 0, keys, kinds)).toEqual(reference(tokenizer, 0, keys, kinds));
  });

  it('random values of every script, long ones over 4,096 bytes and 2,000 characters, empty ones', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(16).map((_, i) => i * 31 + 5));
    for (let round = 0; round < 5; round++) {
      const keys = Array.from({ length: 300 }, (): NormalisedKeys => {
        const v = () => (rnd() < 0.05 ? text(3).repeat(700 + Math.floor(rnd() * 1500)) : rnd() < 0.2 ? '' : text());
        return { no: v(), phone: v(), email: v(), kana: v(), postcode: v(), name: v(), given: v(), givenKana: v() };
      });
      expect(buildIndexParts(tokenizer, 3000 * round, keys)).toEqual(reference(tokenizer, 3000 * round, keys));
    }
    // Exactly at the 4,096-byte edge of token()'s buffer, in 1, 2, 3 and 4-byte characters.
    const edge: NormalisedKeys[] = [];
    for (const ch of ['a', 'é', 'あ', '𠮷']) for (let n = 4070; n <= 4100; n++) {
      const s = ch.repeat(Math.ceil(n / new TextEncoder().encode(ch).length)).slice(0, n);
      edge.push({ no: s, phone: '', email: s + '\ud842', kana: s, postcode: '', name: '', given: s, givenKana: s });
    }
    expect(buildIndexParts(tokenizer, 0, edge)).toEqual(reference(tokenizer, 0, edge));
  });
});

describe('the keys of a row, against the public normalisers, on a stranger\'s values', () => {
  it('are each what the normaliser gives', () => {
    for (let i = 0; i < 5_000; i++) {
      const row = { customerNo: text(), name: text(), kana: text(), postcode: text(), email: text(), phone: rnd() < 0.2 ? '０９０ー１２３４ー' + text(3) : text(4) };
      if (rnd() < 0.1) row.kana = row.name;
      if (rnd() < 0.05) row.name = pick([' ', '\u3000', '\u00a0\u3000 ', '\t']);
      expect(normaliseKeys(row), JSON.stringify(row)).toEqual(keysByDefinition(row));
    }
  });
});

describe('customers with names outside Shift_JIS, found after an import by every key kind', () => {
  it('𠮷, 髙, variation selectors, half-width kana with voicing marks', async () => {
    const { db, engine } = await openTestEngine();
    const people = [
      ['X000001', '𠮷田 太郎', 'ﾖｼﾀﾞ ﾀﾛｳ', '100-0001', 'yoshida@example.jp', '090-1111-0001'],
      ['X000002', '髙橋 花子', 'タカハシ ハナコ', '１００－０００２', 'ＴＡＫＡ＠ｅｘａｍｐｌｅ．ｊｐ', '０９０－１１１１－０００２'],
      ['X000003', '葛\udb40\udd00城 ゆう', 'ｶﾂﾗｷﾞ ﾕｳ', '1000003', 'k@example.jp', '09011110003'],
      ['X000004', '𠮷\u3000😀', 'ﾊﾟﾊﾟ\u3000ﾎﾟﾎﾟ', '100-0004', '', '090-1111-0004'],
    ];
    const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', ...people.map(([no, n, k, pc, e, p]) => [no, n, k, pc, '東京都', e, p].join(','))];
    await importText(engine, db, lines.join('\r\n') + '\r\n', { commitRows: 1 });
    const found = async (kind: Parameters<typeof engine.find>[1], value: string) => (await engine.find('inc', kind, value)).map((h) => h.row.customerNo);
    expect(await found('no', 'ｘ０００００１')).toEqual(['X000001']);
    expect(await found('phone', '090-1111-0002')).toEqual(['X000002']);
    expect(await found('email', 'taka@example.jp')).toEqual(['X000002']);
    const kana = async (value: string) => (await engine.search('inc', { kind: 'kana-prefix', value })).hits.map((h) => h.row.customerNo);
    expect(await kana('よしだ')).toEqual(['X000001']);
    expect(await kana('ｶﾂﾗｷﾞ')).toEqual(['X000003']);
    expect(await kana('ﾊﾟﾊﾟ ﾎﾟ')).toEqual(['X000004']);
    const at = async (value: string, name: string) => (await engine.search('inc', { kind: 'postcode-name', value, name })).hits.map((h) => h.row.customerNo);
    expect(await at('100-0001', '吉田')).toEqual(['X000001']);
    expect(await at('100-0002', '高橋')).toEqual(['X000002']);
    expect(await at('100-0003', '葛城')).toEqual(['X000003']);
  });
});

describe('a tab-separated UTF-16 list with full-width digits, in several chunks', () => {
  it('is stored whole and every customer is found by number, phone and kana', async () => {
    const { db, engine } = await openTestEngine();
    const fw = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const header = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];
    const lines = [header.join('\t')];
    for (let i = 0; i < 2500; i++) lines.push([fw(`Z${String(i).padStart(5, '0')}`), `𠮷${'田'.repeat(i % 3)}\u3000太郎`, `ﾖｼﾀﾞ\u3000ﾀﾛｳ${i % 2 ? 'ﾞ' : ''}`, fw('100-0001'), '東京都', '', fw(`090-2222-${String(i).padStart(4, '0')}`)].join('\t'));
    const text = lines.join('\r\n') + '\r\n';
    const file = new Blob([new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: guessMapping(header), commitRows: 1000 });
    expect(r).toMatchObject({ ok: true, rows: 2500 });
    if (!r.ok) return;
    await engine.commitImport(r.datasetId);
    for (const i of [0, 999, 1000, 1001, 2499]) {
      expect((await engine.find('inc', 'no', `z${String(i).padStart(5, '0')}`)).map((h) => h.row.name)).toEqual([`𠮷${'田'.repeat(i % 3)}\u3000太郎`]);
      expect((await engine.find('inc', 'phone', `090-2222-${String(i).padStart(4, '0')}`)).map((h) => h.row.customerNo)).toEqual([fw(`Z${String(i).padStart(5, '0')}`)]);
    }
    const { hits } = await engine.search('inc', { kind: 'kana-prefix', value: 'よしだ' });
    expect(hits.length).toBeGreaterThan(0);
  });
});

describe('kana written with the spacing voicing marks ゛ ゜ (old systems, half-width converted by hand)', () => {
  it('is the same key as the kana with its voiced letters', () => {
    expect(normalizeKana('ヤマタ゛')).toBe(normalizeKana('ヤマダ'));
    expect(normalizeKana('ハ゜ハ゜')).toBe('ぱぱ');
    expect(givenKey(givenPart('ヤマタ゛ タロウ'))).toBe('たろう');
    expect(givenKey(givenPart('サトウ シ゛ロウ'))).toBe('じろう');
    expect(normaliseKeys({ customerNo: 'C1', name: '山田 太郎', kana: 'ヤマタ゛ タロウ', postcode: '', email: '', phone: '' })).toMatchObject({ kana: 'やまだたろう', givenKana: 'たろう' });
  });

  it('finds the customer by the kana the caller says, and narrows by the given name', async () => {
    const { db, engine } = await openTestEngine();
    const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', 'K1,山田 太郎,ヤマタ゛ タロウ,100-0001,東京都,,', 'K2,佐藤 次郎,サトウ シ゛ロウ,100-0001,東京都,,', 'K3,パパ ポポ,ハ゜ハ゜ ホ゜ホ゜,100-0001,東京都,,'];
    await importText(engine, db, lines.join('\r\n') + '\r\n');
    const kana = async (value: string, given?: string) => (await engine.search('inc', { kind: 'kana-prefix', value, ...(given ? { given } : {}) })).hits.map((h) => h.row.customerNo);
    expect(await kana('ヤマダ')).toEqual(['K1']);
    expect(await kana('やまだ たろう')).toEqual(['K1']);
    expect(await kana('サトウ', 'ジロウ')).toEqual(['K2']);
    expect(await kana('ﾊﾟﾊﾟ')).toEqual(['K3']);
  });
});

describe('invisible characters pasted into a list (zero-width space, word joiner, soft hyphen)', () => {
  it('are not part of a key: the customer is found by what the caller says', async () => {
    expect(normalizeCustomerNo('C0001\u200b')).toBe('C0001');
    expect(normalizeKana('ヤマ\u200bダ')).toBe('やまだ');
    expect(normalizeEmail('taro\u00ad@example.jp')).toBe('taro@example.jp');
    const { db, engine } = await openTestEngine();
    const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', 'C0001\u200b,山田 太郎,ヤマ\u200bダ タ\u2060ロウ,100-0001,東京都,taro\u00ad@example.jp,'];
    await importText(engine, db, lines.join('\r\n') + '\r\n');
    expect((await engine.find('inc', 'no', 'C0001')).map((h) => h.row.name)).toEqual(['山田 太郎']);
    expect((await engine.find('inc', 'email', 'taro@example.jp')).map((h) => h.row.name)).toEqual(['山田 太郎']);
    expect((await engine.search('inc', { kind: 'kana-prefix', value: 'やまだ', given: 'たろう' })).hits.map((h) => h.row.name)).toEqual(['山田 太郎']);
  });
});

describe('a Shift_JIS (Windows-31J) list with its extension kanji and half-width kana', () => {
  it('finds 髙橋 by 高橋 and ﾀｶﾊｼ, and 𠮷-less 吉田 by ﾖｼﾀﾞ', async () => {
    const { db, engine } = await openTestEngine();
    const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', 'S1,髙橋 ①子,ﾀｶﾊｼ ｲﾁｺ,１００－０００１,東京都,,', 'S2,吉田 ﾊﾟｰﾙ,ﾖｼﾀﾞ ﾊﾟｰﾙ,100-0002,東京都,,'];
    await importText(engine, db, lines.join('\r\n') + '\r\n', { encoding: 'shift_jis' });
    const at = async (value: string, name: string) => (await engine.search('inc', { kind: 'postcode-name', value, name })).hits.map((h) => h.row.customerNo);
    expect(await at('100-0001', '高橋')).toEqual(['S1']);
    expect(await at('100-0001', 'ﾀｶﾊｼ')).toEqual(['S1']);
    expect((await engine.search('inc', { kind: 'kana-prefix', value: 'ヨシダ', given: 'ぱーる' })).hits.map((h) => h.row.customerNo)).toEqual(['S2']);
    expect((await engine.search('inc', { kind: 'kana-prefix', value: 'たかは', given: '1子' })).hits.map((h) => h.row.customerNo)).toEqual(['S1']);
  });
});
