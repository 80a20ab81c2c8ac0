import { useEffect, useState } from 'react';
import type { AppliedList, LaterChange } from '../../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import { useT } from '../../i18n/i18n';
import { useActorName } from '../../incidents/use-actor-name';
import { formatDateTime, hlcIso } from '../../ui/format';
import { loadAppliedLists } from '../applied';
import { CommandRefused, dispatch } from '../../data/dispatch';
import { useContacts } from './contacts-store';
import { namedDataset, useListName } from './list-name';

type Row = AppliedList & { datasetId: string };

/**
 * Every returned-mail and bounce list applied in the incident, from the events: when, who,
 * how many it changed, and undo while it is still the latest change to its customers —
 * otherwise the reason, in words.
 */
export function AppliedLists() {
  const t = useT();
  const actorName = useActorName();
  const listName = useListName();
  const { engine, incidentId, datasets } = useContacts();
  // Every contact event changes some list's totals: the applied lists follow the events.
  const totals = useContacts((s) => s.totals);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const nf = new Intl.NumberFormat();

  useEffect(() => {
    if (!engine || !incidentId) return;
    let live = true;
    void loadAppliedLists(engine, incidentId).then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, [engine, incidentId, datasets, totals]);

  const at = (clock: string) => formatDateTime(hlcIso(clock), t.lang);
  const changeText = (b: LaterChange): string => {
    const c = t.dict.contacts.results.history.changes;
    switch (b.type) {
      case CONTACT_EVENT_TYPES.batchCreated:
        return t('contacts.results.history.changes.batch', { channel: b.channel ? t(`contacts.channels.${b.channel}`) : '' });
      case CONTACT_EVENT_TYPES.outcomesRecorded:
        return b.source && b.source in c ? c[b.source as keyof typeof c] : c.result;
      case CONTACT_EVENT_TYPES.customersExcluded:
        return c.excluded;
      default:
        return c.notice;
    }
  };

  async function undo(r: Row) {
    setConfirming(null);
    setFailed(null);
    try {
      await dispatch('contacts.undo-list', { datasetId: r.datasetId, eventId: r.eventId });
    } catch (e) {
      // Refused (a later change touched its customers meanwhile): say so; anything else is a fault.
      if (!(e instanceof CommandRefused)) throw e;
      setFailed(r.eventId);
    }
  }

  const many = datasets.length > 1;
  return (
    <section aria-labelledby="rs-history">
      <h3 id="rs-history">{t('contacts.results.history.title')}</h3>
      <p className="hint">{t('contacts.results.history.lead')}</p>
      {rows && rows.length === 0 && <p className="hint">{t('contacts.results.history.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="scroll-x">
          <table className="table compact applied-lists">
            <thead>
              <tr>
                {(['at', 'actor', 'kind', 'list', 'customers', 'changed', 'undo'] as const).map((c) => (
                  <th key={c} scope="col">
                    {t(`contacts.results.history.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const d = datasets.find((x) => x.id === r.datasetId);
                return (
                  <tr key={r.eventId} data-list={r.eventId}>
                    <td>{at(r.at)}</td>
                    <td>{actorName(r.actor)}</td>
                    <td>{t(`contacts.results.kinds.${r.source === 'bounce' ? 'bounce' : 'returned-mail'}`)}</td>
                    <td>
                      {r.listName ?? t('contacts.results.history.pasted')}
                      {r.listLines !== undefined && <span className="meta"> · {t('contacts.results.history.lines', { n: nf.format(r.listLines) })}</span>}
                      {many && d && <div className="meta">{listName(namedDataset(d))}</div>}
                    </td>
                    <td className="num">{nf.format(r.customers)}</td>
                    <td className="num">{nf.format(r.changed)}</td>
                    <td>
                      {r.undone ? (
                        <span className="meta">{t('contacts.results.history.undoneBy', { at: at(r.undone.at), actor: actorName(r.undone.actor) })}</span>
                      ) : r.blockedBy ? (
                        <span className="meta">{t('contacts.results.history.blocked', { at: at(r.blockedBy.at), change: changeText(r.blockedBy), n: nf.format(r.blockedBy.customers) })}</span>
                      ) : confirming === r.eventId ? (
                        <span role="group" aria-label={t('contacts.results.history.undoConfirm', { n: nf.format(r.changed) })}>
                          <span>{t('contacts.results.history.undoConfirm', { n: nf.format(r.changed) })}</span>{' '}
                          <button type="button" className="danger" onClick={() => void undo(r)}>
                            {t('contacts.results.history.undoYes')}
                          </button>{' '}
                          <button type="button" onClick={() => setConfirming(null)}>
                            {t('contacts.results.history.undoNo')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" onClick={() => setConfirming(r.eventId)}>
                          {t('contacts.results.undo')}
                        </button>
                      )}
                      {failed === r.eventId && <p className="error">{t('contacts.results.history.undoFailed')}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
