import { newlyDue } from '../../../shared/boards/tasks';
import { tasksWithLegalDues } from '../../../shared/disclosure/effective';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import type { EventStore } from '../data/event-store';
import { translate, useI18n } from '../i18n/i18n';
import { notify } from '../platform/platform';
import { taskTitle } from './task-words';
import { tables } from '../data/tables';
import { currentRoleBook } from '../roles/role-book';

export interface DueNotificationOptions {
  everyMs?: number;
  now?: () => number;
  /** Where notifications go (the OS, or a test). */
  notify?: (title: string, body: string) => Promise<void>;
  /** Whose reminders: only tasks of the incidents they are a member of (default: the store's person). */
  personId?: string;
}

/**
 * A desktop notification when a task falls due while the workspace is open: an agent
 * that tells people the deadline. Only the task title and phase go to the OS. Opened on
 * unlock and disposed on lock (the session's lifetime), so no timer reads a locked store.
 */
export function startDueNotifications(store: EventStore, options: DueNotificationOptions = {}): Disposable {
  const now = options.now ?? Date.now;
  const send = options.notify ?? notify;
  let since = now();
  let checking = false;

  async function check(): Promise<void> {
    const at = now();
    // A legal duty's task is due when its clock says, as on the board.
    const [allTasks, incidents, rows, book] = await Promise.all([
      store.table(tables.tasks).all(),
      store.table(tables.incidents).all(),
      store.table(tables.disclosure).all(),
      currentRoleBook(store),
    ]);
    // Only the incidents this person is a member of (decision 016): a reminder names the task.
    const tasks = allTasks.filter((task) => book.isMember(options.personId ?? store.actor, task.incidentId));
    // The language on screen when the task falls due, not when the workspace was opened.
    const lang = useI18n.getState().lang;
    for (const task of newlyDue(tasksWithLegalDues(tasks, incidents, rows, at), since, at)) {
      // Not awaited: a permission prompt left open must not hold back the next check.
      void send(
        translate(lang, 'deadlines.notifyTitle'),
        translate(lang, 'deadlines.notifyBody', { title: taskTitle(task, lang), phase: translate(lang, `roles.${task.phase}`) }),
      );
    }
    since = at;
  }

  const timer = setInterval(() => {
    // A slow check (a large workspace) is not stacked on top of itself.
    if (checking) return;
    checking = true;
    // A failure goes to the one handler for unexpected errors (the window's unhandledrejection).
    void check().finally(() => (checking = false));
  }, options.everyMs ?? 30_000);
  return toDisposable(() => clearInterval(timer));
}
