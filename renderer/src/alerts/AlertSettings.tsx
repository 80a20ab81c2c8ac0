/**
 * Settings of where alerts go (decision 018): the host's state in plain words, the team's
 * chat webhooks with the per-channel opt-in for details, the same opt-in for e-mail, and a
 * test alert. The SMTP server is the host's, so the screen only says whether it can send.
 */
import { useState, type FormEvent } from 'react';
import { CHAT_KINDS, type ChatKind } from '../../../shared/alerts/job';
import type { Problem } from '../../../shared/events/command';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { alertRoundNow, useAlerts } from './alerts-store';
import { EscalationList } from './AlertStatus';
import { errorWords, problemWords, when } from './words';

function HostState() {
  const t = useT();
  const host = useAlerts((s) => s.host);
  let text: string;
  const errors: string[] = [];
  if (!host) text = t('alerts.host.none');
  else if (host.state === 'offline') text = t('alerts.host.offline');
  else if (host.state === 'refused') text = t('alerts.host.refused');
  else {
    text = host.status.email === 'ready' ? (host.status.emailError ? t('alerts.host.failing') : t('alerts.host.ready')) : t('alerts.host.noSmtp');
    for (const e of [host.status.emailError, host.status.chatError]) if (e) errors.push(t('alerts.host.lastError', { at: when(t, e.at), error: errorWords(t, e) }));
  }
  return (
    <div role="status" id="alert-host-state">
      <h3 className="sub">{t('alerts.host.title')}</h3>
      <p>{text}</p>
      {errors.map((e) => (
        <p key={e} className="error">
          {e}
        </p>
      ))}
    </div>
  );
}

export function AlertSettings() {
  const t = useT();
  const { channels, emailDetails } = useAlerts((s) => s.state);
  const [kind, setKind] = useState<ChatKind>('slack');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [details, setDetails] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [testTo, setTestTo] = useState('');
  const [testProblem, setTestProblem] = useState<Problem | null>(null);
  const [testQueued, setTestQueued] = useState(false);

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await dispatch('alerts.save-channel', { kind, label, url, details });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setProblems(err.problems);
      return;
    }
    setProblems([]);
    setLabel('');
    setUrl('');
    setDetails(false);
  }

  async function test(e: FormEvent) {
    e.preventDefault();
    setTestQueued(false);
    try {
      await dispatch('alerts.send-test', { emails: testTo.trim() ? [testTo.trim()] : [] });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setTestProblem(err.problems[0] ?? null);
      return;
    }
    setTestProblem(null);
    setTestQueued(true);
    void alertRoundNow();
  }

  const problemOf = (field: string) => problems.find((p) => p.field === field);
  return (
    <section className="card" aria-labelledby="alerts-settings-title">
      <h2 id="alerts-settings-title">{t('alerts.settingsTitle')}</h2>
      <p className="hint">{t('alerts.settingsLead')}</p>
      <HostState />

      <h3 className="sub">{t('alerts.channels.title')}</h3>
      {channels.size === 0 ? (
        <p className="hint">{t('alerts.channels.none')}</p>
      ) : (
        <ul className="alert-channels">
          {[...channels.values()].map((c) => (
            <li key={c.id}>
              {t('alerts.channels.line', { label: c.label, kind: t(`alerts.channels.kinds.${c.kind}`), content: c.details ? t('alerts.channels.withDetails') : t('alerts.channels.contentFree') })}{' '}
              <button type="button" className="link" onClick={() => void dispatch('alerts.remove-channel', { id: c.id })}>
                {t('alerts.channels.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate autoComplete="off">
        <div className="grid2">
          <div>
            <label htmlFor="alert-kind">{t('alerts.channels.kind')}</label>
            <select id="alert-kind" value={kind} onChange={(e) => setKind(e.target.value as ChatKind)}>
              {CHAT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`alerts.channels.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="alert-label">{t('alerts.channels.label')}</label>
            <input id="alert-label" autoComplete="off" value={label} onChange={(e) => setLabel(e.target.value)} aria-invalid={problemOf('label') ? true : undefined} aria-describedby={problemOf('label') ? 'alert-label-error' : undefined} />
            {problemOf('label') && <p id="alert-label-error" className="error">{problemWords(t, problemOf('label')!)}</p>}
          </div>
          <div className="span-all">
            <label htmlFor="alert-url">{t('alerts.channels.url')}</label>
            <input id="alert-url" type="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} aria-invalid={problemOf('url') ? true : undefined} aria-describedby={problemOf('url') ? 'alert-url-error' : undefined} />
            {problemOf('url') && <p id="alert-url-error" className="error">{problemWords(t, problemOf('url')!)}</p>}
          </div>
        </div>
        <label className="inline">
          <input type="checkbox" checked={details} onChange={(e) => setDetails(e.target.checked)} />
          {t('alerts.channels.details')}
        </label>
        <button type="submit">{t('alerts.channels.add')}</button>
      </form>

      <label className="inline">
        <input type="checkbox" checked={emailDetails} onChange={(e) => void dispatch('alerts.set-email-details', { details: e.target.checked }).catch(() => undefined)} />
        {t('alerts.emailDetails')}
      </label>

      <h3 className="sub">{t('alerts.test.title')}</h3>
      <form onSubmit={test} noValidate autoComplete="off">
        <label htmlFor="alert-test-email">{t('alerts.test.email')}</label>
        <input id="alert-test-email" type="email" autoComplete="off" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
        <button type="submit">{t('alerts.test.send')}</button>
        {testProblem && <p className="error">{problemWords(t, testProblem)}</p>}
        {testQueued && <p role="status">{t('alerts.test.queued')}</p>}
      </form>
      <EscalationList incidentId={null} />
    </section>
  );
}
