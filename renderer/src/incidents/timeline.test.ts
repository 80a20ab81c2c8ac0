import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { encodeHlc } from '../../../shared/events/hlc';
import { EVENT_GROUPS, EVENT_TYPES, typesOfGroup } from '../../../shared/events/registry';
import { lookup, translatorFor } from '../i18n/i18n';
import { DICTIONARIES } from '../i18n/i18n';
import { groupedTypes, matchesType, timelineCsv, toEntries, typeLabel } from './timeline';

const LANGS = ['ja', 'en'] as const;

function ev(type: string, payload: unknown, n = 1): HonbuEvent {
  return { id: `e${n}`, incidentId: 'i1', at: encodeHlc({ wall: 1_780_000_000_000 + n * 60_000, counter: 0, node: 'dev1' }), actor: 'p1', type, payload };
}

/** A realistic payload per type; a type without one is summarised from an empty payload. */
const SAMPLES: Record<string, unknown> = {
  'incident.first-reported': { title: '顧客リストの誤送信', kind: 'personal-data', scenario: 'misdirected-email', drill: false, report: { confirmedCount: 120, itemsLeaked: ['name'] } },
  'incident.report-filed': { number: 2, report: { confirmedCount: 130 } },
  'incident.facts-changed': { changes: { confirmedCount: 300 } },
  'incident.details-changed': { changes: { summary: '…' } },
  'incident.override-seen': { fact: 'confirmedCount', value: 300, by: 'p2', eventId: 'x' },
  'contacts.outcomes-recorded': { datasetId: 'd', channel: 'post', source: 'returned-mail', rows: [1, 2, 3], outcomes: [], reasons: [] },
  'contacts.batch-created': { datasetId: 'd', batchId: 'b', channel: 'email', rows: [1, 2] },
  'faq.enquiry-logged': { enquiryId: 'q', channel: 'phone', caller: { name: '山田 太郎', phone: '090-1234-5678', email: '' }, question: '私の情報は漏れましたか' },
  'disclosure.report-filed': { kind: 'preliminary', filedAt: '2026-01-01T00:00:00Z', reference: 'R-123' },
  'disclosure.statement-approved': { version: 2, approvedBy: '佐藤' },
  'sync.device-added': { deviceId: 'd2', publicKey: 'k', personId: 'p2', personName: '鈴木', roles: [] },
};

describe('timeline words for every event type', () => {
  it('registers every type once, each in a group', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(EVENT_GROUPS.flatMap((g) => typesOfGroup(g))).toEqual(EVENT_TYPES);
  });

  for (const lang of LANGS) {
    it(`gives every type its own label in ${lang} (none missing, none a code, no two alike)`, () => {
      const t = translatorFor(lang);
      const labels = EVENT_TYPES.map((type) => {
        const label = lookup(DICTIONARIES[lang], `events.types.${type}`);
        expect(typeof label, `${lang}: no label for ${type}`).toBe('string');
        expect(label, type).not.toBe('');
        expect(typeLabel(t, type)).toBe(label);
        expect(String(label)).not.toMatch(/[a-z]+\.[a-z-]+/);
        return String(label);
      });
      const dupes = labels.filter((l, i) => labels.indexOf(l) !== i);
      expect(dupes).toEqual([]);
      for (const g of EVENT_GROUPS) expect(lookup(DICTIONARIES[lang], `events.groups.${g}`), g).toBeTypeOf('string');
    });

    it(`summarises every type in words in ${lang}, never as the event code`, () => {
      const t = translatorFor(lang);
      EVENT_TYPES.forEach((type, i) => {
        for (const payload of [SAMPLES[type] ?? {}, {}, null]) {
          const [entry] = toEntries(t, [ev(type, payload, i + 1)], [], (id) => (id === 'p2' ? '鈴木' : id));
          expect(entry!.summary, type).not.toBe('');
          expect(entry!.summary, type).not.toContain(type);
        }
      });
    });
  }

  it('keeps personal data of an enquiry out of its line', () => {
    const [entry] = toEntries(translatorFor('ja'), [ev('faq.enquiry-logged', SAMPLES['faq.enquiry-logged'])], [], (x) => x);
    expect(entry!.summary).toBe('問い合わせを記録（電話）');
    expect(timelineCsv(translatorFor('ja'), [entry!])).not.toMatch(/山田|090/);
  });

  it('says questions attached again to an FAQ as questions, not as 0 phrasings', () => {
    const again = ev('faq.variants-added', { entryId: 'f', questions: [], enquiryIds: ['q1'] });
    expect(toEntries(translatorFor('ja'), [again], [], (x) => x)[0]!.summary).toBe('FAQ に問い合わせを 1 件追加');
    expect(toEntries(translatorFor('en'), [again], [], (x) => x)[0]!.summary).toBe('1 question attached to an FAQ');
    const phrasings = ev('faq.variants-added', { entryId: 'f', questions: ['カード番号は漏れた？', 'ポイントは？'], enquiryIds: ['q1', 'q2'] });
    expect(toEntries(translatorFor('en'), [phrasings], [], (x) => x)[0]!.summary).toBe('2 phrasings added to an FAQ');
  });

  it('names the issue’s examples in both languages', () => {
    const events = [ev('faq.enquiry-logged', SAMPLES['faq.enquiry-logged'], 1), ev('contacts.outcomes-recorded', SAMPLES['contacts.outcomes-recorded'], 2)];
    const ja = toEntries(translatorFor('ja'), events, [], (x) => x);
    expect(ja.map((x) => typeLabel(translatorFor('ja'), x.type))).toEqual(['問い合わせの記録', '連絡結果の記録']);
    expect(ja[1]!.summary).toBe('郵便の連絡結果を記録（3 件）');
    const en = toEntries(translatorFor('en'), events, [], (x) => x);
    expect(en.map((x) => typeLabel(translatorFor('en'), x.type))).toEqual(['Enquiry logged', 'Contact results recorded']);
  });

  it('offers the types present in their groups, a type from a newer version last', () => {
    const groups = groupedTypes(['faq.enquiry-logged', 'contacts.outcomes-recorded', 'incident.first-reported', 'faq.enquiry-edited', 'future.thing-done']);
    expect(groups).toEqual([
      { group: 'report', types: ['incident.first-reported'] },
      { group: 'contacts', types: ['contacts.outcomes-recorded'] },
      { group: 'enquiries', types: ['faq.enquiry-logged', 'faq.enquiry-edited'] },
      { group: null, types: ['future.thing-done'] },
    ]);
    expect(typeLabel(translatorFor('ja'), 'future.thing-done')).toBe('新しい版で記録された項目');
    expect(matchesType('group:enquiries', 'faq.enquiry-edited')).toBe(true);
    expect(matchesType('group:enquiries', 'incident.first-reported')).toBe(false);
    expect(matchesType('faq.enquiry-logged', 'faq.enquiry-logged')).toBe(true);
    expect(matchesType('', 'anything.at-all')).toBe(true);
  });

  it('says which batch was sent and what an undo took back (the post and the e-mail batch read alike)', () => {
    const events = [
      ev('contacts.batch-created', { datasetId: 'd', batchId: 'b1', channel: 'post', rows: [1, 2, 3] }, 1),
      ev('contacts.batch-created', { datasetId: 'd', batchId: 'b2', channel: 'email', rows: [4, 5] }, 2),
      ev('contacts.batch-sent', { datasetId: 'd', batchId: 'b1', sentAt: '2026-01-01T00:00:00Z' }, 3),
      ev('contacts.batch-sent', { datasetId: 'd', batchId: 'b2', sentAt: '2026-01-01T00:00:00Z' }, 4),
      ev('contacts.outcomes-recorded', SAMPLES['contacts.outcomes-recorded'], 5),
      ev('contacts.event-undone', { datasetId: 'd', eventId: 'e5' }, 6),
    ];
    const ja = toEntries(translatorFor('ja'), events, [], (x) => x).map((x) => x.summary);
    expect(ja.slice(2)).toEqual([
      '郵便の連絡バッチ（3 件）を送付',
      'メールの連絡バッチ（2 件）を送付',
      '郵便の連絡結果を記録（3 件）',
      '取り消し: 郵便の連絡結果を記録（3 件）',
    ]);
    const en = toEntries(translatorFor('en'), events, [], (x) => x).map((x) => x.summary);
    expect(en.slice(2)).toEqual(['Post contact batch (3 customers) sent', 'E-mail contact batch (2 customers) sent', 'Post contact results recorded (3 customers)', 'Undone: Post contact results recorded (3 customers)']);
    // A batch or an event this laptop has not seen yet still reads as words.
    const lone = toEntries(translatorFor('ja'), [ev('contacts.batch-sent', { datasetId: 'd', batchId: 'zz', sentAt: '' }, 7), ev('contacts.event-undone', { datasetId: 'd', eventId: 'zz' }, 8)], [], (x) => x);
    expect(lone.map((x) => x.summary)).toEqual(['連絡バッチを送付', '連絡の記録を1件取り消し']);
  });
});
