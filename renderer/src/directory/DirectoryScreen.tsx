import { useState } from 'react';
import type { DirectoryPerson } from '../../../shared/directory/model';
import { dialable } from '../../../shared/directory/validate';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useMyRoles } from '../roles/roles-store';
import { message, problem, say, type Message } from '../ui/message';
import { useReadOnly } from '../ui/read-only';
import { CallTrees } from './CallTrees';
import { DirectoryImport } from './DirectoryImport';
import { useDirectory } from './directory-store';
import { PersonForm } from './PersonForm';


/** 緊急連絡表: the list everyone may read and direction keeps, its CSV files and the call trees. */
export function DirectoryScreen() {
  const t = useT();
  const people = useDirectory();
  const direction = useMyRoles(null).includes('direction');
  const readOnly = useReadOnly();
  const canEdit = direction && !readOnly;
  const [editing, setEditing] = useState<DirectoryPerson | 'new' | null>(null);
  const [status, setStatus] = useState<Message | null>(null);
  const byId = new Map(people.map((p) => [p.id, p]));

  async function remove(p: DirectoryPerson) {
    if (!window.confirm(t('directory.removeConfirm', { name: p.name }))) return;
    try {
      await dispatch('directory.remove-person', { personId: p.id });
      setStatus(message('directory.removed', { name: p.name }));
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setStatus(problem('directory.problems.not-found'));
    }
  }

  return (
    <section aria-labelledby="directory-title" className="directory">
      <h1 id="directory-title">{t('directory.title')}</h1>
      <p className="hint">{t('directory.lead')}</p>
      {!direction && <p className="hint" role="note">{t('directory.readOnly')}</p>}
      <div className="board-head">
        <h2>{t('directory.peopleTitle')}</h2>
        <span className="spacer" />
        {canEdit && editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('directory.add')}
          </button>
        )}
      </div>
      {editing !== null && (
        <PersonForm
          key={editing === 'new' ? 'new' : editing.id}
          person={editing === 'new' ? null : editing}
          people={people}
          onDone={(saved) => {
            setEditing(null);
            setStatus(saved ? message('directory.saved', { name: saved }) : null);
          }}
        />
      )}
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'error'}>
          {say(t, status)}
        </p>
      )}
      {people.length === 0 ? (
        <p className="empty">{t('directory.empty')}</p>
      ) : (
        <table className="table directory-list" data-directory-list>
          <thead>
            <tr>
              <th scope="col">{t('directory.columns.name')}</th>
              <th scope="col">{t('directory.columns.category')}</th>
              <th scope="col">{t('directory.columns.phones')}</th>
              <th scope="col">{t('directory.columns.emails')}</th>
              <th scope="col">{t('directory.columns.deputy')}</th>
              <th scope="col">{t('directory.columns.hours')}</th>
              {canEdit && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id} data-person={p.name}>
                <td>
                  <strong>{p.name}</strong>
                  <div className="meta">{[p.organisation, p.title].filter((x) => x !== '').join(' ')}</div>
                  {p.chat && <div className="meta">{p.chat}</div>}
                </td>
                <td>{t(`directory.categories.${p.category}`)}</td>
                <td>
                  {p.phones.map((ph) => (
                    <div key={ph}>
                      <a href={`tel:${dialable(ph)}`}>{ph}</a>
                    </div>
                  ))}
                </td>
                <td>
                  {p.emails.map((em) => (
                    <div key={em}>{em}</div>
                  ))}
                </td>
                <td>{p.deputyId ? (byId.get(p.deputyId)?.name ?? '') : ''}</td>
                <td>{p.hours}</td>
                {canEdit && (
                  <td className="nowrap">
                    <button type="button" className="link" onClick={() => setEditing(p)} aria-label={`${t('directory.edit')} ${p.name}`}>
                      {t('directory.edit')}
                    </button>{' '}
                    <button type="button" className="link" onClick={() => void remove(p)} aria-label={`${t('directory.remove')} ${p.name}`}>
                      {t('directory.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DirectoryImport people={people} canEdit={canEdit} />
      <CallTrees people={people} canEdit={canEdit} />
    </section>
  );
}
