import { useState, type FormEvent } from 'react';
import { checkProfile, ROLES, type ProfileFields, type ProfileProblem, type Role } from '../../../shared/people/profile';
import { useT } from '../i18n/i18n';
import { useSession } from '../vault/session-store';

type TextField = 'name' | 'phone' | 'email' | 'location';
const TEXT_FIELDS: { field: TextField; type: string }[] = [
  { field: 'name', type: 'text' },
  { field: 'phone', type: 'tel' },
  { field: 'email', type: 'email' },
  { field: 'location', type: 'text' },
];

export function ProfileSettings() {
  const t = useT();
  const me = useSession((s) => s.me);
  const saveProfile = useSession((s) => s.saveProfile);
  const [draft, setDraft] = useState<ProfileFields>(() => ({
    name: me?.name ?? '',
    roles: me?.roles ?? [],
    phone: me?.phone ?? '',
    email: me?.email ?? '',
    location: me?.location ?? '',
  }));
  const [problems, setProblems] = useState<ProfileProblem[]>([]);
  const [saved, setSaved] = useState(false);

  function toggleRole(role: Role) {
    setDraft((d) => ({ ...d, roles: d.roles.includes(role) ? d.roles.filter((r) => r !== role) : [...d.roles, role] }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const found = checkProfile(draft);
    setProblems(found);
    if (found.length > 0) return;
    await saveProfile(draft);
    setSaved(true);
  }

  const problemOf = (field: TextField) => problems.find((p) => p.field === field);

  return (
    <form className="card" onSubmit={submit} aria-labelledby="profile-title" autoComplete="off" noValidate>
      <h2 id="profile-title">{t('settings.profile')}</h2>
      <p className="hint">{t('settings.profileLead')}</p>
      <div className="grid2">
        {TEXT_FIELDS.map(({ field, type }) => {
          const problem = problemOf(field);
          return (
            <div key={field}>
              <label htmlFor={`profile-${field}`}>{t(`settings.${field}`)}</label>
              <input
                id={`profile-${field}`}
                type={type}
                // Chromium's autofill would keep a clear copy in its own database (found by the on-disk test).
                autoComplete="off"
                value={draft[field]}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `profile-${field}-error` : undefined}
                onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
              />
              {problem && (
                <p className="error" id={`profile-${field}-error`} role="alert">
                  {t(`settings.invalid.${problem.reason}`, { field: t(`settings.${field}`) })}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <fieldset>
        <legend>{t('settings.roles')}</legend>
        <p className="hint">{t('permissions.profileHint')}</p>
        {ROLES.map((role) => (
          <label key={role} className="inline">
            <input type="checkbox" checked={draft.roles.includes(role)} onChange={() => toggleRole(role)} />
            {t(`roles.${role}`)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary">
          {t('settings.saveProfile')}
        </button>
        {saved && <span role="status">{t('settings.saved')}</span>}
      </div>
    </form>
  );
}
