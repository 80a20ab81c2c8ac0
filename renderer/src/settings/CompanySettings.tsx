import { useState, type FormEvent } from 'react';
import { COMPANY_FIELDS, EMPTY_COMPANY, type CompanyField, type CompanyFields } from '../../../shared/company/profile';
import type { Problem } from '../../../shared/events/command';
import { CommandRefused, dispatch } from '../data/dispatch';
import { translateIfAny, useT } from '../i18n/i18n';
import { focusWhenShown } from '../ui/focus';
import { useCompany } from '../company/company-store';
import { useSession } from '../vault/session-store';
import { fieldOverride } from '../../../shared/events/field-edits';
import { OverrideNotice } from '../disclosure/FieldOverrideNotice';
import { rebaseCompanyForm, type Opened } from './company-form';

const TYPES: Partial<Record<CompanyField, string>> = { phone: 'tel', email: 'email' };

/** The company: the reporting business of the PPC report and the sender of what goes out. */
export function CompanySettings() {
  const t = useT();
  const store = useSession((s) => s.store);
  const saved = useCompany();
  // A profile saved by an older version lacks fields added since: they are empty, not undefined.
  const current: CompanyFields | null = saved ? (Object.fromEntries(COMPANY_FIELDS.map((f) => [f, saved[f] ?? ''])) as CompanyFields) : null;
  const [draft, setDraft] = useState<CompanyFields>(() => current ?? EMPTY_COMPANY);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [status, setStatus] = useState<'saved' | 'unchanged' | null>(null);
  // The profile arrives after the screen opens, or changes on another laptop: each field the
  // person is not typing shows it; what they type keeps what it started from (company-form.ts).
  const [loadedFrom, setLoadedFrom] = useState(saved?.updatedAt ?? null);
  const [opened, setOpened] = useState<Opened>(() => ({ values: current ?? EMPTY_COMPANY, stamps: saved?.stamps ?? {} }));
  if ((saved?.updatedAt ?? null) !== loadedFrom) {
    setLoadedFrom(saved?.updatedAt ?? null);
    if (current) {
      const next = rebaseCompanyForm(draft, opened, { values: current, stamps: saved?.stamps ?? {} });
      setDraft(next.draft);
      setOpened(next.opened);
    }
  }

  const me = useSession((s) => s.identity?.personId ?? '');
  const overrideOf = (field: CompanyField) => fieldOverride(field, saved?.edits?.[field], me);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!store) return;
    try {
      await dispatch('company.save-profile', { draft, startedFrom: opened });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setProblems(err.problems);
      // Refused with no problems: nothing changed, so nothing to record.
      setStatus(err.problems.length === 0 ? 'unchanged' : null);
      // To the first field to correct: its message is read with it (aria-describedby).
      if (err.problems.length > 0) focusWhenShown(`#company-${err.problems[0]!.field}`);
      return;
    }
    setProblems([]);
    setStatus('saved');
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="company-title" autoComplete="off" noValidate>
      <h2 id="company-title">{t('company.title')}</h2>
      <p className="hint">{t('company.lead')}</p>
      <div className="grid2">
        {COMPANY_FIELDS.map((field) => {
          const problem = problems.find((p) => p.field === field);
          return (
            <div key={field} className={field === 'address' ? 'span-all' : undefined}>
              <label htmlFor={`company-${field}`}>{t(`company.fields.${field}`)}</label>
              <input
                id={`company-${field}`}
                type={TYPES[field] ?? 'text'}
                autoComplete="off"
                value={draft[field]}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `company-${field}-error` : undefined}
                onChange={(e) => {
                  setStatus(null);
                  setDraft((d) => ({ ...d, [field]: e.target.value }));
                }}
              />
              <OverrideNotice
                override={overrideOf(field)}
                group="company"
                label={t(`company.fields.${field}`)}
                valueText={(v) => (typeof v === 'string' && v !== '' ? v : t('disclosureTimeline.empty'))}
                onDismiss={() => void dispatch('company.dismiss-override', { field })}
                onRestore={(mine) => {
                  setStatus(null);
                  setDraft((d) => ({ ...d, [field]: String(mine) }));
                  focusWhenShown(`#company-${field}`);
                }}
              />
              {problem && (
                <p className="error" id={`company-${field}-error`} role="alert">
                  {translateIfAny(t, `company.problems.${problem.reason}`, { field: t(`company.fields.${field}`) }) ?? t('company.problems.invalid', { field: t(`company.fields.${field}`) })}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('company.save')}
        </button>
        {status && <span role="status">{t(`company.${status}`)}</span>}
      </div>
    </form>
  );
}
