/**
 * Who sees which incident (membership) and operator mode (decision 016), read from the role
 * book the way every laptop reads it.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { RoleBook } from './book';
import { mayWrite } from './table';

let n = 0;
const at = (i: number) => `${String(1_760_000_000_000 + i).padStart(16, '0')}-0000-dev`;
function ev(i: number, actor: string, type: string, incidentId: string | null, payload: unknown = {}): HonbuEvent {
  return { id: `m${++n}`, at: at(i), actor, type, incidentId, payload };
}
const filed = (i: number, by: string, incidentId: string) => ev(i, by, 'incident.first-reported', incidentId);
const assigned = (i: number, by: string, personId: string, role: string, incidentId: string | null = null) => ev(i, by, 'roles.role-assigned', incidentId, { personId, role });
const removed = (i: number, by: string, personId: string, role: string, incidentId: string | null = null) => ev(i, by, 'roles.role-removed', incidentId, { personId, role });

describe('who sees which incident', () => {
  const book = () =>
    RoleBook.fromEvents('founder', [
      filed(1, 'founder', 'real'),
      filed(2, 'founder', 'drill'),
      filed(3, 'carol', 'carols'),
      assigned(4, 'founder', 'ola', 'operator', 'real'),
      assigned(5, 'founder', 'ana', 'analyst'),
    ]);

  it('the founder (direction of the whole workspace) sees every incident, drills and others’ too', () => {
    for (const id of ['real', 'drill', 'carols']) expect(book().isMember('founder', id), id).toBe(true);
  });

  it('whoever filed an incident sees it, and only it when they hold nothing else', () => {
    expect(book().isMember('carol', 'carols')).toBe(true);
    expect(book().isMember('carol', 'real')).toBe(false);
    expect(book().isMember('carol', 'drill')).toBe(false);
  });

  it('a role in one incident makes a member of that incident only; a workspace role, of all', () => {
    expect(book().isMember('ola', 'real')).toBe(true);
    expect(book().isMember('ola', 'drill')).toBe(false);
    expect(book().isMember('ola', 'carols')).toBe(false);
    for (const id of ['real', 'drill', 'carols']) expect(book().isMember('ana', id), id).toBe(true);
  });

  it('a member who joined and was given nothing sees no incident', () => {
    for (const id of ['real', 'drill', 'carols']) expect(book().isMember('newcomer', id), id).toBe(false);
  });

  it('removing the last role takes the member out of the incident', () => {
    const b = book();
    b.add(removed(9, 'founder', 'ola', 'operator', 'real'), 'founder');
    expect(b.isMember('ola', 'real')).toBe(false);
  });

  it('a role given by someone who is not direction adds nobody', () => {
    const b = book();
    b.add(assigned(9, 'ana', 'newcomer', 'analyst', 'real'), 'ana');
    expect(b.isMember('newcomer', 'real')).toBe(false);
  });
});

describe('operator mode', () => {
  const book = () => RoleBook.fromEvents('founder', [filed(1, 'founder', 'real'), filed(2, 'founder', 'other'), assigned(3, 'founder', 'ola', 'operator', 'real')]);

  it('is on for a member holding only the operator role, off once they hold another', () => {
    const b = book();
    expect(b.operatorMode('ola')).toBe(true);
    expect(b.operatorMode('founder')).toBe(false);
    expect(b.operatorMode('newcomer')).toBe(false);
    b.add(assigned(4, 'founder', 'ola', 'observer', 'other'), 'founder');
    expect(b.operatorMode('ola')).toBe(true);
    b.add(assigned(5, 'founder', 'ola', 'contact-lead', 'other'), 'founder');
    expect(b.operatorMode('ola')).toBe(false);
  });

  // The refusals come from the role table: the same verdict refuses the command on the
  // operator's laptop and the synced event on every other laptop.
  const refusedForOperator = [
    'contacts.batch-created',
    'contacts.dataset-imported',
    'contacts.batch-sent',
    'contacts.customers-excluded',
    'access.exported',
    'incident.first-reported',
    'incident.facts-changed',
    'boards.tasks-added',
    'boards.template-saved',
    'disclosure.statement-drafted',
    'faq.entry-drafted',
    'roles.role-assigned',
  ];
  const allowedForOperator = ['faq.enquiry-logged', 'faq.answer-used', 'contacts.outcomes-recorded', 'access.card-opened', 'access.lookup-shown', 'people.profile-saved'];

  it('refuses in its incident what the table does not give the operator: batches, imports, exports, first reports, edits', () => {
    const b = book();
    for (const type of refusedForOperator) {
      expect(mayWrite(['operator'], type), type).toBe(false);
      expect(b.judge(ev(10, 'ola', type, 'real'), 'ola'), type).toMatchObject({ type, why: 'role' });
    }
    for (const type of allowedForOperator) expect(b.judge(ev(10, 'ola', type, 'real'), 'ola'), type).toBeNull();
  });

  it('confines the operator outside its incident too: holding nothing there is not "anyone’s everyday work"', () => {
    const b = book();
    // A member with no role at all still does everyday work (decision 014); an operator does not.
    expect(b.judge(ev(10, 'newcomer', 'boards.tasks-added', 'other'), 'newcomer')).toBeNull();
    expect(b.judge(ev(10, 'ola', 'boards.tasks-added', 'other'), 'ola')).toMatchObject({ why: 'role' });
    expect(b.judge(ev(10, 'ola', 'incident.first-reported', 'brand-new'), 'ola')).toMatchObject({ why: 'role' });
    expect(b.judge(ev(10, 'ola', 'access.exported', null), 'ola')).toMatchObject({ why: 'role' });
    expect(b.judge(ev(10, 'ola', 'faq.enquiry-logged', 'other'), 'ola')).toMatchObject({ why: 'role' });
    expect(b.judge(ev(10, 'ola', 'contacts.outcomes-recorded', 'other'), 'ola')).toMatchObject({ why: 'role' });
    // Its own profile and its laptop's roster events still count.
    expect(b.judge(ev(10, 'ola', 'people.profile-saved', null), 'ola')).toBeNull();
    expect(b.judge(ev(10, 'ola', 'sync.device-added', null), 'ola')).toBeNull();
  });

  it('judges by the clock: an export stamped before the operator role was given counted (it was everyday work then)', () => {
    const b = RoleBook.fromEvents('founder', [filed(1, 'founder', 'real'), assigned(5, 'founder', 'ola', 'operator', 'real')]);
    expect(b.judge(ev(4, 'ola', 'boards.tasks-added', 'real'), 'ola')).toBeNull();
    expect(b.judge(ev(6, 'ola', 'boards.tasks-added', 'real'), 'ola')).toMatchObject({ why: 'role' });
  });
});
