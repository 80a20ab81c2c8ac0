/**
 * Events a read refused (altered on disk or damaged: decision 040), for the whole session:
 * every read of events goes through EventStore.readEvents, which leaves such an event out
 * and tells this list. Each is written once to the sealed error log as handled (its type and
 * why, never its payload — there is none to give), and the screens say calmly which
 * incident's record cannot be fully opened (the incident list's mark, the incident screen's
 * notice, a panel that reads the workspace's own events) with a way to save the error log —
 * no unexpected-error notice. Emptied on lock.
 */
import { create } from 'zustand';
import { DecryptionError } from '../../../shared/vault/cipher';
import { recordHandledError } from '../errors/report';
import type { RefusedEvent } from './typed-events';

/** Where the workspace's own events (no incident) are counted. */
export const WORKSPACE_RECORD = '';

interface UnreadableState {
  /** Incident ids (WORKSPACE_RECORD: the workspace's own events) with an event that could not be opened. */
  places: ReadonlySet<string>;
}

export const useUnreadable = create<UnreadableState>(() => ({ places: new Set() }));

/** The refusal as the error log keeps it: the kind of event and why, nothing of its content. */
export class EventRefusedError extends DecryptionError {
  constructor(refused: RefusedEvent) {
    super(`vault: an event (${refused.type}) was left out of a read: ${refused.reason.replace(/^vault: /, '')}`);
    this.name = 'EventRefusedError';
  }
}

const logged = new Set<string>();

/** Takes events a read refused: each logged once, its incident marked. */
export function noteRefused(refused: readonly RefusedEvent[]): void {
  const places = new Set(useUnreadable.getState().places);
  const before = places.size;
  for (const r of refused) {
    places.add(r.incidentId ?? WORKSPACE_RECORD);
    if (logged.has(r.id) || r.markOnly) continue;
    logged.add(r.id);
    recordHandledError(new EventRefusedError(r), 'background');
  }
  if (places.size !== before) useUnreadable.setState({ places });
}

/** Forgets every refusal (the workspace was locked: the next unlock reads and tells again). */
export function forgetRefused(): void {
  logged.clear();
  useUnreadable.setState({ places: new Set() });
}

/** Whether part of an incident's record (null: the workspace's own) could not be opened in this session. */
export function useRecordUnreadable(incidentId: string | null): boolean {
  return useUnreadable((s) => s.places.has(incidentId ?? WORKSPACE_RECORD));
}

/** Whether any record of the workspace could not be opened in this session (panels that read across incidents). */
export function useAnyRecordUnreadable(): boolean {
  return useUnreadable((s) => s.places.size > 0);
}
