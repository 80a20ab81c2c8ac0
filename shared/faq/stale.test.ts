import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { testContext } from '../events/test-context';
import type { AccessRole } from '../roles/model';
import * as commands from './commands';

const approveEntry = (entry: FaqEntry, facts: Facts, roles: AccessRole[]) => {
  const r = commands.approveEntry(testContext({ roles }), { entry, facts });
  return r.ok ? { ok: true as const, event: r.events[0]! } : r;
};
import { faqProjection } from './events';
import type { FaqEntry } from './model';
import { consistencyOf, contradictions, faqTexts, quotedFacts, snapshotFor, staleness } from './stale';
import { personalDataIn } from './commands';

const facts: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: 1200,
  maxCount: 3000,
  itemsLeaked: ['name', 'address', 'phone'],
  deskPhone: '0120-000-123',
  deskHours: '9:00〜18:00',
};

const ANSWER = '漏えいを確認した件数は{{confirmedCount}}件、項目は{{itemsLeaked}}です。\n窓口: {{ deskPhone }}';

function ev(at: string, type: string, payload: unknown): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor: 'boss', type, payload };
}

const draft = ev('001', 'faq.entry-drafted', { entryId: 'e1', question: '何件漏れましたか', variants: [], category: '件数', answer: ANSWER });

/** Approves the entry the way the app does: through the command, against the facts of the moment. */
function approved(entry: FaqEntry, at: string, current: Facts): FaqEntry {
  const result = approveEntry(entry, current, ['direction']);
  if (!result.ok) throw new Error('approval refused');
  return faqProjection.reduce(entry, ev(at, result.event.type, result.event.payload), entry.id)!;
}

const drafted = foldAll(faqProjection, [draft]).get('e1')!;

describe('quotedFacts and snapshotFor', () => {
  it('finds the facts a template quotes, spaces inside braces allowed, title and unknown names left out', () => {
    expect(quotedFacts(`${ANSWER} {{title}} {{confirmed}}`)).toEqual(['confirmedCount', 'itemsLeaked', 'deskPhone']);
  });

  it('snapshots only those facts, copied', () => {
    const snap = snapshotFor(ANSWER, facts);
    expect(snap).toEqual({ confirmedCount: 1200, itemsLeaked: ['name', 'address', 'phone'], deskPhone: '0120-000-123' });
    expect(snap.itemsLeaked).not.toBe(facts.itemsLeaked);
  });
});

describe('staleness', () => {
  it('a draft is a draft and a retired entry is retired, whatever the facts', () => {
    expect(staleness(drafted, facts)).toEqual({ state: 'draft', changed: [] });
    const retired = faqProjection.reduce(approved(drafted, '002', facts), ev('003', 'faq.entry-retired', { entryId: 'e1', reason: 'x' }), 'e1')!;
    expect(staleness(retired, { ...facts, confirmedCount: 1 })).toEqual({ state: 'retired', changed: [] });
  });

  it('an approved entry is current until a quoted fact changes', () => {
    const entry = approved(drafted, '002', facts);
    expect(staleness(entry, facts)).toEqual({ state: 'current', changed: [] });
    expect(staleness(entry, { ...facts, confirmedCount: 1500 })).toEqual({ state: 'stale', changed: ['confirmedCount'] });
  });

  it('re-approval against the new facts makes it current again', () => {
    const moved = { ...facts, confirmedCount: 1500 };
    const again = approved(approved(drafted, '002', facts), '003', moved);
    expect(staleness(again, moved)).toEqual({ state: 'current', changed: [] });
  });

  it('a change to a fact the answer does not quote leaves it current', () => {
    const entry = approved(drafted, '002', facts);
    expect(staleness(entry, { ...facts, deskHours: '24時間', maxCount: 5000, services: '通販' })).toEqual({ state: 'current', changed: [] });
  });

  it('lists every quoted fact that moved, and treats a reordered item list as unchanged', () => {
    const entry = approved(drafted, '002', facts);
    expect(staleness(entry, { ...facts, itemsLeaked: ['phone', 'name', 'address'] }).state).toBe('current');
    expect(staleness(entry, { ...facts, itemsLeaked: ['name'], deskPhone: '0120-999-999', confirmedCount: null })).toEqual({
      state: 'stale',
      changed: ['confirmedCount', 'itemsLeaked', 'deskPhone'],
    });
  });

  it('a quoted fact missing from the snapshot counts as changed', () => {
    const entry = faqProjection.reduce(drafted, ev('002', 'faq.entry-approved', { entryId: 'e1', version: 1, factsSnapshot: { confirmedCount: 1200 } }), 'e1')!;
    expect(staleness(entry, facts)).toEqual({ state: 'stale', changed: ['itemsLeaked', 'deskPhone'] });
  });
});

describe('contradictions', () => {
  const live = { confirmedCount: 1200, maxCount: 3000 };

  it('finds counts typed by hand that the facts do not bear out, with line and column', () => {
    const text = 'お詫び申し上げます。\n対象は約1,000件です。１２００名の方に通知しました。\n最大3,000人、1.2万人ではありません。';
    expect(contradictions(text, live)).toEqual([
      { code: 'count-differs', text: '1,000件', value: 1000, approximate: true, live, line: 2, column: 5 },
      { code: 'count-differs', text: '1.2万人', value: 12000, approximate: false, live, line: 3, column: 10 },
    ]);
  });

  it('lets an approximate number agree within the tolerance', () => {
    expect(contradictions('約1,190件', live)).toEqual([]);
    expect(contradictions('1,190件', live)).toHaveLength(1);
    expect(contradictions('約1,000件', live, { tolerance: 0.2 })).toEqual([]);
  });

  it('ignores per-person quantities, phone numbers, dates and placeholders', () => {
    expect(contradictions('お一人様1名につき500円分。0120-000-123、2026年11月20日。{{confirmedCount}}件', live)).toEqual([]);
  });

  it('flags any hand-typed count while no count is confirmed', () => {
    expect(contradictions('約1,000件', { confirmedCount: null, maxCount: null })).toMatchObject([{ code: 'count-unconfirmed', value: 1000 }]);
  });
});

describe('consistencyOf', () => {
  it('checks every quoting text: stale facts, hand-typed counts, unknown placeholders', () => {
    const now = { ...facts, confirmedCount: 1500 };
    const report = consistencyOf(
      [
        { id: 'faq-1', kind: 'faq', template: ANSWER, approvedSnapshot: snapshotFor(ANSWER, facts) },
        { id: 'stmt-1', kind: 'statement', template: '約1,200件の情報が流出。\n詳細は{{detail}}' },
        { id: 'faq-2', kind: 'faq', template: '窓口 {{deskPhone}}' },
      ],
      now,
    );
    expect(report.map((r) => [r.id, r.ok])).toEqual([
      ['faq-1', false],
      ['stmt-1', false],
      ['faq-2', true],
    ]);
    expect(report[0]!.stale).toEqual(['confirmedCount']);
    expect(report[1]!.contradictions).toMatchObject([{ code: 'count-differs', line: 1, column: 2, value: 1200 }]);
    expect(report[1]!.unknown).toEqual([{ name: 'detail', line: 2, column: 4 }]);
    expect(report[2]!.quotes).toEqual(['deskPhone']);
  });

  it('takes FAQ entries as their published answers, with the approval snapshot, retired ones left out', () => {
    const entry = approved(drafted, '002', facts);
    const retired = { ...entry, id: 'e2', retired: { at: '009', actor: 'boss', reason: 'x' } };
    expect(faqTexts([entry, drafted, retired])).toEqual([
      { id: 'e1', kind: 'faq', template: ANSWER, approvedSnapshot: snapshotFor(ANSWER, facts) },
      { id: 'e1', kind: 'faq', template: ANSWER },
    ]);
  });
});

describe('a number typed by hand (a stranger’s case)', () => {
  const typed = (answer: string) => foldAll(faqProjection, [ev('001', 'faq.entry-drafted', { entryId: 'e1', question: '窓口の電話番号は', variants: [], category: '窓口', answer })]).get('e1')!;

  it('the desk number written out goes stale when the desk number changes; another number does not', () => {
    const entry = approved(typed('専用窓口 0120-000-123 までお電話ください。'), '002', facts);
    expect(staleness(entry, facts)).toEqual({ state: 'current', changed: [] });
    expect(staleness(entry, { ...facts, deskPhone: '0120-999-888' })).toEqual({ state: 'stale', changed: ['deskPhone'] });
    const other = approved(typed('受付は 0120-777-777 です。'), '002', facts);
    expect(staleness(other, { ...facts, deskPhone: '0120-999-888' }).state).toBe('current');
  });
});

describe('a caller’s details never reach the vendor (a stranger’s case)', () => {
  const entry = (question: string, answer = '対象の方には個別にご連絡します。') =>
    foldAll(faqProjection, [ev('001', 'faq.entry-drafted', { entryId: 'e1', question, variants: [], category: '確認', answer })]).get('e1')!;

  it('refuses to approve a question or answer with a phone number, an e-mail address, a postcode or a street address', () => {
    for (const q of ['090-1234-5678の山田です。私の情報は漏れましたか', '０９０（１２３４）５６７８です', 'hanako@example.jp 宛に届きますか', '〒100-0001 に住んでいます', '東京都千代田区1-2-3に住んでいますが']) {
      const r = approveEntry(entry(q), facts, ['direction']);
      // The refusal names the words found (params.words), for the approver to take out.
      expect(r.ok ? 'approved' : r.problems, q).toEqual([{ field: 'question', reason: 'personal-data', params: { words: expect.any(String) } }]);
    }
    const r = approveEntry(entry('届きますか', '山田様（090-1234-5678）には折り返します。'), facts, ['direction']);
    expect(r.ok ? 'approved' : r.problems).toEqual([{ field: 'answer', reason: 'personal-data', params: { words: '090-1234-5678' } }]);
  });

  it('finds a caller’s number however it is typed', () => {
    for (const q of ['090ー1234ー5678です', '090−1234−5678です', '090‐1234‐5678です', '(03)1234-5678です', '（03）1234-5678です', '+81(0)90-1234-5678 です', '09012345678 です']) {
      expect(personalDataIn(q, facts).length, q).toBe(1);
    }
  });

  it('approves the company’s own numbers: the desk’s (as a fact), free dial written either way, dates and counts', () => {
    for (const a of [
      '窓口 0120-000-123 までお電話ください。',
      '+81 120-000-000（受付 9時〜18時）',
      '0570-00-1234 でも受け付けます。',
      '0800-123-4567 でも受け付けます。',
      '2026-12-01 から 1,200 件を確認しました。',
      '受付番号 0100-0001-234 をお手元にご用意ください。',
      '受付時間 0900-1800',
      '詳しくは https://example.jp/faq?id=012-3456 をご覧ください。',
      'その都度2026-12-01以降に更新します。',
      '東京都は2026-12-01から受け付けます。',
      '報道発表（2026-12-01）のとおりです。',
      '県内で2026-12-01に確認しました。',
    ]) {
      expect(approveEntry(entry('窓口は', a), facts, ['direction']).ok, a).toBe(true);
    }
  });
});
