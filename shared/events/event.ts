/**
 * Every change a user makes is an event, appended and never edited. Projections (what
 * the screens read) are folds of events; the timeline, the audit trail and sync read the
 * same events.
 *
 * Each part declares its events as a map from type to payload schema (valibot) in
 * `shared/<part>/events.ts`; the payload types are inferred from the schemas, so a type and
 * its runtime check can never disagree. shared/events/registry.ts merges the maps.
 */
import type * as v from 'valibot';

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

/**
 * The incident id the store writes for "no incident" (IndexedDB cannot index null in a
 * compound key). No event may name it as its incident: stored, it would read back as a
 * workspace event (a role granted "in" it would count in the whole workspace).
 */
export const NO_INCIDENT = '-';

export const EVENT_TYPE_PATTERN = /^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$/;

export function isEventType(type: string): boolean {
  return EVENT_TYPE_PATTERN.test(type);
}

/** A part's events: type → payload schema. */
export type EventSchemas = Record<string, v.GenericSchema>;

/** The payload of one type of a part's map. */
export type PayloadIn<M extends EventSchemas, K extends keyof M> = v.InferOutput<M[K]>;

/** A part's events as a discriminated union: narrowing on `type` gives the payload. */
export type EventOf<M extends EventSchemas> = { [K in keyof M & string]: HonbuEvent<K, v.InferOutput<M[K]>> }[keyof M & string];

/** A part's drafts as a discriminated union. */
export type DraftOf<M extends EventSchemas> = { [K in keyof M & string]: EventDraft<K, v.InferOutput<M[K]>> }[keyof M & string];

/**
 * A type guard for a part's events, by type alone. Sound because nothing reaches a fold
 * unparsed: the store checks every draft against its schema before it is written, and
 * every event from outside the process (sync, files) is parsed by parseEvent first.
 */
export function eventGuard<M extends EventSchemas>(schemas: M): (e: HonbuEvent) => e is EventOf<M> {
  return (e): e is EventOf<M> => Object.hasOwn(schemas, e.type);
}
