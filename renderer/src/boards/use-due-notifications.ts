import { useEffect } from 'react';
import { newlyDue, type Task } from '../../../shared/boards/tasks';
import { tasksWithLegalDues } from '../../../shared/disclosure/effective';
import type { DisclosureRow } from '../../../shared/disclosure/regulator';
import type { Incident } from '../../../shared/incident/model';
import { translate, useI18n } from '../i18n/i18n';
import { notify } from '../platform/platform';
import { useSession } from '../vault/session-store';
import { taskTitle } from './task-words';

/**
 * A desktop notification when a task falls due while the app is open (004 §8-⑧: an agent
 * that tells people the deadline). Only the task title and phase go to the OS.
 */
export function useDueNotifications(everyMs = 30_000): void {
  const lang = useI18n((s) => s.lang);
  const store = useSession((s) => s.store);
  useEffect(() => {
    if (!store) return;
    let since = Date.now();
    const timer = setInterval(async () => {
      const now = Date.now();
      // A legal duty's task is due when its clock says, as on the board.
      const [tasks, incidents, rows] = await Promise.all([store.readRows<Task>('tasks'), store.readRows<Incident>('incidents'), store.readRows<DisclosureRow>('disclosure')]);
      for (const task of newlyDue(tasksWithLegalDues(tasks, incidents, rows, now), since, now)) {
        void notify(
          translate(lang, 'deadlines.notifyTitle'),
          translate(lang, 'deadlines.notifyBody', { title: taskTitle(task, lang), phase: translate(lang, `roles.${task.phase}`) }),
        );
      }
      since = now;
    }, everyMs);
    return () => clearInterval(timer);
  }, [store, everyMs, lang]);
}
