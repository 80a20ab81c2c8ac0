/**
 * A call tree the contact list accepts must give a plan the alerting accepts: a first report
 * starts its tree in the background, so a plan refused there means nobody is alerted and
 * nobody is told. Every person of a step may bring a deputy (out of hours at night).
 */
import { describe, expect, it } from 'vitest';
import { startEscalation } from '../alerts/commands';
import { foldAlerts } from '../alerts/model';
import type { DirectoryPerson } from './model';
import { planFor } from './plan';
import { checkTree, oversizedSteps } from './validate';

const person = (id: string, over: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  name: `担当 ${id}`,
  organisation: '',
  title: '',
  category: 'other',
  phones: [],
  emails: [`${id}@company.example`],
  chat: '',
  deputyId: null,
  hours: '',
  updatedAt: '0',
  updatedBy: 'p1',
  ...over,
});

// Wednesday 2026-12-02 02:00 in Japan.
const NIGHT = Date.parse('2026-12-01T17:00:00Z');

describe('the size of a step', () => {
  it('a step the tree editor accepts is a step the alerting accepts, deputies included', () => {
    const accepted: number[] = [];
    for (const size of [10, 25, 26, 30, 60]) {
      const named = Array.from({ length: size }, (_, i) => person(`n${i}`, { hours: '平日 9-18', deputyId: `d${i}` }));
      const deputies = Array.from({ length: size }, (_, i) => person(`d${i}`, { hours: '24時間' }));
      const people = [...named, ...deputies];
      const tree = { id: 't', name: '全員', scenario: null, severity: null, steps: [{ personIds: named.map((p) => p.id), waitMinutes: 10 }], updatedAt: '1', updatedBy: 'p1' };
      if (checkTree(tree, new Set(people.map((p) => p.id))).length > 0) continue;
      accepted.push(size);
      const plan = planFor(people, [tree], { scenario: null, severity: 'high', at: NIGHT })!;
      const r = startEscalation({ now: 1, newId: () => 'job-aaaaaaaa', actor: { personId: 'p1', roles: ['direction'] } }, foldAlerts([]), { incidentId: 'i1', plan, severity: 'high', secret: 'A'.repeat(43) });
      expect(r.ok, `a step of ${size} people, each with a deputy`).toBe(true);
    }
    expect(accepted).toContain(25);
  });
});

describe('a tree saved before the cap', () => {
  it('still alerts everyone it names (in consecutive steps of at most 25), and says which step needs attention', () => {
    const named = Array.from({ length: 30 }, (_, i) => person(`n${i}`, { hours: '平日 9-18', deputyId: `d${i}` }));
    const deputies = Array.from({ length: 30 }, (_, i) => person(`d${i}`, { hours: '24時間' }));
    const boss = person('boss');
    const tree = { id: 't', name: '全員', scenario: null, severity: null, steps: [{ personIds: [boss.id], waitMinutes: 5 }, { personIds: named.map((p) => p.id), waitMinutes: 10 }], updatedAt: '1', updatedBy: 'p1' };
    expect(oversizedSteps(tree)).toEqual([{ step: 2, people: 30, max: 25 }]);
    const plan = planFor([boss, ...named, ...deputies], [tree], { scenario: null, severity: 'high', at: NIGHT })!;
    expect(plan.steps.map((s) => [s.recipients.length, s.waitMinutes])).toEqual([[1, 5], [50, 0], [10, 10]]);
    const alerted = new Set(plan.steps.flatMap((s) => s.recipients.map((r) => r.personId)));
    for (const p of [...named, ...deputies]) expect(alerted.has(p.id)).toBe(true);
    const r = startEscalation({ now: 1, newId: () => 'job-aaaaaaaa', actor: { personId: 'p1', roles: ['direction'] } }, foldAlerts([]), { incidentId: 'i1', plan, severity: 'high', secret: 'A'.repeat(43) });
    expect(r.ok).toBe(true);
  });
});
