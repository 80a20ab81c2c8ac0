import { useWorkspace } from './workspace-store';

/** Person id → the name from the roster (events record ids, people read names). */
export function useActorName(): (id: string) => string {
  const people = useWorkspace((s) => s.people);
  return (id) => people.find((p) => p.id === id)?.name || id.slice(0, 8);
}
