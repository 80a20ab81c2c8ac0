import { useT } from '../i18n/i18n';
import { usePeople } from '../people/people-store';

/** Person id → the name from the roster (events record ids, people read names). */
export function useActorName(): (id: string) => string {
  const t = useT();
  const people = usePeople();
  // Never an id on screen: someone whose profile has not arrived yet is said to be so.
  return (id) => people.find((p) => p.id === id)?.name || t('events.unknownPerson');
}
