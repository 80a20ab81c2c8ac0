import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { reportError } from '../../errors/report';
import type { MessageKey } from '../../i18n/dictionary';
import { HostPanel } from './HostPanel';
import { InvitePanel } from './InvitePanel';
import { RosterTable } from './RosterTable';
import { SyncStatusPanel } from './SyncStatusPanel';
import { isServerUrl, useSync } from './sync-store';
import './sync.css';

/** Settings → Team sync: start a team, or, in one, its status, members and invites. */
export function SyncSettings() {
  const t = useT();
  const settings = useSync((s) => s.settings);
  const status = useSync((s) => s.status);
  const roster = useSync((s) => s.roster);
  const deviceId = useSync((s) => s.deviceId);
  return (
    <section className="card sync-settings" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync.title')}</h2>
      <p className="hint">{t('sync.lead')}</p>
      {settings ? (
        <>
          <SyncStatusPanel settings={settings} status={status} roster={roster} deviceId={deviceId} />
          <RosterTable roster={roster} rootId={settings.root.deviceId} deviceId={deviceId} />
          <InvitePanel />
        </>
      ) : (
        <StartTeamForm />
      )}
      <HostPanel />
    </section>
  );
}

function StartTeamForm() {
  const t = useT();
  const startTeam = useSync((s) => s.startTeam);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: MessageKey; message?: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!isServerUrl(url)) return setError({ key: 'sync.start.badUrl' });
    setError(null);
    setBusy(true);
    try {
      await startTeam(url);
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="sync-start-title" noValidate>
      <h3 id="sync-start-title">{t('sync.start.title')}</h3>
      <p className="hint">{t('sync.start.lead')}</p>
      <label htmlFor="sync-server">{t('sync.start.server')}</label>
      <input
        id="sync-server"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        aria-describedby="sync-server-hint"
      />
      <p className="hint" id="sync-server-hint">
        {t('sync.start.serverHint')}
      </p>
      {error && (
        <p role="alert" className="error">
          {t(error.key, { message: error.message ?? '' })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('sync.start.working') : t('sync.start.submit')}
        </button>
      </div>
    </form>
  );
}
