import { useState, type FormEvent } from 'react';
import { SEVERITIES, type Severity } from '../../../shared/alerts/plan';
import { templateWords } from '../../../shared/boards/scenarios';
import type { Problem } from '../../../shared/events/command';
import type { CallTree, CallTreeFields, DirectoryPerson } from '../../../shared/directory/model';
import { useTemplates } from '../boards/templates-store';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { message, say, type Message } from '../ui/message';
import { useCallTrees } from './directory-store';
import { TreeAttention } from './TreeAttention';
import { problemWords } from './words';

const NEW_TREE: CallTreeFields = { name: '', scenario: null, severity: 'high', steps: [{ personIds: [], waitMinutes: 15 }] };

/** The call trees: per kind of incident and severity, who is alerted at each step and how long to wait before the next. */
export function CallTrees({ people, canEdit }: { people: readonly DirectoryPerson[]; canEdit: boolean }) {
  const t = useT();
  const trees = useCallTrees();
  const templates = useTemplates();
  const [editing, setEditing] = useState<CallTree | 'new' | null>(null);
  const [status, setStatus] = useState<Message | null>(null);
  const byId = new Map(people.map((p) => [p.id, p]));
  const scenarioName = (id: string | null) => {
    const tpl = id === null ? undefined : templates.find((x) => x.id === id);
    return id === null ? t('callTrees.anyScenario') : tpl ? templateWords(tpl, t.lang).name : id;
  };
  const severityName = (s: Severity | null) => (s === null ? t('callTrees.anySeverity') : t('severity.badge', { level: t(`severity.${s}`) }));

  async function remove(tree: CallTree) {
    if (!window.confirm(t('callTrees.removeConfirm', { name: tree.name }))) return;
    await dispatch('directory.remove-tree', { treeId: tree.id });
  }

  return (
    <section aria-labelledby="call-trees-title" className="call-trees">
      <div className="board-head">
        <h2 id="call-trees-title">{t('callTrees.title')}</h2>
        <span className="spacer" />
        {canEdit && editing === null && people.length > 0 && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('callTrees.add')}
          </button>
        )}
      </div>
      <p className="hint">{t('callTrees.lead')}</p>
      {canEdit && people.length === 0 && <p className="hint">{t('callTrees.needPeople')}</p>}
      {editing !== null && (
        <TreeForm
          key={editing === 'new' ? 'new' : editing.id}
          tree={editing === 'new' ? null : editing}
          people={people}
          scenarios={templates.map((tpl) => ({ id: tpl.id, name: templateWords(tpl, t.lang).name }))}
          onDone={(name) => {
            setEditing(null);
            setStatus(name ? message('callTrees.saved', { name }) : null);
          }}
        />
      )}
      {status && <p role="status">{say(t, status)}</p>}
      {trees.length === 0 && editing === null && <p className="empty">{t('callTrees.empty')}</p>}
      {trees.map((tree) => (
        <article key={tree.id} className="card call-tree" data-call-tree={tree.name}>
          <div className="board-head">
            <h3>{tree.name}</h3>
            <span className="meta">{t('callTrees.when', { scenario: scenarioName(tree.scenario), severity: severityName(tree.severity) })}</span>
            <span className="spacer" />
            {canEdit && editing === null && (
              <>
                <button type="button" className="link" onClick={() => setEditing(tree)}>
                  {t('callTrees.edit')}
                </button>
                <button type="button" className="link" onClick={() => void remove(tree)}>
                  {t('callTrees.remove')}
                </button>
              </>
            )}
          </div>
          <TreeAttention tree={tree} fix="here" />
          <ol className="steps">
            {tree.steps.map((s, i) => (
              <li key={i}>
                <strong>{t('callTrees.step', { n: i + 1 })}</strong> {s.personIds.map((id) => byId.get(id)?.name ?? t('callTrees.removedPerson')).join('、')}
                {i < tree.steps.length - 1 && <span className="meta"> — {t('callTrees.waitShort', { n: s.waitMinutes })}</span>}
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}

function TreeForm({ tree, people, scenarios, onDone }: { tree: CallTree | null; people: readonly DirectoryPerson[]; scenarios: { id: string; name: string }[]; onDone(saved: string | null): void }) {
  const t = useT();
  const [draft, setDraft] = useState<CallTreeFields>(() => (tree ? { name: tree.name, scenario: tree.scenario, severity: tree.severity, steps: tree.steps.map((s) => ({ ...s, personIds: [...s.personIds] })) } : NEW_TREE));
  const [waits, setWaits] = useState(() => draft.steps.map((s) => String(s.waitMinutes)));
  const [problems, setProblems] = useState<Problem[]>([]);
  const setStep = (i: number, personIds: string[]) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, personIds } : s)) }));
  const errorFor = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => (
        <p key={p.reason} className="error" role="alert">
          {problemWords(t, p)}
        </p>
      ));

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Minutes typed with full-width digits count as typed.
    const steps = draft.steps.map((s, i) => ({ ...s, waitMinutes: Number((waits[i] ?? '').normalize('NFKC').trim() || NaN) }));
    try {
      await dispatch('directory.save-tree', { ...(tree ? { treeId: tree.id } : {}), tree: { ...draft, steps } });
      onDone(draft.name.trim());
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setProblems(err.problems);
    }
  }

  return (
    <form className="card" onSubmit={submit} autoComplete="off" noValidate data-tree-form aria-labelledby="tree-form-title">
      <h3 id="tree-form-title">{tree ? tree.name : t('callTrees.add')}</h3>
      <div className="grid2">
        <div>
          <label htmlFor="tree-name">{t('callTrees.name')}</label>
          <input id="tree-name" autoComplete="off" value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
          {errorFor('name')}
        </div>
        <div>
          <label htmlFor="tree-scenario">{t('callTrees.scenario')}</label>
          <select id="tree-scenario" value={draft.scenario ?? ''} onChange={(e) => setDraft((d) => ({ ...d, scenario: e.target.value || null }))}>
            <option value="">{t('callTrees.anyScenario')}</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tree-severity">{t('callTrees.severity')}</label>
          <select id="tree-severity" value={draft.severity ?? ''} onChange={(e) => setDraft((d) => ({ ...d, severity: (e.target.value || null) as Severity | null }))}>
            <option value="">{t('callTrees.anySeverity')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errorFor('steps')}
      {draft.steps.map((step, i) => (
        <fieldset key={i} className="tree-step" data-step={i + 1}>
          <legend>{t('callTrees.step', { n: i + 1 })}</legend>
          <div className="people-picks" role="group" aria-label={t('callTrees.people')}>
            {people.map((p) => (
              <label key={p.id} className="inline">
                <input
                  type="checkbox"
                  checked={step.personIds.includes(p.id)}
                  onChange={(e) => setStep(i, e.target.checked ? [...step.personIds, p.id] : step.personIds.filter((x) => x !== p.id))}
                />
                {p.name}
              </label>
            ))}
          </div>
          {errorFor(`steps.${i}.people`)}
          <label htmlFor={`tree-wait-${i}`}>{t('callTrees.wait')}</label>
          <input id={`tree-wait-${i}`} inputMode="numeric" autoComplete="off" className="short" value={waits[i] ?? ''} onChange={(e) => setWaits((w) => w.map((x, j) => (j === i ? e.target.value : x)))} />
          {errorFor(`steps.${i}.wait`)}
          {draft.steps.length > 1 && (
            <button
              type="button"
              className="link remove-step"
              onClick={() => {
                setDraft((d) => ({ ...d, steps: d.steps.filter((_, j) => j !== i) }));
                setWaits((w) => w.filter((_, j) => j !== i));
              }}
            >
              {t('callTrees.removeStep')}
            </button>
          )}
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setDraft((d) => ({ ...d, steps: [...d.steps, { personIds: [], waitMinutes: 30 }] }));
            setWaits((w) => [...w, '30']);
          }}
        >
          {t('callTrees.addStep')}
        </button>
        <span className="spacer" />
        <button type="submit" className="primary">
          {t('callTrees.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('callTrees.cancel')}
        </button>
      </div>
    </form>
  );
}
