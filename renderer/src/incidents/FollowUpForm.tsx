import { useState, type FormEvent } from 'react';
import { EMPTY_REPORT, type Incident, type ReportFields } from '../../../shared/incident/model';
import type { Problem } from '../../../shared/events/command';
import { crossesStored, factConflicts, parseCountPair } from '../../../shared/incident/validate';
import { useT } from '../i18n/i18n';
import { focusWhenShown } from '../ui/focus';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useSession } from '../vault/session-store';
import { ItemsPicker } from './ItemsPicker';
import { problemText } from './problems';

type TextKey = 'who' | 'what' | 'when' | 'where' | 'why' | 'how' | 'cause' | 'rootCause' | 'scope' | 'services';
const W5H1: TextKey[] = ['who', 'what', 'when', 'where', 'why', 'how'];
const LONG: TextKey[] = ['cause', 'rootCause', 'scope', 'services'];

/** Second and later reports: 5W1H, cause and root cause, scope, items that did not leak. */
export function FollowUpForm({ incident }: { incident: Incident }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const n = incident.reportCount + 1;
  const blank = (): ReportFields => ({ ...EMPTY_REPORT, reporter: me?.name ?? '' });
  const [report, setReport] = useState<ReportFields>(blank);
  const [counts, setCounts] = useState({ confirmedCount: '', maxCount: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [filed, setFiled] = useState<number | null>(null);
  const set = <K extends keyof ReportFields>(key: K, value: ReportFields[K]) => setReport((r) => ({ ...r, [key]: value }));
  const fieldLabel = (f: string) => (t.dict.reports.field as Record<string, string>)[f] ?? f;
  // Counts as typed that would cross the other as stored (or each other): said as they are typed,
  // before the report is filed (it is refused then, as the facts card refuses it).
  const typed = parseCountPair(counts);
  const crossing = typed.ok ? (crossesStored(incident.facts, typed) ?? (factConflicts(typed).length > 0 ? { field: 'maxCount', reason: 'max-below-confirmed' } : null)) : null;
  const crossingSaid = problems.some((p) => p.reason === 'max-below-confirmed');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseCountPair(counts);
    if (!parsed.ok) return setProblems(parsed.problems);
    try {
      const number = await dispatch('incident.file-follow-up', { incidentId: incident.id, report: { ...report, confirmedCount: parsed.confirmedCount, maxCount: parsed.maxCount } });
      setFiled(number);
      setProblems([]);
      setReport(blank());
      setCounts({ confirmedCount: '', maxCount: '' });
      // The report just filed, with what it changed, is where the reader goes next.
      focusWhenShown(`#report-${number}`);
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    }
  }

  const text = (key: TextKey, long: boolean) => (
    <div key={key}>
      <label htmlFor={`fu-${key}`}>{t(`followUp.${key}`)}</label>
      {long ? (
        <textarea id={`fu-${key}`} rows={2} autoComplete="off" value={report[key]} onChange={(e) => set(key, e.target.value)} />
      ) : (
        <input id={`fu-${key}`} autoComplete="off" value={report[key]} onChange={(e) => set(key, e.target.value)} />
      )}
    </div>
  );

  return (
    <form className="card" aria-labelledby="fu-title" onSubmit={submit} autoComplete="off" noValidate>
      <h2 id="fu-title">{t('followUp.title', { n })}</h2>
      <p className="hint">{t('followUp.lead')}</p>
      <div className="grid3">{W5H1.map((k) => text(k, false))}</div>
      <div className="grid2">{LONG.map((k) => text(k, true))}</div>
      <div className="grid2">
        {(['confirmedCount', 'maxCount'] as const).map((key) => (
          <div key={key}>
            <label htmlFor={`fu-${key}`}>{t(`first.${key}`)}</label>
            <input id={`fu-${key}`} inputMode="numeric" autoComplete="off" value={counts[key]} onChange={(e) => setCounts((c) => ({ ...c, [key]: e.target.value }))} />
          </div>
        ))}
      </div>
      {crossing && !crossingSaid && (
        <p className="notice" role="status" data-counts-check="crossed">
          {problemText(t, crossing, fieldLabel)}
        </p>
      )}
      <ItemsPicker legend={t('followUp.itemsLeaked')} name="fu-leaked" value={report.itemsLeaked} onChange={(v) => set('itemsLeaked', v)} />
      <ItemsPicker legend={t('followUp.itemsNotLeaked')} name="fu-not-leaked" value={report.itemsNotLeaked} onChange={(v) => set('itemsNotLeaked', v)} />
      <label htmlFor="fu-actions">{t('first.actionsSoFar')}</label>
      <textarea id="fu-actions" rows={2} autoComplete="off" value={report.actionsSoFar} onChange={(e) => set('actionsSoFar', e.target.value)} />
      <label htmlFor="fu-reporter">{t('first.reporter')}</label>
      <input id="fu-reporter" autoComplete="off" value={report.reporter} onChange={(e) => set('reporter', e.target.value)} />
      {problems.length > 0 && (
        <ul role="alert" className="error">
          {problems.map((p) => (
            <li key={p.field + p.reason}>{problemText(t, p, fieldLabel)}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('followUp.submit', { n })}
        </button>
        {filed !== null && <span role="status">{t('followUp.filed', { n: filed })}</span>}
      </div>
    </form>
  );
}
