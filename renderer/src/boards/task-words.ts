/**
 * A task's words in the current language. Built-in tasks carry their English; tasks from
 * boards started before that fall back to the built-in templates' English; words someone
 * typed show as typed. Sources written as the project's document numbers (boards started
 * before sources were put in plain words) are not shown at all.
 */
import { BUILTIN_ENGLISH } from '../../../shared/boards/scenarios';
import { taskText, type Task } from '../../../shared/boards/tasks';
import { documentCitation } from '../../../shared/i18n/document-citations';
import type { Language } from '../../../shared/ipc/contract';

const builtin = (text: string) => BUILTIN_ENGLISH.get(text);

export function taskWords(task: Pick<Task, 'en'>, text: string, lang: Language): string {
  return taskText(task, text, lang, builtin);
}

export function taskTitle(task: Pick<Task, 'en' | 'title'>, lang: Language): string {
  return taskWords(task, task.title, lang);
}

/** The help text naming where a task comes from; null when there is none worth showing. */
export function taskSource(task: Pick<Task, 'en' | 'source'>, lang: Language): string | null {
  if (!task.source || documentCitation(task.source)) return null;
  return taskWords(task, task.source, lang);
}
