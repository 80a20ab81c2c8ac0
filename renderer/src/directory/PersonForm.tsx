import { useEffect, useState, type FormEvent } from 'react';
import type { Problem } from '../../../shared/events/command';
import { CONTACT_CATEGORIES, EMPTY_PERSON, MAX_EMAILS, MAX_PHONES, type ContactCategory, type DirectoryPerson, type DirectoryPersonFields } from '../../../shared/directory/model';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { withNote } from '../ui/format';
import { focusWhenShown } from '../ui/focus';
import { problemWords } from './words';

const pad = (xs: readonly string[], n: number) => [...xs, ...Array<string>(Math.max(0, n - xs.length)).fill('')];

/** Add or change one person of the emergency contact list; the deputy is picked from the list. */
export function PersonForm({ person, people, onDone }: { person: DirectoryPerson | null; people: readonly DirectoryPerson[]; onDone(saved: string | null): void }) {
  const t = useT();
  const [draft, setDraft] = useState<DirectoryPersonFields>(() => {
    const base = person ?? EMPTY_PERSON;
    return { ...base, phones: pad(base.phones, MAX_PHONES), emails: pad(base.emails, MAX_EMAILS) };
  });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => focusWhenShown('#person-name'), []);

  const set = <K extends keyof DirectoryPersonFields>(key: K, value: DirectoryPersonFields[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const errorFor = (field: string) => {
    const p = problemOf(field);
    return p ? (
      <p className="error" id={`person-${field.replace('.', '-')}-error`} role="alert">
        {problemWords(t, p)}
      </p>
    ) : null;
  };
  const invalid = (field: string) => (problemOf(field) ? { 'aria-invalid': true, 'aria-describedby': `person-${field.replace('.', '-')}-error` } : {});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await dispatch('directory.save-person', { ...(person ? { personId: person.id } : {}), person: draft });
      onDone(draft.name.trim());
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      const shown = err.problems.filter((p) => p.reason !== 'unchanged');
      if (shown.length === 0) return onDone(null);
      setProblems(shown);
      const first = shown[0]!.field;
      focusWhenShown(`#person-${first.replace('.', '-')}`);
    } finally {
      setBusy(false);
    }
  }

  const text = (key: 'name' | 'organisation' | 'title' | 'chat') => (
    <div>
      <label htmlFor={`person-${key}`}>{t(`directory.columns.${key}`)}</label>
      <input id={`person-${key}`} autoComplete="off" value={draft[key]} onChange={(e) => set(key, e.target.value)} {...invalid(key)} />
      {errorFor(key)}
    </div>
  );

  return (
    <form className="card" onSubmit={submit} autoComplete="off" noValidate aria-labelledby="person-form-title" data-person-form>
      <h2 id="person-form-title">{person ? t('directory.form.editTitle', { name: person.name }) : t('directory.form.addTitle')}</h2>
      <div className="grid2">
        {text('name')}
        <div>
          <label htmlFor="person-category">{t('directory.columns.category')}</label>
          <select id="person-category" value={draft.category} onChange={(e) => set('category', e.target.value as ContactCategory)}>
            {CONTACT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`directory.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {text('organisation')}
        {text('title')}
        {draft.phones.map((phone, i) => (
          <div key={`phone-${i}`}>
            <label htmlFor={`person-phones-${i}`}>{t('directory.form.phone', { n: i + 1 })}</label>
            <input id={`person-phones-${i}`} type="tel" autoComplete="off" value={phone} onChange={(e) => set('phones', draft.phones.map((x, j) => (j === i ? e.target.value : x)))} {...invalid(`phones.${i}`)} />
            {errorFor(`phones.${i}`)}
          </div>
        ))}
        {draft.emails.map((email, i) => (
          <div key={`email-${i}`}>
            <label htmlFor={`person-emails-${i}`}>{t('directory.form.email', { n: i + 1 })}</label>
            <input id={`person-emails-${i}`} type="email" autoComplete="off" value={email} onChange={(e) => set('emails', draft.emails.map((x, j) => (j === i ? e.target.value : x)))} {...invalid(`emails.${i}`)} />
            {errorFor(`emails.${i}`)}
          </div>
        ))}
        {text('chat')}
        <div>
          <label htmlFor="person-deputyId">{t('directory.columns.deputy')}</label>
          <select id="person-deputyId" value={draft.deputyId ?? ''} onChange={(e) => set('deputyId', e.target.value || null)} {...invalid('deputyId')}>
            <option value="">{t('directory.form.deputyNone')}</option>
            {people
              .filter((p) => p.id !== person?.id)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.organisation ? withNote(p.name, p.organisation, t.lang) : p.name}
                </option>
              ))}
          </select>
          {errorFor('deputyId')}
        </div>
        <div className="span-all">
          <label htmlFor="person-hours">{t('directory.columns.hours')}</label>
          <input id="person-hours" autoComplete="off" value={draft.hours} onChange={(e) => set('hours', e.target.value)} aria-describedby="person-hours-hint" {...invalid('hours')} />
          <p className="hint" id="person-hours-hint">
            {t('directory.form.hoursHint')}
          </p>
          {errorFor('hours')}
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('directory.form.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('directory.form.cancel')}
        </button>
      </div>
    </form>
  );
}
