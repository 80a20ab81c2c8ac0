import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import type { AnyDraft } from '../events/registry';
import { testContext } from '../events/test-context';
import { incidentsProjection } from '../incident/projections';
import { fileFirstReport } from '../incident/commands';
import { EMPTY_REPORT } from '../incident/model';
import * as commands from './commands';
import { EMPTY_PERSON } from './model';
import { callChecksProjection, callTreesProjection, directoryPeopleProjection, isLive, type PersonRow, type TreeRow } from './projections';

let clock = 0;
const stamp = (drafts: AnyDraft[], actor = 'p1'): HonbuEvent[] => drafts.map((d) => ({ ...d, id: `e${++clock}`, at: String(clock).padStart(6, '0'), actor }));
const ok = <V>(r: { ok: true; events: AnyDraft[]; value: V } | { ok: false; problems: unknown[] }) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
};

function state(events: HonbuEvent[]): { people: PersonRow[]; trees: TreeRow[] } {
  return { people: [...foldAll(directoryPeopleProjection, events).values()], trees: [...foldAll(callTreesProjection, events).values()] };
}

describe('directory commands and folds', () => {
  const ctx = testContext({ ids: ['a', 'b', 't1'] });
  const events: HonbuEvent[] = [];
  events.push(...stamp(ok(commands.savePerson(ctx, state(events), { person: { ...EMPTY_PERSON, name: ' 山田 太郎 ', phones: ['０９０－１１１１－２２２２', ''], hours: '平日 9-18' } })).events));
  events.push(...stamp(ok(commands.savePerson(ctx, state(events), { person: { ...EMPTY_PERSON, name: '鈴木', category: 'executive' } })).events));

  it('stores people cleaned (trimmed, full-width digits as ASCII, empty phones dropped)', () => {
    const a = state(events).people.find((p) => p.id === 'a')!;
    expect([a.name, a.phones, a.hours]).toEqual(['山田 太郎', ['090-1111-2222'], '平日 9-18']);
  });

  it('refuses a deputy that is the person themself or nobody of the list, and hours it cannot read', () => {
    const r = commands.savePerson(ctx, state(events), { personId: 'a', person: { ...EMPTY_PERSON, name: '山田', deputyId: 'a', hours: '朝から晩まで', emails: ['x'] } });
    expect(!r.ok && r.problems.map((p) => [p.field, p.reason])).toEqual([
      ['emails.0', 'invalid-email'],
      ['hours', 'invalid-hours'],
      ['deputyId', 'deputy-self'],
    ]);
    const r2 = commands.savePerson(ctx, state(events), { personId: 'a', person: { ...EMPTY_PERSON, name: '山田', deputyId: 'zzz' } });
    expect(!r2.ok && r2.problems.map((p) => p.reason)).toEqual(['deputy-unknown']);
  });

  it('keeps an address typed twice (case, full-width) once', () => {
    const events2 = [...events, ...stamp(ok(commands.savePerson(ctx, state(events), { personId: 'b', person: { ...EMPTY_PERSON, name: '鈴木', emails: ['Taro@Example.com', 'taro@example.com', 'ｔａｒｏ＠example.com', 'hanako@example.com'] } })).events)];
    expect(state(events2).people.find((p) => p.id === 'b')!.emails).toEqual(['Taro@Example.com', 'hanako@example.com']);
  });

  it('refuses an address a mail library would read as two addresses, a name or a group (a comma typed for a dot went to another mailbox)', () => {
    const bad = ['taro,yamada@company.example', 'ｔａｒｏ，ｙａｍａｄａ＠company.example', 'taro;yamada@company.example', 'x<taro@company.example>', 'group:taro@company.example;', '"boss"@company.example'];
    for (const email of bad) {
      const r = commands.savePerson(ctx, state(events), { personId: 'a', person: { ...EMPTY_PERSON, name: '山田', emails: [email, 'taro.yamada@company.example'] } });
      expect(!r.ok && r.problems.map((p) => [p.field, p.reason]), email).toEqual([['emails.0', 'invalid-email']]);
    }
  });

  it('removing a person clears them as anyone’s deputy, and an older save arriving later does not bring them back', () => {
    const withDeputy = [...events, ...stamp(ok(commands.savePerson(ctx, state(events), { personId: 'a', person: { ...EMPTY_PERSON, name: '山田 太郎', deputyId: 'b' } })).events)];
    const oldSave = stamp(ok(commands.savePerson(ctx, state(withDeputy), { personId: 'b', person: { ...EMPTY_PERSON, name: '鈴木 一郎' } })).events);
    const removal = stamp(ok(commands.removePerson(ctx, state(withDeputy), { personId: 'b' })).events);
    expect(removal.map((e) => e.type)).toEqual(['directory.person-removed', 'directory.person-saved']);
    for (const order of [[...withDeputy, ...oldSave, ...removal], [...withDeputy, ...removal, ...oldSave]]) {
      const s = state(order);
      expect(s.people.filter(isLive).map((p) => p.id)).toEqual(['a']);
      expect(s.people.find((p) => p.id === 'a')!.deputyId).toBeNull();
    }
  });

  it('saves a call tree only of people of the list, with whole-minute waits', () => {
    const bad = commands.saveTree(ctx, state(events), { tree: { name: '', scenario: null, severity: 'high', steps: [{ personIds: ['zzz'], waitMinutes: 1.5 }] } });
    expect(!bad.ok && bad.problems.map((p) => [p.field, p.reason])).toEqual([
      ['name', 'required'],
      ['steps.0.people', 'person-unknown'],
      ['steps.0.wait', 'invalid-wait'],
    ]);
    const good = ok(commands.saveTree(ctx, state(events), { tree: { name: '重大度 高', scenario: 'lost-device', severity: 'high', steps: [{ personIds: ['a', 'a'], waitMinutes: 15 }, { personIds: ['b'], waitMinutes: 30 }] } }));
    const tree = state([...events, ...stamp(good.events)]).trees[0]!;
    expect(tree).toMatchObject({ name: '重大度 高', scenario: 'lost-device', severity: 'high', steps: [{ personIds: ['a'], waitMinutes: 15 }, { personIds: ['b'], waitMinutes: 30 }] });
  });

  it('imports all rows or none', () => {
    const r = commands.importPeople(ctx, state(events), { people: [{ id: 'n1', fields: { ...EMPTY_PERSON, name: '新しい人' } }, { id: 'n2', fields: { ...EMPTY_PERSON, name: '' } }] });
    expect(r.ok).toBe(false);
    const r2 = ok(commands.importPeople(ctx, state(events), { people: [{ id: 'n1', fields: { ...EMPTY_PERSON, name: '新しい人', deputyId: 'n2' } }, { id: 'n2', fields: { ...EMPTY_PERSON, name: '次の人' } }, { id: 'b', fields: { ...EMPTY_PERSON, name: '鈴木', category: 'executive' } }] }));
    expect(r2.value).toEqual({ added: 2, changed: 0 });
    expect(r2.events).toHaveLength(2);
  });

  it('keeps every mark of the calling checklist with who and when; the latest counts', () => {
    const marks = [
      ...stamp(ok(commands.markCall(ctx, state(events), { incidentId: 'i1', personId: 'a', outcome: 'no-answer' })).events, 'p1'),
      ...stamp(ok(commands.markCall(ctx, state(events), { incidentId: 'i1', personId: 'a', outcome: 'reached' })).events, 'p2'),
    ];
    for (const order of [marks, [...marks].reverse()]) {
      const row = foldAll(callChecksProjection, order).get('i1:a')!;
      expect([row.outcome, row.by, row.marks.map((m) => [m.outcome, m.by])]).toEqual(['reached', 'p2', [['no-answer', 'p1'], ['reached', 'p2']]]);
    }
    expect(commands.markCall(ctx, state(events), { incidentId: 'i1', personId: 'zzz', outcome: 'reached' }).ok).toBe(false);
  });
});

describe('severity on the first report', () => {
  const report = { ...EMPTY_REPORT, discoveredAt: '2026-11-22T01:00:00.000Z', reporter: '山田' };
  it('is stored on the incident when given and absent when not (old events fold as before)', () => {
    const withSeverity = ok(fileFirstReport(testContext({ ids: ['i1'] }), null, { title: 'USB紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, severity: 'high' }));
    expect(withSeverity.events[0]!.payload).toMatchObject({ severity: 'high' });
    expect(foldAll(incidentsProjection, stamp(withSeverity.events)).get('i1')!.severity).toBe('high');
    const without = ok(fileFirstReport(testContext({ ids: ['i2'] }), null, { title: 'USB紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, severity: null }));
    expect('severity' in without.events[0]!.payload).toBe(false);
    expect(foldAll(incidentsProjection, stamp(without.events)).get('i2')!.severity).toBeUndefined();
  });
});

describe('who may write the directory (shared/roles/table.ts)', () => {
  it('lets only direction change the list and the trees, and any member of the incident mark a call', async () => {
    const { mayWrite, rolesThatMay } = await import('../roles/table');
    for (const type of ['directory.person-saved', 'directory.person-removed', 'directory.tree-saved', 'directory.tree-removed']) {
      expect(rolesThatMay(type), type).toEqual(['direction']);
      expect(mayWrite([], type), type).toBe(false);
      expect(mayWrite(['contact-lead', 'statement', 'analyst'], type), type).toBe(false);
    }
    expect(mayWrite([], 'directory.call-marked')).toBe(true);
    expect(mayWrite(['observer'], 'directory.call-marked')).toBe(false);
  });
});
