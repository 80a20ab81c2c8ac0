/**
 * A tester who did not write it breaks 使用停止 for a lapsed approval in the vendor's handover
 * (21eaf4d, decisions 034 and 067): lapse after a handover, hand over again, retire or approve
 * again, several laptops, handovers recorded before the `onHold` field. The workbook is read
 * back with read-excel-file (as the other handover tests read it), the cover field by field.
 */
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { changesSince, heldBefore, type FaqHandover } from '../../../shared/faq/handover';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { approvalLapse, faqState } from '../../../shared/faq/model';
import { handoverChanges, handoverWorkbook } from './handover-files';

const who = { handedOverBy: '髙橋 一郎', approvers: ['山﨑 花子'] };

async function sheets(bytes: Uint8Array) {
  const all = await readXlsxFile(bytes.slice().buffer);
  return Object.fromEntries(all.map((s) => [s.sheet, s.data]));
}

const cover = (book: Record<string, unknown[][]>) => Object.fromEntries(book['表紙']!.slice(1).map((r) => [r[0], r[1]]));

/** Another laptop edits the card entry and approves its words just after 第1版 (09:05:30); only the approval arrives here. */
function approvalArrivesWithoutItsVersion(d: Desk, entryId: string, version = 2) {
  d.events.push({
    id: `b-approve-${entryId}`,
    incidentId: 'i1',
    at: '2026-12-02T00:05:30.000Z',
    actor: 'boss',
    type: 'faq.entry-approved',
    payload: { entryId, version, versionAt: '2026-12-02T00:05:20.000Z', factsSnapshot: {} },
  });
}

/** Two entries approved and handed over as 第1版. */
function handedOver() {
  const d = new Desk();
  const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', '漏えい内容');
  const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。', 'お詫び');
  d.approve(card);
  d.approve(gift);
  const h1 = d.handOver();
  return { d, card, gift, h1 };
}

describe('the cover names an entry on hold as the vendor has it', () => {
  it('not by words nobody approved: this laptop’s own unapproved rewording of the question stays off the vendor’s cover', async () => {
    const { d, card } = handedOver();
    // This laptop rewrites the question (its own version 2, a draft nobody approved), pasting a
    // caller's words; then the other laptop's approval of ITS version 2 arrives, its words not yet.
    d.edit(card, { question: 'カード番号の下4桁も漏れましたか（山田様 090-1234-5678 からのお問い合わせ）' });
    approvalArrivesWithoutItsVersion(d, card);
    expect(approvalLapse(d.entry(card))).toBe('not-received');
    const h2 = d.handOver();
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    const stopped = book['本日の変更点']!.find((r) => r[0] === '使用停止');
    // The row of 本日の変更点 names it as the vendor has it …
    expect(stopped?.[3]).toBe('カード情報は漏れましたか');
    // … the cover names it by this laptop's unapproved draft, a caller's phone number included:
    // words never approved (and refused by the approval's own check) reach the vendor's workbook.
    expect(String(cover(book)['含めていないもの'])).not.toContain('090-1234-5678');
    expect(String(cover(book)['含めていないもの'])).toContain('カード情報は漏れましたか');
  });
});

describe('an approval that arrives before the entry it approves', () => {
  it('is not named on the vendor’s cover as an entry on hold with no name 「（）」', async () => {
    const { d, card } = handedOver();
    // Another laptop drafts a new entry and approves it; its approval reaches this laptop first
    // (decision 067: "for a moment after sync an approval may arrive before its version").
    d.events.push({ id: 'b-approve-new', incidentId: 'i1', at: '2026-12-02T00:05:30.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: 'b-new', version: 1, versionAt: '2026-12-02T00:05:20.000Z', factsSnapshot: {} } });
    // Something really changed meanwhile, so the handover goes.
    d.edit(card, { answer: 'クレジットカード情報は含まれておりません（調査済み）。' });
    d.approve(card);
    const h2 = d.handOver();
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    // The vendor never had it and it has no words here: the cover says
    // 「承認を確かめ直している1件は、もう一度承認されるまで含めていません（）」.
    expect(String(cover(book)['含めていないもの'] ?? '')).not.toContain('（）');
  });
});

describe('an entry on hold, then retired for good', () => {
  it('the vendor is told 廃止: the retirement alone can be handed over and is listed', async () => {
    const { d, card } = handedOver();
    approvalArrivesWithoutItsVersion(d, card);
    const h2 = d.handOver();
    expect(h2.onHold?.map((e) => e.entryId)).toEqual([card]);
    // The vendor was told: on hold, "until it arrives approved in a later version". Direction
    // then decides the answer is not needed any more and retires it.
    d.retire(card);
    expect(faqState(d.entry(card))).toBe('retired');
    // Refused as "no changes" before: the vendor keeps waiting for a version that never comes,
    // and its supervisor's list never hears 廃止.
    const r = d.tryHandOver();
    expect(r.ok ? 'handed over' : r.problems.map((p) => p.reason)).toBe('handed over');
  });

  it('and when something else changes too, 本日の変更点 lists it as 廃止', () => {
    const { d, card } = handedOver();
    approvalArrivesWithoutItsVersion(d, card);
    d.handOver();
    d.retire(card);
    const pw = d.draft('パスワードは変えるべきですか', '念のため変更をお勧めします。');
    d.approve(pw);
    const h3 = d.handOver();
    const changes = handoverChanges(h3, d.handovers());
    expect(changes.map((c) => [c.kind, c.entryId])).toContainEqual(['retired', card]);
  });
});

describe('held: what was tried and held', () => {
  it('lapse, hand over (使用停止), nothing else: refused as no changes; approve again: 新規 with 「使用停止していた回答を見直しました」 under its old number', async () => {
    const { d, card } = handedOver();
    approvalArrivesWithoutItsVersion(d, card);
    const h2 = d.handOver();
    let book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    expect(cover(book)).toEqual({
      件名: '会員サイトの件',
      受け渡し版: '第2版',
      受け渡し日時: expect.stringMatching(/^2026\/12\/02 09:\d\d$/),
      受け渡した人: '髙橋 一郎',
      回答の承認者: '山﨑 花子',
      収録件数: '1件',
      本日の変更点: '新規0件・変更0件・廃止0件・使用停止1件',
      含めていないもの: '承認を確かめ直している1件は、もう一度承認されるまで含めていません（カード情報は漏れましたか）',
      ご利用について: expect.stringContaining('第2版'),
    });
    const again = d.tryHandOver();
    expect(again.ok ? [] : again.problems.map((p) => p.reason)).toEqual(['no-changes']);
    // Approved again on this laptop (its own version 1 is the latest it has).
    d.approve(card);
    const h3 = d.handOver();
    book = await sheets(await handoverWorkbook(h3, d.handovers(), who));
    expect(book['本日の変更点']!.slice(1)).toEqual([['新規', 1, '漏えい内容', 'カード情報は漏れましたか', null, 'クレジットカード情報は含まれておりません。', '使用停止していた回答を見直しました。この版の回答をお使いください。']]);
    expect(cover(book)['本日の変更点']).toBe('新規1件・変更0件・廃止0件・使用停止0件');
    expect(cover(book)['含めていないもの']).toBeNull();
  });

  it('a handover recorded before the onHold field: read, its missing entry 廃止 as documented, and the next handover lists the entry as 新規', () => {
    const { d, card } = handedOver();
    approvalArrivesWithoutItsVersion(d, card);
    const h2 = d.handOver();
    // As an earlier version recorded it: no onHold.
    const idx = d.events.findIndex((e) => e.type === 'faq.handed-over' && (e.payload as { version: number }).version === 2);
    const { onHold: _dropped, ...old } = d.events[idx]!.payload as Record<string, unknown>;
    d.events[idx] = { ...d.events[idx]!, payload: old };
    const h2old = d.handovers().find((h) => h.id === h2.id)!;
    expect(h2old.onHold).toBeUndefined();
    expect(handoverChanges(h2old, d.handovers()).map((c) => c.kind)).toEqual(['retired']);
    d.approve(card);
    const h3 = d.handOver();
    expect(handoverChanges(h3, d.handovers()).map((c) => [c.kind, c.no])).toEqual([['new', 1]]);
  });

  it('two laptops hand over 第2版 at once, one with the entry on hold, one without: the next lists what each file lacks', () => {
    const { d, card, gift } = handedOver();
    const base = d.handovers();
    const h1 = base[0]!;
    const onHoldFile: FaqHandover = { ...h1, id: 'h2a', version: 2, items: h1.items.filter((i) => i.entryId !== card), onHold: [{ entryId: card, question: 'カード情報は漏れましたか' }], at: '2026-12-02T00:40:00.000Z' };
    const fullFile: FaqHandover = { ...h1, id: 'h2b', version: 2, items: h1.items, onHold: [], at: '2026-12-02T00:41:00.000Z' };
    const all = [h1, onHoldFile, fullFile];
    const held = heldBefore(all, Number.POSITIVE_INFINITY);
    // Still approved here: it is new for the vendor holding the on-hold file.
    const back = changesSince(held, { items: h1.items, leftOutStale: [], onHold: [] });
    expect(back.map((c) => [c.kind, c.entryId, 'resumed' in c ? c.resumed : undefined])).toEqual([['new', card, true]]);
    // On hold here now: 使用停止 for the vendor holding the full file.
    const stop = changesSince(held, { items: h1.items.filter((i) => i.entryId === gift), leftOutStale: [], onHold: [{ entryId: card, question: 'x' }] });
    expect(stop.map((c) => [c.kind, c.entryId])).toEqual([['onHold', card]]);
  });
});
