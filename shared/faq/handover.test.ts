import { describe, expect, it } from 'vitest';
import { parseDraft } from '../events/registry';
import { mayWrite } from '../roles/table';
import { testContext } from '../events/test-context';
import { changesBetween, changesSince, handoverItems, heldBefore, jstDateTime, latestHandover, selectForHandover, type FaqHandover, type HandoverItem } from './handover';
import { changeSheet } from './handover-book';
import { handOver } from './handover-commands';
import { Desk } from './handover-desk.fixture';

/** Three approved entries: the desk most tests start from. */
function threeApproved() {
  const d = new Desk();
  const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。', '件数');
  const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', '漏えい内容');
  const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。', 'お詫び');
  for (const id of [count, card, gift]) d.approve(id);
  return { d, count, card, gift };
}

const kinds = (cs: { kind: string; entryId: string }[]) => cs.map((c) => [c.kind, c.entryId]);

describe('what goes to the vendor', () => {
  it('hands over approved entries only, rendered with the live facts, numbered 1, 2, 3; drafts are counted, not sent', () => {
    const { d, count, card, gift } = threeApproved();
    d.draft('退会したい', '下書きの回答');
    d.draft('補償はありますか', 'まだ決まっていません');
    const h = d.handOver();
    expect(h.version).toBe(1);
    expect(h.items.map((i) => [i.no, i.entryId])).toEqual([
      [1, count],
      [2, card],
      [3, gift],
    ]);
    expect(h.items[0]).toMatchObject({ question: '何件漏れましたか', category: '件数', answer: '確認した件数は1,200件です。', version: 1, approvedBy: 'boss' });
    expect(h.draftsLeftOut).toBe(2);
    expect(h.title).toBe('会員サイトの件');
    expect(h.actor).toBe('lead');
  });

  it('lists every entry as new on the first handover', () => {
    const { d, count, card, gift } = threeApproved();
    const h = d.handOver();
    expect(kinds(changesBetween(null, h))).toEqual([
      ['new', count],
      ['new', card],
      ['new', gift],
    ]);
  });

  it('blocks while an approved answer is stale, naming it; the person may leave it out, which is recorded', () => {
    const { d, count } = threeApproved();
    d.facts = { ...d.facts, confirmedCount: 1500 };
    const refused = d.tryHandOver();
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems).toEqual([{ field: 'stale', reason: 'stale', params: { entryId: count, question: '何件漏れましたか' } }]);
    const h = d.handOver([count]);
    expect(h.items.map((i) => i.entryId)).not.toContain(count);
    expect(h.leftOutStale).toEqual([{ entryId: count, question: '何件漏れましたか' }]);
  });

  it('hands over an approved entry with an edit waiting for approval at its approved text', () => {
    const { d, card } = threeApproved();
    d.edit(card, { answer: 'まだ承認されていない新しい文' });
    expect(selectForHandover(d.entries(), d.facts).pendingEdits).toBe(1);
    const h = d.handOver();
    expect(h.items.find((i) => i.entryId === card)?.answer).toBe('クレジットカード情報は含まれておりません。');
  });

  it('refuses when nothing is approved, and when nothing changed since the last handover', () => {
    const d = new Desk();
    d.draft('質問', '回答');
    const none = d.tryHandOver();
    expect(!none.ok && none.problems[0]!.reason).toBe('nothing-approved');
    const { d: d2 } = threeApproved();
    d2.handOver();
    const again = d2.tryHandOver();
    expect(!again.ok && again.problems[0]!.reason).toBe('no-changes');
  });
});

describe('本日の変更点 across two handovers', () => {
  it('lists exactly the new, changed and retired entries; unchanged ones are not listed', () => {
    const { d, count, card, gift } = threeApproved();
    d.handOver();
    d.edit(card, { answer: 'カード番号・有効期限は含まれておりません。' });
    d.approve(card);
    d.retire(gift);
    const pw = d.draft('パスワードを変えるべきですか', '念のため変更をお勧めします。', 'パスワード');
    d.approve(pw);
    const h2 = d.handOver();
    const changes = changesBetween(d.handovers().find((h) => h.version === 1)!, h2);
    expect(kinds(changes)).toEqual([
      ['new', pw],
      ['changed', card],
      ['retired', gift],
    ]);
    expect(changes.find((c) => c.entryId === count)).toBeUndefined();
    const changed = changes[1]!;
    expect(changed.kind === 'changed' && [changed.before.answer, changed.after.answer]).toEqual(['クレジットカード情報は含まれておりません。', 'カード番号・有効期限は含まれておりません。']);
    // The new entry takes the next number; the retired one keeps its number in the list.
    expect(changes.map((c) => c.no)).toEqual([4, 2, 3]);
    expect(h2.version).toBe(2);
  });

  it('counts an entry edited twice between handovers once, with the text handed over before and the last approved text', () => {
    const { d, card } = threeApproved();
    d.handOver();
    d.edit(card, { answer: '一度目の修正' });
    d.approve(card);
    d.edit(card, { answer: '二度目の修正' });
    d.approve(card);
    const h2 = d.handOver();
    const changes = changesBetween(d.handovers()[0]!, h2);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', entryId: card, before: { answer: 'クレジットカード情報は含まれておりません。' }, after: { answer: '二度目の修正' } });
    expect(h2.items.find((i) => i.entryId === card)?.version).toBe(3);
  });

  it('an edit that ends where it started is no change for the vendor', () => {
    const { d, card, gift } = threeApproved();
    d.handOver();
    d.edit(card, { answer: '一時的な文' });
    d.approve(card);
    d.edit(card, { answer: 'クレジットカード情報は含まれておりません。' });
    d.approve(card);
    d.retire(gift);
    const h2 = d.handOver();
    expect(kinds(changesBetween(d.handovers()[0]!, h2))).toEqual([['retired', gift]]);
  });

  it('an entry retired and a new one with the same question: the old one 廃止 with its number, the new one new with a new number', () => {
    const { d, gift } = threeApproved();
    d.handOver();
    d.retire(gift);
    const again = d.draft('お詫びの品はありますか', '500円分の商品券をお送りします。', 'お詫び');
    d.approve(again);
    const h2 = d.handOver();
    const changes = changesBetween(d.handovers()[0]!, h2);
    expect(changes.map((c) => [c.kind, c.no, c.entryId])).toEqual([
      ['new', 4, again],
      ['retired', 3, gift],
    ]);
    expect(h2.items.map((i) => i.no)).toEqual([1, 2, 4]);
  });

  it('a stale entry left out is withdrawn (使用停止), not retired; approved again it comes back as changed', () => {
    const { d, count } = threeApproved();
    d.handOver();
    d.facts = { ...d.facts, confirmedCount: 1500 };
    const h2 = d.handOver([count]);
    expect(changesBetween(d.handovers()[0]!, h2).map((c) => [c.kind, c.entryId])).toEqual([['withdrawn', count]]);
    d.approve(count);
    const h3 = d.handOver();
    const back = changesBetween(h2, h3);
    expect(back.map((c) => [c.kind, c.entryId, c.no])).toEqual([['new', count, 1]]);
    expect(back[0]).toMatchObject({ resumed: true });
    // Against what the vendor had before it was withdrawn, the figure changed.
    expect(changesBetween(d.handovers()[0]!, h3)[0]).toMatchObject({ kind: 'changed', before: { answer: '確認した件数は1,200件です。' }, after: { answer: '確認した件数は1,500件です。' } });
  });
});

describe('the handover event', () => {
  it('is registered with its schema and only the contact lead or direction may write it', () => {
    const { d } = threeApproved();
    d.handOver();
    const event = d.events.at(-1)!;
    expect(parseDraft(event).ok).toBe(true);
    expect(parseDraft({ ...event, payload: { ...(event.payload as object), version: 0 } }).ok).toBe(false);
    expect(parseDraft({ ...event, payload: { ...(event.payload as object), items: [{ entryId: 'e' }] } }).ok).toBe(false);
    expect(mayWrite(['contact-lead'], 'faq.handed-over')).toBe(true);
    expect(mayWrite(['direction'], 'faq.handed-over')).toBe(true);
    expect(mayWrite(['operator'], 'faq.handed-over')).toBe(false);
    expect(mayWrite(['analyst'], 'faq.handed-over')).toBe(false);
  });

  it('folds once: the same event twice is one handover', () => {
    const { d } = threeApproved();
    d.handOver();
    d.events.push(d.events.at(-1)!);
    expect(d.handovers()).toHaveLength(1);
  });
});

describe('jstDateTime', () => {
  it('writes Japan time, across midnight UTC', () => {
    expect(jstDateTime('2026-12-01T15:30:00Z')).toBe('2026/12/02 00:30');
    expect(jstDateTime('not a time')).toBe('');
    // The clock of a stored event (HLC: 16 digits of milliseconds first).
    expect(jstDateTime(`${String(Date.parse('2026-12-01T15:30:00Z')).padStart(16, '0')}-0001-abcd`)).toBe('2026/12/02 00:30');
  });
});

describe('two laptops that handed over offline at once', () => {
  // Version 1 gave A and Z. Offline, laptop Y handed over version 2 with Y as 番号3, and a minute
  // later laptop X its own version 2 with X as 番号3. The vendor may hold either file.
  function synced() {
    const d = new Desk();
    const [a, z, y, x] = ['質問A', '質問Z', '質問Y', '質問X'].map((q) => d.draft(q, `回答${q.slice(2)}`, '一般'));
    for (const id of [a, z, y, x]) d.approve(id!);
    const entry = new Map(d.entries().map((e) => [e.id, e]));
    const item = (entryId: string, no: number): HandoverItem => {
      const v = entry.get(entryId)!.versions[0]!;
      return { entryId, no, version: 1, question: v.question, category: v.category, answer: d.render(v.answer), approvedAt: entry.get(entryId)!.approval!.at, approvedBy: 'boss' };
    };
    const h = (id: string, version: number, at: string, items: HandoverItem[]): FaqHandover => ({ id, incidentId: 'i1', version, title: '件', items, leftOutStale: [], draftsLeftOut: 0, at, actor: 'lead' });
    const handovers = [
      h('h1', 1, '2026-12-02T01:00:00.000Z', [item(a!, 1), item(z!, 2)]),
      h('h2x', 2, '2026-12-02T02:01:00.000Z', [item(a!, 1), item(z!, 2), item(x!, 3)]),
      h('h2y', 2, '2026-12-02T02:00:00.000Z', [item(a!, 1), item(z!, 2), item(y!, 3)]),
    ];
    return { d, a: a!, z: z!, y: y!, x: x!, handovers };
  }
  const ctx = () => testContext({ roles: ['direction'], personId: 'boss', ids: ['h3'] });

  it('the entry of the earlier handover keeps 番号3, the other gets a new number; 本日の変更点 lists both as new, for whichever file the vendor holds', () => {
    const { d, y, x, handovers } = synced();
    const ready = selectForHandover(d.entries(), d.facts).ready;
    const next = handoverItems(ready, handovers, d.render);
    expect(next.map((i) => [i.no, i.question])).toEqual([
      [1, '質問A'],
      [2, '質問Z'],
      [3, '質問Y'],
      [4, '質問X'],
    ]);
    expect(kinds(changesSince(heldBefore(handovers, 3), { items: next, leftOutStale: [] }))).toEqual([
      ['new', y],
      ['new', x],
    ]);
    // Against one file alone, the entry that lost its number is a change that says so.
    const one = changesBetween(handovers.find((h) => h.id === 'h2x')!, { items: next, leftOutStale: [] });
    const label = (key: string, p?: Record<string, unknown>) => `${key}${p ? JSON.stringify(p) : ''}`;
    expect(one.find((c) => c.entryId === x)).toMatchObject({ kind: 'changed', no: 4, renumbered: 3 });
    expect(changeSheet(one, label).find((r) => r[1] === 4)!.at(-1)).toBe('faqbook.book.notes.number{"before":3}');
  });

  it('a correcting handover is not refused when neither file of the same number was complete (A edited on one laptop, Y new on the other)', () => {
    const d = new Desk();
    const [a, z, y] = ['質問A', '質問Z', '質問Y'].map((q) => d.draft(q, `回答${q.slice(2)}`, '一般'));
    for (const id of [a, z, y]) d.approve(id!);
    const entry = new Map(d.entries().map((e) => [e.id, e]));
    const item = (entryId: string, no: number, answer?: string): HandoverItem => {
      const v = entry.get(entryId)!.versions[0]!;
      return { entryId, no, version: 1, question: v.question, category: v.category, answer: answer ?? d.render(v.answer), approvedAt: entry.get(entryId)!.approval!.at, approvedBy: 'boss' };
    };
    const h = (id: string, version: number, at: string, items: HandoverItem[]): FaqHandover => ({ id, incidentId: 'i1', version, title: '件', items, leftOutStale: [], draftsLeftOut: 0, at, actor: 'lead' });
    const handovers = [
      h('h1', 1, '2026-12-02T01:00:00.000Z', [item(a!, 1, '古い回答A'), item(z!, 2)]),
      h('h2y', 2, '2026-12-02T02:00:00.000Z', [item(a!, 1, '古い回答A'), item(z!, 2), item(y!, 3)]),
      h('h2x', 2, '2026-12-02T02:05:00.000Z', [item(a!, 1), item(z!, 2)]),
    ];
    const result = handOver(ctx(), { incidentId: 'i1', title: '件', entries: d.entries(), facts: d.facts, handovers }, { render: d.render, leaveOut: [] });
    expect(result.ok).toBe(true);
    const items = result.ok ? (result.events[0]!.payload as { items: HandoverItem[] }).items : [];
    expect(kinds(changesSince(heldBefore(handovers, 3), { items, leftOutStale: [] }))).toEqual([
      ['new', y],
      ['changed', a],
    ]);
  });

  it('an entry only one of them gave, then retired, is handed over as retired (not refused as "no changes")', () => {
    const { d, y, handovers } = synced();
    d.retire(y);
    const result = handOver(ctx(), { incidentId: 'i1', title: '件', entries: d.entries(), facts: d.facts, handovers }, { render: d.render, leaveOut: [] });
    expect(result.ok).toBe(true);
    const h = result.ok ? (result.events[0]!.payload as { items: HandoverItem[] }) : null;
    expect(kinds(changesSince(heldBefore(handovers, 3), { items: h!.items, leftOutStale: [] }))).toEqual([
      ['new', expect.any(String)],
      ['retired', y],
    ]);
  });

  it('an answer edited only by a space at the end of a line or an Enter after it is no change at all', () => {
    const { d, count } = threeApproved();
    d.handOver();
    expect(() => d.edit(count, { answer: '確認した件数は{{confirmedCount}}件です。 \n' })).toThrow(/unchanged/);
    // One stored before answers were cleaned: handed over as it reads, with no change listed.
    const before = latestHandover(d.handovers())!;
    const after = before.items.map((i) => (i.entryId === count ? { ...i, answer: `${i.answer}\u3000\u00a0\u200b \r\n\r\n` } : i));
    expect(changesBetween(before, { items: after, leftOutStale: [] })).toEqual([]);
  });
});
