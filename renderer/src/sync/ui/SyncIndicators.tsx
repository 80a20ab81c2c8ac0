import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { locale } from '../../ui/format';
import { useSync } from './sync-store';
import './sync.css';

/** A moment of "connecting" right after unlock is not worth a banner. */
const GRACE_MS = 2500;

/** True while in a team and not connected (after a short grace on first connect). */
function useOffline(): boolean {
  const inTeam = useSync((s) => s.settings !== null);
  const state = useSync((s) => s.status?.state ?? null);
  const everConnected = useSync((s) => s.status?.lastSyncAt != null);
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    if (!inTeam) return setGraceOver(false);
    const timer = setTimeout(() => setGraceOver(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [inTeam]);
  if (!inTeam || state === null || state === 'connected') return false;
  return state === 'offline' || everConnected || graceOver;
}

/** Whether the team has revoked this laptop (it keeps its data; the others refuse its edits). */
export function useRevokedHere(): boolean {
  return useSync((s) => s.deviceId !== null && s.roster.some((d) => d.deviceId === s.deviceId && d.revoked));
}

/** The calm offline banner under the top bar: work goes on, it is sent later. */
export function OfflineBanner() {
  const t = useT();
  const offline = useOffline();
  const revoked = useRevokedHere();
  // A revoked laptop gets the full explanation (RevokedPanel), not a one-line banner.
  if (!offline || revoked) return null;
  return (
    <div className="sync-banner" role="status">
      {t('sync.banner.offline')}
    </div>
  );
}

/** Top bar: when this laptop last synced (or that it is offline). */
export function SyncChip() {
  const t = useT();
  const inTeam = useSync((s) => s.settings !== null);
  const lastSyncAt = useSync((s) => s.status?.lastSyncAt ?? null);
  const offline = useOffline();
  const revoked = useRevokedHere();
  if (!inTeam) return null;
  // "Synced 22:56" on a revoked laptop would say the team still has its edits.
  if (revoked) return <span className="sync-chip revoked">{t('sync.topbar.revoked')}</span>;
  const time = lastSyncAt ? new Intl.DateTimeFormat(locale(t.lang), { hour: '2-digit', minute: '2-digit' }).format(lastSyncAt) : null;
  return (
    <span className="sync-chip">
      {offline ? `${t('sync.topbar.offline')} · ` : ''}
      {time ? t('sync.topbar.lastSync', { time }) : t('sync.topbar.never')}
    </span>
  );
}
