/**
 * Issue 10 item 14 (grouping): the same question written in kanji, hiragana, katakana or
 * half-width is one group, and a group's chips are words, with the IPADIC dictionary.
 */
import { describe, expect, it } from 'vitest';
import { groupQuestions, type GroupItem } from '../../shared/faq/grouping';
import { LABELLED_ENQUIRIES, pairwiseScores } from '../../shared/faq/labelled-enquiries.fixture';
import { nodeAnalyser } from './node-analyser';

const { analyser } = nodeAnalyser();
const at = (i: number): string => new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString();
const items = (texts: string[]): GroupItem[] => texts.map((text, i) => ({ id: `e${i}`, text, at: at(i) }));

/** "Was my data leaked?" four ways: kanji, hiragana, half-width katakana, other words. */
const LEAKED = ['私の個人情報は漏れたのでしょうか', 'わたしのこじんじょうほうはもれたの？', 'ﾜﾀｼﾉｺｼﾞﾝｼﾞｮｳﾎｳﾊﾓﾚﾏｼﾀｶ', '自分のデータも流出したのか教えてほしい'];
const OTHERS = ['お詫びの品はありますか', 'パスワードは変えたほうがいいですか', '電話がつながらない', '退会したいです', '窓口の受付時間を教えてください'];

describe('grouping by reading', () => {
  const groups = groupQuestions(items([...LEAKED, ...OTHERS]), { analyser });
  const leaked = groups.find((g) => g.memberIds.includes('e0'))!;

  it('puts the four wordings of "was my data leaked" in one group, and nothing else', () => {
    expect(leaked.memberIds.sort()).toEqual(['e0', 'e1', 'e2', 'e3']);
  });

  it('shows words as chips, in the script most members write them', () => {
    expect(leaked.terms).toEqual(expect.arrayContaining(['漏れる', '個人', '情報']));
    for (const fragment of ['わた', 'しの', 'たか', 'じょ']) expect(leaked.terms).not.toContain(fragment);
  });

  it('shows only dictionary words as chips across a day of mixed-script enquiries', () => {
    const chips = groupQuestions(LABELLED_ENQUIRIES, { analyser }).flatMap((g) => g.terms);
    expect(chips.length).toBeGreaterThan(100);
    const notWords = chips.filter((chip) => {
      const ms = analyser.analyse(chip);
      return ms.length === 0 || ms.some((m) => !m.known) || !['名詞', '動詞', '形容詞', '副詞', '接頭詞'].includes(ms[0]!.pos);
    });
    // A chip may be an unknown katakana word taken whole (ﾄﾞｳｼﾀﾗｲｲﾉ); never a fragment of one.
    expect(notWords.filter((c) => !/^[\u30a1-\u30fc]+$/.test(c))).toEqual([]);
  });

  it('groups the labelled set far better than without readings', () => {
    const before = pairwiseScores(groupQuestions(LABELLED_ENQUIRIES), LABELLED_ENQUIRIES);
    const after = pairwiseScores(groupQuestions(LABELLED_ENQUIRIES, { analyser }), LABELLED_ENQUIRIES);
    expect(LABELLED_ENQUIRIES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(LABELLED_ENQUIRIES.map((e) => e.topic)).size).toBeGreaterThanOrEqual(15);
    // Measured: F1 0.12 → 0.81 (precision 0.45 → 0.87, recall 0.07 → 0.76; 0.49 before issue 15).
    expect(after.f1).toBeGreaterThan(0.45);
    expect(after.precision).toBeGreaterThan(before.precision);
    expect(after.recall).toBeGreaterThan(3 * before.recall);
  });

  it('is deterministic whatever order the enquiries come in', () => {
    const a = groupQuestions(LABELLED_ENQUIRIES, { analyser });
    const b = groupQuestions([...LABELLED_ENQUIRIES].reverse(), { analyser });
    expect(b.map((g) => [g.id, g.memberIds, g.terms])).toEqual(a.map((g) => [g.id, g.memberIds, g.terms]));
  });
});
