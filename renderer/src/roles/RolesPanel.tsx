/**
 * Settings → 役割: every member and the roles they hold, in the whole workspace or in one
 * incident. Direction gives and takes roles here; everyone else sees who holds what and
 * who to ask.
 */
import { useState } from 'react';
import type { Problem } from '../../../shared/events/command';
import { ACCESS_ROLES, type AccessRole } from '../../../shared/roles/model';
import { dispatch, problemsOf } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useIncidentList } from '../incidents/incidents-store';
import { usePeople } from '../people/people-store';
import { roleRefusalText } from './words';
import { useMyRoles, useRoles } from './roles-store';

export function RolesPanel() {
  const t = useT();
  const people = usePeople();
  const incidents = useIncidentList();
  const { book, me } = useRoles();
  const mayAssign = useMyRoles(null).includes('direction');
  const [problems, setProblems] = useState<Problem[]>([]);
  const holdings = book?.holdings() ?? [];
  const scopeName = (incidentId: string | null) =>
    incidentId === null ? t('permissions.scopeWorkspace') : t('permissions.scopeIncident', { title: incidents.find((i) => i.id === incidentId)?.title || '—' });
  const members = [...people].sort((a, b) => Number(b.id === book?.founder) - Number(a.id === book?.founder) || a.name.localeCompare(b.name, 'ja'));

  async function change(name: 'roles.assign-role' | 'roles.remove-role', personId: string, role: AccessRole, incidentId: string | null) {
    setProblems(await problemsOf(dispatch(name, { personId, role, incidentId })));
  }

  return (
    <section className="card roles-settings" aria-labelledby="roles-title">
      <h2 id="roles-title">{t('permissions.title')}</h2>
      <p className="hint">{t('permissions.lead')}</p>
      {!mayAssign && <p className="hint">{t('permissions.onlyDirectionAssigns')}</p>}
      <table aria-labelledby="roles-title">
        <thead>
          <tr>
            <th scope="col">{t('sync.roster.name')}</th>
            <th scope="col">{t('permissions.title')}</th>
            {mayAssign && <th scope="col">{t('permissions.add')}</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((p) => {
            const mine = holdings.filter((h) => h.personId === p.id);
            const name = p.name || t('sync.roster.unnamed');
            return (
              <tr key={p.id} data-member={p.name}>
                <td>
                  {name}
                  {p.id === me && <span className="tag">{t('permissions.me')}</span>}
                </td>
                <td>
                  {mine.length === 0 ? (
                    <span className="hint">{t('permissions.none')}</span>
                  ) : (
                    <ul className="role-list">
                      {mine.flatMap((h) =>
                        h.roles.map((r) => (
                          <li key={`${h.incidentId ?? ''}:${r}`} data-role={r}>
                            <strong>{t(`permissions.roles.${r}`)}</strong> <span className="hint">{scopeName(h.incidentId)}</span>
                            {mayAssign && (
                              <>
                                {' '}
                                <button type="button" className="link" onClick={() => void change('roles.remove-role', p.id, r, h.incidentId)}>
                                  {t('permissions.remove', { role: t(`permissions.roles.${r}`) })}
                                </button>
                              </>
                            )}
                          </li>
                        )),
                      )}
                    </ul>
                  )}
                </td>
                {mayAssign && (
                  <td>
                    <AssignForm name={name} incidents={incidents.map((i) => ({ id: i.id, title: i.title }))} onAssign={(role, incidentId) => void change('roles.assign-role', p.id, role, incidentId)} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.length > 0 && (
        <ul role="alert" className="error">
          {problems.map((p, i) => (
            <li key={i}>{roleRefusalText(t, p) ?? t('permissions.onlyDirectionAssigns')}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AssignForm({ name, incidents, onAssign }: { name: string; incidents: { id: string; title: string }[]; onAssign: (role: AccessRole, incidentId: string | null) => void }) {
  const t = useT();
  const [role, setRole] = useState<AccessRole>('analyst');
  const [scope, setScope] = useState('');
  return (
    <form
      className="inline-form"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        onAssign(role, scope === '' ? null : scope);
      }}
    >
      <select aria-label={t('permissions.addFor', { name })} value={role} onChange={(e) => setRole(e.target.value as AccessRole)}>
        {ACCESS_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`permissions.roles.${r}`)}
          </option>
        ))}
      </select>
      <select aria-label={t('permissions.scope')} value={scope} onChange={(e) => setScope(e.target.value)}>
        <option value="">{t('permissions.scopeWorkspace')}</option>
        {incidents.map((i) => (
          <option key={i.id} value={i.id}>
            {i.title}
          </option>
        ))}
      </select>
      <button type="submit">{t('permissions.assign')}</button>
    </form>
  );
}
