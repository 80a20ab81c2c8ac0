/**
 * A reminder in words: what and when, never customer data — the task's title and phase,
 * "next public update" or the name of the legal report, and the deadline.
 */
import type { Language } from '../../../shared/ipc/contract';
import type { Reminder, ReminderSubject } from '../../../shared/reminders/reminders';
import type { Task } from '../../../shared/boards/tasks';
import { translate } from '../i18n/i18n';
import { taskTitle } from '../boards/task-words';
import { formatDateTime } from '../ui/format';

export function subjectWords(subject: ReminderSubject, task: Pick<Task, 'title' | 'en'> | undefined, lang: Language): string {
  if (subject.type === 'task') {
    return translate(lang, 'reminders.what.task', { title: task ? taskTitle(task, lang) : '?', phase: translate(lang, `roles.${subject.phase}`) });
  }
  if (subject.type === 'update') return translate(lang, 'reminders.what.update');
  // Content-free like the rest: no caller and no question (a notification can be seen over a shoulder).
  if (subject.type === 'callback') return translate(lang, 'reminders.what.callback');
  return translate(lang, `reminders.what.clock.${subject.clock}`);
}

export function reminderNotification(r: Reminder, task: Pick<Task, 'title' | 'en' | 'owner'> | undefined, lang: Language): { title: string; body: string } {
  const at = formatDateTime(r.deadline, lang);
  const owner = task?.owner.trim() || translate(lang, 'reminders.unassigned');
  return {
    title: translate(lang, `reminders.notifyTitle.${r.point}`),
    body: `${subjectWords(r.subject, task, lang)} — ${translate(lang, `reminders.when.${r.point}`, { at, owner })}`,
  };
}
