import { encodeHlc } from '../events/hlc';
import { describe, expect, it } from 'vitest';
import type { AccessRole } from '../roles/model';
import { idsBy } from './commands';
import { deadlinesFor, remindersAhead, remindersDue, toNotify, type ReminderClock, type ReminderIncident, type ReminderInput, type ReminderTask } from './reminders';

const T = (s: string) => Date.parse(`2026-11-22T${s}:00Z`);
const HANAKO = { id: 'p-hanako', name: '山田 花子' };
const TARO = { id: 'p-taro', name: '鈴木 太郎' };

const task = (over: Partial<ReminderTask> = {}): ReminderTask => ({
  id: 't1', incidentId: 'i1', phase: 'containment', owner: '山田 花子', dueAt: '2026-11-22T12:00:00.000Z', status: 'todo', ...over,
});
const incident = (id = 'i1', nextUpdateAt: string | null = null): ReminderIncident => ({ id, completedAt: null, facts: { nextUpdateAt } });

function input(over: Partial<ReminderInput> & { roles?: Record<string, AccessRole[]> } = {}): ReminderInput {
  const roles = over.roles ?? { i1: ['analyst'] };
  return {
    person: HANAKO,
    now: T('09:00'),
    advanceMinutes: 60,
    tasks: [task()],
    incidents: [incident()],
    clocks: [],
    rolesIn: (id) => roles[id] ?? [],
    acknowledged: new Set(),
    ...over,
  };
}
const points = (i: ReminderInput) => remindersDue(i).map((r) => `${r.subject.type}:${r.point}`);

describe('reminders of a task reach its owner', () => {
  it('warns the owner the chosen advance before, at due, and again when overdue', () => {
    expect(points(input({ now: T('10:59') }))).toEqual([]);
    expect(points(input({ now: T('11:00') }))).toEqual(['task:advance']);
    expect(points(input({ now: T('11:00'), advanceMinutes: 15 }))).toEqual([]);
    expect(points(input({ now: T('11:45'), advanceMinutes: 15 }))).toEqual(['task:advance']);
    expect(points(input({ now: T('12:00') }))).toEqual(['task:due']);
    expect(points(input({ now: T('12:59') }))).toEqual(['task:due']);
    expect(points(input({ now: T('13:00') }))).toEqual(['task:overdue']);
    // No advance chosen: nothing before the due time.
    expect(points(input({ now: T('11:30'), advanceMinutes: 0 }))).toEqual([]);
  });

  it('reminds only the owner, not every member of the incident', () => {
    const other = input({ person: TARO, now: T('12:30'), roles: { i1: ['analyst'] } });
    expect(remindersDue(other)).toEqual([]);
    // The owner is matched by name as the boards do, whatever the spacing or width.
    expect(points(input({ tasks: [task({ owner: ' 山田\u3000花子 ' })], now: T('12:30') }))).toEqual(['task:due']);
    // A task of an incident the person is not a member of (decision 016) reminds them of nothing.
    expect(remindersDue(input({ roles: {}, now: T('12:30') }))).toEqual([]);
  });

  it('escalates an overdue task to direction after the grace period, and only then', () => {
    const lead = (now: number) => input({ person: TARO, now, roles: { i1: ['direction'] } });
    expect(points(lead(T('12:30')))).toEqual([]);
    const due = remindersDue(lead(T('13:00')));
    expect(due.map((r) => r.point)).toEqual(['escalation']);
    expect(due[0]).toMatchObject({ incidentId: 'i1', subject: { type: 'task', taskId: 't1', phase: 'containment' }, deadline: '2026-11-22T12:00:00.000Z' });
    // An unassigned task escalates too: nobody else would hear of it.
    expect(points(input({ person: TARO, now: T('13:00'), roles: { i1: ['direction'] }, tasks: [task({ owner: '' })] }))).toEqual(['task:escalation']);
    // Direction's own task: they are told as its owner, not twice.
    expect(points(input({ now: T('13:00'), roles: { i1: ['direction'] } }))).toEqual(['task:overdue']);
  });

  it('stops when the task is done, and when the incident is completed', () => {
    expect(remindersDue(input({ now: T('13:00'), tasks: [task({ status: 'done' })] }))).toEqual([]);
    expect(remindersDue(input({ now: T('13:00'), person: TARO, roles: { i1: ['direction'] }, tasks: [task({ status: 'done' })] }))).toEqual([]);
    expect(remindersDue(input({ now: T('13:00'), incidents: [{ ...incident(), completedAt: '2026-11-22T12:30:00Z' }] }))).toEqual([]);
  });
});

describe('acknowledgement and delivery', () => {
  it('an acknowledged reminder stops; the next point is a new reminder', () => {
    const [advance] = remindersDue(input({ now: T('11:10') }));
    expect(remindersDue(input({ now: T('11:50'), acknowledged: new Set([advance!.id]) }))).toEqual([]);
    const [due] = remindersDue(input({ now: T('12:00'), acknowledged: new Set([advance!.id]) }));
    expect(due!.point).toBe('due');
    expect(due!.id).not.toBe(advance!.id);
    // Acknowledging "due now" does not bring back the older "in an hour".
    expect(remindersDue(input({ now: T('12:10'), acknowledged: new Set([due!.id]) }))).toEqual([]);
  });

  it('moving the due time starts a new round', () => {
    const [first] = remindersDue(input({ now: T('12:10') }));
    const moved = remindersDue(input({ now: T('12:10'), tasks: [task({ dueAt: '2026-11-22T12:05:00.000Z' })], acknowledged: new Set([first!.id]) }));
    expect(moved).toHaveLength(1);
  });

  it('fires once across a restart and on the same person\'s other laptop: ids are stable and the record is the events', () => {
    // A notifier that keeps nothing in memory: each run starts afresh from the events.
    const log: { actor: string; type: string; payload: unknown }[] = [];
    const shown: string[] = [];
    const run = (now: number, actor = HANAKO.id) => {
      const fresh = toNotify(remindersDue(input({ now })), idsBy(log, 'reminders.notified', actor));
      for (const r of fresh) shown.push(r.id);
      if (fresh.length > 0) log.push({ actor, type: 'reminders.notified', payload: { reminderIds: fresh.map((r) => r.id) } });
    };
    run(T('11:05'));
    run(T('11:06')); // the same laptop a minute later
    run(T('11:07')); // after a restart (nothing kept but the events)
    run(T('11:08')); // the person's other laptop, once the events synced
    expect(shown).toHaveLength(1);
    run(T('12:00'));
    expect(shown).toHaveLength(2);
    // Another person's record does not silence this person's reminders.
    expect(idsBy(log, 'reminders.notified', TARO.id).size).toBe(0);
  });
});

describe('the next public update and the legal clocks', () => {
  const withUpdate = (person: { id: string; name: string }, roles: AccessRole[], now: number) =>
    input({ person, now, tasks: [], incidents: [incident('i1', '2026-11-22T15:00:00.000Z')], roles: { i1: roles } });

  it('nextUpdateAt reminds PR (statement) and direction before it and at it, nobody else', () => {
    expect(points(withUpdate(TARO, ['statement'], T('14:00')))).toEqual(['update:advance']);
    expect(points(withUpdate(TARO, ['direction'], T('15:00')))).toEqual(['update:due']);
    expect(points(withUpdate(TARO, ['analyst'], T('15:00')))).toEqual([]);
    expect(points(withUpdate(TARO, ['statement'], T('13:59')))).toEqual([]);
  });

  it('a statement published at or after the update time was the update: no more reminders of it; one published before it was not', () => {
    const at = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'n1' });
    const after = input({ person: TARO, now: T('15:30'), tasks: [], incidents: [{ ...incident('i1', '2026-11-22T15:00:00.000Z'), lastPublishedAt: at('2026-11-22T15:10:00.000Z') }], roles: { i1: ['statement'] } });
    expect(points(after)).toEqual([]);
    expect(deadlinesFor(after).map((d) => d.subject.type)).toEqual([]);
    const before = input({ person: TARO, now: T('15:30'), tasks: [], incidents: [{ ...incident('i1', '2026-11-22T15:00:00.000Z'), lastPublishedAt: at('2026-11-22T14:00:00.000Z') }], roles: { i1: ['statement'] } });
    expect(points(before)).toEqual(['update:due']);
  });

  const clock = (over: Partial<ReminderClock> = {}): ReminderClock => ({ incidentId: 'i1', kind: 'ppc-preliminary', dueBy: '2026-11-25T15:00:00.000Z', applies: null, filed: false, ...over });
  const withClock = (roles: AccessRole[], now: number, c = clock()) => input({ now, tasks: [], clocks: [c], roles: { i1: roles } });

  it('the legal clocks remind direction 24 hours before and at the deadline, until the report is filed', () => {
    const at = (s: string) => Date.parse(s);
    // The deadline as the board shows it: the last minute of the due day (14:59 UTC = 23:59 JST).
    expect(points(withClock(['direction'], at('2026-11-24T14:58:00Z')))).toEqual([]);
    expect(points(withClock(['direction'], at('2026-11-24T14:59:00Z')))).toEqual(['clock:advance']);
    expect(points(withClock(['direction'], at('2026-11-25T14:58:00Z')))).toEqual(['clock:advance']);
    expect(points(withClock(['direction'], at('2026-11-25T14:59:00Z')))).toEqual(['clock:due']);
    expect(points(withClock(['statement'], at('2026-11-25T15:00:00Z')))).toEqual([]);
    expect(points(withClock(['direction'], at('2026-11-25T15:00:00Z'), clock({ filed: true })))).toEqual([]);
    expect(points(withClock(['direction'], at('2026-11-25T15:00:00Z'), clock({ applies: false })))).toEqual([]);
    const gdpr = remindersDue(withClock(['direction'], at('2026-11-25T15:00:00Z'), clock({ kind: 'gdpr' })));
    expect(gdpr[0]!.subject).toEqual({ type: 'clock', clock: 'gdpr' });
  });
});

describe('across incidents', () => {
  it('two parallel incidents do not hide each other\'s deadlines: both listed, earliest first', () => {
    const i = input({
      now: T('09:00'),
      roles: { i1: ['direction'], i2: ['analyst'] },
      incidents: [incident('i1', '2026-11-22T18:00:00.000Z'), incident('i2')],
      tasks: [task({ id: 'a', incidentId: 'i1', dueAt: '2026-11-22T16:00:00.000Z' }), task({ id: 'b', incidentId: 'i2', dueAt: '2026-11-22T10:00:00.000Z' }), task({ id: 'c', incidentId: 'i2', owner: '鈴木 太郎' })],
      clocks: [{ incidentId: 'i1', kind: 'ppc-preliminary', dueBy: '2026-11-25T15:00:00.000Z', applies: true, filed: false }],
    });
    expect(deadlinesFor(i).map((d) => `${d.incidentId}:${d.subject.type}:${d.deadline.slice(11, 16)}`)).toEqual([
      'i2:task:10:00',
      'i1:task:16:00',
      'i1:update:18:00',
      'i1:clock:14:59',
    ]);
    // Both incidents' due reminders, in due order.
    expect(remindersDue({ ...i, now: T('17:00') }).map((r) => `${r.incidentId}:${r.point}`)).toEqual(['i2:overdue', 'i1:overdue', 'i1:advance']);
  });
});

describe('reminders handed ahead to the host (decision 024)', () => {
  const ahead = (i: ReminderInput, until: number) => remindersAhead(i, until).map((r) => `${r.point}@${r.at.slice(11, 16)}`);

  it('lists every point still ahead up to the horizon, with the time the host must wait for', () => {
    expect(ahead(input({ now: T('09:00') }), T('23:59'))).toEqual(['advance@11:00', 'due@12:00', 'overdue@13:00']);
    expect(ahead(input({ now: T('09:00') }), T('12:00'))).toEqual(['advance@11:00', 'due@12:00']);
    // The ids are those the desktop shows, so acknowledging on screen stops the mail too.
    const at12 = remindersAhead(input({ now: T('09:00') }), T('12:00'))[1]!;
    expect(at12.id).toBe(remindersDue(input({ now: T('12:00') }))[0]!.id);
    expect(ahead(input({ now: T('09:00'), acknowledged: new Set([at12.id]) }), T('12:00'))).toEqual(['advance@11:00']);
  });

  it('hands the one due now only if it came due within the hour, never older ones', () => {
    expect(ahead(input({ now: T('12:30') }), T('12:30'))).toEqual(['due@12:00']);
    expect(ahead(input({ now: T('13:00') }), T('13:30'))).toEqual(['overdue@13:00']);
    expect(ahead(input({ now: T('14:00') }), T('23:00'))).toEqual([]);
  });

  it('a done task, or a task of someone else, is handed for nobody', () => {
    expect(ahead(input({ tasks: [task({ status: 'done' })] }), T('23:00'))).toEqual([]);
    expect(ahead(input({ person: TARO }), T('23:00'))).toEqual([]);
  });
});

describe('a callback (decision 033) reminds its owner like a task', () => {
  const cb = { enquiryId: 'q1', incidentId: 'i1', ownerId: HANAKO.id, dueAt: '2026-11-22T12:00:00.000Z', closed: false };
  const only = (over: Partial<ReminderInput> & { roles?: Record<string, AccessRole[]> } = {}) => input({ tasks: [], callbacks: [cb], ...over });

  it('before, at and after the due time, to the owner; a late one to direction', () => {
    expect(points(only({ now: T('11:00') }))).toEqual(['callback:advance']);
    expect(points(only({ now: T('12:00') }))).toEqual(['callback:due']);
    expect(points(only({ now: T('13:00') }))).toEqual(['callback:overdue']);
    expect(remindersDue(only({ now: T('12:00') }))[0]!.id).toBe('callback:q1:due@2026-11-22T12:00:00.000Z');
    // Someone else's: direction hears of it once it is an hour late; nobody else does.
    const taros = only({ person: TARO, now: T('13:00'), roles: { i1: ['direction'] } });
    expect(points(taros)).toEqual(['callback:escalation']);
    expect(deadlinesFor(taros)).toEqual([]);
    expect(points(only({ person: TARO, now: T('13:00'), roles: { i1: ['operator'] } }))).toEqual([]);
  });

  it('is listed among the owner\'s deadlines, and stops once closed or outside their incidents', () => {
    expect(deadlinesFor(only())).toEqual([{ incidentId: 'i1', subject: { type: 'callback', enquiryId: 'q1' }, deadline: '2026-11-22T12:00:00.000Z' }]);
    expect(points(only({ now: T('13:00'), callbacks: [{ ...cb, closed: true }] }))).toEqual([]);
    expect(points(only({ now: T('13:00'), roles: {} }))).toEqual([]);
    // Handed ahead to e-mail and chat through the same function as tasks.
    expect(remindersAhead(only({ now: T('09:00') }), T('23:00')).map((r) => `${r.subject.type}:${r.point}`)).toEqual(['callback:advance', 'callback:due', 'callback:overdue']);
  });
});
