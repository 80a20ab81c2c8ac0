import { describe, expect, it } from 'vitest';
import { FIXTURE_ENQUIRIES } from './enquiries.fixture';
import { groupQuestions, newToday, unanswered, type Group, type GroupItem } from './grouping';

const groups = groupQuestions(FIXTURE_ENQUIRIES);
const idOf = new Map(FIXTURE_ENQUIRIES.map((q) => [q.text, q.id]));
const groupOf = (gs: Group[], text: string): string => {
  const id = idOf.get(text);
  if (id === undefined) throw new Error(`not in the fixture: ${text}`);
  return gs.find((g) => g.memberIds.includes(id))!.id;
};
const together = (a: string, b: string): boolean => groupOf(groups, a) === groupOf(groups, b);

describe('groupQuestions on a day of enquiries', () => {
  it.each([
    ['私の情報は漏れていますか', 'わたしの情報も漏洩しましたか'],
    ['私の情報は漏れていますか', '自分の個人情報も流出したのでしょうか'],
    ['自分が対象か知りたい', '私は今回の対象者ですか'],
    ['カード番号は漏れた？', 'ｸﾚｼﾞｯﾄｶｰﾄﾞの番号は漏れていませんか'],
    ['カード番号は漏れた？', 'クレジットカード情報は漏えいしましたか'],
    ['クレジットカードを止めるべき？', 'カードを停止したほうがいいですか'],
    ['クレジットカードを止めるべき？', 'カードの利用停止は必要ですか'],
    ['お詫びの品はありますか', 'おわびの品はいつ届きますか'],
    ['お詫びの品はありますか', 'お詫びの金券はもらえますか'],
    ['補償はありますか', '賠償してもらえるのでしょうか'],
    ['問い合わせ窓口の電話がつながらない', 'コールセンターに電話しても繋がりません'],
    ['問い合わせ窓口の電話がつながらない', '電話が何度かけてもつながらない'],
    ['なぜ漏えいしたのか', '漏洩の原因は何ですか'],
    ['なぜ漏えいしたのか', 'どうして情報が流出したのですか'],
    ['不審なメールが届きました', '怪しいメールが来たが関係ありますか'],
    ['パスワードを変更したほうがいいですか', 'ﾊﾟｽﾜｰﾄﾞは変更すべき？'],
    ['退会したいです', '会員を退会して情報を削除してほしい'],
    ['いつ発生したのですか', 'いつから漏れていたのか'],
    ['何件漏れたのですか', '漏えいした件数を教えてください'],
  ])('puts 「%s」 with 「%s」', (a, b) => {
    expect(together(a, b)).toBe(true);
  });

  it.each([
    ['私の情報は漏れていますか', 'カード番号は漏れた？'],
    ['カード番号は漏れた？', 'お詫びの品はありますか'],
    ['お詫びの品はありますか', '補償はありますか'],
    ['問い合わせ窓口の電話がつながらない', '窓口は何時まで受付していますか'],
    ['問い合わせ窓口の電話がつながらない', '迷惑電話がかかってくるようになった'],
    ['なぜ漏えいしたのか', 'いつ発生したのですか'],
    ['なぜ漏えいしたのか', '何件漏れたのですか'],
    ['パスワードを変更したほうがいいですか', 'カードの利用停止は必要ですか'],
    ['不審なメールが届きました', '新聞社ですが取材をお願いしたい'],
    ['退会したいです', '自分が対象か知りたい'],
  ])('keeps 「%s」 apart from 「%s」', (a, b) => {
    expect(together(a, b)).toBe(false);
  });

  it('never puts two topics of the fixture in one group', () => {
    const topic = new Map(FIXTURE_ENQUIRIES.map((q) => [q.id, q.topic]));
    for (const g of groups) expect(new Set(g.memberIds.map((id) => topic.get(id))).size).toBe(1);
  });

  it('places every enquiry in exactly one group, members in time order, id = earliest member', () => {
    const all = groups.flatMap((g) => g.memberIds);
    expect(all.sort()).toEqual(FIXTURE_ENQUIRIES.map((q) => q.id).sort());
    const at = new Map(FIXTURE_ENQUIRIES.map((q) => [q.id, q.at]));
    for (const g of groups) {
      expect(g.id).toBe(g.memberIds[0]);
      const times = g.memberIds.map((id) => at.get(id)!);
      expect(times).toEqual([...times].sort());
      expect(g.memberIds).toContain(g.labelId);
      expect(g.label).toBe(FIXTURE_ENQUIRIES.find((q) => q.id === g.labelId)!.text);
    }
  });

  it('lists the biggest groups first with their heaviest words', () => {
    const sizes = groups.map((g) => g.memberIds.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const card = groups.find((g) => g.id === groupOf(groups, 'カード番号は漏れた？'))!;
    expect(card.terms[0]).toBe('かーど');
    expect(card.terms.length).toBeLessThanOrEqual(5);
  });

  it('is deterministic: the order the enquiries are given in does not matter', () => {
    const reversed = groupQuestions([...FIXTURE_ENQUIRIES].reverse());
    expect(reversed).toEqual(groups);
  });

  it('keeps group ids when later enquiries join', () => {
    const later: GroupItem[] = [
      { id: 'x1', text: 'カードの番号が流出したか心配', at: '2026-11-21T01:00:00.000Z' },
      { id: 'x2', text: '漏えいの原因を知りたい', at: '2026-11-21T01:05:00.000Z' },
      { id: 'x3', text: '電話窓口がずっと話し中でつながらない', at: '2026-11-21T01:10:00.000Z' },
      { id: 'x4', text: '退会させてください', at: '2026-11-21T01:15:00.000Z' },
    ];
    const next = groupQuestions([...FIXTURE_ENQUIRIES, ...later]);
    expect(groupOf(next, 'カード番号は漏れた？')).toBe(groupOf(groups, 'カード番号は漏れた？'));
    const joined = (id: string) => next.find((g) => g.memberIds.includes(id))!.id;
    expect(joined('x1')).toBe(groupOf(groups, 'カード番号は漏れた？'));
    expect(joined('x2')).toBe(groupOf(groups, 'なぜ漏えいしたのか'));
    expect(joined('x3')).toBe(groupOf(groups, '問い合わせ窓口の電話がつながらない'));
    expect(joined('x4')).toBe(groupOf(groups, '退会したいです'));
  });

  it('copes with no enquiries and with enquiries that have no words', () => {
    expect(groupQuestions([])).toEqual([]);
    const gs = groupQuestions([
      { id: 'a', text: '？？', at: '1' },
      { id: 'b', text: '', at: '2' },
    ]);
    expect(gs.map((g) => g.memberIds)).toEqual([['a'], ['b']]);
  });

  it('a stricter threshold only ever splits groups', () => {
    const strict = groupQuestions(FIXTURE_ENQUIRIES, { threshold: 0.5 });
    expect(strict.length).toBeGreaterThan(groups.length);
    for (const g of strict) expect(new Set(g.memberIds.map((id) => groups.find((h) => h.memberIds.includes(id))!.id)).size).toBe(1);
  });
});

describe('newToday', () => {
  // The fixture starts 2026-11-20 09:00 JST, one enquiry every 7 minutes.
  const dayStart = '2026-11-20T03:20:00.000Z';

  it('lists groups with enquiries since the start of the day, new questions first', () => {
    const today = newToday(groups, FIXTURE_ENQUIRIES, dayStart);
    const ids = new Set(FIXTURE_ENQUIRIES.filter((q) => q.at >= dayStart).map((q) => q.id));
    expect(today.flatMap((t) => t.todayIds).sort()).toEqual([...ids].sort());
    const firstOld = today.findIndex((t) => !t.isNew);
    expect(firstOld).toBeGreaterThan(0);
    expect(today.slice(firstOld).every((t) => !t.isNew)).toBe(true);
    const media = today.find((t) => t.group.id === groupOf(groups, '新聞社ですが取材をお願いしたい'))!;
    expect(media.isNew).toBe(true);
  });

  it('accepts HLC timestamps and milliseconds alike', () => {
    const items: GroupItem[] = [
      { id: 'a', text: '退会したいです', at: '0001763596800000-0000-node1' },
      { id: 'b', text: '退会の手続きを教えてください', at: '0001763683200000-0000-node1' },
    ];
    const gs = groupQuestions(items);
    const today = newToday(gs, items, 1763683200000);
    expect(today).toEqual([{ group: gs[0], todayIds: ['b'], isNew: false }]);
  });
});

describe('unanswered', () => {
  it('lists the groups no enquiry of which is answered, largest first', () => {
    const answered = [idOf.get('カード番号は漏れた？')!];
    const open = unanswered(groups, answered);
    expect(open.map((g) => g.id)).not.toContain(groupOf(groups, 'カード番号は漏れた？'));
    expect(open).toHaveLength(groups.length - 1);
    const sizes = open.map((g) => g.memberIds.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});
