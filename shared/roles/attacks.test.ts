/**
 * A stranger's and an attacker's pass over the role book (break13): sequences a modified
 * client or an unlucky team could produce, read the way every laptop reads them.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { RoleBook } from './book';

let n = 0;
const at = (i: number) => `${String(1_770_000_000_000 + i).padStart(16, '0')}-0000-dev`;
function ev(i: number, actor: string, type: string, incidentId: string | null, payload: unknown = {}): HonbuEvent {
  return { id: `x${++n}`, at: at(i), actor, type, incidentId, payload };
}
const filed = (i: number, by: string, incidentId: string) => ev(i, by, 'incident.first-reported', incidentId);
const assigned = (i: number, by: string, personId: string, role: string, incidentId: string | null = null) => ev(i, by, 'roles.role-assigned', incidentId, { personId, role });
const removed = (i: number, by: string, personId: string, role: string, incidentId: string | null = null) => ev(i, by, 'roles.role-removed', incidentId, { personId, role });

describe('direction removed concurrently', () => {
  it('two direction members removing each other on two laptops: the earlier counts, the later is refused, one direction is left', () => {
    const base = [assigned(1, 'boss', 'dee', 'direction')];
    const a = removed(5, 'boss', 'dee', 'direction');
    const b = removed(5, 'dee', 'boss', 'direction');
    for (const order of [[a, b], [b, a]]) {
      const book = RoleBook.fromEvents('boss', [...base, ...order]);
      expect(book.directionOf(null)).toHaveLength(1);
      const refused = [a, b].filter((e) => book.judge(e, e.actor) !== null);
      expect(refused).toHaveLength(1);
    }
  });

  it('an incident keeps the workspace direction whatever is removed in it', () => {
    const book = RoleBook.fromEvents('boss', [filed(1, 'kai', 'kais'), removed(2, 'boss', 'kai', 'direction', 'kais'), removed(2, 'kai', 'kai', 'direction', 'kais')]);
    expect(book.directionOf('kais')).toContain('boss');
  });

  it('a direction member removed (by clock) cannot give roles after, even arriving first', () => {
    const late = assigned(6, 'dee', 'mal', 'direction');
    const book = RoleBook.fromEvents('boss', [late, assigned(1, 'boss', 'dee', 'direction'), removed(5, 'boss', 'dee', 'direction')]);
    expect(book.judge(late, 'dee')).toMatchObject({ why: 'role' });
    expect(book.rolesOf('mal', null)).toEqual([]);
  });

  it('an observer or an operator cannot write role events, in the workspace or an incident', () => {
    const book = RoleBook.fromEvents('boss', [filed(1, 'boss', 'leak'), assigned(2, 'boss', 'obs', 'observer'), assigned(2, 'boss', 'op', 'operator', 'leak')]);
    for (const p of ['obs', 'op']) {
      for (const scope of [null, 'leak']) {
        expect(book.judge(assigned(3, p, p, 'direction', scope), p), `${p} ${scope}`).toMatchObject({ why: 'role' });
        expect(book.judge(removed(3, p, 'boss', 'direction', scope), p), `${p} ${scope}`).not.toBeNull();
      }
    }
  });
});

describe('writing into an incident one is not a member of', () => {
  // 'boss' founded the workspace; 'kai' filed incident "kais" and led contacts in "leak" until
  // direction took it away; 'lin' led contacts in "leak" only and lost it; 'nia' joined and was given nothing.
  const events = () => [
    filed(1, 'boss', 'leak'),
    filed(2, 'kai', 'kais'),
    assigned(3, 'boss', 'kai', 'contact-lead', 'leak'),
    assigned(3, 'boss', 'lin', 'contact-lead', 'leak'),
    removed(10, 'boss', 'kai', 'contact-lead', 'leak'),
    removed(10, 'boss', 'lin', 'contact-lead', 'leak'),
  ];
  const work = ['incident.facts-changed', 'incident.details-changed', 'incident.first-reported', 'boards.tasks-added', 'faq.entry-drafted', 'access.export-requested', 'access.exported'];

  it('a member taken out of an incident may no longer change its facts, tasks or exports there (before the removal it counted)', () => {
    const book = RoleBook.fromEvents('boss', events());
    for (const who of ['kai', 'lin']) {
      expect(book.isMember(who, 'leak')).toBe(false);
      for (const type of work) expect(book.judge(ev(11, who, type, 'leak'), who), `${who} ${type}`).toMatchObject({ why: 'role' });
      expect(book.judge(ev(5, who, 'incident.facts-changed', 'leak'), who)).toBeNull();
      // The record of a look still counts: refusing it would only hide the look.
      expect(book.judge(ev(11, who, 'access.card-opened', 'leak'), who)).toBeNull();
    }
  });

  it('the first reporter of one incident does not write into another, nor file a second first report over its title', () => {
    const book = RoleBook.fromEvents('boss', [filed(1, 'boss', 'leak'), filed(2, 'kai', 'kais')]);
    expect(book.judge(ev(4, 'kai', 'incident.facts-changed', 'kais'), 'kai')).toBeNull();
    for (const type of work) expect(book.judge(ev(4, 'kai', type, 'leak'), 'kai'), type).toMatchObject({ why: 'role' });
  });

  it('a joined member never given a role keeps everyday work (decision 014) and may file a new incident', () => {
    const book = RoleBook.fromEvents('boss', events());
    expect(book.judge(ev(20, 'nia', 'incident.first-reported', 'new-one'), 'nia')).toBeNull();
    expect(book.judge(ev(20, 'nia', 'people.profile-saved', null), 'nia')).toBeNull();
    expect(book.judge(ev(20, 'nia', 'incident.facts-changed', 'leak'), 'nia')).toBeNull();
    expect(book.judge(ev(20, 'kai', 'incident.first-reported', 'another-new-one'), 'kai')).toBeNull();
  });
});

describe('a backdated "first report" of an incident someone else filed (found by a stranger)', () => {
  const INC = '3f0a7a52-5d0e-4c5f-9a55-7c2b8f0e1d21';
  // The app's first report carries the incident's own id as its event id (boundEventId).
  const bobs: HonbuEvent = { ...filed(10, 'bob', INC), id: INC };
  const approvalBy = (i: number, by: string) => ev(i, by, 'faq.entry-approved', INC, { entryId: 'f1', version: 1, factsSnapshot: {} });

  it('is refused whatever its clock and whichever arrives first: the filer stays direction, the claimant gets nothing', () => {
    const mallorys = filed(1, 'mallory', INC);
    for (const order of [
      [bobs, mallorys],
      [mallorys, bobs],
    ]) {
      const book = RoleBook.fromEvents('boss', order);
      expect(book.judge(mallorys, 'mallory')).toMatchObject({ why: 'role', type: 'incident.first-reported' });
      expect(book.judge(bobs, 'bob')).toBeNull();
      expect([...book.directionOf(INC)].sort()).toEqual(['bob', 'boss']);
      expect(book.rolesOf('bob', INC)).toContain('direction');
      expect(book.rolesOf('mallory', INC)).toEqual([]);
      expect(book.judge(approvalBy(20, 'mallory'), 'mallory')).toMatchObject({ why: 'role' });
      expect(book.judge(approvalBy(21, 'bob'), 'bob')).toBeNull();
    }
  });

  it('an incident whose first report was made before ids were bound keeps the old rule (the first by clock)', () => {
    const book = RoleBook.fromEvents('boss', [filed(10, 'bob', 'legacy'), filed(11, 'kai', 'legacy')]);
    expect(book.rolesOf('bob', 'legacy')).toContain('direction');
    expect(book.rolesOf('kai', 'legacy')).toEqual([]);
  });
});
