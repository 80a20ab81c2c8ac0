/**
 * A stranger's and an attacker's pass over the role boards' tasks: events two
 * laptops could produce, or a modified laptop could forge, folded as every laptop folds them.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { parseEvent } from '../events/registry';
import { testContext } from '../events/test-context';
import { fileFirstReport } from '../incident/commands';
import { incidentsProjection } from '../incident/projections';
import { EMPTY_REPORT } from '../incident/model';
import { RoleBook } from '../roles/book';
import { addScenarioTasks, addTask } from './commands';
import { BUILTIN_TEMPLATES } from './scenarios';
import { tasksProjection } from './tasks';

const at = (i: number) => `${String(1_770_000_000_000 + i).padStart(16, '0')}-0000-dev`;
function ev(i: number, actor: string, type: string, incidentId: string | null, payload: unknown = {}): HonbuEvent {
  return { id: crypto.randomUUID(), at: at(i), actor, type, incidentId, payload };
}
const task = (id: string, title: string, checklist: string[] = []) => ({ id, phase: 'containment', title, owner: '', dueAt: null, status: 'todo', notes: '', checklist, source: '' });

describe('a task of one incident changed by an event of another incident', () => {
  // 'boss' filed "leak" and its task; 'kai' filed "kais" (a member there) and has no role in "leak".
  const filedLeak = ev(1, 'boss', 'incident.first-reported', 'leak');
  const filedKais = ev(2, 'kai', 'incident.first-reported', 'kais');
  const added = ev(3, 'boss', 'boards.tasks-added', 'leak', { tasks: [task('t-leak', '個人情報保護委員会へ速報')] });

  it('a non-member of "leak" cannot close a "leak" task by labelling the event with an incident they are in', () => {
    const book = RoleBook.fromEvents('boss', [filedLeak, filedKais, added]);
    expect(book.isMember('kai', 'leak')).toBe(false);
    const forged = ev(10, 'kai', 'boards.task-changed', 'kais', { taskId: 't-leak', changes: { status: 'done', owner: 'kai' } });
    expect(parseEvent(forged).ok).toBe(true);
    const refused = book.judge(forged, 'kai');
    const row = foldAll(tasksProjection, [added, forged]).get('t-leak')!;
    // Either the role book refuses it, or the fold ignores a change filed under another incident.
    const applied = row.status === 'done';
    expect({ refused: refused !== null, applied, incidentOfRow: row.incidentId }).toEqual({ refused: refused !== null, applied: false, incidentOfRow: 'leak' });
  });

  it('folds the task into the same incident whichever event arrives first', () => {
    const forged = ev(10, 'kai', 'boards.task-changed', 'kais', { taskId: 't-leak', changes: { notes: 'x' } });
    const a = foldAll(tasksProjection, [added, forged]).get('t-leak')!;
    const b = foldAll(tasksProjection, [forged, added]).get('t-leak')!;
    expect(b.incidentId).toBe(a.incidentId);
  });
});

describe('checklist ticks that name an item the task does not have', () => {
  const added = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [task('t1', '端末をロック', ['MDMで確認', '結果を記録'])] });

  it('end the same whatever order the events arrive in', () => {
    const tick = ev(2, 'p2', 'boards.checklist-item-toggled', 'i1', { taskId: 't1', index: 5, done: true });
    const a = foldAll(tasksProjection, [added, tick]).get('t1')!;
    const b = foldAll(tasksProjection, [tick, added]).get('t1')!;
    expect(a.checklist).toEqual(b.checklist);
  });

});

describe('the same task added twice (a resent or forged addition)', () => {
  it('is defined by the earliest addition, its title too, not only its checklist', () => {
    const first = ev(1, 'p1', 'boards.tasks-added', 'i1', { tasks: [task('t1', '端末をロック', ['MDMで確認'])] });
    const again = ev(6, 'mallory', 'boards.tasks-added', 'i1', { tasks: [task('t1', '対応不要（完了扱い）', ['別の項目'])] });
    for (const order of [
      [first, again],
      [again, first],
    ]) {
      const row = foldAll(tasksProjection, order).get('t1')!;
      expect(row.checklist.map((c) => c.text)).toEqual(['MDMで確認']);
      expect(row.title).toBe('端末をロック');
    }
  });
});

describe('a due time that is not a time', () => {
  it('is refused when an event arrives with it, rather than shown as a task never late', () => {
    for (const dueAt of ['明日の朝', '２０２６-１１-２０T09:00', '令和8年11月20日', '']) {
      const e = ev(2, 'mallory', 'boards.task-changed', 'i1', { taskId: 't1', changes: { dueAt } });
      expect(parseEvent(e).ok, dueAt).toBe(false);
    }
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

  it('puts each of its tasks on the board once after the laptops sync', () => {
    const report = { ...EMPTY_REPORT, discoveredAt: discovered, reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 10 };
    const r = fileFirstReport(ctxAt(Date.parse(discovered) + 60_000), null, { title: 'ノートPC紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, template: lost });
    if (!r.ok) throw new Error('refused');
    const base = stored(r.events, '001');
    const state = { incident: foldAll(incidentsProjection, base).get(r.value)!, tasks: [...foldAll(tasksProjection, base).values()] };
    // Both laptops read the same board (neither has the other's addition yet) and add the scenario.
    const a = addScenarioTasks(ctxAt(Date.parse('2026-11-23T09:00:00Z')), state, { template: access, changeScenario: true });
    const b = addScenarioTasks(ctxAt(Date.parse('2026-11-23T09:00:05Z')), state, { template: access, changeScenario: true });
    if (!a.ok || !b.ok) throw new Error('refused');
    const merged = [...base, ...stored(a.events, '002'), ...stored(b.events, '003')];
    const keys = [...foldAll(tasksProjection, merged).values()].map((t) => t.templateKey).filter((k) => k !== undefined);
    const twice = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
    expect(twice).toEqual([]);
  });
});

describe('a task added by hand', () => {
  it('refuses a title that shows nothing (zero-width characters only)', () => {
    for (const title of ['\u200b', '\u200b\u200c\u200d', '\u2060', '\ufeff', '\u200f']) {
      const r = addTask(testContext(), null, { incidentId: 'i1', phase: 'direction', title });
      expect(r.ok, JSON.stringify(title)).toBe(false);
    }
  });

  it('keeps 𠮷, emoji ZWJ sequences and RTL marks as typed', () => {
    const title = '𠮷野家の👨‍👩‍👧 顧客\u202eへ連絡';
    const r = addTask(testContext(), null, { incidentId: 'i1', phase: 'direction', title });
    expect(r.ok && (r.events[0]!.payload as { tasks: { title: string }[] }).tasks[0]!.title).toBe(title);
  });
});
