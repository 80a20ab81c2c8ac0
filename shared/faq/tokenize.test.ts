import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { analyze, miniSearchTokenizer, normalize, processTerm, tokenize, wordBigrams } from './tokenize';

const overlap = (a: string, b: string): string[] => {
  const right = new Set(tokenize(b));
  return tokenize(a).filter((t) => right.has(t));
};

describe('normalize', () => {
  it('folds half-width katakana and full-width Latin and digits to one form', () => {
    expect(normalize('ｸﾚｼﾞｯﾄｶｰﾄﾞ')).toBe(normalize('クレジットカード'));
    expect(normalize('ＡＢＣ１２３')).toBe('abc123');
  });

  it('spells out iteration marks and reads a dash inside katakana as the long-vowel mark', () => {
    expect(normalize('人々')).toBe('人人');
    expect(normalize('いすゞ')).toBe('いすず');
    expect(normalize('サ－バ－')).toBe('サーバー');
  });
});

describe('tokenize', () => {
  it('gives the same terms for half-width, full-width and katakana spellings', () => {
    expect(tokenize('ｸﾚｼﾞｯﾄｶｰﾄﾞ')).toEqual(tokenize('クレジットカード'));
    expect(tokenize('ﾊﾟｽﾜｰﾄﾞ')).toEqual(tokenize('パスワード'));
  });

  it('turns katakana into hiragana so a reading typed in hiragana overlaps', () => {
    expect(overlap('くれじっと', 'クレジットカード')).toEqual(expect.arrayContaining(['くれ', 'れじ', 'じっ', 'っと']));
  });

  it('drops particles and auxiliaries and keeps the content words', () => {
    expect(analyze('私の情報は漏れていますか').words).toEqual(['自分', '情報', '漏えい']);
    const terms = tokenize('お詫びの品はありますか');
    for (const particle of ['の', 'は', 'ありますか', 'ます', 'か']) expect(terms).not.toContain(particle);
    expect(terms).toContain('お詫び');
    expect(terms).toContain('品');
  });

  it('gives 「個人情報」 and 「個人の情報」 the same terms', () => {
    expect(tokenize('個人の情報')).toEqual(tokenize('個人情報'));
  });

  it('folds spelling variants and domain synonyms onto one word', () => {
    for (const text of ['漏洩しましたか', '流出しましたか', '漏れましたか', '漏えいしましたか']) expect(analyze(text).words).toEqual(['漏えい']);
    expect(analyze('問合せ窓口').words).toEqual(analyze('問い合わせ窓口').words);
    expect(analyze('電話が繋がらない').words).toEqual(analyze('電話がつながらない').words);
  });

  it('keeps the written form of a synonym as an alias so search still finds it', () => {
    const { words, aliases } = analyze('クレジットカード');
    expect(words).toEqual(['かーど']);
    expect(aliases).toContain('くれじっとかーど');
  });

  it('drops the final long-vowel mark of a long word only', () => {
    expect(analyze('サーバー').words).toEqual(analyze('サーバ').words);
    expect(analyze('カード').words).toEqual(['かーど']);
  });

  it('keeps half a katakana word being typed', () => {
    expect(analyze('クレ').words).toEqual(['くれ']);
  });

  it('keeps a run typed in hiragana whole, since the segmenter cuts it at random', () => {
    expect(analyze('といあわせ').words).toEqual(['といあわせ']);
  });

  it('tokenizes Latin words and numbers as words, without bigrams', () => {
    expect(tokenize('Ｐａｓｓｗｏｒｄ123 reset')).toEqual(['password123', 'reset']);
    expect(wordBigrams('password')).toEqual([]);
  });

  it('splits at punctuation so two sentences do not make bigrams across them', () => {
    expect(tokenize('住所。氏名')).not.toContain('所氏');
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('？！。、')).toEqual([]);
  });
});

describe('the MiniSearch pair', () => {
  it('processTerm leaves our tokens as they are and normalizes other input', () => {
    for (const t of tokenize('ｸﾚｼﾞｯﾄｶｰﾄﾞ情報は漏えいしましたか')) expect(processTerm(t)).toBe(t);
    expect(processTerm('ＡＢＣ')).toBe('abc');
    expect(processTerm('カード')).toBe('かーど');
    expect(processTerm('  ')).toBeNull();
  });

  it('plugs into MiniSearch as tokenize and processTerm', () => {
    const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], ...miniSearchTokenizer });
    mini.addAll([
      { id: 'a', text: 'クレジットカード情報は漏えいしましたか' },
      { id: 'b', text: 'お詫びの品はありますか' },
    ]);
    expect(mini.search('ｸﾚｼﾞｯﾄ').map((r) => r.id)).toEqual(['a']);
    expect(mini.search('おわび').map((r) => r.id)).toEqual(['b']);
  });
});
