import { useEffect, useState, type FormEvent } from 'react';
import { EMPTY_REPORT, INCIDENT_KINDS, type IncidentKind, type ReportFields } from '../../../shared/incident/model';
import type { Problem } from '../../../shared/events/command';
import { parseCountPair } from '../../../shared/incident/validate';
import { templateWords } from '../../../shared/boards/scenarios';
import { useT } from '../i18n/i18n';
import { useNav } from '../shell/nav-store';
import { focusWhenShown } from '../ui/focus';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useSession } from '../vault/session-store';
import { ItemsPicker } from './ItemsPicker';
import { problemText } from './problems';
import { useTemplates } from '../boards/templates-store';
import { SEVERITIES, type Severity } from '../../../shared/alerts/plan';

export function FirstReportForm() {
  const t = useT();
  const drill = useNav((s) => s.drill);
  const go = useNav((s) => s.go);
  const openIncident = useNav((s) => s.openIncident);
  const me = useSession((s) => s.me);
  const templates = useTemplates();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<IncidentKind>('personal-data');
  const [scenario, setScenario] = useState(templates[0]?.id ?? '');
  const [report, setReport] = useState<ReportFields>(() => ({
    ...EMPTY_REPORT,
    discoveredAt: new Date().toISOString(),
    reporter: me?.name ?? '',
  }));
  const [counts, setCounts] = useState({ confirmedCount: '', maxCount: '' });
  const [occurredUnknown, setOccurredUnknown] = useState(true);
  const [severity, setSeverity] = useState<Severity | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  // The form replaces the screen: a keyboard user starts at its heading, not at the top of the page.
  useEffect(() => focusWhenShown('#first-title'), []);

  const set = <K extends keyof ReportFields>(key: K, value: ReportFields[K]) => setReport((r) => ({ ...r, [key]: value }));
  const label = (field: string) =>
    field === 'title' ? t('first.incidentTitle') : (t.dict.first as Record<string, string>)[field] ?? field;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseCountPair(counts);
    if (!parsed.ok) return setProblems(parsed.problems);
    const full: ReportFields = {
      ...report,
      occurredAt: occurredUnknown ? null : report.occurredAt,
      confirmedCount: parsed.confirmedCount,
      maxCount: parsed.maxCount,
    };
    setBusy(true);
    try {
      const id = await dispatch('incident.file-first-report', { title, kind, scenario, drill, severity, report: full, template: templates.find((x) => x.id === scenario) });
      openIncident(id, 'board');
      focusWhenShown('#board-title');
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  const field = (key: 'foundBy' | 'foundWhere' | 'reporter') => (
    <div>
      <label htmlFor={`first-${key}`}>{t(`first.${key}`)}</label>
      <input id={`first-${key}`} autoComplete="off" value={report[key]} onChange={(e) => set(key, e.target.value)} />
    </div>
  );

  return (
    <section aria-labelledby="first-title" className={drill ? 'drill-frame' : undefined}>
      <h1 id="first-title">
        {drill && <span className="badge drill">{t('header.drill')}</span>}
        {drill ? t('first.drillTitle') : t('first.title')}
      </h1>
      <p className="hint">{t('first.lead')}</p>
      <form className="card" onSubmit={submit} autoComplete="off" noValidate>
        <label htmlFor="first-title-input">{t('first.incidentTitle')}</label>
        <input id="first-title-input" autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby="first-title-hint" />
        <p className="hint" id="first-title-hint">{t('first.incidentTitleHint')}</p>
        <div className="grid2">
          <fieldset>
            <legend>{t('first.kind')}</legend>
            {INCIDENT_KINDS.map((k) => (
              <label key={k} className="inline">
                <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
                {t(`kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <div>
            <label htmlFor="first-scenario">{t('first.scenario')}</label>
            <select id="first-scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {templateWords(tpl, t.lang).name}
                </option>
              ))}
              <option value="">{t('first.noScenario')}</option>
            </select>
          </div>
          <fieldset aria-describedby="first-severity-hint">
            <legend>{t('severity.label')}</legend>
            {SEVERITIES.map((s) => (
              <label key={s} className="inline">
                <input type="radio" name="severity" checked={severity === s} onChange={() => setSeverity(s)} />
                {t(`severity.${s}`)}
              </label>
            ))}
            <label className="inline">
              <input type="radio" name="severity" checked={severity === null} onChange={() => setSeverity(null)} />
              {t('severity.none')}
            </label>
            <p className="hint" id="first-severity-hint">
              {t('severity.hint')}
            </p>
          </fieldset>
          {field('foundBy')}
          {field('foundWhere')}
          <div>
            <label htmlFor="first-discovered">{t('first.discoveredAt')}</label>
            <input
              id="first-discovered"
              type="datetime-local"
              autoComplete="off"
              value={toLocalInput(report.discoveredAt)}
              onChange={(e) => set('discoveredAt', fromLocalInput(e.target.value))}
            />
          </div>
          <div>
            <label htmlFor="first-occurred">{t('first.occurredAt')}</label>
            <input
              id="first-occurred"
              type="datetime-local"
              autoComplete="off"
              disabled={occurredUnknown}
              value={toLocalInput(report.occurredAt)}
              onChange={(e) => set('occurredAt', fromLocalInput(e.target.value))}
            />
            <label className="inline">
              <input type="checkbox" checked={occurredUnknown} onChange={(e) => setOccurredUnknown(e.target.checked)} />
              {t('first.occurredUnknown')}
            </label>
          </div>
        </div>
        <ItemsPicker legend={t('first.items')} name="first-items" value={report.itemsLeaked} onChange={(v) => set('itemsLeaked', v)} />
        {report.itemsLeaked.includes('other') && (
          <>
            <label htmlFor="first-other">{t('first.otherItems')}</label>
            <input id="first-other" autoComplete="off" value={report.otherItems} onChange={(e) => set('otherItems', e.target.value)} />
          </>
        )}
        <div className="grid2">
          {(['confirmedCount', 'maxCount'] as const).map((key) => (
            <div key={key}>
              <label htmlFor={`first-${key}`}>{t(`first.${key}`)}</label>
              <input
                id={`first-${key}`}
                inputMode="numeric"
                autoComplete="off"
                value={counts[key]}
                aria-describedby="first-count-hint"
                onChange={(e) => setCounts((c) => ({ ...c, [key]: e.target.value }))}
              />
            </div>
          ))}
        </div>
        <p className="hint" id="first-count-hint">{t('first.countHint')}</p>
        <label htmlFor="first-actions">{t('first.actionsSoFar')}</label>
        <textarea id="first-actions" autoComplete="off" rows={3} value={report.actionsSoFar} onChange={(e) => set('actionsSoFar', e.target.value)} />
        {field('reporter')}
        {problems.length > 0 && (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={`${p.field}-${p.reason}`}>{problemText(t, p, label)}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {drill ? t('first.submitDrill') : t('first.submit')}
          </button>
          <button type="button" onClick={() => go('incidents')}>
            {t('first.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
