import { useState, type ChangeEvent, type FormEvent } from 'react';
import { PHASES, type Phase, type ScenarioTemplate, type TemplateTask } from '../../../shared/boards/model';
import { templateWords } from '../../../shared/boards/scenarios';
import { decodeTemplateFile, exportTemplate, parseTemplateFile, validateTemplate, type TemplateError } from '../../../shared/boards/template-file';
import { nextVersion, templateOf, type StoredTemplate } from '../../../shared/boards/templates';
import { useT } from '../i18n/i18n';
import { useActorName } from '../incidents/use-actor-name';
import { formatDateTime, hlcIso } from '../ui/format';
import { dispatch } from '../data/dispatch';
import { useTemplates } from './templates-store';
import { saveFile } from '../platform/platform';
import { message, problem, say, type Message } from '../ui/message';

/** Scenario templates: edited on screen (not only as JSON), exported and imported as files. */
export function TemplatesScreen() {
  const t = useT();
  const templates = useTemplates();
  const [editing, setEditing] = useState<ScenarioTemplate | null>(null);
  const [status, setStatus] = useState<Message | null>(null);

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // Read as bytes: a UTF-16 file (Notepad's "Unicode") is read, another encoding is named.
    const decoded = decodeTemplateFile(new Uint8Array(await file.arrayBuffer()));
    const result = decoded.ok ? parseTemplateFile(decoded.text) : decoded;
    if (!result.ok) {
      const first = result.errors[0]!;
      setStatus(problem('templates.importError', { line: first.line, column: first.column, path: first.path || file.name, message: first.message }));
      return;
    }
    // A file of the version here or older (kept from before) becomes the next version: one
    // number never names two wordings, and the newer one is not silently replaced.
    const current = templates.find((x) => x.id === result.template.id);
    if (current && result.template.version <= current.version) {
      const version = nextVersion(current, current);
      await dispatch('boards.save-template', { template: { ...result.template, version } });
      setStatus(message('templates.importedAsNext', { name: result.template.name, file: result.template.version, current: current.version, version }));
      return;
    }
    await dispatch('boards.save-template', { template: result.template });
    setStatus(message('templates.imported', { name: result.template.name }));
  }

  if (editing) return <TemplateEditor template={editing} onDone={() => setEditing(null)} />;

  return (
    <section aria-labelledby="templates-title">
      <div className="board-head">
        <h1 id="templates-title">{t('templates.title')}</h1>
        <span className="spacer" />
        <label className="button-like" htmlFor="template-import">
          {t('templates.import')}
        </label>
        <input id="template-import" type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void importFile(e)} />
      </div>
      <p className="hint">{t('templates.lead')}</p>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'error'}>
          {say(t, status)}
        </p>
      )}
      <ul className="template-list">
        {templates.map((tpl) => (
          <li key={tpl.id} className="card">
            <h2>
              {templateWords(tpl, t.lang).name} <span className="badge">{tpl.builtin ? t('templates.builtin') : t('templates.custom')}</span>
            </h2>
            <p>{templateWords(tpl, t.lang).description}</p>
            <p className="meta">{t('templates.count', { n: tpl.tasks.length })}</p>
            <div className="actions">
              <button type="button" onClick={() => setEditing(tpl)} aria-label={`${t('templates.edit')}: ${templateWords(tpl, t.lang).name}`}>
                {t('templates.edit')}
              </button>
              <button
                type="button"
                aria-label={`${t('templates.export')}: ${templateWords(tpl, t.lang).name}`}
                onClick={() => void saveFile({ suggestedName: `${tpl.id}.honbu-template.json`, data: exportTemplate(tpl), filters: [{ name: 'JSON', extensions: ['json'] }] })}
              >
                {t('templates.export')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function withoutStaleEnglish(task: TemplateTask, patch: Partial<TemplateTask>): TemplateTask {
  const next = { ...task, ...patch };
  if (patch.title === undefined && patch.checklist === undefined && patch.notes === undefined) return next;
  const { en: _en, ...rest } = next;
  return rest;
}

/** The template's save that is here now, when another save replaced the one the editor opened. */
function replacedWhileEditing(opened: ScenarioTemplate, current: ScenarioTemplate | undefined): StoredTemplate | null {
  if (!current || current === opened) return null;
  const now = current as Partial<StoredTemplate>;
  if (now.savedAt === undefined || now.savedAt === (opened as Partial<StoredTemplate>).savedAt) return null;
  return current as StoredTemplate;
}

function TemplateEditor({ template, onDone }: { template: ScenarioTemplate; onDone: () => void }) {
  const t = useT();
  const actorName = useActorName();
  const current = useTemplates().find((x) => x.id === template.id);
  const replaced = replacedWhileEditing(template, current);
  const [draft, setDraft] = useState<ScenarioTemplate>(() => templateOf(template));
  const [errors, setErrors] = useState<TemplateError[]>([]);
  // Changed Japanese words no longer match their English: the task then reads as typed in both languages.
  const setTask = (i: number, patch: Partial<TemplateTask>) =>
    setDraft((d) => ({ ...d, tasks: d.tasks.map((x, j) => (j === i ? withoutStaleEnglish(x, patch) : x)) }));
  const setWords = (patch: Partial<Pick<ScenarioTemplate, 'name' | 'description'>>) => setDraft(({ en: _en, ...d }) => ({ ...d, ...patch }));

  async function save(e: FormEvent) {
    e.preventDefault();
    // One after the newest version here: another laptop's save that arrived meanwhile keeps its number.
    const next = { ...draft, version: nextVersion(template, current), builtin: false };
    const found = validateTemplate(next);
    setErrors(found);
    if (found.length > 0) return;
    await dispatch('boards.save-template', { template: next });
    onDone();
  }

  return (
    <form onSubmit={save} autoComplete="off" aria-labelledby="tpl-edit-title">
      <div className="board-head">
        <h1 id="tpl-edit-title">{templateWords(draft, t.lang).name}</h1>
        <span className="spacer" />
        <button type="button" onClick={onDone}>
          {t('templates.back')}
        </button>
        <button type="submit" className="primary">
          {t('templates.save')}
        </button>
      </div>
      <div className="card">
        <label htmlFor="tpl-name">{t('templates.name')}</label>
        <input id="tpl-name" autoComplete="off" value={draft.name} onChange={(e) => setWords({ name: e.target.value })} />
        <label htmlFor="tpl-desc">{t('templates.description')}</label>
        <textarea id="tpl-desc" rows={2} autoComplete="off" value={draft.description} onChange={(e) => setWords({ description: e.target.value })} />
      </div>
      {replaced && (
        <p className="notice field-override" role="status" data-template-override={template.id}>
          {t('templates.replaced', {
            name: replaced.savedBy ? actorName(replaced.savedBy) : t('events.unknownPerson'),
            at: formatDateTime(hlcIso(replaced.savedAt), t.lang),
            mine: template.version,
            theirs: replaced.version,
            next: nextVersion(template, replaced),
          })}
        </p>
      )}
      {errors.length > 0 && (
        <ul role="alert" className="error">
          {errors.map((er) => (
            <li key={er.path + er.message}>
              {er.path}: {er.message}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('templates.tasks')}</h2>
      <ol className="template-tasks">
        {draft.tasks.map((task, i) => (
          <li key={task.key} className="card">
            <div className="grid-task">
              <div>
                <label htmlFor={`tt-title-${i}`}>{t('templates.taskTitle')}</label>
                <input id={`tt-title-${i}`} autoComplete="off" value={task.title} onChange={(e) => setTask(i, { title: e.target.value })} />
              </div>
              <div>
                <label htmlFor={`tt-phase-${i}`}>{t('templates.phase')}</label>
                <select id={`tt-phase-${i}`} value={task.phase} onChange={(e) => setTask(i, { phase: e.target.value as Phase })}>
                  {PHASES.map((p) => (
                    <option key={p} value={p}>
                      {t(`roles.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`tt-due-${i}`}>{t('templates.dueAfter')}</label>
                <input
                  id={`tt-due-${i}`}
                  type="number"
                  min={0}
                  autoComplete="off"
                  value={task.dueAfterHours ?? ''}
                  onChange={(e) => setTask(i, { dueAfterHours: e.target.value === '' ? null : Number(e.target.value) })}
                />
              </div>
            </div>
            <label htmlFor={`tt-check-${i}`}>{t('templates.checklist')}</label>
            <textarea
              id={`tt-check-${i}`}
              rows={2}
              autoComplete="off"
              value={task.checklist.join('\n')}
              onChange={(e) => setTask(i, { checklist: e.target.value.split('\n').filter((line) => line.trim() !== '') })}
            />
            <button
              type="button"
              className="link danger"
              aria-label={`${t('templates.removeTask')}: ${task.title}`}
              onClick={() => setDraft((d) => ({ ...d, tasks: d.tasks.filter((_, j) => j !== i) }))}
            >
              {t('templates.removeTask')}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          setDraft((d) => ({
            ...d,
            tasks: [...d.tasks, { key: `task-${crypto.randomUUID().slice(0, 8)}`, phase: 'direction', title: '', dueAfterHours: null, checklist: [], source: '' }],
          }))
        }
      >
        {t('templates.addTask')}
      </button>
    </form>
  );
}
