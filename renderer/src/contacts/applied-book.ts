/**
 * The applied-lists screen's figures, kept by the contact fold (decision 046): every
 * returned-mail and bounce list applied to a customer list, what it changed and whether its
 * undo is still offered — so the screen reads one small record instead of every event of
 * the list (at 20M customers, a batch of everyone: seconds).
 *
 * What the fold knows exactly it keeps as known:
 * - a list folded in clock order: what it changed, and its rows guarded by its undo slot
 *   (undo-guards.ts), so the first later change that names one of them is seen as it is
 *   folded — the list's `blockedBy`, with the rows it named;
 * - its undo, from its snapshot or replayed.
 * Where the fold cannot tell without the events — a list of more than a million rows (no
 * guards), a late event or an undo replayed before a list's own clock or its first later
 * change, a list whose slot was taken again — the entry is marked not known, and the screen
 * reads the events (applied.ts) and keeps the book again. Known entries equal the events' fold
 * (`appliedLists`); the tests hold them together after every fold.
 */
import { type AppliedList, entry, isBulkList, laterChange, type Recorded } from '../../../shared/contacts/applied-lists';
import type { HonbuEvent } from '../../../shared/events/event';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import type { AppliedBookRecord, ContactTables } from './tables';
import { UndoGuards } from './undo-guards';
import { intactSnapshot } from './undo-snapshot';

export interface KeptList extends AppliedList {
  /** The undo slot whose guards stand for its rows (0: none). */
  slot: number;
  /** Equal to the events' fold; otherwise the screen reads the events. */
  known: boolean;
}

const aad = (datasetId: string) => `contact-applied:${datasetId}`;

export class AppliedBook {
  private dirty = false;

  private constructor(
    readonly datasetId: string,
    readonly lists: KeptList[],
  ) {}

  /** A new book (a list just imported, or the screen's fold of the events). */
  static of(datasetId: string, lists: KeptList[] = []): AppliedBook {
    const book = new AppliedBook(datasetId, lists);
    book.dirty = true;
    return book;
  }

  /** The kept book of a list; undefined when there is none or it does not open (the screen then reads the events). */
  static async read(t: ContactTables, key: CryptoKey, datasetId: string): Promise<AppliedBook | undefined> {
    const rec = await t.applied.get(datasetId);
    if (!rec) return undefined;
    try {
      return new AppliedBook(datasetId, await openJson<KeptList[]>(key, rec.sealed, aad(datasetId)));
    } catch {
      return undefined;
    }
  }

  get changed(): boolean {
    return this.dirty;
  }

  /** Whether every entry is known: the screen can show the book as it is. */
  get whole(): boolean {
    return this.lists.every((l) => l.known);
  }

  async seal(key: CryptoKey): Promise<AppliedBookRecord> {
    return { id: this.datasetId, sealed: await sealJson(key, this.lists, aad(this.datasetId)) };
  }

  /** A list folded: what it changed, the slot guarding its rows, and whether the book can follow it. */
  add(e: Recorded, changed: number, slot: number, known: boolean, undo: HonbuEvent | null = null): void {
    this.lists.push({ ...entry(e, changed, undo, null), slot, known });
    this.dirty = true;
  }

  /** The list whose guards `slot` stands for now (the latest to take it). */
  private holder(slot: number): KeptList | undefined {
    for (let i = this.lists.length - 1; i >= 0; i--) if (this.lists[i]!.slot === slot) return this.lists[i];
    return undefined;
  }

  /** Change `e`, folded in order, cleared `rows` guards of `slot`: its list's first later change is `e`, unless one came before. */
  blocked(slot: number, e: HonbuEvent, rows: number): void {
    const l = this.holder(slot);
    if (!l || l.undone) return;
    if (!l.blockedBy) l.blockedBy = { ...laterChange(e), customers: 0 };
    if (l.blockedBy.eventId !== e.id) return;
    l.blockedBy.customers += rows;
    this.dirty = true;
  }

  /** `slot` taken by a new list: its old list's guards are gone, and with them what the book knows of its later changes. */
  evict(slot: number): void {
    const l = this.holder(slot);
    if (!l) return;
    l.slot = 0;
    if (!l.undone && !l.blockedBy) l.known = false;
    this.dirty = true;
  }

  /**
   * List `eventId` undone by `undo` with nothing before it changed: it stays known. The lists it
   * blocked are not, nor undone lists after it (what one would have changed, had it stood, was
   * worked out on top of it).
   */
  undone(eventId: string, undo: HonbuEvent): void {
    const at = this.lists.find((l) => l.eventId === eventId)?.at;
    for (const l of this.lists) {
      if (l.eventId === eventId) l.undone = { eventId: undo.id, at: undo.at, actor: undo.actor };
      else if (l.blockedBy?.eventId === eventId || (l.undone && (at === undefined || l.at >= at))) l.known = false;
    }
    this.dirty = true;
  }

  /**
   * A replay changed the events from clock `from` on (late events, undos, events no longer
   * undone). A list before `from` stays known when its undo still stands, or its first later
   * change is before `from`, or nothing replayed named its rows (none of its guards cleared);
   * every other entry is not known. `undoneNow`: the events undone after the replay; `undoOf`:
   * the latest undo of each, by the clock.
   */
  replayed(from: string, undoneNow: ReadonlySet<string>, undoOf: ReadonlyMap<string, HonbuEvent>, cleared: ReadonlyMap<number, number>, noticeChanged: boolean): void {
    const holders = new Set([...cleared.keys()].map((s) => this.holder(s)));
    for (const l of this.lists) {
      // An undo delivered again, or by another laptop: the screen names the latest by the clock.
      const undo = l.undone ? undoOf.get(l.eventId) : undefined;
      if (undo && undo.id !== l.undone!.eventId) {
        l.undone = { eventId: undo.id, at: undo.at, actor: undo.actor };
        this.dirty = true;
      }
      if (!l.known) continue;
      const stays =
        l.at < from &&
        (l.undone
          ? undoneNow.has(l.eventId)
          : l.blockedBy
            ? l.blockedBy.at < from
            : !noticeChanged && !holders.has(l));
      if (!stays) {
        l.known = false;
        this.dirty = true;
      }
    }
  }

  /** The screen's entries. */
  entries(): AppliedList[] {
    return this.lists.map(({ slot: _slot, known: _known, ...l }) => l);
  }
}

/**
 * The book of a customer list from the fold of its events (`lists`, appliedLists): after a
 * rebuild, or when the screen has read the events. An undone or blocked list, or one naming
 * none of the list's rows, is known for good. A list still open to undo is known only while
 * its snapshot's guards stand for exactly its rows, so that the fold sees its first later
 * change: `slots` are those a rebuild just wrote (by list), or 'stored' to check the stored ones.
 */
export async function bookFrom(
  t: ContactTables, key: CryptoKey, datasetId: string, size: number, lists: readonly AppliedList[], events: readonly HonbuEvent[], slots: ReadonlyMap<string, number> | 'stored',
): Promise<AppliedBook> {
  const byId = new Map(events.map((e) => [e.id, e]));
  const guarded = new Map<number, number>();
  if (slots === 'stored') for (const g of await t.guards.where('datasetId').equals(datasetId).toArray()) for (const s of g.slots) if (s !== 0) guarded.set(s, (guarded.get(s) ?? 0) + 1);
  const kept: KeptList[] = [];
  for (const l of lists) {
    const e = byId.get(l.eventId);
    const inRange = new Set<number>();
    if (e && isBulkList(e)) for (const r of e.payload.rows) if (r >= 0 && r < size) inRange.add(r);
    let slot = 0;
    let known = l.undone !== null || l.blockedBy !== null || inRange.size === 0;
    if (!known && slots !== 'stored') {
      slot = slots.get(l.eventId) ?? 0;
      known = slot !== 0;
    } else if (!known) {
      const snap = await intactSnapshot(t, key, new UndoGuards(size), datasetId, l.eventId);
      if (snap && guarded.get(snap.record.slot) === inRange.size) {
        slot = snap.record.slot;
        known = true;
      }
    }
    kept.push({ ...l, slot, known });
  }
  return AppliedBook.of(datasetId, kept);
}
