/**
 * Every change a user makes is an event, appended and never edited. Projections (what
 * the screens read) are folds of events; the timeline, the audit trail and sync read the
 * same events.
 */
export interface HonbuEvent<T extends string = string, P = unknown> {
  /** uuid v4 */
  id: string;
  /** null for workspace-level events (profile, templates). */
  incidentId: string | null;
  /** Encoded hybrid logical clock (see hlc.ts): orders events across laptops. */
  at: string;
  /** Person (profile id) who did it. */
  actor: string;
  /** `part.thing-happened`, past tense. */
  type: T;
  payload: P;
}

/** An event before the store stamps it with id, clock and actor. */
export type EventDraft<T extends string = string, P = unknown> = Pick<HonbuEvent<T, P>, 'type' | 'payload'> & {
  incidentId: string | null;
};

export const EVENT_TYPE_PATTERN = /^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/;

export function isEventType(type: string): boolean {
  return EVENT_TYPE_PATTERN.test(type);
}
