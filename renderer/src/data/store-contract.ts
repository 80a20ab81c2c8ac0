/**
 * What the event store promises the code around it: who writes, the errors it ends work
 * with, and the shapes of the writes other parts fold in the same transaction (bulk
 * projections, append hooks). Apart from event-store.ts to keep each file readable.
 */
import type { Problem } from '../../../shared/events/command';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import type { EventOrigin } from './change-notice';

export interface StoreIdentity {
  /** Device id: the node of the clock. */
  deviceId: string;
  /** Person id: the actor of events. */
  actor: string;
}

export type Now = () => number;

/** An edit refused because this laptop may no longer write (see refuseLocalEdits). */
export class ReadOnlyError extends Error {
  constructor(readonly reason: string) {
    super(`store: local edits are refused (${reason})`);
  }
}

/**
 * The workspace was locked: this store no longer takes edits, tells no listener, and (once
 * the writes already under way have landed) holds no key. Work that was still running for
 * the locked session ends with this error; it is not a fault.
 */
export class StoreClosedError extends Error {
  constructor() {
    super('store: the workspace is locked');
    this.name = 'StoreClosedError';
  }
}

/**
 * A read that must see one moment (readUnlocked) could not: writes kept landing while it
 * ran. Background work tries again later rather than making the writes wait; not a fault.
 */
export class StoreBusyError extends Error {
  constructor() {
    super('store: writes kept landing during the read');
    this.name = 'StoreBusyError';
  }
}


/** A draft whose type or payload does not match the registry: a bug in the code that made it. */
export class InvalidDraftError extends Error {
  constructor(readonly reason: string) {
    super(`store: refused to append an invalid event (${reason})`);
  }
}

/** An event from another laptop that did not parse, and why; it is never stored or folded. */
export interface RemoteRefusal {
  id: string | undefined;
  reason: string;
}


/** What a bulk writer does inside the commit's transaction, and which of its records it touches. */
export interface BulkWrite {
  /** Runs inside the transaction: it must only touch IndexedDB (awaiting anything else closes it). */
  write(): Promise<void>;
  touched: Iterable<readonly [table: string, ids: Iterable<string>]>;
  /**
   * Records as written (null: deleted), by table, handed to listeners in the notice
   * (ChangeNotice.rows) so that a screen showing them takes them instead of reading them
   * again. Only what may be held in memory as it is (counts, never personal data); a touched
   * id missing here is read.
   */
  rows?: Iterable<readonly [table: string, rows: ReadonlyMap<string, unknown>]>;
}

/**
 * Writes made in the same IndexedDB transaction as the events of one append (a staged
 * customer list turning complete with its event), so they can never disagree.
 */
export interface AppendHook {
  /** Tables the writes touch. */
  tables: string[];
  /**
   * Runs inside the append lock once the events are stamped, before the transaction
   * opens: it may read and seal. What it returns runs inside the transaction (a bare
   * function: its tables count as touched, rows unknown).
   */
  prepare(events: readonly AnyEvent[]): Promise<(() => Promise<void>) | BulkWrite>;
}

/**
 * A projection kept in bulk tables of its own (the customer statuses: a million rows are
 * not a million sealed rows), folded in the same transaction as every commit, local or
 * from another laptop. Registered by the part that owns it while the workspace is open.
 */
export interface BulkProjection {
  readonly tables: readonly string[];
  /** Under the append lock, before the transaction (it may read and seal); null when none of the events concern it. */
  prepare(events: readonly AnyEvent[], origin: EventOrigin): Promise<BulkWrite | null>;
}

/**
 * The person asked for something the rules do not allow: show the problems, nothing was
 * written. Thrown by command handlers and by the store's write guard (roles).
 */
export class CommandRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super(`command refused: ${problems.map((p) => `${p.field} ${p.reason}`).join(', ') || 'nothing to change'}`);
    this.name = 'CommandRefused';
  }
}

/** Checks local drafts before they are stamped (the roles of the person using this laptop): the problems, or none. */
export type WriteGuard = (drafts: readonly AnyDraft[]) => Promise<Problem[]>;
