/**
 * Issue 15 item 2: a cold grouping of a vendor's day pays the dictionary analysis for
 * every text, and that was nearly all its time. A clause many enquiries share (an
 * opening, a whole question with another ending) is analysed once.
 */
import { describe, expect, it } from 'vitest';
import type { JapaneseAnalyser } from '../../shared/faq/analyser';
import { groupQuestions } from '../../shared/faq/grouping';
import { readingContext } from '../../shared/faq/morph';
import { normalize } from '../../shared/faq/tokenize';
import { nodeAnalyser } from './node-analyser';

/** A fresh wrapper (its own reading context and caches) that counts what it analyses. */
function counting(): { analyser: JapaneseAnalyser; texts: string[] } {
  const inner = nodeAnalyser().analyser;
  const texts: string[] = [];
  return { analyser: { analyse: (t) => (texts.push(t), inner.analyse(t)) }, texts };
}

const at = (i: number): string => new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString();

describe('each clause analysed once', () => {
  it('analyses a shared opening and a repeated question once, not once per enquiry', () => {
    const openings = ['お客様より：', 'すみません、', 'オンラインショップの会員ですが、', ''];
    const questions = ['クレジットカードは漏れましたか', 'お詫びの品がまだ届かない'];
    const endings = ['？', '。', '…', '！', ''];
    const items = openings.flatMap((o, i) => questions.flatMap((q, j) => endings.map((e, k) => ({ id: `e${i}${j}${k}`, text: `${o}${q}${e}`, at: at(i * 100 + j * 10 + k) }))));
    const { analyser, texts } = counting();
    // The lexicon is analysed when the context is made; only the enquiries count here.
    readingContext(analyser);
    texts.length = 0;
    const groups = groupQuestions(items, { analyser });
    // The old code analysed each of the 40 texts whole: each question 20 times, each opening 10.
    const times = (part: string): number => texts.filter((t) => t.includes(part)).length;
    expect(times('漏れましたか')).toBe(1);
    expect(times('まだ届')).toBe(0); // rewritten to 未着 before analysis
    expect(times('お詫びの品がまだ未着')).toBe(1);
    expect(texts).toHaveLength(new Set(texts).size);
    expect(times('お客様より')).toBe(1);
    expect(times('オンラインショップ')).toBe(1);
    // The grouping is the one the whole texts give: the two questions, each one group.
    expect(groups.map((g) => g.memberIds.length).sort()).toEqual([20, 20]);
  });
});

describe('normalize with its hiragana view made once', () => {
  it('still rewrites every occurrence, in any script, after another rewrite changed the text', () => {
    expect(normalize('電話がつながらない、ﾂﾅｶﾞﾗﾅｲ！品がとどかない、届いていない')).toBe('電話が不通、不通!品が未着、未着');
    expect(normalize('何件、何人、何名')).toBe('件数、件数、件数');
    expect(normalize('問合せ')).toBe('問い合わせ');
  });
});
