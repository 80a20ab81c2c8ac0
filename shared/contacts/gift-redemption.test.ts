import { describe, expect, it } from 'vitest';
import { testContext } from '../events/test-context';
import { formatGiftCode, GiftCoder } from './gift-code';
import { recordRedemptions, setGiftProgramme, undoRedemption } from './gift-commands';
import { giftEvents, type GiftEvent, type GiftProgramme } from './gift-events';
import { parseRedemptionFile, parseDay, planRedemption, type RedemptionDeps, jstDayNumber } from './gift-redemption';
import { dayText, foldGifts, giftTotals, issuedCount } from './gift-state';
import * as v from 'valibot';

const coder = new GiftCoder(new Uint32Array([1, 2, 3, 4]));
const lists = new Map([[1, { datasetId: 'ds-a', rows: 100 }], [2, { datasetId: 'ds-b', rows: 50 }]]);
const ctx = testContext({ ids: ['opt-e', 'opt-t', 'opt-d'] });

const programme = (() => {
  const r = setGiftProgramme(ctx, { incidentId: 'inc', current: undefined }, {
    options: [{ label: '電子マネーギフト', unitCost: '500' }, { label: '図書カード', unitCost: '５００円' }, { label: '寄付', unitCost: 300 }],
    validFrom: '2026-12-01',
    validUntil: '2027-03-31',
  });
  if (!r.ok) throw new Error('programme refused');
  return r.value;
})();

let clock = 0;
function ev(type: GiftEvent['type'], payload: unknown, id = `e${++clock}`): GiftEvent {
  const schema = giftEvents[type];
  return { id, incidentId: 'inc', at: `${String(1_700_000_000_000 + clock).padStart(16, '0')}-0000-n`, actor: 'p1', type, payload: v.parse(schema, payload) } as GiftEvent;
}

const deps = (events: GiftEvent[]): RedemptionDeps => ({ read: (c) => coder.read(c), listOf: (n) => lists.get(n), programme: programme as GiftProgramme, state: foldGifts(events) });

// A vendor's file as it comes: its own column names, a tab, full-width digits in a date, a mistyped and an unknown code.
const good = [coder.code(1, 0), coder.code(1, 7), coder.code(2, 49), coder.code(1, 99)];
const mistyped = good[1]!.slice(0, 5) + (good[1]![5] === 'Z' ? 'Y' : 'Z') + good[1]!.slice(6);
const otherIncident = new GiftCoder(new Uint32Array([9, 9, 9, 9])).code(1, 3);
const vendorFile = [
  '交換コード\t交換商品\t交換日時',
  `${formatGiftCode(good[0]!)}\t電子マネーギフト\t2026/12/05 10:31`,
  `${good[1]!.toLowerCase()}\t図書カード\t２０２６/１２/０６`,
  `${good[2]!}\t寄付\t2026-12-07`,
  `${mistyped}\t寄付\t2026-12-07`,
  `${otherIncident}\t寄付\t2026-12-07`,
  `${good[3]!}\t商品券\t2026-12-08`,
  `${good[0]!}\t寄付\t2026-12-09`,
  `${coder.code(2, 50)}\t寄付\t2026-12-09`,
  `${coder.code(1, 5)}\t寄付\t2026-13-01`,
].join('\r\n');

describe('the gift programme', () => {
  it('keeps each option with its cost as typed (full-width, with 円) and refuses what cannot be a programme', () => {
    expect(programme.options.map((o) => [o.label, o.unitCost])).toEqual([['電子マネーギフト', 500], ['図書カード', 500], ['寄付', 300]]);
    const bad = setGiftProgramme(ctx, { incidentId: 'inc', current: undefined }, {
      options: [{ label: '図書カード', unitCost: 'five' }, { label: '図書カード', unitCost: 1 }, { label: '', unitCost: 5 }],
      validFrom: '2027-01-01',
      validUntil: '2026-01-01',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => `${p.field}:${p.reason}`)).toEqual(['options.0.unitCost:invalid', 'options.1.label:duplicate', 'options.2.label:required', 'validUntil:order']);
  });
});

describe('a redemption file from the gift vendor', () => {
  it('is previewed line by line: new, already redeemed, mistyped, unknown, with line and column', () => {
    const file = parseRedemptionFile(vendorFile);
    expect(file.delimiter).toBe('\t');
    expect(file.mapping).toEqual({ code: 0, option: 1, date: 2 });
    const plan = planRedemption(file, file.mapping, deps([]), 'vendor.tsv');
    expect(plan.valid).toBe(3);
    expect(plan.byOption).toEqual({ 'opt-e': 1, 'opt-t': 1, 'opt-d': 1 });
    expect(plan.mistyped).toEqual([{ line: 5, column: 1, value: mistyped }]);
    // Another incident's code, and a code of a row past the end of list 2.
    expect(plan.unknown.map((i) => i.line)).toEqual([6, 9]);
    expect(plan.badOption).toEqual([{ line: 7, column: 2, value: '商品券' }]);
    expect(plan.already).toEqual([{ line: 8, column: 1, value: good[0] }]);
    expect(plan.badDate).toEqual([{ line: 10, column: 3, value: '2026-13-01' }]);
    expect(plan.payload!.parts).toEqual([
      { datasetId: 'ds-a', rows: [0, 7], options: [0, 1], days: [parseDay('2026-12-05'), parseDay('2026-12-06')] },
      { datasetId: 'ds-b', rows: [49], options: [2], days: [parseDay('2026-12-07')] },
    ]);
  });

  it('is applied as one event, adds nothing the second time, and comes off with its undo', () => {
    const file = parseRedemptionFile(vendorFile);
    const first = recordRedemptions(ctx, { incidentId: 'inc' }, planRedemption(file, file.mapping, deps([]), 'vendor.tsv').payload);
    expect(first.ok && first.events.length).toBe(1);
    const applied = ev('contacts.gifts-redeemed', first.ok ? first.events[0]!.payload : null, 'apply-1');
    const events = [ev('contacts.gift-programme-set', programme), applied];

    const again = planRedemption(file, file.mapping, deps(events));
    expect(again.valid).toBe(0);
    expect(again.already.map((i) => i.line)).toEqual([2, 3, 4, 8]);
    const second = recordRedemptions(ctx, { incidentId: 'inc' }, again.payload);
    expect(second).toEqual({ ok: false, problems: [{ field: 'file', reason: 'nothing-new' }] });

    const state = foldGifts(events);
    expect(state.get('ds-a', 7)).toEqual({ optionId: 'opt-t', day: parseDay('2026-12-06') });
    expect(dayText(state.get('ds-a', 7)!.day)).toBe('2026-12-06');

    const undo = undoRedemption(ctx, { incidentId: 'inc', exists: true, undone: false }, { eventId: 'apply-1' });
    expect(undo.ok).toBe(true);
    const after = foldGifts([...events, ev('contacts.gift-redemption-undone', { eventId: 'apply-1' })]);
    expect(after.get('ds-a', 7)).toBeUndefined();
    expect(after.redeemedCount()).toBe(0);
    expect(undoRedemption(ctx, { incidentId: 'inc', exists: true, undone: true }, { eventId: 'apply-1' }).ok).toBe(false);
    // Once undone, the file is new again.
    expect(planRedemption(file, file.mapping, { ...deps([]), state: after }).valid).toBe(3);
  });

  it('counts a code once when two laptops applied the same file before they synced', () => {
    const file = parseRedemptionFile(vendorFile);
    const payload = planRedemption(file, file.mapping, deps([])).payload;
    const state = foldGifts([ev('contacts.gift-programme-set', programme), ev('contacts.gifts-redeemed', payload), ev('contacts.gifts-redeemed', payload)]);
    expect(state.redeemedCount()).toBe(3);
  });
});

describe('gift totals', () => {
  it('are exact: issued, redeemed by option, cost, committed cost and unredeemed', () => {
    const set = ev('contacts.gift-programme-set', programme);
    const file = parseRedemptionFile(vendorFile);
    const state = foldGifts([set, ev('contacts.gifts-redeemed', planRedemption(file, file.mapping, deps([])).payload)]);
    const before = `${String(1_600_000_000_000).padStart(16, '0')}-0000-n`;
    const issued = issuedCount(
      [
        { datasetId: 'ds-a', at: before, channel: 'post', rows: [0, 1, 2], size: 100 }, // before the programme: no code
        { datasetId: 'ds-a', at: set.at + 'x', channel: 'post', rows: Array.from({ length: 100 }, (_, i) => i), size: 100 },
        { datasetId: 'ds-a', at: set.at + 'y', channel: 'post', rows: [7, 8], size: 100 }, // a second letter: the same code
        { datasetId: 'ds-b', at: set.at + 'x', channel: 'post', rows: Array.from({ length: 50 }, (_, i) => i), size: 50 },
        { datasetId: 'ds-b', at: set.at + 'x', channel: 'email', rows: [1], size: 50 },
      ],
      state.since,
    );
    expect(issued).toBe(150);
    const totals = giftTotals(state, issued);
    expect(totals).toEqual({
      issued: 150,
      redeemed: 3,
      unredeemed: 147,
      byOption: [
        { id: 'opt-e', label: '電子マネーギフト', unitCost: 500, count: 1, cost: 500 },
        { id: 'opt-t', label: '図書カード', unitCost: 500, count: 1, cost: 500 },
        { id: 'opt-d', label: '寄付', unitCost: 300, count: 1, cost: 300 },
      ],
      cost: 1_300,
      committed: 1_300 + 147 * 500,
    });
  });

  it('keep counting an option taken off the programme for those who chose it', () => {
    const file = parseRedemptionFile(vendorFile);
    const redeemed = ev('contacts.gifts-redeemed', planRedemption(file, file.mapping, deps([])).payload);
    const edited = { ...programme, options: programme.options.filter((o) => o.id !== 'opt-d') };
    const state = foldGifts([ev('contacts.gift-programme-set', programme), redeemed, ev('contacts.gift-programme-set', edited)]);
    expect(giftTotals(state, 10).byOption.map((o) => [o.label, o.count])).toEqual([['電子マネーギフト', 1], ['図書カード', 1], ['寄付', 1]]);
    expect(giftTotals(state, 10).committed).toBe(1_300 + 7 * 500);
  });
});

describe('a vendor file whose header does not say which column is the code', () => {
  const codes = [coder.code(1, 0), coder.code(1, 1), coder.code(2, 3)];

  it('keeps the first line of a file with no header as a redemption, with its columns found by their contents', () => {
    // Was: the first redemption taken as the header (lost), no column guessed.
    const file = parseRedemptionFile(codes.map((c, i) => `${c},${i ? '寄付' : '図書カード'},2026-12-0${i + 5}`).join('\n'));
    expect(file.mapping).toEqual({ code: 0, option: 1, date: 2 });
    expect(file.rows.map((r) => r.line)).toEqual([1, 2, 3]);
    const plan = planRedemption(file, file.mapping, deps([]));
    expect([plan.valid, plan.byOption]).toEqual([3, { 'opt-t': 1, 'opt-d': 2 }]);
  });

  it('takes the column that holds the codes when another header says 番号 or コード first', () => {
    const file = parseRedemptionFile(['受付番号,商品コード,ギフトコード,交換日', ...codes.map((c, i) => `R${i},B0${i},${c},2026-12-05`)].join('\n'));
    expect(file.mapping.code).toBe(2);
    expect(file.mapping.date).toBe(3);
    expect(file.rows).toHaveLength(3);
  });
});

describe('codes of a list number two lists chose (two laptops offline)', () => {
  it('names the new lines whose code reads as that number, for a person to check', () => {
    const file = parseRedemptionFile(['コード,商品,日付', `${coder.code(1, 2)},寄付,2026-12-05`, `${coder.code(2, 2)},寄付,2026-12-05`].join('\n'));
    const plan = planRedemption(file, file.mapping, { ...deps([]), clashed: (n) => n === 1 });
    expect([plan.valid, plan.clashed]).toEqual([2, [2]]);
    expect(planRedemption(file, file.mapping, deps([])).clashed).toEqual([]);
  });
});

describe('a vendor file without a date column', () => {
  it('records the lines as redeemed on the day the file is taken in (Japan time), and counts them for the screen', () => {
    // Was: every line "交換日が読めない" and nothing could be recorded.
    const file = parseRedemptionFile(['交換コード,選択商品', `${coder.code(1, 0)},図書カード`, `${coder.code(1, 1)},寄付`].join('\n'));
    expect(file.mapping.date).toBe(-1);
    // 2026-12-01 23:30 in Japan is still 2026-12-01 14:30 UTC; 2026-12-02 00:30 in Japan is 2026-12-01 15:30 UTC.
    const lateEvening = Date.parse('2026-12-01T14:30:00Z');
    const pastMidnight = Date.parse('2026-12-01T15:30:00Z');
    const plan = planRedemption(file, file.mapping, { ...deps([]), today: jstDayNumber(lateEvening) });
    expect([plan.valid, plan.undated, plan.badDate]).toEqual([2, 2, []]);
    expect(plan.payload!.parts[0]!.days).toEqual([Date.UTC(2026, 11, 1) / 86_400_000, Date.UTC(2026, 11, 1) / 86_400_000]);
    expect(jstDayNumber(pastMidnight)).toBe(Date.UTC(2026, 11, 2) / 86_400_000);
    // Without a day to use, the lines are still refused as undated — never a made-up date.
    expect(planRedemption(file, file.mapping, deps([])).badDate).toHaveLength(2);
  });
});
