import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { BUILTIN_TEMPLATES } from './scenarios';
import { dueState, newlyDue, tasksFromTemplate, tasksProjection } from './tasks';

const lost = BUILTIN_TEMPLATES.find((t) => t.id === 'lost-device')!;

function ev(at: string, type: string, payload: unknown, actor = 'p1'): HonbuEvent {
  return { id: `${type}-${at}`, incidentId: 'i1', at, actor, type, payload };
}

describe('tasks from a template', () => {
  it('are due the template’s hours after discovery', () => {
    let n = 0;
    const tasks = tasksFromTemplate(lost, '2026-11-20T00:00:00.000Z', () => `t${n++}`);
    expect(tasks).toHaveLength(lost.tasks.length);
    const first = lost.tasks.findIndex((t) => t.dueAfterHours === 1);
    expect(tasks[first]!.dueAt).toBe('2026-11-20T01:00:00.000Z');
    const open = lost.tasks.findIndex((t) => t.dueAfterHours === null);
    if (open >= 0) expect(tasks[open]!.dueAt).toBeNull();
    expect(tasks.every((t) => t.status === 'todo' && t.owner === '')).toBe(true);
  });

  it('from a template whose hours no date can hold (a forged 1e10 or -1e12) are added without a due time, never stopping the first report', () => {
    for (const hours of [1e10, -1e12, Number.POSITIVE_INFINITY, Number.NaN]) {
      const forged = { ...lost, tasks: [{ ...lost.tasks[0]!, dueAfterHours: hours }] };
      expect(tasksFromTemplate(forged, '2026-11-20T00:00:00.000Z', () => 'x')[0]!.dueAt).toBeNull();
    }
  });

  it('copy the checklist so editing a task never edits the template', () => {
    const [task] = tasksFromTemplate(lost, '2026-11-20T00:00:00.000Z', () => 'x');
    task!.checklist.push('extra');
    expect(lost.tasks[0]!.checklist).not.toContain('extra');
  });
});

describe('tasks projection', () => {
  const added = ev('001', 'boards.tasks-added', {
    tasks: [{ id: 't1', phase: 'containment', title: '端末をロック', owner: '', dueAt: null, status: 'todo', notes: '', checklist: ['MDMで確認', '結果を記録'], source: '001' }],
  });
  const assigned = ev('002', 'boards.task-changed', { taskId: 't1', changes: { owner: '山田' } }, 'p2');
  const moved = ev('003', 'boards.task-changed', { taskId: 't1', changes: { status: 'doing' } });
  const ticked = ev('004', 'boards.checklist-item-toggled', { taskId: 't1', index: 1, done: true });
  const done = ev('005', 'boards.task-changed', { taskId: 't1', changes: { status: 'done' } }, 'p3');

  it('assigns, moves, ticks and completes', () => {
    const t = foldAll(tasksProjection, [added, assigned, moved, ticked, done]).get('t1')!;
    expect(t).toMatchObject({ owner: '山田', status: 'done', updatedAt: '005', updatedBy: 'p3', createdAt: '001' });
    expect(t.checklist).toEqual([
      { text: 'MDMで確認', done: false },
      { text: '結果を記録', done: true },
    ]);
  });

  it('ends the same whatever order the events arrive in (merging laptops)', () => {
    const inOrder = foldAll(tasksProjection, [added, assigned, moved, ticked, done]).get('t1');
    for (const order of [
      [done, ticked, moved, assigned, added],
      [moved, added, done, assigned, ticked],
    ]) {
      expect(foldAll(tasksProjection, order).get('t1')).toEqual(inOrder);
    }
  });

  it('takes a task added twice from the earliest addition, whatever the order', () => {
    const again = ev('006', 'boards.tasks-added', {
      tasks: [{ id: 't1', phase: 'containment', title: '端末をロック', owner: '', dueAt: null, status: 'todo', notes: '', checklist: ['別の項目'], source: '001' }],
    });
    const a = foldAll(tasksProjection, [added, ticked, again]).get('t1')!;
    const b = foldAll(tasksProjection, [again, ticked, added]).get('t1')!;
    expect(b).toEqual(a);
    expect(a.createdAt).toBe('001');
    expect(a.checklist.map((c) => c.text)).toEqual(['MDMで確認', '結果を記録']);
  });

  it('keeps the later of two concurrent status changes', () => {
    const a = ev('010', 'boards.task-changed', { taskId: 't1', changes: { status: 'blocked' } });
    const b = ev('009', 'boards.task-changed', { taskId: 't1', changes: { status: 'doing' } });
    expect(foldAll(tasksProjection, [added, a, b]).get('t1')!.status).toBe('blocked');
  });
});

describe('due times', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it('classifies overdue, due soon, later, none and done', () => {
    expect(dueState({ status: 'todo', dueAt: '2026-11-20T11:59:00Z' }, now)).toBe('overdue');
    expect(dueState({ status: 'todo', dueAt: '2026-11-20T13:59:00Z' }, now)).toBe('due-soon');
    expect(dueState({ status: 'doing', dueAt: '2026-11-20T14:01:00Z' }, now)).toBe('later');
    expect(dueState({ status: 'todo', dueAt: null }, now)).toBe('no-due');
    expect(dueState({ status: 'done', dueAt: '2026-11-19T00:00:00Z' }, now)).toBe('done');
  });

  it('announces a task once, in the interval it falls due', () => {
    const tasks = [
      { id: 'a', status: 'todo' as const, dueAt: '2026-11-20T12:00:30Z' },
      { id: 'b', status: 'done' as const, dueAt: '2026-11-20T12:00:30Z' },
      { id: 'c', status: 'todo' as const, dueAt: '2026-11-20T11:00:00Z' },
    ];
    expect(newlyDue(tasks, now, now + 60_000).map((t) => t.id)).toEqual(['a']);
    expect(newlyDue(tasks, now + 60_000, now + 120_000)).toEqual([]);
  });
});
