import { useEffect, useState, type FormEvent } from 'react';
import type { HonbuApi, SyncHostStatus } from '../../../../shared/ipc/contract';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import { nativeApi } from '../../platform/platform';
import { useSync } from './sync-store';

const DEFAULT_PORT = 4455;
const ALL = '0.0.0.0';

/** Desktop only: whether this build can host the sync server (a web page cannot). */
export function hostingApi(): Pick<HonbuApi, 'syncHostStart' | 'syncHostStop' | 'syncHostStatus'> | undefined {
  const api = nativeApi();
  return api && typeof api.syncHostStatus === 'function' ? api : undefined;
}

/** "Host this incident": run the sync server in this laptop's main process, on the LAN. */
export function HostPanel() {
  const t = useT();
  const api = hostingApi();
  const inTeam = useSync((s) => s.settings !== null);
  const startTeam = useSync((s) => s.startTeam);
  const [status, setStatus] = useState<SyncHostStatus | null>(null);
  const [host, setHost] = useState(ALL);
  const [port, setPort] = useState(String(DEFAULT_PORT));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: MessageKey; message?: string } | null>(null);

  useEffect(() => {
    void api?.syncHostStatus().then(setStatus);
  }, [api]);

  if (!api || !status) return null;

  async function run(task: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError({ key: 'common.error', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  function start(e: FormEvent) {
    e.preventDefault();
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1024 || n > 65535) return setError({ key: 'sync.host.badPort' });
    void run(async () => setStatus(await api!.syncHostStart({ host, port: n })));
  }

  return (
    <section aria-labelledby="sync-host-title">
      <h3 id="sync-host-title">{t('sync.host.title')}</h3>
      <p className="hint">{t('sync.host.lead')}</p>
      {status.running ? (
        <>
          <p role="status">{t('sync.host.running', { port: status.port ?? '' })}</p>
          <p className="hint">{t('sync.host.tls')}</p>
          {status.urls.length > 0 ? (
            <>
              <p>{t('sync.host.urls')}</p>
              <ul>
                {status.urls.map((url) => (
                  <li key={url}>
                    <code>{url}</code>{' '}
                    {!inTeam && (
                      <button type="button" disabled={busy} onClick={() => void run(() => startTeam(url, status.fingerprint))}>
                        {t('sync.host.useUrl', { url })}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="notice">{t('sync.host.noUrls')}</p>
          )}
          <button type="button" disabled={busy} onClick={() => void run(async () => setStatus(await api.syncHostStop()))}>
            {t('sync.host.stop')}
          </button>
        </>
      ) : (
        <form onSubmit={start} aria-labelledby="sync-host-title" noValidate>
          <label htmlFor="sync-host-address">{t('sync.host.address')}</label>
          <select id="sync-host-address" value={host} onChange={(e) => setHost(e.target.value)}>
            <option value={ALL}>{t('sync.host.all')}</option>
            {status.addresses.map((a) => (
              <option key={a.address} value={a.address}>
                {a.address} ({a.name})
              </option>
            ))}
          </select>
          <label htmlFor="sync-host-port">{t('sync.host.port')}</label>
          <input id="sync-host-port" inputMode="numeric" autoComplete="off" value={port} onChange={(e) => setPort(e.target.value)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? t('sync.host.starting') : t('sync.host.start')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {t(error.key, { message: error.message ?? '' })}
        </p>
      )}
    </section>
  );
}
