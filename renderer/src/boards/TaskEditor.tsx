import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/boards/model';
import type { Task } from '../../../shared/boards/tasks';
import type { DerivedTask } from '../../../shared/disclosure/effective';
import { useT } from '../i18n/i18n';
import { taskSource, taskTitle, taskWords } from './task-words';
import { ReadOnlyArea, useReadOnly } from '../ui/read-only';
import { dispatch } from '../data/dispatch';
import { toLocalInput } from '../ui/format';
import { taskChanges } from './task-changes';

/** A task's details: owner, due time, status, notes, checklist. Saving records only what changed. */
export function TaskEditor({ task, incidentId, onClose }: { task: Task; incidentId: string; onClose: () => void }) {
  const t = useT();
  const readOnly = useReadOnly();
  const ref = useRef<HTMLDialogElement>(null);
  const [owner, setOwner] = useState(task.owner);
  const [due, setDue] = useState(toLocalInput(task.dueAt));
  // A legal duty's due time is its clock's: editing it here would start a second source.
  const dueFrom = (task as DerivedTask<Task>).dueFrom;
  const [status, setStatus] = useState<TaskStatus>(task.status);
  // Notes show in the reader's language; only a real edit is saved (never the translation itself).
  const shownNotes = taskWords(task, task.notes, t.lang);
  const [notes, setNotes] = useState(shownNotes);
  const source = taskSource(task, t.lang);
  // Ticks show at once; each is its own event, written as it is ticked.
  const [checks, setChecks] = useState(() => task.checklist.map((c) => c.done));

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    const changes = taskChanges(task, { owner, due, status, notes }, shownNotes, Boolean(dueFrom));
    if (Object.keys(changes).length > 0) await dispatch('boards.change-task', { incidentId, taskId: task.id, changes });
    onClose();
  }

  return (
    <dialog ref={ref} aria-labelledby="task-editor-title" onClose={onClose} className="task-editor">
      <form onSubmit={save} autoComplete="off">
        <h2 id="task-editor-title">{taskTitle(task, t.lang)}</h2>
        {source && <p className="hint">{t('board.source', { source })}</p>}
        <ReadOnlyArea>
        <div className="grid2">
          <div>
            <label htmlFor="task-owner">{t('board.owner')}</label>
            <input id="task-owner" autoComplete="off" value={owner} onChange={(e) => setOwner(e.target.value)} />
          </div>
          <div>
            <label htmlFor="task-due">{t('board.due')}</label>
            <input
              id="task-due"
              type="datetime-local"
              autoComplete="off"
              value={due}
              readOnly={dueFrom !== undefined}
              aria-describedby={dueFrom ? 'task-due-clock' : undefined}
              onChange={(e) => setDue(e.target.value)}
            />
            {dueFrom && (
              <p className="hint" id="task-due-clock">
                {t('regulator.taskDueFromClock')}
              </p>
            )}
          </div>
          <div>
            <label htmlFor="task-status">{t('board.status')}</label>
            <select id="task-status" value={status} onChange={(e) => setStatus(e.target.value as TaskStatus)}>
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label htmlFor="task-notes">{t('board.notes')}</label>
        <textarea id="task-notes" rows={3} autoComplete="off" value={notes} onChange={(e) => setNotes(e.target.value)} />
        {task.checklist.length > 0 && (
          <fieldset>
            <legend>{t('board.checklist')}</legend>
            {task.checklist.map((item, i) => (
              <label key={i} className="check-item">
                <input
                  type="checkbox"
                  checked={checks[i] ?? item.done}
                  onChange={(e) => {
                    const done = e.target.checked;
                    setChecks((c) => c.map((x, j) => (j === i ? done : x)));
                    void dispatch('boards.toggle-checklist-item', { incidentId, taskId: task.id, index: i, done });
                  }}
                />
                {taskWords(task, item.text, t.lang)}
              </label>
            ))}
          </fieldset>
        )}
        </ReadOnlyArea>
        <div className="actions">
          <button type="submit" className="primary" disabled={readOnly}>
            {t('board.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('board.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
