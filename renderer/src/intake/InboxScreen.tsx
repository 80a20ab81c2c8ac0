/**
 * The report inbox (decision 019): reports from the company's intake page, newest waiting
 * first. Each is opened (decrypted) only in memory while this screen shows it; one that
 * does not open says so instead of failing. One step files it as a first report through
 * the normal first-report command, then marks it handled.
 */
import { useEffect, useState } from 'react';
import { IntakeUnreadable, openIntake } from '../../../shared/intake/seal';
import { parseReport, type IntakeReport, INTAKE_FIELDS } from '../../../shared/intake/report';
import { firstReportFromIntake } from '../../../shared/intake/first-report';
import { inboxOrder, type InboxReport, type IntakeState } from '../../../shared/intake/state';
import { receiptOf } from '../../../shared/intake/wire';
import { templateWords } from '../../../shared/boards/scenarios';
import { useTemplates } from '../boards/templates-store';
import { useIntakeDuplicates } from '../incidents/incidents-store';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useNav } from '../shell/nav-store';
import { formatDateTime } from '../ui/format';
import { useSession } from '../vault/session-store';
import { checkIntakeHost, useIntake } from './intake-store';
import { HostStatus } from './HostStatus';
import './intake.css';

type Opened = { ok: true; report: IntakeReport } | { ok: false };

/** Opens every report of the inbox in memory; the result goes when the screen does. */
function useOpened(state: IntakeState): ReadonlyMap<string, Opened> {
  const [opened, setOpened] = useState<ReadonlyMap<string, Opened>>(new Map());
  useEffect(() => {
    let live = true;
    void (async () => {
      const next = new Map<string, Opened>();
      for (const r of state.reports.values()) {
        const key = state.keys.get(r.intakeId);
        let result: Opened = { ok: false };
        if (key) {
          try {
            const report = parseReport(await openIntake(key.privateKey, r.intakeId, r.box));
            result = report ? { ok: true, report } : { ok: false };
          } catch (err) {
            if (!(err instanceof IntakeUnreadable)) throw err;
          }
        }
        next.set(r.reportId, result);
      }
      if (live) setOpened(next);
    })();
    return () => {
      live = false;
    };
  }, [state]);
  return opened;
}

export function InboxScreen() {
  const t = useT();
  const { state, loaded } = useIntake();
  const opened = useOpened(state);
  const reports = inboxOrder(state);
  // Looked at once when the inbox opens (and when the key changes); the session checks every minute besides.
  const intakeId = state.key?.intakeId;
  useEffect(() => {
    if (intakeId) void checkIntakeHost();
  }, [intakeId]);
  return (
    <section aria-labelledby="inbox-title" className="intake-inbox">
      <h1 id="inbox-title">{t('intake.inboxTitle')}</h1>
      <p className="hint">{t('intake.inboxLead')}</p>
      {loaded && !state.key && <p className="hint" role="status">{t('intake.noKey')}</p>}
      {state.key && <HostStatus />}
      {loaded && state.key && reports.length === 0 && <p className="hint">{t('intake.empty')}</p>}
      <ul className="intake-list">
        {reports.map((r) => (
          <li key={r.reportId}>
            <ReportCard report={r} opened={opened.get(r.reportId)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReportCard({ report, opened }: { report: InboxReport; opened: Opened | undefined }) {
  const t = useT();
  const templates = useTemplates();
  const me = useSession((s) => s.me);
  const openIncident = useNav((s) => s.openIncident);
  const [picked, setScenario] = useState('');
  // The first scenario until one is picked (the templates may arrive after the first render).
  const scenario = picked || templates[0]?.id || '';
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const handled = report.handled;
  const duplicates = useIntakeDuplicates();
  const template = templates.find((x) => x.id === scenario);

  async function fileFirst(content: IntakeReport) {
    setBusy(true);
    setProblem(null);
    try {
      const prefill = firstReportFromIntake(content, report.receivedAt, me?.name ?? '', { titlePrefix: t('intake.titlePrefix'), anonymous: t('intake.anonymous') });
      // The normal first-report command: whatever a first report sets off, this one does too.
      // The report's id goes with it: the same report filed on two laptops offline is one incident once they sync.
      const incidentId = await dispatch('incident.file-first-report', { ...prefill, kind: 'personal-data', scenario, drill: false, template, intakeReportId: report.reportId });
      await dispatch('intake.mark-handled', { reportId: report.reportId, outcome: 'first-report', incidentId });
      openIncident(incidentId, 'board');
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setProblem(err.problems.map((p) => (t.dict.intake.problem as Record<string, string>)[p.reason] ?? `${p.field}: ${p.reason}`).join(' '));
    } finally {
      setBusy(false);
    }
  }

  async function setAside() {
    setBusy(true);
    try {
      await dispatch('intake.mark-handled', { reportId: report.reportId, outcome: 'set-aside', incidentId: null });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setProblem(err.problems.map((p) => (t.dict.intake.problem as Record<string, string>)[p.reason] ?? p.reason).join(' '));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  }

  const headingId = `intake-${report.reportId}`;
  return (
    <article className={`card intake-report${handled ? ' handled' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className={`badge ${handled ? 'ok' : 'waiting'}`}>{handled ? (handled.outcome === 'first-report' ? t('intake.handledFirst') : t('intake.handledAside')) : t('intake.waiting')}</span>{' '}
        {t('intake.heading', { at: formatDateTime(report.receivedAt, t.lang), receipt: receiptOf(report.reportId) })}
      </h2>
      {opened === undefined ? null : opened.ok ? (
        <dl className="intake-fields">
          {INTAKE_FIELDS.map((f) => (
            <div key={f}>
              <dt>{t(`intake.fields.${f}`)}</dt>
              <dd lang={opened.report.lang}>{opened.report[f].trim() || (f === 'name' ? t('intake.anonymous') : '—')}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="error" role="alert">
          {t('intake.unreadable')}
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {handled?.incidentId && (
        <button type="button" className="link" onClick={() => openIncident(duplicates.get(handled.incidentId!) ?? handled.incidentId!, 'overview')}>
          {t('intake.openIncident')}
        </button>
      )}
      {!handled && (
        <div className="actions">
          {opened?.ok && (
            <>
              <label htmlFor={`${headingId}-scenario`}>{t('first.scenario')}</label>
              <select id={`${headingId}-scenario`} value={scenario} onChange={(e) => setScenario(e.target.value)}>
                {templates.map((x) => (
                  <option key={x.id} value={x.id}>
                    {templateWords(x, t.lang).name}
                  </option>
                ))}
              </select>
              <button type="button" className="primary" disabled={busy} onClick={() => void fileFirst(opened.report)}>
                {t('intake.fileFirst')}
              </button>
            </>
          )}
          {asking ? (
            <>
              <span>{t('intake.setAsideConfirm')}</span>
              <button type="button" disabled={busy} onClick={() => void setAside()}>
                {t('intake.setAside')}
              </button>
              <button type="button" className="ghost" onClick={() => setAsking(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="ghost" disabled={busy} onClick={() => setAsking(true)}>
              {t('intake.setAside')}
            </button>
          )}
          {opened?.ok && template && <p className="hint">{t('intake.fileFirstHint', { scenario: templateWords(template, t.lang).name })}</p>}
        </div>
      )}
    </article>
  );
}
