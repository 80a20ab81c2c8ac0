import { useEffect, useMemo, useRef, useState } from 'react';
import { planScenarioTasks } from '../../../shared/boards/scenario-tasks';
import { templateWords } from '../../../shared/boards/scenarios';
import type { Task } from '../../../shared/boards/tasks';
import type { Problem } from '../../../shared/events/command';
import { translateIfAny, useT } from '../i18n/i18n';
import { dispatch, problemsOf } from '../data/dispatch';
import { formatDateTime } from '../ui/format';
import { useTemplates } from './templates-store';
import { taskTitle } from './task-words';

interface Props {
  incident: { id: string; scenario: string; completedAt: string | null };
  tasks: readonly Task[];
  onClose: (added: number | null) => void;
}

/**
 * When the scenario turns out different: pick the scenario, see which of its tasks are new
 * to the board and when they fall due, add them (and, by default, change the scenario).
 */
export function ScenarioTasksDialog({ incident, tasks, onClose }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const templates = useTemplates();
  const [templateId, setTemplateId] = useState(() => templates.find((x) => x.id !== incident.scenario)?.id ?? templates[0]?.id ?? '');
  const template = templates.find((x) => x.id === templateId);
  const [changeScenario, setChangeScenario] = useState(true);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  // The preview's due times are counted from when the dialog opened; the command counts from the click.
  const [openedAt] = useState(() => Date.now());
  const plan = useMemo(() => (template ? planScenarioTasks(template, tasks, openedAt, () => '') : null), [template, tasks, openedAt]);
  const nameOf = (id: string) => {
    const x = templates.find((y) => y.id === id);
    return x ? templateWords(x, t.lang).name : id;
  };
  const differs = template !== undefined && template.id !== incident.scenario;

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function add() {
    if (!template) return;
    setBusy(true);
    let added = 0;
    const found = await problemsOf(
      dispatch('boards.add-scenario-tasks', { incidentId: incident.id, template, changeScenario: changeScenario && differs }).then((n) => {
        added = n;
      }),
    );
    setBusy(false);
    if (found.length > 0) setProblems(found);
    else onClose(added);
  }

  const closed = incident.completedAt !== null;
  const nothing = plan !== null && plan.add.length === 0 && !(changeScenario && differs);
  return (
    <dialog ref={ref} aria-labelledby="scenario-tasks-title" onClose={() => onClose(null)} className="task-editor scenario-tasks">
      <form
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h2 id="scenario-tasks-title">{t('scenarioTasks.title')}</h2>
        <p className="hint">{t('scenarioTasks.why')}</p>
        <label htmlFor="scenario-tasks-template">{t('scenarioTasks.template')}</label>
        <select id="scenario-tasks-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {templateWords(x, t.lang).name}
              {x.id === incident.scenario ? ` ${t('scenarioTasks.current')}` : ''}
            </option>
          ))}
        </select>
        {plan && (
          <>
            <h3>{plan.add.length > 0 ? t('scenarioTasks.toAdd', { n: plan.add.length }) : t('scenarioTasks.noneToAdd')}</h3>
            {plan.add.length > 0 && (
              <ul className="scenario-task-list">
                {plan.add.map((task, i) => (
                  <li key={i}>
                    <span className="phase">{t(`roles.${task.phase}`)}</span> {taskTitle(task, t.lang)}
                    {task.dueAt && <span className="hint"> — {t('scenarioTasks.due', { at: formatDateTime(task.dueAt, t.lang) })}</span>}
                  </li>
                ))}
              </ul>
            )}
            {plan.already.length > 0 && <p className="hint">{t('scenarioTasks.already', { n: plan.already.length })}</p>}
            {plan.add.length > 0 && <p className="hint">{t('scenarioTasks.dueFromNow')}</p>}
          </>
        )}
        {differs && (
          <label className="check-item">
            <input type="checkbox" checked={changeScenario} onChange={(e) => setChangeScenario(e.target.checked)} />
            {t('scenarioTasks.changeScenario', { to: nameOf(templateId), from: nameOf(incident.scenario) })}
          </label>
        )}
        {closed && <p role="alert">{t('scenarioTasks.problems.closed')}</p>}
        {problems.length > 0 && (
          <ul role="alert">
            {problems.map((p, i) => (
              <li key={i}>{translateIfAny(t, `scenarioTasks.problems.${p.reason}`) ?? t('scenarioTasks.problems.other')}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || closed || nothing || !template}>
            {plan && plan.add.length > 0 ? t('scenarioTasks.add', { n: plan.add.length }) : t('scenarioTasks.changeOnly')}
          </button>
          <button type="button" onClick={() => onClose(null)}>
            {t('scenarioTasks.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
