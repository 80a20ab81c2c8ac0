import { useT } from '../../i18n/i18n';
import { useIncidentList } from '../../incidents/incidents-store';
import { kindWords, roleNames } from '../../roles/words';
import { formatDateTime } from '../../ui/format';
import type { RosterDevice } from '../../../../shared/sync/roster';
import type { SyncSettings } from '../device-store';
import type { SyncStatus } from '../sync-client';
import { describeBoard } from './presence-label';

/** Connection, last sync, what is waiting to be sent, and who else is online on which board. */
export function SyncStatusPanel({
  settings,
  status,
  roster,
  deviceId,
}: {
  settings: SyncSettings;
  status: SyncStatus | null;
  roster: RosterDevice[];
  deviceId: string | null;
}) {
  const t = useT();
  // Presence is sealed with the epoch's key, which a revoked laptop holds until the epoch changes: show members only.
  const peers = (status?.peers ?? []).filter((p) => roster.some((d) => d.deviceId === p.deviceId && !d.revoked));
  const incidents = useIncidentList();
  const state = status?.state ?? 'connecting';
  const revoked = roster.some((d) => d.deviceId === deviceId && d.revoked);
  const last = status?.lastSyncAt ? formatDateTime(new Date(status.lastSyncAt).toISOString(), t.lang) : t('sync.status.never');
  return (
    <section aria-labelledby="sync-status-title">
      <h3 id="sync-status-title">{t('sync.status.title')}</h3>
      {/* A revoked laptop has its own panel; any other left behind by a key change is told why and what to do. */}
      {status?.trouble && !revoked && (
        <p role="alert" className="notice">
          {t(status.trouble === 'left-out' ? 'sync.status.leftOut' : 'sync.status.stranded')}
        </p>
      )}
      {/* The server refused what this laptop sent: say what it means for the work and what to do. */}
      {status?.refusedAs && !revoked && (
        <p role="status" className="notice">
          {t(`sync.status.refused.${status.refusedAs}`)}
        </p>
      )}
      <dl className="status-grid">
        <dt>{t('sync.status.connection')}</dt>
        <dd>
          <span className={`sync-state ${state}`} data-sync-state={state}>
            {t(`sync.status.${state}`)}
          </span>
        </dd>
        <dt>{t('sync.status.server')}</dt>
        <dd>
          <code>{settings.serverUrl}</code>
        </dd>
        <dt>{t('sync.status.lastSync')}</dt>
        <dd>{last}</dd>
        <dt>{t('sync.status.pending')}</dt>
        <dd>{t('sync.status.pendingCount', { n: status?.pending ?? 0 })}</dd>
        {(status?.rejected ?? 0) > 0 && (
          <>
            <dt>{t('sync.status.rejected')}</dt>
            <dd>{t('sync.status.pendingCount', { n: status?.rejected ?? 0 })}</dd>
          </>
        )}
      </dl>
      {(status?.roleRefused?.length ?? 0) > 0 && (
        <section aria-labelledby="sync-role-refused-title" data-role-refused>
          <h3 id="sync-role-refused-title">{t('permissions.remoteRefusedTitle')}</h3>
          <p className="hint">{t('permissions.remoteRefusedLead')}</p>
          <ul>
            {status!.roleRefused!.map((r) => (
              <li key={r.id}>
                {t('permissions.remoteRefused', {
                  name: roster.find((d) => d.deviceId === r.device)?.personName || t('permissions.someone'),
                  what: kindWords(t, r.kind),
                  roles: roleNames(t, r.needs.length > 0 ? r.needs : ['direction']),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h3 id="sync-peers-title">{t('sync.status.peers')}</h3>
      {peers.length > 0 ? (
        <ul aria-labelledby="sync-peers-title">
          {peers.map((p) => (
            <li key={p.deviceId}>
              {p.personName || t('sync.roster.unnamed')}
              {' — '}
              {p.board ? t('sync.status.onBoard', { board: describeBoard(p.board, incidents, (ph) => t(`roles.${ph}`)) }) : t('sync.status.noBoard')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('sync.status.noPeers')}</p>
      )}
    </section>
  );
}
