/**
 * Everything an unlocked workspace opens, in one place, each part added to the session's
 * DisposableStore: locking disposes the store and so closes every part, last opened first.
 * A part added here is a part closed on lock; nothing is opened elsewhere and forgotten.
 *
 * Order (disposal runs backwards): the event store first, so it closes last, after the
 * sync client and the contact engine that write into it have stopped.
 */
import { forgetHeadersInClearLater } from '../data/remembered-shapes';
import { bindRoles } from '../roles/roles-store';
import { DisposableStore, toDisposable } from '../../../shared/lifecycle/disposable';
import type { Person } from '../../../shared/people/profile';
import { startDueNotifications, type DueNotificationOptions } from '../boards/due-notifications';
import { openReminderDelivery } from '../reminders/reminder-delivery';
import { useContacts } from '../contacts/ui/contacts-store';
import type { HonbuDb } from '../data/db';
import { openDispatch } from '../data/dispatch';
import type { OpenWorkspace } from '../data/workspace';
import { errorLog as appErrorLog, type ErrorLog } from '../errors/error-log';
import { bindWorkspaceStores } from '../incidents/open-incident';
import { tables } from '../data/tables';
import { touchedIn } from '../data/change-notice';
import { useSync } from '../sync/ui/sync-store';
import { openListTransfers } from '../contacts/ui/list-transfers-store';
import { openAlerts } from '../alerts/alerts-store';
import { alertOnFirstReports } from '../alerts/first-report-alerts';
import { bindIntake } from '../intake/intake-store';
import { forgetRefused, noteRefused } from '../data/unreadable';
import { openEnquiryGrouping } from '../faq/enquiry-groups';

export interface SessionOptions {
  /** The person using this laptop, as stored now; `onMe` hears every later change. */
  me: Person | null;
  onMe(me: Person | null): void;
  errorLog?: ErrorLog;
  dueNotifications?: DueNotificationOptions;
}

export function openSession(db: HonbuDb, ws: OpenWorkspace, options: SessionOptions): DisposableStore {
  const life = new DisposableStore();
  const { store, identity } = ws;

  // Closed last: takes no edit from now on, keeps those under way, then drops the keys.
  life.add(toDisposable(() => store.close()));

  // Errors recorded while locked are written now; on lock the log lets go of the key.
  life.add((options.errorLog ?? appErrorLog).open(db, store.keys.data));

  // An event a read refused (altered on disk or damaged: decision 040) is left out of every
  // read, logged once as handled and said calmly where it belongs; forgotten on lock.
  store.onRefused(noteRefused);
  life.add(
    toDisposable(() => {
      store.onRefused(null);
      forgetRefused();
    }),
  );

  // Column mappings remembered by an earlier version under their header line in clear (a
  // headerless file's first row) are keyed by a keyed hash of it from now on.
  forgetHeadersInClearLater(db, store.keys.index);

  // Commands reach this store through dispatch until the lock (it fails after it).
  life.add(openDispatch({ store, personId: identity.personId }));
  // Who holds which role, for the screens (who may approve, the roster).
  life.add(bindRoles(store, identity.personId));

  // The header's "signed in as" follows profile edits, from this laptop or another.
  life.add(
    toDisposable(
      store.subscribe((notice) => {
        const touched = touchedIn(notice, tables.people);
        if (!touched || (touched.size > 0 && !touched.has(identity.personId))) return;
        void store
          .table(tables.people)
          .get(identity.personId)
          .then((fresh) => {
            if (!life.isDisposed) options.onMe(fresh ?? null);
          });
      }),
    ),
  );

  // What the screens read (every part's store): every decrypted value they hold goes on lock.
  life.add(bindWorkspaceStores(store));

  // The customer-contact engine, its caches of opened rows and its import worker.
  void useContacts.getState().open(store);
  life.add(toDisposable(() => useContacts.getState().open(null)));

  // The enquiry log's groups (FAQ screens): one grouping worker for the session, started
  // when a screen first needs it; the lock ends it and every enquiry's text it held.
  life.add(openEnquiryGrouping());

  // Sync starts in the background when this workspace is in a team; nothing waits for it.
  const me = options.me;
  void useSync.getState().attach(store, { identity, personName: me?.name ?? '', roles: me?.roles ?? [] });
  life.add(toDisposable(() => useSync.getState().detach()));

  // Customer lists shared with the team and received from it, while sync is on (closed before sync).
  life.add(openListTransfers(store));

  // The intake inbox (decision 019): reports from the intake page, fetched from the team's host.
  life.add(bindIntake(store));

  life.add(startDueNotifications(store, options.dueNotifications));
  // Reminders by e-mail and chat (decision 024): handed to the team's host ahead of their time.
  life.add(openReminderDelivery(store, options.dueNotifications?.advanceMinutes));

  // Alerts: the host link that hands queued escalations to the team's host, and a first report
  // filed here starting its call tree (decisions 017, 018).
  life.add(openAlerts(store));
  life.add(alertOnFirstReports(store));
  return life;
}
