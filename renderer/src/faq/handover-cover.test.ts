/**
 * What the vendor's workbook says of entries it must stop using (decisions 034 and 067): an
 * entry on hold is named by the words the vendor last received (never this laptop's unapproved
 * ones); an entry the vendor never had is not named; an entry on hold then retired is told 廃止;
 * an answer approved before approval checked for a caller's details is checked again and put
 * on hold, its details never repeated; the cover's ご利用について names 使用停止. Cases found by
 * a tester (handover-attack3, faq-approval-attack3); the workbook read back as the vendor's
 * Excel reads it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { selectForHandover, type FaqHandover } from '../../../shared/faq/handover';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { approvalLapse, faqState } from '../../../shared/faq/model';
import type { OpenIncident } from '../incidents/open-incident';
import { handoverChanges, handoverWorkbook } from './handover-files';
import { HandoverPanel } from './HandoverPanel';

const who = { handedOverBy: '髙橋 一郎', approvers: ['山﨑 花子'] };

async function sheets(bytes: Uint8Array) {
  const all = await readXlsxFile(bytes.slice().buffer);
  return Object.fromEntries(all.map((s) => [s.sheet, s.data]));
}

const cover = (book: Record<string, unknown[][]>) => Object.fromEntries(book['表紙']!.slice(1).map((r) => [r[0], r[1]]));

/** Another laptop edits the entry and approves its words just after 第1版 (09:05:30); only the approval arrives here. */
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

/** An approval recorded before approval checked for a caller's details (no versionAt, as then). */
function oldApproval(d: Desk, entryId: string, at = '2026-12-02T00:30:00.000Z') {
  d.events.push({ id: `old-approval-${entryId}`, incidentId: 'i1', at, actor: 'boss', type: 'faq.entry-approved', payload: { entryId, version: 1, factsSnapshot: {} } });
}

function handedOver() {
  const d = new Desk();
  const card = d.draft('カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', '漏えい内容');
  const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。', 'お詫び');
  d.approve(card);
  d.approve(gift);
  d.handOver();
  return { d, card, gift };
}

/** The 委託先へのFAQ screen as the team sees it. */
function panel(d: Desk): string {
  const clock = (h: FaqHandover) => ({ ...h, at: `${String(Date.parse(h.at)).padStart(16, '0')}-0000-lead` });
  const data = { incident: { id: 'i1', title: '会員サイトの件', facts: d.facts }, faq: d.entries(), faqHandovers: d.handovers().map(clock), releaseOverrides: [] } as unknown as OpenIncident;
  return renderToStaticMarkup(createElement(HandoverPanel, { data, onOpenEntry: () => undefined, onEntries: () => undefined }));
}

describe('an entry on hold is named as the vendor has it', () => {
  it('by the question the vendor last received, not this laptop’s unapproved rewording (a caller’s number in it)', async () => {
    const { d, card } = handedOver();
    d.edit(card, { question: 'カード番号の下4桁も漏れましたか（山田様 090-1234-5678 からのお問い合わせ）' });
    approvalArrivesWithoutItsVersion(d, card);
    expect(approvalLapse(d.entry(card))).toBe('not-received');
    const h2 = d.handOver();
    expect(h2.onHold).toEqual([{ entryId: card, question: 'カード情報は漏れましたか' }]);
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    expect(book['本日の変更点']!.find((r) => r[0] === '使用停止')?.[3]).toBe('カード情報は漏れましたか');
    expect(String(cover(book)['含めていないもの'])).toBe('承認を確かめ直している1件は、もう一度承認されるまで含めていません（カード情報は漏れましたか）');
    expect(JSON.stringify(book)).not.toContain('090-1234-5678');
  });

  it('an approval that arrives before its entry is named nowhere: no 「（）」, no draft counted', async () => {
    const { d, card } = handedOver();
    d.events.push({ id: 'b-approve-new', incidentId: 'i1', at: '2026-12-02T00:05:30.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: 'b-new', version: 1, versionAt: '2026-12-02T00:05:20.000Z', factsSnapshot: {} } });
    d.edit(card, { answer: 'クレジットカード情報は含まれておりません（調査済み）。' });
    d.approve(card);
    const h2 = d.handOver();
    expect(h2.onHold).toEqual([]);
    expect(h2.draftsLeftOut).toBe(0);
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    expect(cover(book)['含めていないもの']).toBeNull();
  });

  it('an entry approved here, never handed over, whose approval then lapsed: a draft to the vendor, not named as on hold', () => {
    const { d } = handedOver();
    const pw = d.draft('パスワードは変えるべきですか', '念のため変更をお勧めします。');
    d.approve(pw);
    // Another laptop's approval of its version 2, later than this one's; its version not arrived.
    d.events.push({ id: 'b-approve-pw', incidentId: 'i1', at: '2026-12-02T00:30:00.000Z', actor: 'boss', type: 'faq.entry-approved', payload: { entryId: pw, version: 2, versionAt: '2026-12-02T00:29:00.000Z', factsSnapshot: {} } });
    expect(approvalLapse(d.entry(pw))).toBe('not-received');
    // The screen names it for the team (its own words, on its own screen) …
    expect(selectForHandover(d.entries(), d.facts).onHold.map((e) => e.entryId)).toEqual([pw]);
    const other = d.entries().find((e) => e.id !== pw && faqState(e) === 'approved')!;
    d.edit(other.id, { answer: '変更しました。' });
    d.approve(other.id);
    const h2 = d.handOver();
    // … the vendor never had it: not on hold in the handover, a draft left out.
    expect(h2.onHold).toEqual([]);
    expect(h2.draftsLeftOut).toBe(1);
  });
});

describe('an entry on hold, then retired for good, is told 廃止', () => {
  it('the retirement alone is a handover of its own, listed 廃止 under its number', async () => {
    const { d, card } = handedOver();
    approvalArrivesWithoutItsVersion(d, card);
    const h2 = d.handOver();
    expect(h2.onHold?.map((e) => e.entryId)).toEqual([card]);
    d.retire(card);
    const r = d.tryHandOver();
    expect(r.ok ? 'handed over' : r.problems.map((p) => p.reason)).toBe('handed over');
    const h3 = d.handOver();
    expect(h3.version).toBe(3);
    const book = await sheets(await handoverWorkbook(h3, d.handovers(), who));
    expect(book['本日の変更点']!.slice(1)).toEqual([['廃止', 1, null, 'カード情報は漏れましたか', null, null, 'この回答は廃止しました。今後は使わないでください。']]);
    expect(cover(book)['本日の変更点']).toBe('新規0件・変更0件・廃止1件・使用停止0件');
    // Told once: the next handover does not say it again.
    expect(d.tryHandOver().ok).toBe(false);
  });

  it('with other changes, 本日の変更点 has its 廃止 line too', () => {
    const { d, card } = handedOver();
    approvalArrivesWithoutItsVersion(d, card);
    d.handOver();
    d.retire(card);
    const pw = d.draft('パスワードは変えるべきですか', '念のため変更をお勧めします。');
    d.approve(pw);
    const h3 = d.handOver();
    expect(handoverChanges(h3, d.handovers()).map((c) => [c.kind, c.entryId])).toEqual([
      ['new', pw],
      ['retired', card],
    ]);
  });

  it('left out as stale, then retired: 廃止 too', () => {
    const d = new Desk();
    const count = d.draft('何件漏れましたか', '確認した件数は{{confirmedCount}}件です。');
    const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。');
    d.approve(count);
    d.approve(gift);
    d.handOver();
    d.facts = { ...d.facts, confirmedCount: 1500 };
    d.handOver([count]);
    d.retire(count);
    const h3 = d.handOver();
    expect(handoverChanges(h3, d.handovers()).map((c) => [c.kind, c.no])).toEqual([['retired', 1]]);
  });
});

describe('an answer approved before approval checked for a caller’s details', () => {
  it('does not go to the vendor: left out, and the team is told which words, with a way to the entry', () => {
    const d = new Desk();
    const room = d.draft('お詫び状が届きません', '佐藤様のお住まい（201号室）に再送します。');
    oldApproval(d, room);
    const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。');
    d.approve(gift);
    expect(faqState(d.entry(room))).toBe('approved');
    const h = d.handOver();
    expect(h.items.map((i) => i.entryId)).toEqual([gift]);
    expect(JSON.stringify(h)).not.toContain('201号室');
    // The vendor never had it: nothing said of it to the vendor.
    expect(h.onHold).toEqual([]);
    const html = panel(d);
    expect(html).toContain('承認済みの回答に、お客様の個人の情報と読める部分があります');
    expect(html).toContain('お詫び状が届きません（「201号室」）');
  });

  it('alone, the first time: nothing to give (refused, as with nothing approved)', () => {
    const d = new Desk();
    const room = d.draft('お詫び状が届きません', '佐藤様のお住まい（201号室）に再送します。');
    oldApproval(d, room);
    const r = d.tryHandOver();
    expect(r.ok ? 'handed over' : r.problems.map((p) => p.reason)).toEqual(['nothing-approved']);
  });

  it('already handed over: 使用停止, its words not repeated — the question blanked, no answer — and the vendor asked to delete it', async () => {
    const d = new Desk();
    const room = d.draft('201号室の佐藤様へのお詫び状は', '再送します。', 'お詫び 山田様 090-1234-5678');
    const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。');
    d.approve(gift);
    d.handOver();
    // Handed over by the version before the check (its handover recorded then, its words as they were).
    oldApproval(d, room, '2026-12-02T00:03:30.000Z');
    const i = d.events.findIndex((e) => e.type === 'faq.handed-over');
    const p = d.events[i]!.payload as { items: unknown[] };
    d.events[i] = { ...d.events[i]!, payload: { ...p, items: [...p.items, { entryId: room, no: 2, version: 1, question: '201号室の佐藤様へのお詫び状は', category: 'お詫び 山田様 090-1234-5678', answer: '再送します。', approvedAt: '2026-12-02T00:03:30.000Z', approvedBy: 'boss' }] } };
    const h2 = d.handOver();
    expect(h2.items.map((x) => x.entryId)).toEqual([gift]);
    expect(h2.onHold).toEqual([{ entryId: room, question: '＊＊＊の佐藤様へのお詫び状は', reason: 'personal-data' }]);
    const book = await sheets(await handoverWorkbook(h2, d.handovers(), who));
    expect(book['本日の変更点']!.slice(1)).toEqual([
      ['使用停止', 2, null, '＊＊＊の佐藤様へのお詫び状は', null, null, expect.stringMatching(/^この回答には、お客様の個人の情報と読める部分がありました。この回答は使わず、エスカレーションしてください。以前の版のファイルや印刷物にあるこの番号の回答も、使わずに削除してください。/)],
    ]);
    expect(cover(book)['含めていないもの']).toBe('お客様の個人の情報と読める部分があった1件は使用停止とし、含めていません（＊＊＊の佐藤様へのお詫び状は）。以前の版のこの回答も使わずに削除してください');
    expect(cover(book)['本日の変更点']).toBe('新規0件・変更0件・廃止0件・使用停止1件');
    const all = JSON.stringify(book);
    for (const words of ['201号室', '090-1234-5678']) expect(all).not.toContain(words);
  });

  it('once corrected and approved again it comes back, said to be in use again', () => {
    const d = new Desk();
    const room = d.draft('お詫び状が届きません', '佐藤様のお住まい（201号室）に再送します。');
    const gift = d.draft('お詫びの品はありますか', '後日ご案内いたします。');
    d.approve(gift);
    d.handOver();
    oldApproval(d, room, '2026-12-02T00:03:30.000Z');
    const i = d.events.findIndex((e) => e.type === 'faq.handed-over');
    const p = d.events[i]!.payload as { items: unknown[] };
    d.events[i] = { ...d.events[i]!, payload: { ...p, items: [...p.items, { entryId: room, no: 2, version: 1, question: 'お詫び状が届きません', category: '一般', answer: '佐藤様のお住まい（201号室）に再送します。', approvedAt: '2026-12-02T00:03:30.000Z', approvedBy: 'boss' }] } };
    d.handOver();
    d.edit(room, { answer: 'ご登録の住所に再送します。' });
    d.approve(room);
    const h3 = d.handOver();
    expect(handoverChanges(h3, d.handovers()).map((c) => [c.kind, c.no, 'resumed' in c && c.resumed])).toEqual([['new', 2, true]]);
  });
});

describe('the cover’s ご利用について', () => {
  it('asks to check 使用停止 with 新規・変更・廃止', async () => {
    const { d } = handedOver();
    const h1 = d.handovers()[0]!;
    const book = await sheets(await handoverWorkbook(h1, d.handovers(), who));
    expect(cover(book)['ご利用について']).toBe('この第1版が届いた時点で、前の版は使わないでください。「本日の変更点」のシートで新規・変更・廃止・使用停止を確認してください。');
  });
});
