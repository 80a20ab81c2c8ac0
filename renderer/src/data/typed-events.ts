/**
 * Reading events of some types back from the store, in clock order: used by the event store
 * on the screen's thread and by event-read-worker.ts off it (the same code, so both return
 * the same events in the same order).
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { upcastStored, type AnyEvent } from '../../../shared/events/registry';
import { openJson } from '../../../shared/vault/cipher';
import { NO_INCIDENT, type HonbuDb, type StoredEvent } from './db';

export const eventAad = (id: string) => `events:${id}`;

/**
 * An event read back. It was parsed before it was written and is sealed with AES-GCM
 * (tampering fails to open), so it is not parsed again; only an old type name is upcast.
 */
export async function openStoredEvent(s: StoredEvent, key: CryptoKey): Promise<AnyEvent> {
  const stored: HonbuEvent = {
    id: s.id,
    incidentId: s.incidentId === NO_INCIDENT ? null : s.incidentId,
    at: s.at,
    actor: s.actor,
    type: s.type,
    payload: await openJson(key, s.sealed, eventAad(s.id)),
  };
  return trusted(upcastStored(stored));
}

/** This laptop's own sealed events are trusted as they were parsed when written (see openStoredEvent). */
function trusted(e: HonbuEvent): AnyEvent {
  return e as AnyEvent;
}

/** As the clock index orders them: by clock, then by id (a hostile or broken laptop can stamp two events alike). */
export const byStoredClock = (x: StoredEvent, y: StoredEvent) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * The events of these types, of one incident (`null`: the workspace's own) or of all
 * (`undefined`), opened, in clock order. Read by the type index — one range read per type
 * (a multi-key anyOf walks a cursor record by record) — and filtered before opening.
 */
export async function readEventsOfTypes(db: HonbuDb, key: CryptoKey, incidentId: string | null | undefined, types: readonly string[]): Promise<AnyEvent[]> {
  const inIncident = incidentId === undefined ? null : (incidentId ?? NO_INCIDENT);
  const stored = (await Promise.all([...new Set(types)].map((t) => db.events.where('type').equals(t).toArray())))
    .flat()
    .filter((s) => inIncident === null || s.incidentId === inIncident)
    .sort(byStoredClock);
  return Promise.all(stored.map((s) => openStoredEvent(s, key)));
}
