import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { isBlankTitle } from '../../../shared/boards/commands';
import { PHASES, TASK_STATUSES, type Phase, type TaskStatus } from '../../../shared/boards/model';
import { dueState, type DueState, type Task } from '../../../shared/boards/tasks';
import { useT, type Translator } from '../i18n/i18n';
import { dispatch } from '../data/dispatch';
import type { OpenIncident } from '../incidents/open-incident';
import { formatDateTime } from '../ui/format';
import { useNow } from '../ui/use-now';
import { useBoardPresence } from '../sync/ui/use-board-presence';
import { TaskEditor } from './TaskEditor';
import { ScenarioTasksDialog } from './ScenarioTasksDialog';
import { taskTitle } from './task-words';
import { ReadOnlyArea, useReadOnly } from '../ui/read-only';

const ALL = '\u0000all';
const NOBODY = '\u0000nobody';
/** An owner as compared: the same person however the spaces and letters' width were typed (reminders' ownsTask compares so). */
const ownerKey = (owner: string) => owner.normalize('NFKC').trim();

/**
 * Cards each column draws when the board first appears: more than a window shows. The rest
 * follow once that first screen has been painted (a board holds up to ~1,000 cards; drawing
 * and laying them all out before anything showed was most of the time from unlock to the
 * screen). Every card is on the page a frame later; the counts show the full figures at once.
 */
export const FIRST_DRAW_CARDS = 40;

/** One board per phase; columns by status; move cards by keyboard (← →) or by dragging. */
export function BoardsView({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const [phase, setPhase] = useState<Phase>('direction');
  const [person, setPerson] = useState(ALL);
  const [newTitle, setNewTitle] = useState('');
  const [titleBlank, setTitleBlank] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [addingScenario, setAddingScenario] = useState(false);
  const [addedCount, setAddedCount] = useState<number | null>(null);
  const [drawAll, setDrawAll] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the first screen's frame, as a transition: typing or a click meanwhile comes first.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setDrawAll(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  const incidentId = data.incident.id;
  useBoardPresence(incidentId, phase);
  // Over every task of the incident (a thousand or more): once per change of the tasks or the minute, not per render.
  // One entry per person however the name was typed (山田 花子 with a half- or full-width space, YAMADA / ＹＡＭＡＤＡ), as
  // reminders match owners: the value is the name compared, the label the first way it was typed.
  const owners = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const x of data.tasks) {
      const key = ownerKey(x.owner);
      if (key !== '' && !byKey.has(key)) byKey.set(key, x.owner.trim());
    }
    return [...byKey].sort((a, b) => a[1].localeCompare(b[1], 'ja'));
  }, [data.tasks]);
  const phaseCounts = useMemo(() => {
    const counts = new Map<Phase, { done: number; total: number; overdue: number }>(PHASES.map((p) => [p, { done: 0, total: 0, overdue: 0 }]));
    for (const x of data.tasks) {
      const c = counts.get(x.phase);
      if (!c) continue;
      c.total++;
      if (x.status === 'done') c.done++;
      if (dueState(x, now) === 'overdue') c.overdue++;
    }
    return counts;
  }, [data.tasks, now]);
  const visible = data.tasks.filter(
    (x) => x.phase === phase && (person === ALL || (person === NOBODY ? ownerKey(x.owner) === '' : ownerKey(x.owner) === person)),
  );

  // A card moved to another column is a new element there: focus follows it once it has
  // arrived, so the next arrow key moves it again instead of going nowhere.
  const followFocus = useRef<{ id: string; status: TaskStatus } | null>(null);
  useLayoutEffect(() => {
    const pending = followFocus.current;
    if (!pending || data.tasks.find((x) => x.id === pending.id)?.status !== pending.status) return;
    followFocus.current = null;
    document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(pending.id)}"]`)?.focus();
  });

  const readOnly = useReadOnly();
  const move = (task: Task, status: TaskStatus, keepFocus = false) => {
    if (status === task.status || readOnly) return;
    if (keepFocus) followFocus.current = { id: task.id, status };
    void dispatch('boards.change-task', { incidentId, taskId: task.id, changes: { status } });
  };
  const keyHandler = (task: Task, e: KeyboardEvent) => {
    const i = TASK_STATUSES.indexOf(task.status);
    if (e.key === 'ArrowRight' && i < TASK_STATUSES.length - 1) move(task, TASK_STATUSES[i + 1]!, true);
    else if (e.key === 'ArrowLeft' && i > 0) move(task, TASK_STATUSES[i - 1]!, true);
    else if (e.key === 'Enter') setEditing(task.id);
    else return;
    e.preventDefault();
  };
  // The cards are memoised: they get one handler for the board's life that calls the latest one.
  const latestKey = useRef(keyHandler);
  useLayoutEffect(() => {
    latestKey.current = keyHandler;
  });
  const onKey = useCallback((task: Task, e: KeyboardEvent) => latestKey.current(task, e), []);
  const onDrop = (status: TaskStatus, e: DragEvent) => {
    e.preventDefault();
    const task = data.tasks.find((x) => x.id === e.dataTransfer.getData('text/x-honbu-task'));
    if (task) move(task, status);
  };

  return (
    <div className="boards">
      <nav className="phase-list" aria-label={t('board.phases')}>
        {PHASES.map((p) => {
          const { done, total, overdue } = phaseCounts.get(p)!;
          return (
            <button key={p} type="button" aria-current={p === phase ? 'true' : undefined} onClick={() => setPhase(p)}>
              <span>{t(`roles.${p}`)}</span>
              <span className="count">{t('board.taskCount', { done, total })}</span>
              {overdue > 0 && <span className="badge overdue">{t('board.overdue')}</span>}
            </button>
          );
        })}
      </nav>
      <section className="board" aria-labelledby="board-title">
        <div className="board-head">
          <h2 id="board-title">{t('board.title', { phase: t(`roles.${phase}`) })}</h2>
          <label htmlFor="board-filter" className="inline-label">
            {t('board.filter')}
          </label>
          <select id="board-filter" value={person} onChange={(e) => setPerson(e.target.value)}>
            <option value={ALL}>{t('board.all')}</option>
            <option value={NOBODY}>{t('board.unassigned')}</option>
            {owners.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <p className="hint">{readOnly ? t('board.readOnlyHint') : t('board.keyboardHint')}</p>
        <div className="columns">
          {TASK_STATUSES.map((status) => {
            const tasks = visible.filter((x) => x.status === status);
            return (
              <section
                key={status}
                className={`column ${status}`}
                aria-labelledby={`col-${status}`}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(status, e)}
              >
                <h3 id={`col-${status}`}>
                  {t(`statuses.${status}`)} <span className="count">{tasks.length}</span>
                </h3>
                <ul role="list">
                  {(drawAll ? tasks : tasks.slice(0, FIRST_DRAW_CARDS)).map((task) => (
                    <TaskCard key={task.id} task={task} due={dueState(task, now)} t={t} readOnly={readOnly} onKey={onKey} onEdit={setEditing} />
                  ))}
                </ul>
                {tasks.length === 0 && <p className="hint">{t('board.empty')}</p>}
              </section>
            );
          })}
        </div>
        <ReadOnlyArea>
          <form
            className="add-task"
            autoComplete="off"
            onSubmit={(e) => {
              e.preventDefault();
              // A title of spaces or invisible characters only would be an empty card: said beside the field.
              if (isBlankTitle(newTitle)) {
                setTitleBlank(newTitle !== '');
                return;
              }
              setTitleBlank(false);
              void dispatch('boards.add-task', { incidentId, phase, title: newTitle }).then(() => setNewTitle(''));
            }}
          >
            <label htmlFor="new-task">{t('board.newTask')}</label>
            <input
              id="new-task"
              autoComplete="off"
              value={newTitle}
              aria-invalid={titleBlank || undefined}
              aria-describedby={titleBlank ? 'new-task-problem' : undefined}
              onChange={(e) => {
                setNewTitle(e.target.value);
                setTitleBlank(false);
              }}
            />
            <button type="submit">{t('board.addTask')}</button>
            {titleBlank && (
              <span id="new-task-problem" role="alert" className="error">
                {' '}
                {t('board.titleBlank')}
              </span>
            )}
          </form>
          <p className="scenario-tasks-open">
            <button type="button" onClick={() => setAddingScenario(true)}>
              {t('scenarioTasks.open')}
            </button>
            {addedCount !== null && addedCount > 0 && (
              <span role="status" className="hint">
                {' '}
                {t('scenarioTasks.added', { n: addedCount })}
              </span>
            )}
          </p>
        </ReadOnlyArea>
      </section>
      {addingScenario && (
        <ScenarioTasksDialog
          incident={data.incident}
          tasks={data.tasks}
          onClose={(added) => {
            setAddingScenario(false);
            if (added !== null) setAddedCount(added);
          }}
        />
      )}
      {editing && <TaskEditor task={data.tasks.find((x) => x.id === editing)!} incidentId={incidentId} onClose={() => setEditing(null)} />}
    </div>
  );
}

interface TaskCardProps {
  task: Task;
  due: DueState;
  t: Translator;
  readOnly: boolean;
  onKey: (task: Task, e: KeyboardEvent) => void;
  onEdit: (taskId: string) => void;
}

/**
 * One card. Memoised: adding or moving one task redraws that card, not the hundred beside it
 * (each card formats a date; redrawing them all was most of the time from a change to the screen).
 */
const TaskCard = memo(function TaskCard({ task, due, t, readOnly, onKey, onEdit }: TaskCardProps) {
  const title = taskTitle(task, t.lang);
  return (
    <li
      data-task-id={task.id}
      className={`task ${due}`}
      tabIndex={0}
      draggable={!readOnly}
      aria-label={`${title} — ${t(`statuses.${task.status}`)}`}
      onKeyDown={(e) => onKey(task, e)}
      onDragStart={(e) => e.dataTransfer.setData('text/x-honbu-task', task.id)}
    >
      <button type="button" className="task-title" onClick={() => onEdit(task.id)} aria-label={t('board.edit', { title })}>
        {title}
      </button>
      <div className="task-meta">
        <span>{task.owner || t('board.unassigned')}</span>
        {task.dueAt && <span className={`due ${due}`}>{formatDateTime(task.dueAt, t.lang)}</span>}
        {due === 'overdue' && <span className="badge overdue">{t('board.overdue')}</span>}
        {due === 'due-soon' && <span className="badge soon">{t('board.dueSoon')}</span>}
        {task.checklist.length > 0 && (
          <span>
            {task.checklist.filter((c) => c.done).length}/{task.checklist.length}
          </span>
        )}
      </div>
    </li>
  );
});
