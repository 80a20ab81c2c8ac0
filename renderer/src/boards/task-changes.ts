/**
 * What a task's editor saves: only the fields the person changed. The due time is shown to the
 * minute, so a due time with seconds (one worked out from the discovery time) reads back
 * different from what is stored even when nobody touched it: it is saved only when the field
 * itself changed, or a change of owner would move the deadline and its reminder up to a minute.
 */
import type { TaskStatus } from '../../../shared/boards/model';
import type { Task } from '../../../shared/boards/tasks';
import { fromLocalInput, toLocalInput } from '../ui/format';

export interface TaskForm {
  owner: string;
  /** The due field as the input holds it (local time, to the minute). */
  due: string;
  status: TaskStatus;
  notes: string;
}

/**
 * The changed fields. `shownNotes` are the notes as the editor showed them (in the reader's
 * language); `dueFixed` when the due time is a legal clock's and not edited here.
 */
export function taskChanges(task: Task, form: TaskForm, shownNotes: string, dueFixed: boolean): Partial<Pick<Task, 'owner' | 'dueAt' | 'status' | 'notes'>> {
  const out: Partial<Pick<Task, 'owner' | 'dueAt' | 'status' | 'notes'>> = {};
  if (form.owner.trim() !== task.owner) out.owner = form.owner.trim();
  if (!dueFixed && form.due !== toLocalInput(task.dueAt)) {
    const dueAt = fromLocalInput(form.due);
    if (dueAt !== task.dueAt) out.dueAt = dueAt;
  }
  if (form.status !== task.status) out.status = form.status;
  if (form.notes !== shownNotes) out.notes = form.notes;
  return out;
}
