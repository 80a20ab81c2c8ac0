import { describe, expect, it } from 'vitest';
import { isWithinHours, parseHours } from './hours';
import type { CallTree, DirectoryPerson } from './model';
import { chooseTree, planFor } from './plan';

const person = (id: string, over: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  name: id.toUpperCase(),
  organisation: '',
  title: '',
  category: 'other',
  phones: [`03-0000-000${id.length}`],
  emails: [`${id}@example.jp`],
  chat: '',
  deputyId: null,
  hours: '',
  updatedAt: '0',
  updatedBy: 'p1',
  ...over,
});

const tree = (id: string, over: Partial<CallTree> = {}): CallTree => ({
  id,
  name: id,
  scenario: null,
  severity: null,
  steps: [{ personIds: ['a'], waitMinutes: 15 }],
  updatedAt: '1',
  updatedBy: 'p1',
  ...over,
});

// Tuesday 2026-12-01: 10:00 and 23:30 in Japan (01:00 and 14:30 UTC).
const TUE_10_JST = Date.parse('2026-12-01T01:00:00Z');
const TUE_2330_JST = Date.parse('2026-12-01T14:30:00Z');
// Saturday 2026-12-05 10:00 JST.
const SAT_10_JST = Date.parse('2026-12-05T01:00:00Z');

const ids = (plan: ReturnType<typeof planFor>) => plan?.steps.map((s) => s.recipients.map((r) => (r.deputyOf ? `${r.personId}(for ${r.deputyOf})` : r.personId)));

describe('hours', () => {
  it('reads what people type, full-width digits and Japanese dashes included, in Japan time', () => {
    for (const text of ['平日 9-18', '平日　９－１８', '平日 ９：００～１８：００', '月-金 9時-18時', 'weekdays 9:00-18:00', 'Mon-Fri 9-18']) {
      const p = parseHours(text);
      expect(p.ok, text).toBe(true);
      if (!p.ok) continue;
      expect(isWithinHours(p.hours, TUE_10_JST), text).toBe(true);
      expect(isWithinHours(p.hours, TUE_2330_JST), text).toBe(false);
      expect(isWithinHours(p.hours, SAT_10_JST), text).toBe(false);
    }
    for (const text of ['24時間', '２４時間', '', '常時', '24/7']) expect(parseHours(text)).toEqual({ ok: true, hours: { always: true } });
  });

  it('runs past midnight and takes several windows', () => {
    const night = parseHours('毎日 22-6');
    expect(night.ok && isWithinHours(night.hours, TUE_2330_JST)).toBe(true);
    expect(night.ok && isWithinHours(night.hours, TUE_10_JST)).toBe(false);
    const two = parseHours('平日 9-18、土 9-12');
    expect(two.ok && isWithinHours(two.hours, SAT_10_JST)).toBe(true);
  });

  it('refuses what it cannot read rather than guessing', () => {
    for (const text of ['朝から晩まで', '平日 9-', '9-25', '祝日以外']) expect(parseHours(text).ok, text).toBe(false);
  });
});

describe('planFor', () => {
  const people = [
    person('a', { hours: '平日 9-18', deputyId: 'b' }),
    person('b', { hours: '24時間' }),
    person('exec', { category: 'executive' }),
  ];

  it('chooses the most specific tree: scenario and severity, then scenario, then severity, then any', () => {
    const trees = [tree('any'), tree('high', { severity: 'high' }), tree('lost', { scenario: 'lost-device' }), tree('lost-high', { scenario: 'lost-device', severity: 'high' }), tree('other', { scenario: 'insider', severity: 'high' })];
    expect(chooseTree(trees, { scenario: 'lost-device', severity: 'high' })?.id).toBe('lost-high');
    expect(chooseTree(trees, { scenario: 'lost-device', severity: 'low' })?.id).toBe('lost');
    expect(chooseTree(trees, { scenario: 'public-exposure', severity: 'high' })?.id).toBe('high');
    expect(chooseTree(trees, { scenario: 'public-exposure', severity: null })?.id).toBe('any');
    expect(chooseTree(trees.filter((t) => t.id !== 'any'), { scenario: 'public-exposure', severity: 'low' })).toBeNull();
  });

  it('gives the steps in order with their waits, up to the executive', () => {
    const plan = planFor(people, [tree('t', { steps: [{ personIds: ['a'], waitMinutes: 15 }, { personIds: ['exec'], waitMinutes: 30 }] })], { scenario: null, severity: 'high', at: TUE_10_JST });
    expect(plan?.treeId).toBe('t');
    expect(ids(plan)).toEqual([['a'], ['exec']]);
    expect(plan?.steps.map((s) => s.waitMinutes)).toEqual([15, 30]);
    expect(plan?.steps[0]!.recipients[0]).toEqual({ personId: 'a', name: 'A', emails: ['a@example.jp'], phones: ['03-0000-0001'] });
  });

  it('adds the deputy of a person out of hours, by Japan time whatever the laptop zone', () => {
    const trees = [tree('t')];
    expect(ids(planFor(people, trees, { scenario: null, severity: null, at: TUE_10_JST }))).toEqual([['a']]);
    // 23:30 in Tokyo is 14:30 UTC — inside "9-18" if the hours were read as UTC.
    expect(ids(planFor(people, trees, { scenario: null, severity: null, at: TUE_2330_JST }))).toEqual([['a', 'b(for a)']]);
    expect(ids(planFor(people, trees, { scenario: null, severity: null, at: SAT_10_JST }))).toEqual([['a', 'b(for a)']]);
  });

  it('reads hours typed with full-width digits', () => {
    const list = [person('a', { hours: '平日　９：００〜１８：００', deputyId: 'b' }), person('b')];
    expect(ids(planFor(list, [tree('t')], { scenario: null, severity: null, at: TUE_10_JST }))).toEqual([['a']]);
    expect(ids(planFor(list, [tree('t')], { scenario: null, severity: null, at: TUE_2330_JST }))).toEqual([['a', 'b(for a)']]);
  });

  it('follows the deputy chain past a deputy also out of hours, and stops on a loop', () => {
    const chain = [person('a', { hours: '平日 9-18', deputyId: 'b' }), person('b', { hours: '平日 9-18', deputyId: 'c' }), person('c', { hours: '24時間' })];
    expect(ids(planFor(chain, [tree('t')], { scenario: null, severity: null, at: TUE_2330_JST }))).toEqual([['a', 'c(for a)']]);
    const loop = [person('a', { hours: '平日 9-18', deputyId: 'b' }), person('b', { hours: '平日 9-18', deputyId: 'a' })];
    expect(ids(planFor(loop, [tree('t')], { scenario: null, severity: null, at: TUE_2330_JST }))).toEqual([['a']]);
    const self = [person('a', { hours: '平日 9-18', deputyId: 'a' })];
    expect(ids(planFor(self, [tree('t')], { scenario: null, severity: null, at: TUE_2330_JST }))).toEqual([['a']]);
  });

  it('leaves out a deleted person, drops a step left empty, and does not follow a deleted deputy', () => {
    const list = [person('a', { hours: '平日 9-18', deputyId: 'gone' }), person('exec')];
    const trees = [tree('t', { steps: [{ personIds: ['gone'], waitMinutes: 10 }, { personIds: ['a', 'gone'], waitMinutes: 15 }, { personIds: ['exec'], waitMinutes: 30 }] })];
    const plan = planFor(list, trees, { scenario: null, severity: null, at: TUE_2330_JST });
    expect(ids(plan)).toEqual([['a'], ['exec']]);
    expect(plan?.steps.map((s) => s.waitMinutes)).toEqual([15, 30]);
  });

  it('alerts a person once per step even when they are also a deputy there', () => {
    const plan = planFor(people, [tree('t', { steps: [{ personIds: ['a', 'b'], waitMinutes: 5 }] })], { scenario: null, severity: null, at: TUE_2330_JST });
    expect(ids(plan)).toEqual([['a', 'b']]);
  });
});

describe('a tree of 80 people with deputies, over the cap of 25 a step', () => {
  it('goes out in groups of at most 25 (deputies included, within what the host takes), each person alerted once', () => {
    // 80 people in one step; the first 10 are in hours by day only, their deputies are people 41–50 of the same step.
    const ids = Array.from({ length: 80 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
    const dir = ids.map((id, i) => person(id, i < 10 ? { hours: '平日 9-18', deputyId: ids[40 + i]! } : {}));
    const plan = planFor(dir, [tree('t', { steps: [{ personIds: ids, waitMinutes: 20 }, { personIds: ['p01'], waitMinutes: 0 }] })], { scenario: null, severity: 'high', at: TUE_2330_JST });
    expect(plan).not.toBeNull();
    const named = plan!.steps.slice(0, -1);
    expect(named.map((s) => s.waitMinutes)).toEqual([0, 0, 0, 20]);
    for (const s of named) expect(s.recipients.length).toBeLessThanOrEqual(50);
    const everyone = named.flatMap((s) => s.recipients.map((r) => r.personId));
    // Each of the 80 once: p41–p50 as the deputies of p01–p10 in the first group, not a second mail a few seconds later.
    expect(everyone.length).toBe(80);
    expect(new Set(everyone).size).toBe(80);
    expect(named[0]!.recipients.filter((r) => r.deputyOf).map((r) => r.personId)).toEqual(ids.slice(40, 50));
    // The next step of the tree names p01 again: alerted again there, as before.
    expect(plan!.steps.at(-1)!.recipients.map((r) => r.personId)).toEqual(['p01', 'p41']);
  });
});

describe('rows removed from the contact list, as the tables keep them (a mark with its clock)', () => {
  it('never alerts a removed person, as a step or as a deputy, and never fires a removed tree', () => {
    const people = [
      person('a', { hours: '平日 9:00-18:00', deputyId: 'gone-deputy' }),
      person('gone', { removedAt: '5' } as Partial<DirectoryPerson>),
      person('gone-deputy', { removedAt: '5' } as Partial<DirectoryPerson>),
      // Removed, then saved again after the removal: back on the list.
      person('back', { removedAt: '5', updatedAt: '6' } as Partial<DirectoryPerson>),
    ];
    const steps = [{ personIds: ['a', 'gone', 'back'], waitMinutes: 15 }];
    expect(ids(planFor(people, [tree('t', { steps })], { scenario: null, severity: 'high', at: TUE_2330_JST }))).toEqual([['a', 'back']]);
    // The more specific tree was removed: the one for any incident fires, not it.
    const removed = tree('specific', { severity: 'high', steps: [{ personIds: ['back'], waitMinutes: 0 }], removedAt: '9' } as Partial<CallTree>);
    expect(planFor(people, [removed, tree('any', { steps })], { scenario: null, severity: 'high', at: TUE_10_JST })?.treeId).toBe('any');
    expect(chooseTree([removed], { scenario: null, severity: 'high' })).toBeNull();
  });
});
