import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { saveProfile } from './commands';
import { checkProfile, isProfileOfAnother, peopleProjection } from './profile';

function saved(at: string, payload: Record<string, unknown>): HonbuEvent {
  return { id: at, incidentId: null, at, actor: 'p1', type: 'people.profile-saved', payload: { personId: 'p1', ...payload } };
}

describe('people projection', () => {
  it('keeps the latest value of each field', () => {
    const rows = foldAll(peopleProjection, [
      saved('0001', { name: '山田 花子', phone: '090-1111-2222' }),
      saved('0002', { phone: '03-5555-0000' }),
    ]);
    expect(rows.get('p1')).toMatchObject({ name: '山田 花子', phone: '03-5555-0000', createdAt: '0001' });
  });

  it('reaches the same row whatever order the events arrive in', () => {
    const events = [
      saved('0001', { name: 'A', roles: ['direction'] }),
      saved('0003', { name: 'C' }),
      saved('0002', { name: 'B', email: 'b@example.jp' }),
    ];
    const forward = foldAll(peopleProjection, events).get('p1');
    const backward = foldAll(peopleProjection, [...events].reverse()).get('p1');
    expect(backward).toEqual(forward);
    expect(forward).toMatchObject({ name: 'C', email: 'b@example.jp', roles: ['direction'] });
  });

  it('ignores a profile event about another person than its author, whatever its clock', () => {
    const forged: HonbuEvent = { id: 'f', incidentId: null, at: '0009', actor: 'mallory', type: 'people.profile-saved', payload: { personId: 'p1', name: '退職者' } };
    const rows = foldAll(peopleProjection, [saved('0001', { name: '山田 花子' }), forged]);
    expect(rows.get('p1')).toMatchObject({ name: '山田 花子' });
    expect(rows.has('mallory')).toBe(false);
    expect(isProfileOfAnother(forged)).toBe(true);
    expect(foldAll(peopleProjection, [forged]).size).toBe(0);
  });

  it('folds the event the app’s command writes: the actor’s own profile', () => {
    const ctx = { now: 1, newId: () => 'x', actor: { personId: 'p7', roles: [] } };
    const result = saveProfile(ctx, null, { fields: { name: '佐藤 一郎', phone: '03-1234-5678' } });
    if (!result.ok) throw new Error('refused');
    const events = result.events.map((d, i): HonbuEvent => ({ ...d, id: `c${i}`, at: '0001', actor: 'p7' }) as HonbuEvent);
    expect(events.some(isProfileOfAnother)).toBe(false);
    expect(foldAll(peopleProjection, events).get('p7')).toMatchObject({ name: '佐藤 一郎', phone: '03-1234-5678' });
  });

  it('ignores other events', () => {
    const other: HonbuEvent = { id: 'x', incidentId: null, at: '1', actor: 'p1', type: 'other.thing-done', payload: {} };
    expect(foldAll(peopleProjection, [other]).size).toBe(0);
  });
});

describe('checkProfile', () => {
  it('requires a name and checks contact formats', () => {
    expect(checkProfile({ name: ' ' })).toEqual([{ field: 'name', reason: 'required' }]);
    expect(checkProfile({ name: '佐藤', email: 'not-an-address' })).toEqual([{ field: 'email', reason: 'invalid' }]);
    expect(checkProfile({ name: '佐藤', phone: '０９０−１２３４−５６７８', email: 'ｓａｔｏ@example.jp' })).toEqual([]);
    expect(checkProfile({ phone: 'call me' })).toEqual([{ field: 'phone', reason: 'invalid' }]);
  });
});
