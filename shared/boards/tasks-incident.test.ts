/**
 * Tasks belong to their incident (decision 068): the tester's cases kept as tests, and
 * each folded over every arrival order — two laptops, or a modified one, as every laptop folds them.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { parseDraft, parseEvent, type AnyDraft } from '../events/registry';
import { testContext } from '../events/test-context';
import { fileFirstReport } from '../incident/commands';
import { incidentsProjection } from '../incident/projections';
import { EMPTY_REPORT } from '../incident/model';
import { RoleBook } from '../roles/book';
import { addScenarioTasks, addTask, changeTask, toggleChecklistItem } from './commands';
import { BUILTIN_TEMPLATES } from './scenarios';
import { scenarioTaskId, tasksProjection, type Task } from './tasks';

const at = (i: number) => `${String(1_770_000_000_000 + i).padStart(16, '0')}-0000-dev`;
let n = 0;
function ev(i: number, actor: string, type: string, incidentId: string | null, payload: unknown = {}): HonbuEvent {
  return { id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, at: at(i), actor, type, incidentId, payload };
}
const task = (id: string, title: string, checklist: string[] = []) => ({ id, phase: 'containment', title, owner: '', dueAt: null, status: 'todo', notes: '', checklist, source: '' });

function orders<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The row in every arrival order: all equal (the fold's own record too), returned once. */
function inEveryOrder(events: HonbuEvent[], id: string): Task {
  const rows = orders(events).map((order) => foldAll(tasksProjection, order).get(id)!);
  for (const row of rows) expect(row).toEqual(rows[0]);
  return rows[0]!;
}

describe('a task of one incident changed by an event of another incident', () => {
  // 'boss' filed "leak" and its task; 'kai' filed "kais" (a member there) and has no role in "leak".
  const filedLeak = ev(1, 'boss', 'incident.first-reported', 'leak');
  const filedKais = ev(2, 'kai', 'incident.first-reported', 'kais');
  const added = ev(3, 'boss', 'boards.tasks-added', 'leak', { tasks: [task('t-leak', '個人情報保護委員会へ速報', ['速報を送る', '受付番号を記録'])] });

  it('a non-member of "leak" cannot close a "leak" task by labelling the event with an incident they are in', () => {
    const book = RoleBook.fromEvents('boss', [filedLeak, filedKais, added]);
    expect(book.isMember('kai', 'leak')).toBe(false);
    const forged = ev(10, 'kai', 'boards.task-changed', 'kais', { taskId: 't-leak', changes: { status: 'done', owner: 'kai' } });
    expect(parseEvent(forged).ok).toBe(true);
    // The role book judges by the label (kai is a member of "kais"); the fold is what refuses it.
    const row = inEveryOrder([added, forged], 't-leak');
    expect(row).toMatchObject({ incidentId: 'leak', status: 'todo', owner: '', updatedAt: added.at, updatedBy: 'boss' });
  });

  it('nor tick its checklist, nor change it before its addition arrives', () => {
    const tick = ev(11, 'kai', 'boards.checklist-item-toggled', 'kais', { taskId: 't-leak', index: 0, done: true });
    const early = ev(2, 'kai', 'boards.task-changed', 'kais', { taskId: 't-leak', changes: { notes: '対応済み', dueAt: null } });
    const own = ev(12, 'boss', 'boards.task-changed', 'leak', { taskId: 't-leak', changes: { owner: '山田' } });
    const row = inEveryOrder([added, tick, early, own], 't-leak');
    expect(row).toMatchObject({ incidentId: 'leak', owner: '山田', notes: '', updatedAt: own.at, updatedBy: 'boss' });
    expect(row.checklist.map((c) => c.done)).toEqual([false, false]);
  });

  it('folds the task into the incident of its addition whichever event arrives first', () => {
    const forged = ev(10, 'kai', 'boards.task-changed', 'kais', { taskId: 't-leak', changes: { notes: 'x' } });
    expect(inEveryOrder([added, forged], 't-leak')).toMatchObject({ incidentId: 'leak', notes: '' });
  });

  it('shows a change held before its addition on no board until the addition comes', () => {
    const forged = ev(10, 'kai', 'boards.task-changed', 'kais', { taskId: 't-leak', changes: { notes: 'x' } });
    expect(foldAll(tasksProjection, [forged]).get('t-leak')!.incidentId).toBe('');
  });

  it('an addition filed under another incident cannot take a scenario task of this one', () => {
    const id = scenarioTaskId('leak', 'notify-ppc');
    const real = ev(5, 'boss', 'boards.tasks-added', 'leak', { tasks: [task(id, '速報')] });
    const taken = ev(4, 'kai', 'boards.tasks-added', 'kais', { tasks: [task(id, '対応不要')] });
    expect(inEveryOrder([real, taken], id)).toMatchObject({ incidentId: 'leak', title: '速報' });
  });
});

describe('checklist ticks that name an item the task does not have', () => {
  const added = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [task('t1', '端末をロック', ['MDMで確認', '結果を記録'])] });

  it('change nothing, whatever order the events arrive in', () => {
    const tick = ev(2, 'p2', 'boards.checklist-item-toggled', 'i1', { taskId: 't1', index: 5, done: true });
    const real = ev(3, 'p2', 'boards.checklist-item-toggled', 'i1', { taskId: 't1', index: 1, done: true });
    const row = inEveryOrder([added, tick, real], 't1');
    expect(row.checklist).toEqual([
      { text: 'MDMで確認', done: false },
      { text: '結果を記録', done: true },
    ]);
    const { definition: _d, held: _h, ...shown } = inEveryOrder([added, tick], 't1') as Task & { definition?: unknown; held?: unknown };
    const { definition: _d2, held: _h2, ...alone } = foldAll(tasksProjection, [added]).get('t1')! as Task & { definition?: unknown; held?: unknown };
    expect(shown).toEqual(alone);
  });

  // Adjusted from the tester's file: the tester expected the event of index 1,000,000 to parse and asked
  // only that the fold not grow; the schema now bounds the index to the checklist limit
  // (200 items, checked by template files and the template screen from the first version),
  // so it is refused on arrival — and a fold that meets one stored anyway still ignores it.
  it('do not grow a two-item checklist to a million items (one forged event of 80 bytes)', () => {
    const tick = ev(2, 'mallory', 'boards.checklist-item-toggled', 'i1', { taskId: 't1', index: 1_000_000, done: true });
    expect(parseEvent(tick).ok).toBe(false);
    expect(parseEvent({ ...tick, payload: { taskId: 't1', index: 199, done: true } }).ok).toBe(true);
    expect(parseEvent({ ...tick, payload: { taskId: 't1', index: 200, done: true } }).ok).toBe(false);
    const row = foldAll(tasksProjection, [added, tick]).get('t1')!;
    expect(row.checklist.length).toBe(2);
    expect(JSON.stringify(row).length).toBeLessThan(2_000);
  });

  it('are refused by the command past the limit', () => {
    expect(toggleChecklistItem(testContext(), null, { incidentId: 'i1', taskId: 't1', index: 200, done: true }).ok).toBe(false);
    expect(toggleChecklistItem(testContext(), null, { incidentId: 'i1', taskId: 't1', index: 1, done: true }).ok).toBe(true);
  });
});

describe('the same task added twice (a resent or forged addition)', () => {
  it('is defined by the earliest addition, its title too, not only its checklist', () => {
    const first = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [task('t1', '端末をロック', ['MDMで確認'])] });
    const again = ev(6, 'mallory', 'boards.tasks-added', 'i1', { tasks: [{ ...task('t1', '対応不要（完了扱い）', ['別の項目']), status: 'done', owner: 'mallory', source: '偽' }] });
    const row = inEveryOrder([first, again], 't1');
    expect(row.checklist.map((c) => c.text)).toEqual(['MDMで確認']);
    expect(row).toMatchObject({ title: '端末をロック', status: 'todo', owner: '', source: '', createdAt: first.at, updatedAt: first.at, updatedBy: 'p1' });
  });

  it('keeps the changes made between two additions when the earlier addition arrives last', () => {
    // Laptop A adds (1) and assigns (2); laptop B, offline, adds the same task (5).
    const a = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [task('t1', 'A の題', ['一'])] });
    const assigned = ev(2, 'p1', 'boards.task-changed', 'i1', { taskId: 't1', changes: { owner: '山田' } });
    const ticked = ev(3, 'p1', 'boards.checklist-item-toggled', 'i1', { taskId: 't1', index: 0, done: true });
    const b = ev(5, 'p2', 'boards.tasks-added', 'i1', { tasks: [task('t1', 'B の題', ['一', '二'])] });
    const row = inEveryOrder([a, assigned, ticked, b], 't1');
    expect(row).toMatchObject({ title: 'A の題', owner: '山田', updatedAt: ticked.at });
    expect(row.checklist).toEqual([{ text: '一', done: true }]);
  });
});

describe('a due time that is not a time', () => {
  it('is refused when an event arrives with it, rather than shown as a task never late', () => {
    for (const dueAt of ['明日の朝', '２０２６-１１-２０T09:00', '令和8年11月20日', '', '2026-11-20T09:00', '2026-13-01T00:00:00Z']) {
      const e = ev(2, 'mallory', 'boards.task-changed', 'i1', { taskId: 't1', changes: { dueAt } });
      const parsed = parseEvent(e);
      expect(parsed.ok, dueAt).toBe(false);
      const added = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [{ ...task('t1', '題'), dueAt }] });
      expect(parseEvent(added).ok, dueAt).toBe(false);
      expect(changeTask(testContext(), null, { incidentId: 'i1', taskId: 't1', changes: { dueAt } }).ok, dueAt).toBe(false);
    }
  });

  it('accepts what the app writes: toISOString (years past 9999 too), a zone offset, and null to clear it', () => {
    for (const dueAt of ['2026-11-20T00:00:00.000Z', new Date(8.64e15).toISOString(), '2026-11-20T09:00:00+09:00', null]) {
      const e = ev(2, 'p1', 'boards.task-changed', 'i1', { taskId: 't1', changes: { dueAt } });
      expect(parseEvent(e).ok, String(dueAt)).toBe(true);
    }
  });

  it('is left out by the fold when an event stored before holds one', () => {
    const added = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [{ ...task('t1', '題'), dueAt: '2026-11-20T00:00:00.000Z' }] });
    const words = ev(2, 'p1', 'boards.task-changed', 'i1', { taskId: 't1', changes: { dueAt: '明日の朝', owner: '山田' } });
    expect(inEveryOrder([added, words], 't1')).toMatchObject({ dueAt: '2026-11-20T00:00:00.000Z', owner: '山田' });
  });
});

describe('a scenario added to an incident on two laptops at once', () => {
  const lost = BUILTIN_TEMPLATES.find((t) => t.id === 'lost-device')!;
  const access = BUILTIN_TEMPLATES.find((t) => t.id === 'unauthorised-access')!;
  const discovered = '2026-11-20T00:00:00.000Z';
  let serial = 0;
  const ctxAt = (now: number) => testContext({ now, ids: Array.from({ length: 200 }, () => `id-${++serial}`) });
  const stored = (drafts: { type: string; incidentId: string | null; payload: unknown }[], prefix: string): HonbuEvent[] =>
    drafts.map((d, i) => ({ ...d, id: `${prefix}-${i}`, at: `${prefix}-${i}`, actor: 'p1' }) as HonbuEvent);

  function twoLaptops() {
    const report = { ...EMPTY_REPORT, discoveredAt: discovered, reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 10 };
    const r = fileFirstReport(ctxAt(Date.parse(discovered) + 60_000), null, { title: 'ノートPC紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, template: lost });
    if (!r.ok) throw new Error('refused');
    const base = stored(r.events, '001');
    const state = { incident: foldAll(incidentsProjection, base).get(r.value)!, tasks: [...foldAll(tasksProjection, base).values()] };
    // Both laptops read the same board (neither has the other's addition yet) and add the scenario.
    const a = addScenarioTasks(ctxAt(Date.parse('2026-11-23T09:00:00Z')), state, { template: access, changeScenario: true });
    const b = addScenarioTasks(ctxAt(Date.parse('2026-11-23T09:00:05Z')), state, { template: access, changeScenario: true });
    if (!a.ok || !b.ok) throw new Error('refused');
    return { incidentId: r.value, base, a: stored(a.events, '002'), b: stored(b.events, '003') };
  }

  it('puts each of its tasks on the board once after the laptops sync, in either order, defined by the earlier', () => {
    const { incidentId, base, a, b } = twoLaptops();
    const results = [
      [...base, ...a, ...b],
      [...base, ...b, ...a],
      [...b, ...a, ...base],
    ].map((events) => [...foldAll(tasksProjection, events).values()].filter((t) => t.incidentId === incidentId).sort((x, y) => (x.id < y.id ? -1 : 1)));
    for (const tasks of results) {
      const keys = tasks.map((t) => t.templateKey).filter((k) => k !== undefined);
      expect([...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))]).toEqual([]);
      expect(tasks).toEqual(results[0]);
    }
    // Due from the earlier addition (laptop A's 09:00), not the later.
    const added = results[0]!.filter((t) => t.id.startsWith(`scenario/${incidentId}/`));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((t) => t.createdAt.startsWith('002'))).toBe(true);
  });

  it('each addition passes the registry', () => {
    const { a } = twoLaptops();
    for (const { id: _id, at: _at, actor: _actor, ...draft } of a) expect(parseDraft(draft as AnyDraft).ok).toBe(true);
  });
});

describe('a task added by hand', () => {
  it('refuses a title that shows nothing (zero-width characters only)', () => {
    for (const title of ['\u200b', '\u200b\u200c\u200d', '\u2060', '\ufeff', '\u200f', ' \u3000\u200b ', '\u3164', '\ufe0f', '']) {
      const r = addTask(testContext(), null, { incidentId: 'i1', phase: 'direction', title });
      expect(r.ok, JSON.stringify(title)).toBe(false);
      expect(!r.ok && r.problems).toEqual([{ field: 'title', reason: 'required' }]);
    }
  });

  it('keeps 𠮷, emoji ZWJ sequences and RTL marks as typed', () => {
    const title = '𠮷野家の👨‍👩‍👧 顧客\u202eへ連絡';
    const r = addTask(testContext(), null, { incidentId: 'i1', phase: 'direction', title });
    expect(r.ok && (r.events[0]!.payload as { tasks: { title: string }[] }).tasks[0]!.title).toBe(title);
  });
});

describe('a row folded before 068 (no record of its addition)', () => {
  it('folds a later event as a full fold does', () => {
    const added = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [task('t1', '端末をロック', ['MDMで確認', '結果を記録'])] });
    const assigned = ev(2, 'p2', 'boards.task-changed', 'i1', { taskId: 't1', changes: { owner: '山田' } });
    const ticked = ev(3, 'p2', 'boards.checklist-item-toggled', 'i1', { taskId: 't1', index: 1, done: true });
    const a = at(1);
    const old: Task = {
      ...task('t1', '端末をロック'),
      phase: 'containment',
      status: 'todo',
      incidentId: 'i1',
      owner: '山田',
      checklist: [
        { text: 'MDMで確認', done: false },
        { text: '結果を記録', done: true },
      ],
      createdAt: a,
      updatedAt: at(3),
      updatedBy: 'p2',
      stamps: { phase: a, title: a, owner: at(2), dueAt: a, status: a, notes: a, source: a, created: a, 'checklist.1': at(3) },
    };
    const done = ev(4, 'p3', 'boards.task-changed', 'i1', { taskId: 't1', changes: { status: 'done' } });
    const forged = ev(5, 'kai', 'boards.task-changed', 'kais', { taskId: 't1', changes: { notes: 'x' } });
    let row: Task = old;
    for (const e of [done, forged]) row = tasksProjection.reduce(row, e, 't1')!;
    const full = foldAll(tasksProjection, [added, assigned, ticked, done, forged]).get('t1')!;
    const visible = ({ definition: _d, held: _h, ...rest }: Task & { definition?: unknown; held?: unknown }) => rest;
    expect(visible(row)).toEqual(visible(full));
  });
});
