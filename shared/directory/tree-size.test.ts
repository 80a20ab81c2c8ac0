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
import { checkTree } from './validate';

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
