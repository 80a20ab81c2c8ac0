import { useState } from 'react';
import type { RosterDevice } from '../../../../shared/sync/roster';
import { useT } from '../../i18n/i18n';
import { reportError } from '../../errors/report';
import { problem, say, type Message } from '../../ui/message';
import { useSync } from './sync-store';
import { useRoles } from '../../roles/roles-store';

/** Members, their devices and roles; any trusted member can cut off a lost laptop. */
export function RosterTable({ roster, rootId, deviceId }: { roster: RosterDevice[]; rootId: string; deviceId: string | null }) {
  const t = useT();
  const revoke = useSync((s) => s.revoke);
  // Roles in the whole workspace, from the role events (per-incident roles are under Settings → 役割).
  const { book } = useRoles();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const rows = [...roster].sort(
    (a, b) => Number(b.deviceId === rootId) - Number(a.deviceId === rootId) || a.personName.localeCompare(b.personName, 'ja'),
  );
  // Only the anchor may retire the anchor (the roster refuses anyone else).
  const mayRevoke = (d: RosterDevice) => !d.revoked && d.deviceId !== deviceId && (d.deviceId !== rootId || deviceId === rootId);

  async function confirm(d: RosterDevice) {
    setConfirming(null);
    try {
      await revoke(d.deviceId);
    } catch (err) {
      if (!reportError(err)) setError(problem('sync.revoked.refused'));
    }
  }

  return (
    <section aria-labelledby="sync-roster-title">
      <h3 id="sync-roster-title">{t('sync.roster.title')}</h3>
      <p className="hint">{t('sync.roster.hint')}</p>
      <table aria-labelledby="sync-roster-title">
        <thead>
          <tr>
            <th scope="col">{t('sync.roster.name')}</th>
            <th scope="col">{t('sync.roster.device')}</th>
            <th scope="col">{t('permissions.title')}</th>
            <th scope="col">{t('sync.roster.state')}</th>
            <th scope="col">{t('sync.roster.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const name = d.personName || t('sync.roster.unnamed');
            return (
              <tr key={d.deviceId} className={d.revoked ? 'revoked' : undefined}>
                <td>
                  {name}
                  {d.deviceId === deviceId && <span className="tag">{t('sync.roster.thisDevice')}</span>}
                  {d.deviceId === rootId && <span className="tag">{t('sync.roster.creator')}</span>}
                </td>
                {/* Who let this laptop in, not its id: ids mean nothing to the team. */}
                <td>{d.addedBy ? roster.find((x) => x.deviceId === d.addedBy)?.personName || t('sync.roster.unnamed') : '—'}</td>
                <td data-roles>{(book?.rolesOf(d.personId, null) ?? []).map((r) => t(`permissions.roles.${r}`)).join(t.dict.facts.listSeparator) || t('permissions.none')}</td>
                <td>{d.revoked ? t('sync.roster.revoked') : t('sync.roster.trusted')}</td>
                <td>
                  {mayRevoke(d) &&
                    (confirming === d.deviceId ? (
                      <>
                        <button type="button" className="danger" aria-label={t('sync.roster.confirmRevoke', { name })} onClick={() => void confirm(d)}>
                          {t('sync.roster.confirmShort')}
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(null)}>
                          {t('sync.roster.cancel')}
                        </button>
                      </>
                    ) : (
                      <button type="button" aria-label={t('sync.roster.revoke', { name })} onClick={() => setConfirming(d.deviceId)}>
                        {t('sync.roster.revokeShort')}
                      </button>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <p role="alert" className="error">
          {say(t, error)}
        </p>
      )}
    </section>
  );
}
