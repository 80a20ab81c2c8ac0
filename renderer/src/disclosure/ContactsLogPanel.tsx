import { useState, type FormEvent } from 'react';
import type { Problem } from '../../../shared/disclosure/commands';
import { CONTACT_PARTIES, type ContactParty } from '../../../shared/disclosure/regulator';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { formatDateTime, fromLocalInput, toLocalInput } from '../ui/format';
import { dispatch, problemsOf } from '../data/dispatch';
import { ProblemList } from './ProblemList';

/** Calls and visits to the police, ministries, card companies and the PPC (004 §8-⑬). */
export function ContactsLogPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const [party, setParty] = useState<ContactParty>('police');
  const [who, setWho] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(new Date().toISOString()));
  const [notes, setNotes] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);

  async function add(e: FormEvent) {
    e.preventDefault();
    const found = await problemsOf(dispatch('disclosure.log-contact', { incidentId: data.incident.id, party, who, when: fromLocalInput(when), notes }));
    setProblems(found);
    if (found.length > 0) return;
    setWho('');
    setNotes('');
  }

  return (
    <section className="card" aria-labelledby="cl-title">
      <h2 id="cl-title">{t('contactsLog.title')}</h2>
      <form className="grid-task" onSubmit={add} autoComplete="off" noValidate>
        <div>
          <label htmlFor="cl-party">{t('contactsLog.party')}</label>
          <select id="cl-party" value={party} onChange={(e) => setParty(e.target.value as ContactParty)}>
            {CONTACT_PARTIES.map((p) => (
              <option key={p} value={p}>
                {t(`contactsLog.parties.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cl-who">{t('contactsLog.who')}</label>
          <input id="cl-who" autoComplete="off" value={who} onChange={(e) => setWho(e.target.value)} />
        </div>
        <div>
          <label htmlFor="cl-when">{t('contactsLog.when')}</label>
          <input id="cl-when" type="datetime-local" autoComplete="off" value={when} onChange={(e) => setWhen(e.target.value)} />
        </div>
        <div className="span-all">
          <label htmlFor="cl-notes">{t('contactsLog.notes')}</label>
          <textarea id="cl-notes" rows={2} autoComplete="off" value={notes} onChange={(e) => setNotes(e.target.value)} />
          <ProblemList problems={problems} />
          <button type="submit" className="primary">
            {t('contactsLog.add')}
          </button>
        </div>
      </form>
      {data.contactsLog.length === 0 ? (
        <p className="hint">{t('contactsLog.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('contactsLog.when')}</th>
              <th scope="col">{t('contactsLog.party')}</th>
              <th scope="col">{t('contactsLog.who')}</th>
              <th scope="col">{t('contactsLog.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {data.contactsLog.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">{formatDateTime(c.when, t.lang)}</td>
                <td>{t(`contactsLog.parties.${c.party}`)}</td>
                <td>{c.who}</td>
                <td>{c.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
