import { recordNotified } from '../../../shared/reminders/commands';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import type { EventStore } from '../data/event-store';
import { translate, useI18n } from '../i18n/i18n';
import { notify } from '../platform/platform';
import { DEFAULT_ADVANCE_MINUTES, toNotify } from '../../../shared/reminders/reminders';
import { readReminderState } from '../reminders/reminder-state';
import { reminderNotification } from '../reminders/reminder-words';

/** More reminders than this at once become one notification pointing to 私の対応. */
export const MAX_SEPARATE = 3;

export interface DueNotificationOptions {
  everyMs?: number;
  now?: () => number;
  /** Where notifications go (the OS, or a test). */
  notify?: (title: string, body: string) => Promise<void>;
  /** Whose reminders (default: the store's person). */
  personId?: string;
  /** The person's advance warning in minutes (the session passes this laptop's setting). */
  advanceMinutes?: () => number;
}

/**
 * Desktop notifications of the person's own reminders (shared/reminders, decision 020):
 * their tasks before, at and after the due time, escalations to direction, the next public
 * update and the legal clocks — only to the person each concerns, and each once. What was
 * shown is recorded as an event (reminders.notified), so a restart or the person's other
 * laptop does not show it again. Opened on unlock and disposed on lock (the session's
 * lifetime), so no timer reads a locked store.
 */
export function startDueNotifications(store: EventStore, options: DueNotificationOptions = {}): Disposable {
  const now = options.now ?? Date.now;
  const send = options.notify ?? notify;
  const advance = options.advanceMinutes ?? (() => DEFAULT_ADVANCE_MINUTES);
  // Shown in this session: the record may fail to be written (a revoked laptop) without repeating.
  const shown = new Set<string>();
  let checking = false;
  let disposed = false;

  async function check(): Promise<void> {
    const personId = options.personId ?? store.actor;
    const state = await readReminderState(store, personId, now(), advance());
    const fresh = toNotify(state.due, new Set([...state.notified, ...shown]));
    if (fresh.length === 0) return;
    // The language on screen when the reminder falls due, not when the workspace was opened.
    const lang = useI18n.getState().lang;
    for (const r of fresh) shown.add(r.id);
    // Not awaited: a permission prompt left open must not hold back the next check.
    if (fresh.length > MAX_SEPARATE) {
      // Many at once (a laptop opened after a night, a lead of many late tasks): one calm line, not a flood.
      void send(translate(lang, 'reminders.manyTitle', { n: fresh.length }), translate(lang, 'reminders.manyBody'));
    } else {
      for (const r of fresh) {
        const { title, body } = reminderNotification(r, state.tasks.get(r.subject.type === 'task' ? r.subject.taskId : ''), lang);
        void send(title, body);
      }
    }
    for (const incidentId of new Set(fresh.map((r) => r.incidentId))) {
      const reminderIds = fresh.filter((r) => r.incidentId === incidentId).map((r) => r.id);
      const result = recordNotified({ now: now(), newId: () => crypto.randomUUID(), actor: { personId, roles: [] } }, null, { incidentId, reminderIds });
      // A laptop that may not write (revoked: read-only) still showed it; `shown` keeps it from repeating here.
      if (result.ok) await store.append(result.events).catch(() => undefined);
    }
  }

  const timer = setInterval(() => {
    // A slow check (a large workspace) is not stacked on top of itself.
    if (checking) return;
    checking = true;
    // A failure goes to the one handler for unexpected errors (the window's unhandledrejection);
    // a check cut off by the lock (its store closed under it) is not one.
    void check()
      .catch((e: unknown) => {
        if (!disposed) throw e;
      })
      .finally(() => (checking = false));
  }, options.everyMs ?? 30_000);
  return toDisposable(() => {
    disposed = true;
    clearInterval(timer);
  });
}
