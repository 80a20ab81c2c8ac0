/** The escalation events of one incident, read again when a commit carries one (decision 033). */
import { useEffect, useState } from 'react';
import { ESCALATION_TYPES } from '../../../shared/faq/escalation-events';
import type { AnyEvent } from '../../../shared/events/registry';
import { StoreClosedError } from '../data/store-contract';
import { reportError } from '../errors/report';
import { useSession } from '../vault/session-store';

export function useEscalationEvents(incidentId: string): AnyEvent[] | null {
  const store = useSession((s) => s.store);
  const [version, setVersion] = useState(0);
  const [events, setEvents] = useState<AnyEvent[] | null>(null);

  useEffect(
    () => (store ? store.subscribe((notice) => notice.events.some((e) => ESCALATION_TYPES.includes(e.type)) && setVersion((v) => v + 1)) : undefined),
    [store],
  );

  useEffect(() => {
    if (!store) return;
    let live = true;
    store.readEvents(incidentId, [...ESCALATION_TYPES]).then(
      (read) => {
        if (live) setEvents(read);
      },
      (err: unknown) => {
        // Locked while reading: nothing to show, and not a fault.
        if (!(err instanceof StoreClosedError)) reportError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [store, incidentId, version]);

  return events;
}
