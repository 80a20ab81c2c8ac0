import { useEffect, useState } from 'react';
import { useSession } from '../vault/session-store';
import { useNow } from '../ui/use-now';
import { readReminderState, type ReminderState } from './reminder-state';

/** The person's reminders and deadlines, read again on every change to the store and every 30 s. */
export function useReminderState(): ReminderState | null {
  const store = useSession((s) => s.store);
  const personId = useSession((s) => s.me?.id ?? null);
  const advance = useSession((s) => s.prefs.reminderAdvanceMinutes);
  const now = useNow();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<ReminderState | null>(null);

  useEffect(() => (store ? store.subscribe(() => setVersion((v) => v + 1)) : undefined), [store]);

  useEffect(() => {
    if (!store || !personId) return;
    let live = true;
    void readReminderState(store, personId, Date.now(), advance).then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, [store, personId, advance, now, version]);

  return state;
}
