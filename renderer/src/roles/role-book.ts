/**
 * The role book of an open workspace: built once from the stored role events and first
 * reports, then kept current from every commit's change notice (own edits and synced ones,
 * which the receiver judged before they were stored). Dispatch, the sync receiver and the
 * screens read the same book, so they cannot disagree about who may do what.
 */
import { RoleBook, ROLE_BOOK_TYPES } from '../../../shared/roles/book';
import type { Problem } from '../../../shared/events/command';
import type { EventStore } from '../data/event-store';
import { readSyncSettings } from '../sync/device-store';
import { tables } from '../data/tables';

const books = new WeakMap<EventStore, Promise<RoleBook>>();

/**
 * The book of `store`. `founder` (the roster's anchor person, or this laptop's person when
 * the team shares nothing yet) is direction from the start; a later call with another
 * founder (the team settings arrived) updates it.
 */
export function roleBookOf(store: EventStore, founder: string): Promise<RoleBook> {
  let book = books.get(store);
  if (!book) {
    book = (async () => {
      // The incidents whose first report was folded (their first report's row), read before
      // the events: each has its first report stored (written in one transaction).
      const reported = await firstReported(store);
      const read = await store.readReadable(undefined, [...ROLE_BOOK_TYPES]);
      const b = RoleBook.fromEvents(founder, read.events);
      // One the book never saw: its first report was moved to another incident or relabelled
      // on disk (decision 040), which a read by type does not meet. Told as a refusal, so the
      // incident is marked (and stays in its filer's list) rather than vanishing unexplained.
      // Logged once: where the read refused a first report already (under its own incident,
      // or the one it was moved to), this only marks the incident.
      const refusedFirst = read.refused.filter((r) => r.type === 'incident.first-reported');
      const unseen = reported.filter((id) => !b.knows(id));
      if (unseen.length > 0) {
        store.tellRefused(unseen.map((id) => ({
          id: `${id}:first-report`, incidentId: id, type: 'incident.first-reported',
          reason: 'vault: an incident\'s first report is not where it was stored (moved, relabelled or removed on disk)',
          ...(refusedFirst.length > 0 ? { markOnly: true as const } : {}),
        })));
      }
      // The receiver adds synced role events before they are stored (it judges the next ones by them); adding twice is harmless.
      store.subscribe((notice) => {
        for (const e of notice.events) if (RoleBook.folds(e)) b.add(e, notice.origin === 'local' ? store.actor : e.actor);
      });
      return b;
    })();
    books.set(store, book);
    // A read that failed (the workspace locked meanwhile) is not kept: the next call reads again.
    book.catch(() => books.delete(store));
  }
  return book.then((b) => {
    b.setFounder(founder);
    return b;
  });
}

/** Ids of the incidents whose first report was folded (the `reports` rows of number 1; ids are in clear). */
async function firstReported(store: EventStore): Promise<string[]> {
  const keys = await store.database.rows(tables.reports.name).toCollection().primaryKeys();
  return keys.flatMap((k) => (typeof k === 'string' && k.endsWith(':1') ? [k.slice(0, -2)] : []));
}

/** The book with its founder read from the team settings (the roster's anchor), or this laptop's person before any. */
export async function currentRoleBook(store: EventStore): Promise<RoleBook> {
  const settings = await readSyncSettings(store);
  return roleBookOf(store, settings?.root.personId ?? store.actor);
}

/** Problems for drafts the person may not write: which role may (the words are the screen's). */
export function roleProblems(book: RoleBook, personId: string, drafts: readonly { type: string; incidentId: string | null }[]): Problem[] {
  for (const d of drafts) {
    const refusal = book.judge({ ...d, id: '', at: '\uffff', actor: personId, payload: (d as { payload?: unknown }).payload }, personId);
    if (refusal?.why === 'last-direction') return [{ field: 'role', reason: 'last-direction' }];
    if (refusal) return [{ field: 'role', reason: 'role-required', params: { roles: refusal.needs.join(','), kind: refusal.type } }];
  }
  return [];
}

/** Installs the write guard on `store`: every local append is judged as every other laptop will judge it. */
export function guardWithRoles(store: EventStore, personId: string): { dispose(): void } {
  store.guardWrites(async (drafts) => roleProblems(await currentRoleBook(store), personId, drafts));
  return { dispose: () => store.guardWrites(null) };
}
