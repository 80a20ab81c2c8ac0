/** The people of the workspace (names for actors, roles for approvals), kept current from change notices. */
import type { Person } from '../../../shared/people/profile';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const people = liveRows(tables.people, { kind: 'all' });

export function usePeople(): Person[] {
  return people.use((s) => s.rows);
}
