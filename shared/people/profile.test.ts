import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { checkProfile, peopleProjection } from './profile';

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
