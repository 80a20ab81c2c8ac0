/**
 * Reading events of some types back from the store, in clock order: used by the event store
 * on the screen's thread and by event-read-worker.ts off it (the same code, so both return
 * the same events in the same order).
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { currentType, upcastStored, type AnyEvent } from '../../../shared/events/registry';
import { DecryptionError, openBytes, openJson } from '../../../shared/vault/cipher';
import { type ListsAs, PackedJsonError, unpackJson } from '../../../shared/vault/packed-json';
import { NO_INCIDENT, type HonbuDb, type StoredEvent, type StoredEventPack } from './db';

/** What an event sealed on its own before decision 040 was bound to: its id only. */
export const eventAad = (id: string) => `events:${id}`;
/**
 * What an event sealed on its own is bound to since decision 040 (records marked `v: 2`):
 * its id, incident, type (as the registry names it today: a rename migration rewrites the
 * clear type), clock and actor, so the record cannot be moved to another incident,
 * relabelled, re-dated or given another author on disk.
 */
export const boundEventAad = (e: { id: string; incidentId: string; type: string; at: string; actor: string }) =>
  `events/v2:${JSON.stringify([e.id, e.incidentId, currentType(e.type), e.at, e.actor])}`;
/** The same for an event whose payload was packed with its long lists of integers apart (`v: 3`, decision 049). */
export const packedEventAad = (e: { id: string; incidentId: string; type: string; at: string; actor: string }) =>
  `events/v3:${JSON.stringify([e.id, e.incidentId, currentType(e.type), e.at, e.actor])}`;
export const packAad = (id: string) => `event-packs:${id}`;

/** Said of an event bound to its clear fields (v: 2 or 3) that does not open with them. */
const NOT_ITS_CLEAR_FIELDS = 'vault: an event does not open with its clear fields (moved to another incident, relabelled, re-dated or given another author on disk, or damaged)';

/**
 * What a pack seals besides the payloads (decision 038): its incident and type, and each
 * event's clock and actor, so an event record altered on disk (moved to another incident,
 * given another type, clock or author) no longer matches its pack and is refused. Packs
 * sealed before these fields were added carry none of them and are read as they were.
 */
interface PackHead {
  incidentId?: unknown;
  type?: unknown;
  ats?: unknown;
  actors?: unknown;
}

/** A pack opened: its events' payloads (and, in newer packs, their clocks and actors) by id. */
interface OpenedPack {
  incidentId: string | undefined;
  type: string | undefined;
  events: Map<string, { payload: unknown; at: unknown; actor: unknown }>;
}
/** An event pack that could not be opened: every event pointing at it is refused with this reason. */
type PackRefused = DecryptionError;
type OpenedPacks = Map<unknown, OpenedPack | PackRefused>;

/**
 * The packs the stored events point at, each read and opened once. A pack that does not open
 * (missing, damaged, altered) is kept as its refusal: the events pointing at it are refused,
 * the others still open.
 */
async function openPacks(db: HonbuDb, stored: readonly StoredEvent[], key: CryptoKey): Promise<OpenedPacks> {
  // A pointer altered on disk into something else than an id (an object, a number: IndexedDB
  // would refuse it as a key) is refused like a pack that does not open.
  const all = [...new Set(stored.flatMap((s) => (s.pack === undefined ? [] : [s.pack as unknown])))];
  const out: OpenedPacks = new Map();
  for (const id of all) if (typeof id !== 'string') out.set(id, new DecryptionError('vault: an event points at no pack'));
  const ids = all.filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return out;
  const records = await db.packs.bulkGet(ids);
  const opened = await Promise.all(
    records.map(async (r, i): Promise<OpenedPack | PackRefused> => {
      try {
        return await openPack(r, ids[i]!, key);
      } catch (e) {
        if (e instanceof DecryptionError) return e;
        throw e;
      }
    }),
  );
  ids.forEach((id, i) => out.set(id, opened[i]!));
  return out;
}

async function openPack(r: StoredEventPack | undefined, id: string, key: CryptoKey): Promise<OpenedPack> {
  if (!r) throw new DecryptionError('vault: an event pack is missing');
  // Its seal taken away or replaced on disk (null, a string): refused like a damaged one.
  if (!(r.sealed instanceof Uint8Array)) throw new DecryptionError('vault: an event pack has no seal');
  const pack = await openJson<{ ids: unknown; payloads: unknown } & PackHead>(key, r.sealed, packAad(id));
  const { ids: inPack, payloads, ats, actors } = pack;
  if (!Array.isArray(inPack) || !Array.isArray(payloads) || inPack.length !== payloads.length) throw new DecryptionError('vault: an event pack has an unknown format');
  const heads = pack.type !== undefined;
  if (heads && (typeof pack.incidentId !== 'string' || typeof pack.type !== 'string' || !Array.isArray(ats) || !Array.isArray(actors) || ats.length !== inPack.length || actors.length !== inPack.length)) {
    throw new DecryptionError('vault: an event pack has an unknown format');
  }
  return {
    incidentId: heads ? (pack.incidentId as string) : undefined,
    type: heads ? (pack.type as string) : undefined,
    events: new Map(inPack.map((id, j) => [String(id), { payload: payloads[j], at: heads ? (ats as unknown[])[j] : undefined, actor: heads ? (actors as unknown[])[j] : undefined }])),
  };
}

/** Whether a packed event's clear fields are those its pack sealed (a pack without them: nothing to compare). */
function matchesPack(s: StoredEvent, pack: OpenedPack, inPack: { at: unknown; actor: unknown }): boolean {
  if (pack.type === undefined) return true;
  return s.incidentId === pack.incidentId && currentType(s.type) === currentType(pack.type) && s.at === inPack.at && s.actor === inPack.actor;
}

/**
 * An event read back. It was parsed before it was written and is sealed with AES-GCM
 * (tampering fails to open), so it is not parsed again; only an old type name is upcast.
 * A packed event's payload comes from its pack, which must hold its id (and its incident,
 * type, clock and actor as the record has them).
 */
async function openStoredEvent(s: StoredEvent, key: CryptoKey, packs: OpenedPacks, lists: ListsAs = 'arrays'): Promise<AnyEvent> {
  let payload: unknown;
  // A record whose clear fields are no longer strings (altered on disk) opens as nothing.
  if (typeof s.id !== 'string' || typeof s.incidentId !== 'string' || typeof s.type !== 'string' || typeof s.at !== 'string' || typeof s.actor !== 'string') {
    throw new DecryptionError('vault: an event record has an unknown format');
  }
  if (s.pack !== undefined) {
    const pack = packs.get(s.pack);
    if (pack instanceof DecryptionError) throw pack;
    const inPack = pack?.events.get(s.id);
    if (!pack || !inPack) throw new DecryptionError('vault: an event is not in the pack it points at');
    if (!matchesPack(s, pack, inPack)) throw new DecryptionError('vault: an event does not match the pack it points at');
    payload = inPack.payload;
  } else if (s.sealed instanceof Uint8Array && s.v === 2) {
    try {
      payload = await openJson(key, s.sealed, boundEventAad(s));
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      throw new DecryptionError(NOT_ITS_CLEAR_FIELDS);
    }
  } else if (s.sealed instanceof Uint8Array && s.v === 3) {
    let plain: Uint8Array;
    try {
      plain = await openBytes(key, s.sealed, packedEventAad(s));
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      throw new DecryptionError(NOT_ITS_CLEAR_FIELDS);
    }
    try {
      payload = unpackJson(plain, lists);
    } catch (e) {
      if (!(e instanceof PackedJsonError)) throw e;
      throw new DecryptionError(`vault: an event's packed payload does not unpack (${e.message})`);
    }
  } else if (s.sealed instanceof Uint8Array && s.v === undefined) payload = await openJson(key, s.sealed, eventAad(s.id));
  else if (s.sealed instanceof Uint8Array) throw new DecryptionError('vault: an event is sealed in an unknown format');
  else throw new DecryptionError('vault: an event has neither a seal nor a pack');
  const stored: HonbuEvent = {
    id: s.id,
    incidentId: s.incidentId === NO_INCIDENT ? null : s.incidentId,
    at: s.at,
    actor: s.actor,
    type: s.type,
    payload,
  };
  return trusted(upcastStored(stored));
}

/** Stored events opened, in the order given (their packs read once each); any that does not open refuses the whole read. */
export async function openStoredEvents(db: HonbuDb, stored: readonly StoredEvent[], key: CryptoKey): Promise<AnyEvent[]> {
  const packs = await openPacks(db, stored, key);
  return Promise.all(stored.map((s) => openStoredEvent(s, key, packs)));
}

/**
 * An event that could not be opened when read (altered on disk, damaged, its pack missing:
 * decision 040): its clear fields as far as they can be told, never its payload, and why.
 * Nothing is folded from it.
 */
export interface RefusedEvent {
  id: string;
  /** Where the record says it belongs (null: the workspace's own). */
  incidentId: string | null;
  type: string;
  reason: string;
  /** The same event was already told under the incident its record names (moved on disk): this marks where it was missed, and is not logged again. */
  markOnly?: true;
}

/** What a read could open, and what it refused. */
export interface ReadableEvents {
  events: AnyEvent[];
  refused: RefusedEvent[];
}

/**
 * Stored events opened, in the order given, each on its own: one that does not open is
 * refused with its reason and left out; the others are returned. Any other failure (the
 * database, a lock) still fails the whole read.
 */
export async function openReadableEvents(db: HonbuDb, stored: readonly StoredEvent[], key: CryptoKey, lists: ListsAs = 'arrays'): Promise<ReadableEvents> {
  const packs = await openPacks(db, stored, key);
  const opened = await Promise.all(
    stored.map(async (s): Promise<{ event: AnyEvent } | { refused: RefusedEvent }> => {
      try {
        return { event: await openStoredEvent(s, key, packs, lists) };
      } catch (e) {
        if (!(e instanceof DecryptionError)) throw e;
        return { refused: refusal(s, e) };
      }
    }),
  );
  const out: ReadableEvents = { events: [], refused: [] };
  for (const o of opened) {
    if ('event' in o) out.events.push(o.event);
    else out.refused.push(o.refused);
  }
  return out;
}

function refusal(s: StoredEvent, e: DecryptionError): RefusedEvent {
  const incidentId = typeof s.incidentId === 'string' && s.incidentId !== NO_INCIDENT ? s.incidentId : null;
  return { id: String(s.id), incidentId, type: typeof s.type === 'string' ? s.type : '?', reason: e.message };
}

/** This laptop's own sealed events are trusted as they were parsed when written (see openStoredEvent). */
function trusted(e: HonbuEvent): AnyEvent {
  return e as AnyEvent;
}

/** As the clock index orders them: by clock, then by id (a hostile or broken laptop can stamp two events alike). */
export const byStoredClock = (x: StoredEvent, y: StoredEvent) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Records read per request. IndexedDB answers a database's requests one after another: one
 * read of 30,000 events held every other request of the app (a call result's) for its
 * whole length — seconds on a busy machine — where pages of this size let them in between.
 */
export const READ_PAGE = 1_000;

/** Every stored event of one type: its keys by the type index, then the records page by page. */
async function storedOfType(db: HonbuDb, type: string): Promise<StoredEvent[]> {
  const keys = await db.events.where('type').equals(type).primaryKeys();
  const out: StoredEvent[] = [];
  for (let i = 0; i < keys.length; i += READ_PAGE) {
    for (const s of await db.events.bulkGet(keys.slice(i, i + READ_PAGE))) if (s) out.push(s);
  }
  return out;
}

/** The stored records of these types, of one incident (`null`: the workspace's own) or of all (`undefined`), in clock order. */
async function storedOfTypes(db: HonbuDb, incidentId: string | null | undefined, types: readonly string[]): Promise<StoredEvent[]> {
  const inIncident = incidentId === undefined ? null : (incidentId ?? NO_INCIDENT);
  return (await Promise.all([...new Set(types)].map((t) => storedOfType(db, t))))
    .flat()
    .filter((s) => inIncident === null || s.incidentId === inIncident)
    .sort(byStoredClock);
}

/**
 * The events of these types, of one incident (`null`: the workspace's own) or of all
 * (`undefined`), opened, in clock order. Read by the type index — per type (a multi-key
 * anyOf walks a cursor record by record), in pages — and filtered before opening. One that
 * does not open refuses the whole read.
 */
export async function readEventsOfTypes(db: HonbuDb, key: CryptoKey, incidentId: string | null | undefined, types: readonly string[]): Promise<AnyEvent[]> {
  return openStoredEvents(db, await storedOfTypes(db, incidentId, types), key);
}

/**
 * As readEventsOfTypes, each event opened on its own: those that do not open are refused and
 * left out (openReadableEvents). `lists: 'written'`: a payload's long lists packed at rest come
 * as Int32Arrays of the lists as written, opened on the page (the event-reader worker's read, event-wire.ts).
 */
export async function readReadableOfTypes(
  db: HonbuDb,
  key: CryptoKey,
  incidentId: string | null | undefined,
  types: readonly string[],
  lists: ListsAs = 'arrays',
): Promise<ReadableEvents> {
  return openReadableEvents(db, await storedOfTypes(db, incidentId, types), key, lists);
}
