/**
 * A task's editor saves only what the person changed: changing the owner of a task whose due
 * time was worked out from the discovery time (to the second) leaves that due time, and its
 * reminder, where they were.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/boards/tasks';
import { toLocalInput } from '../ui/format';
import { taskChanges } from './task-changes';

const task = {
  id: 't1', incidentId: 'i1', phase: 'direction', title: '第一報をまとめて責任者に報告する', owner: '', status: 'todo', notes: '',
  checklist: [], source: '', createdAt: '', updatedAt: '', updatedBy: '',
  // Discovered at 09:02:41: due an hour later, to the second.
  dueAt: '2026-12-04T01:02:41.000Z',
} as unknown as Task;
const form = { owner: '', due: toLocalInput(task.dueAt), status: task.status, notes: '' };

describe('a task edited', () => {
  it('keeps a due time with seconds when only the owner changed', () => {
    expect(taskChanges(task, { ...form, owner: ' 山田 花子 ' }, '', false)).toEqual({ owner: '山田 花子' });
  });

  it('saves the due time the person typed, to the minute, and clears it when emptied', () => {
    const later = toLocalInput('2026-12-04T03:30:00.000Z');
    expect(taskChanges(task, { ...form, due: later }, '', false)).toEqual({ dueAt: '2026-12-04T03:30:00.000Z' });
    expect(taskChanges(task, { ...form, due: '' }, '', false)).toEqual({ dueAt: null });
    // A legal duty's due time is its clock's: never saved from here.
    expect(taskChanges(task, { ...form, due: later }, '', true)).toEqual({});
  });

  it('saves nothing when nothing changed, and notes only when they differ from what was shown', () => {
    expect(taskChanges(task, form, '', false)).toEqual({});
    expect(taskChanges(task, { ...form, notes: 'Translated' }, 'Translated', false)).toEqual({});
    expect(taskChanges(task, { ...form, notes: '確認済み', status: 'doing' }, '', false)).toEqual({ notes: '確認済み', status: 'doing' });
  });
});
