/**
 * A stranger's pass over reminders and 私の対応: deadlines moved or met meanwhile,
 * closed incidents, lost roles, odd owner names and due times.
 */
import { describe, expect, it } from 'vitest';
import type { AccessRole } from '../roles/model';
import { planHandOver, reminderJob } from './delivery';
import { deadlinesFor, remindersAhead, remindersDue, type ReminderInput, type ReminderTask } from './reminders';

const T = (s: string) => Date.parse(`2026-11-22T${s}:00Z`);
const HANAKO = { id: 'p-hanako', name: '山田 花子' };
const task = (over: Partial<ReminderTask> = {}): ReminderTask => ({ id: 't1', incidentId: 'i1', phase: 'containment', owner: '山田 花子', dueAt: '2026-11-22T12:00:00.000Z', status: 'todo', ...over });
function input(over: Partial<ReminderInput> & { roles?: Record<string, AccessRole[]> } = {}): ReminderInput {
  const roles = over.roles ?? { i1: ['analyst'] };
  return { person: HANAKO, now: T('09:00'), advanceMinutes: 60, tasks: [task()], incidents: [{ id: 'i1', completedAt: null, facts: { nextUpdateAt: null } }], clocks: [], rolesIn: (id) => roles[id] ?? [], acknowledged: new Set(), ...over };
}

describe('a reminder handed to the host, then the task changed', () => {
  it('is stopped when the due time moves, and the new time is handed instead', () => {
    const before = remindersAhead(input(), T('09:00') + 24 * 3600_000);
    const handed = new Map(before.map((r) => [r.id, { jobId: r.id, secret: 's', at: r.at }]));
    const after = remindersAhead(input({ tasks: [task({ dueAt: '2026-11-22T15:00:00.000Z' })] }), T('09:00') + 24 * 3600_000);
    const plan = planHandOver(after, handed, T('09:00'));
    expect(plan.stop.sort()).toEqual(before.map((r) => r.id).sort());
    expect(plan.hand).toHaveLength(after.length);
  });

  it('is stopped when the task is done meanwhile, or handed to someone else', () => {
    const before = remindersAhead(input(), T('09:00') + 24 * 3600_000);
    const handed = new Map(before.map((r) => [r.id, { jobId: r.id, secret: 's', at: r.at }]));
    for (const t of [task({ status: 'done' }), task({ owner: '鈴木 太郎' })]) {
      const plan = planHandOver(remindersAhead(input({ tasks: [t] }), T('09:00') + 24 * 3600_000), handed, T('09:00'));
      expect(plan.stop).toHaveLength(before.length);
    }
  });

  it('mails nothing of the task (no title, so no customer phone number)', () => {
    const job = reminderJob({ reminder: { at: '2026-11-22T11:00:00.000Z' }, personName: '山田 花子', email: { personId: 'd1', name: '山田 花子', emails: ['h@example.jp'] }, channels: [] })!;
    expect(JSON.stringify(job.plain)).not.toMatch(/\d{3}-\d{4}/);
    expect(job.emailDetails).toBe(false);
  });
});

describe('私の対応 across incidents', () => {
  it('lists nothing of a closed incident, nor of one where the person has no role any more', () => {
    expect(deadlinesFor(input({ incidents: [{ id: 'i1', completedAt: '2026-11-22T08:00:00Z', facts: { nextUpdateAt: null } }] }))).toEqual([]);
    expect(deadlinesFor(input({ roles: {} }))).toEqual([]);
    expect(remindersDue(input({ now: T('13:00'), roles: {} }))).toEqual([]);
  });

  it('treats an owner typed with a trailing full-width space, or full-width letters, as the person', () => {
    for (const owner of ['山田 花子\u3000', '\u3000山田\u3000花子', '山田 花子 ']) {
      expect(deadlinesFor(input({ tasks: [task({ owner })] })), owner).toHaveLength(1);
    }
  });

  it('does not crash on a due time at the edge of the Date range (a forged event)', () => {
    for (const dueAt of ['+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', 'not a date']) {
      const i = input({ tasks: [task({ dueAt })] });
      expect(() => [remindersDue(i), deadlinesFor(i), remindersAhead(i, T('09:00') + 86_400_000)]).not.toThrow();
    }
  });
});
