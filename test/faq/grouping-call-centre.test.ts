/**
 * What a call-centre lead expects of the enquiry groups (issue 15 item 2): one group per
 * question however it is phrased, and questions that merely share words kept apart — with
 * the vendor's own category, when its log has one, taken into account.
 */
import { describe, expect, it } from 'vitest';
import { groupQuestions, IncrementalGrouping, type GroupItem } from '../../shared/faq/grouping';
import { nodeAnalyser } from './node-analyser';

const { analyser } = nodeAnalyser();
let n = 0;
const item = (text: string, category?: string): GroupItem => {
  n += 1;
  return { id: `q${String(n).padStart(3, '0')}`, text, at: `2026-12-01T0${Math.floor(n / 60) % 10}:${String(n % 60).padStart(2, '0')}:00.000Z`, ...(category === undefined ? {} : { category }) };
};
const groupOf = (groups: { id: string; memberIds: string[] }[], id: string): string => groups.find((g) => g.memberIds.includes(id))!.id;

describe('enquiry groups as a call-centre lead reads them', () => {
  it('puts "am I one of them?" asked as 対象 / 該当 / 入ってる / 被害者 in one group', () => {
    const log = [
      item('自分が対象かどうか知りたい'),
      item('該当するかどうかだけ教えて'),
      item('うちも入ってる？'),
      item('私は被害者ですか'),
      item('退会したいです'),
      item('データを削除してほしい'),
    ];
    const groups = groupQuestions(log, { analyser });
    const affected = groupOf(groups, log[0]!.id);
    for (const q of log.slice(1, 4)) expect(groupOf(groups, q.id), q.text).toBe(affected);
    // Leaving shares no word with them and is another answer.
    expect(groupOf(groups, log[4]!.id)).not.toBe(affected);
    expect(groupOf(groups, log[5]!.id)).toBe(groupOf(groups, log[4]!.id));
  });

  it("keeps the vendor's categories apart when the words are shared (the gift: how to get it / not arrived)", () => {
    const how = 'お詫びの品・申込方法';
    const late = 'お詫びの品・未着';
    const log = [
      item('お詫びの金券はどうやってもらうの', how),
      item('金券の申込用紙をなくした', how),
      item('お詫びの品はどれを選べますか', how),
      item('お詫びの金券まだ？', late),
      item('申し込んだ商品券がまだ来ない', late),
      item('お詫びの品っていつ発送ですか、申込は先月済ませた', late),
    ];
    const groups = groupQuestions(log, { analyser });
    const [h, l] = [groupOf(groups, log[0]!.id), groupOf(groups, log[3]!.id)];
    expect(h).not.toBe(l);
    for (const q of log.slice(1, 3)) expect(groupOf(groups, q.id), q.text).toBe(h);
    for (const q of log.slice(4)) expect(groupOf(groups, q.id), q.text).toBe(l);
    // A new enquiry from the vendor is placed by its category too.
    const grouping = new IncrementalGrouping(log, { analyser });
    expect(grouping.add(item('金券どうなってるの', late))).toBe(l);
    expect(grouping.add(item('金券どうなってるの', how))).toBe(h);
  });

  it('never shows the category as a chip or a label', () => {
    const log = [item('お詫びの金券まだ？', 'お詫びの品'), item('金券まだ', 'お詫びの品'), item('！', 'お詫びの品')];
    for (const g of groupQuestions(log, { analyser })) {
      for (const t of g.terms) expect(t.includes('category') || t.includes('\u0001')).toBe(false);
      expect(g.label.includes('category') || g.label.includes('\u0001')).toBe(false);
    }
  });
});
