import { describe, expect, it } from 'vitest';
import { cachedAnalyser, morphemeFromIpadic } from './analyser';
import { cutKana, fold, inflectedStems, Vocabulary } from './reading';

describe('readings', () => {
  it('folds width, case and katakana to one form', () => {
    expect(fold('ｺｼﾞﾝｼﾞｮｳﾎｳ')).toBe('こじんじょうほう');
    expect(fold('サーバー')).toBe('さーば');
  });

  it('lists the stems an inflected verb or adjective starts with', () => {
    expect(inflectedStems('ぬすむ', '五段・マ行').sort()).toEqual(['ぬすま', 'ぬすみ', 'ぬすむ', 'ぬすめ', 'ぬすも', 'ぬすん'].sort());
    expect(inflectedStems('もれる', '一段').sort()).toEqual(['もれ', 'もれる']);
    expect(inflectedStems('あやしい', '形容詞・イ段').sort()).toEqual(['あやし', 'あやしい']);
  });

  it('cuts a kana stretch into the longest known readings, leaving endings uncovered', () => {
    const v = new Vocabulary();
    v.add('こじん', { keys: ['個人'], displays: ['個人'] });
    v.add('じょうほう', { keys: ['情報'], displays: ['情報'] });
    v.add('こじんじょうほう', { keys: ['個人', '情報'], displays: ['個人', '情報'] });
    v.add('もれ', { keys: ['漏えい'], displays: ['漏れる'] });
    const cuts = cutKana('わたしのこじんじょうほうはもれましたか', v);
    expect(cuts.map((c) => c.reading)).toEqual(['こじんじょうほう', 'もれ']);
  });

  it('gives a shared reading to the word the corpus writes more often, over its parent', () => {
    const lexicon = new Vocabulary();
    lexicon.add('きかん', { keys: ['機関'], displays: ['機関'] });
    const corpus = new Vocabulary(lexicon);
    expect(corpus.get('きかん')?.keys).toEqual(['機関']);
    corpus.add('きかん', { keys: ['期間'], displays: ['期間'] });
    expect(corpus.get('きかん')?.keys).toEqual(['期間']);
    expect(corpus.withPrefix('きか', 5)).toEqual(['きかん']);
  });

  it('reads an IPADIC feature row, unknown words included', () => {
    expect(morphemeFromIpadic('漏れ', ['動詞', '自立', '*', '*', '一段', '連用形', '漏れる', 'モレ', 'モレ'])).toMatchObject({ base: '漏れる', reading: 'モレ', pos: '動詞', detail: '自立', conjugation: '一段', known: true });
    expect(morphemeFromIpadic('ﾎｹﾞ', ['UNK'])).toMatchObject({ base: 'ﾎｹﾞ', reading: '', pos: 'UNK', known: false });
  });

  it('analyses a text once however often it is asked for', () => {
    let calls = 0;
    const a = cachedAnalyser({ analyse: () => (calls++, []) }, 2);
    a.analyse('x');
    a.analyse('x');
    a.analyse('y');
    a.analyse('z');
    a.analyse('x');
    expect(calls).toBe(4);
  });
});
