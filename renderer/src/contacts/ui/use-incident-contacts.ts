/** Opens the contact engine on the unlocked store and loads one incident's lists: for screens outside the contacts tab that look customers up. */
import { useEffect } from 'react';
import { useSession } from '../../vault/session-store';
import { useContacts } from './contacts-store';

export function useIncidentContacts(incidentId: string): void {
  const store = useSession((s) => s.store);
  const { engine, open, load } = useContacts();
  useEffect(() => {
    void open(store);
  }, [store, open]);
  useEffect(() => {
    if (engine) void load(incidentId);
  }, [engine, incidentId, load]);
}
