import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { EVENT_SCHEMAS } from '../events/registry';
import { testContext } from '../events/test-context';
import { RoleBook } from './book';
import { assignRole, removeRole } from './commands';
import { ACCESS_ROLES } from './model';
import { ANYONE_IN_INCIDENT, mayWrite, ROLE_TABLE, rolesThatMay } from './table';

let n = 0;
const at = (i: number) => `${String(1_760_000_000_000 + i).padStart(16, '0')}-0000-dev`;
function ev(i: number, actor: string, type: string, incidentId: string | null, payload: unknown = {}): HonbuEvent {
  return { id: `e${++n}`, at: at(i), actor, type, incidentId, payload };
}
const assigned = (i: number, by: string, personId: string, role: string, incidentId: string | null = null) => ev(i, by, 'roles.role-assigned', incidentId, { personId, role });
const removed = (i: number, by: string, personId: string, role: string, incidentId: string | null = null) => ev(i, by, 'roles.role-removed', incidentId, { personId, role });

describe('the role table', () => {
  it('places every registered event type: in a role’s list or the list for anyone in the incident', () => {
    const placed = new Set<string>([...ANYONE_IN_INCIDENT, ...Object.values(ROLE_TABLE).flat()]);
    const missing = Object.keys(EVENT_SCHEMAS).filter((type) => !placed.has(type));
    expect(missing).toEqual([]);
  });

  it('names only roles that exist, and gives every role a list', () => {
    expect(Object.keys(ROLE_TABLE).sort()).toEqual([...ACCESS_ROLES].sort());
  });

  it('keeps approvals, the disclosure decision and the public-notice coverage for direction', () => {
    for (const type of ['disclosure.statement-approved', 'disclosure.notice-approved', 'faq.entry-approved', 'disclosure.decision-recorded', 'contacts.notice-published']) {
      expect(rolesThatMay(type), type).toEqual(['direction']);
      for (const role of ACCESS_ROLES.filter((r) => r !== 'direction')) expect(mayWrite([role], type), `${role} ${type}`).toBe(false);
      expect(mayWrite([], type)).toBe(false);
      expect(mayWrite(['direction'], type)).toBe(true);
    }
  });

  it('lets any member do everyday work, an observer nothing but acknowledge, and a role add its own kinds', () => {
    expect(mayWrite([], 'boards.task-changed')).toBe(true);
    expect(mayWrite(['operator'], 'faq.enquiry-logged')).toBe(true);
    expect(mayWrite(['observer'], 'boards.task-changed')).toBe(false);
    expect(mayWrite(['observer'], 'incident.override-seen')).toBe(true);
    // Its laptop still keeps up with the team (its key, new epochs).
    expect(mayWrite(['observer'], 'sync.device-key-published')).toBe(true);
    expect(mayWrite(['observer', 'analyst'], 'boards.task-changed')).toBe(true);
    expect(mayWrite(['contact-lead'], 'contacts.dataset-imported')).toBe(true);
    expect(mayWrite(['operator'], 'contacts.dataset-imported')).toBe(false);
    expect(mayWrite(['statement'], 'disclosure.statement-published')).toBe(true);
    expect(rolesThatMay('contacts.dataset-imported')).toEqual(['direction', 'contact-lead']);
  });
});

describe('the role book', () => {
  it('makes the founder direction of the workspace, and whoever files a first report direction of that incident', () => {
    const book = RoleBook.fromEvents('founder', [ev(1, 'ana', 'incident.first-reported', 'i1')]);
    expect(book.rolesOf('founder', null)).toEqual(['direction']);
    expect(book.rolesOf('founder', 'i1')).toEqual(['direction']);
    expect(book.rolesOf('ana', 'i1')).toEqual(['direction']);
    expect(book.rolesOf('ana', null)).toEqual([]);
    expect(book.rolesOf('ana', 'i2')).toEqual([]);
  });

  it('refuses an approval by a member without direction, and accepts it once direction gave the role before it', () => {
    const approval = ev(10, 'bob', 'disclosure.statement-approved', 'i1');
    const early = RoleBook.fromEvents('founder', []);
    expect(early.judge(approval, 'bob')).toEqual({ type: 'disclosure.statement-approved', needs: ['direction'], why: 'role' });
    // The role arrives later but was given before the approval (by clock): the approval counts.
    early.add(assigned(5, 'founder', 'bob', 'direction', 'i1'), 'founder');
    expect(early.judge(approval, 'bob')).toBeNull();
    // Given after the approval: it does not.
    const late = RoleBook.fromEvents('founder', [assigned(11, 'founder', 'bob', 'direction', 'i1')]);
    expect(late.judge(approval, 'bob')).not.toBeNull();
  });

  it('refuses roles given by someone who is not direction, whatever order the events arrive in', () => {
    const events = [assigned(3, 'bob', 'bob', 'direction'), assigned(5, 'founder', 'bob', 'analyst')];
    for (const order of [events, [...events].reverse()]) {
      const book = RoleBook.fromEvents('founder', order);
      expect(book.rolesOf('bob', null)).toEqual(['analyst']);
      expect(book.judge(events[0]!, 'bob')?.why).toBe('role');
    }
  });

  it('judges the author by who signed, not by the actor the event claims', () => {
    const book = RoleBook.fromEvents('founder', []);
    const forged = ev(10, 'founder', 'faq.entry-approved', 'i1');
    expect(book.judge(forged, 'mallory')).not.toBeNull();
    expect(book.judge(forged, 'founder')).toBeNull();
  });

  it('takes a removed role away from the removal’s clock on', () => {
    const book = RoleBook.fromEvents('founder', [assigned(2, 'founder', 'bob', 'direction'), removed(6, 'founder', 'bob', 'direction')]);
    expect(book.judge(ev(4, 'bob', 'faq.entry-approved', 'i1'), 'bob')).toBeNull();
    expect(book.judge(ev(8, 'bob', 'faq.entry-approved', 'i1'), 'bob')).not.toBeNull();
    expect(book.rolesOf('bob', null)).toEqual([]);
  });

  it('never leaves the workspace without direction', () => {
    const last = removed(3, 'founder', 'founder', 'direction');
    const book = RoleBook.fromEvents('founder', [last]);
    expect(book.rolesOf('founder', null)).toEqual(['direction']);
    expect(book.judge(last, 'founder')).toEqual({ type: 'roles.role-removed', needs: ['direction'], why: 'last-direction' });
    // With a second direction member, the founder may step down.
    const two = RoleBook.fromEvents('founder', [assigned(2, 'founder', 'bob', 'direction'), removed(3, 'founder', 'founder', 'direction')]);
    expect(two.directionOf(null)).toEqual(['bob']);
  });

  it('gives a role in one incident only', () => {
    const book = RoleBook.fromEvents('founder', [assigned(2, 'founder', 'ola', 'operator', 'i1')]);
    expect(book.rolesOf('ola', 'i1')).toEqual(['operator']);
    expect(book.rolesOf('ola', 'i2')).toEqual([]);
    expect(book.holdings()).toContainEqual({ personId: 'ola', incidentId: 'i1', roles: ['operator'] });
  });

  it('lets an observer write nothing but acknowledgements', () => {
    const book = RoleBook.fromEvents('founder', [assigned(2, 'founder', 'obi', 'observer')]);
    expect(book.judge(ev(5, 'obi', 'boards.task-changed', 'i1'), 'obi')?.why).toBe('role');
    expect(book.judge(ev(5, 'obi', 'incident.override-seen', 'i1'), 'obi')).toBeNull();
  });
});

describe('role commands', () => {
  const book = RoleBook.fromEvents('founder', [assigned(2, 'founder', 'bob', 'analyst')]);

  it('lets direction assign and remove, per workspace or incident', () => {
    const r = assignRole(testContext({ personId: 'founder' }), book, { personId: 'bob', role: 'statement', incidentId: 'i1' });
    expect(r).toMatchObject({ ok: true, events: [{ type: 'roles.role-assigned', incidentId: 'i1', payload: { personId: 'bob', role: 'statement' } }] });
    expect(removeRole(testContext({ personId: 'founder' }), book, { personId: 'bob', role: 'analyst', incidentId: null })).toMatchObject({ ok: true });
  });

  it('refuses a member without direction, saying which role may', () => {
    expect(assignRole(testContext({ personId: 'bob' }), book, { personId: 'bob', role: 'direction', incidentId: null })).toEqual({
      ok: false,
      problems: [{ field: 'role', reason: 'role-required', params: { roles: 'direction', kind: 'roles.role-assigned' } }],
    });
  });

  it('refuses to remove the last direction member, and a role not held', () => {
    expect(removeRole(testContext({ personId: 'founder' }), book, { personId: 'founder', role: 'direction', incidentId: null })).toEqual({ ok: false, problems: [{ field: 'role', reason: 'last-direction' }] });
    expect(removeRole(testContext({ personId: 'founder' }), book, { personId: 'bob', role: 'operator', incidentId: null })).toEqual({ ok: false, problems: [{ field: 'role', reason: 'unchanged' }] });
  });
});
