/**
 * A reminder in words: what and when, never customer data — the task's title and phase,
 * "next public update" or the name of the legal report, and the deadline. A title typed in a
 * hurry may name a customer (「田中様（090-…）へ折り返し」): in a desktop notification its phone
 * numbers, e-mail addresses, member numbers and street numbers are blanked as on the executives' page
 * (shared/text/contact-details.ts); dates, counts and amounts stay.
 */
import type { Language } from '../../../shared/ipc/contract';
import type { Reminder, ReminderSubject } from '../../../shared/reminders/reminders';
import type { Task } from '../../../shared/boards/tasks';
import { translate } from '../i18n/i18n';
import { taskTitle } from '../boards/task-words';
import { formatDateTime } from '../ui/format';
import { blankContactDetails } from '../../../shared/text/contact-details';

/** A task's title as a reminder shows it, over a shoulder or on a locked screen. */
const shownTitle = (title: string) => blankContactDetails(title, { replacement: '＊＊＊', minDigits: 8, keepDatesAndAmounts: true });

/** `outside`: words shown outside the app (a desktop notification), where a task's title is blanked; in the app (私の対応) it is shown as typed. */
export function subjectWords(subject: ReminderSubject, task: Pick<Task, 'title' | 'en'> | undefined, lang: Language, outside = false): string {
  if (subject.type === 'task') {
    const title = task ? taskTitle(task, lang) : '?';
    return translate(lang, 'reminders.what.task', { title: outside ? shownTitle(title) : title, phase: translate(lang, `roles.${subject.phase}`) });
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
    body: `${subjectWords(r.subject, task, lang, true)} — ${translate(lang, `reminders.when.${r.point}`, { at, owner })}`,
  };
}
