import { useState, type FormEvent } from 'react';
import { CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import type { Status } from '../../../../shared/contacts/fallback';
import type { ContactRow } from '../../../../shared/contacts/model';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/workspace-store';
import { formatDateTime, hlcIso } from '../../ui/format';
import type { CustomerCard } from '../contact-engine';
import type { LookupKind } from '../lookup';
import { useContacts } from './contacts-store';

const KINDS: LookupKind[] = ['no', 'phone', 'email', 'kana-prefix', 'postcode-name'];
const EVENT_KEYS = Object.fromEntries(Object.entries(CONTACT_EVENT_TYPES).map(([k, v]) => [v, k])) as Record<string, keyof typeof CONTACT_EVENT_TYPES>;

/** The call centre's lookup: customer no., phone, e-mail, kana prefix, postcode + name; the card. */
export function LookupPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const { engine, datasets } = useContacts();
  const [kind, setKind] = useState<LookupKind>('no');
  const [value, setValue] = useState('');
  const [name, setName] = useState('');
  const [results, setResults] = useState<{ datasetId: string; row: ContactRow; status: Status }[] | null>(null);
  const [card, setCard] = useState<CustomerCard | null>(null);
  if (!engine) return null;

  async function search(e: FormEvent) {
    e.preventDefault();
    setCard(null);
    const found = await engine!.find(data.incident.id, kind, value, name);
    setResults(found);
    if (found.length === 1) setCard((await engine!.card(found[0]!.datasetId, found[0]!.row.row)) ?? null);
  }
  const channelOf = (datasetId: string, s: Status) => datasets.find((d) => d.id === datasetId)?.meta.channelOrder[s.slot];
  const statusText = (datasetId: string, s: Status) => {
    const ch = channelOf(datasetId, s);
    return `${t(`contacts.phases.${s.phase}`)}${ch && (s.phase === 'pending' || s.phase === 'in-progress' || s.phase === 'reached') ? ` · ${t(`contacts.channels.${ch}`)}` : ''}${s.exclusion ? ` · ${t(`contacts.exclusions.${s.exclusion}`)}` : ''}`;
  };

  return (
    <div className="overview">
      <section className="card" aria-labelledby="lk-title">
        <h2 id="lk-title">{t('contacts.lookup.title')}</h2>
        <form onSubmit={search} autoComplete="off">
          <label htmlFor="lk-kind">{t('contacts.lookup.kind')}</label>
          <select id="lk-kind" value={kind} onChange={(e) => setKind(e.target.value as LookupKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`contacts.lookup.kinds.${k}`)}
              </option>
            ))}
          </select>
          <label htmlFor="lk-value">{t('contacts.lookup.value')}</label>
          <input id="lk-value" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
          {kind === 'postcode-name' && (
            <>
              <label htmlFor="lk-name">{t('contacts.lookup.name')}</label>
              <input id="lk-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            </>
          )}
          <div className="actions">
            <button type="submit" className="primary">
              {t('contacts.lookup.search')}
            </button>
          </div>
        </form>
        {results && results.length === 0 && <p className="hint">{t('contacts.lookup.none')}</p>}
        {results && results.length > 0 && (
          <ul className="lookup-results">
            {results.map((r) => (
              <li key={`${r.datasetId}:${r.row.row}`}>
                <button type="button" className="link" onClick={() => void engine.card(r.datasetId, r.row.row).then((c) => setCard(c ?? null))}>
                  {r.row.name}
                </button>{' '}
                <span className="meta">
                  {r.row.customerNo} · {statusText(r.datasetId, r.status)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {card && (
        <section className="card" aria-labelledby="lk-card">
          <h2 id="lk-card">{t('contacts.lookup.card')}</h2>
          <dl className="facts">
            {(['customerNo', 'name', 'kana', 'postcode', 'address', 'phone', 'email', 'segment'] as const).map((f) => (
              <div key={f} className="contents">
                <dt>{t(`contacts.fields.${f}`)}</dt>
                <dd data-field={f}>{card.row[f]}</dd>
              </div>
            ))}
            <dt>{t('contacts.lookup.status')}</dt>
            <dd data-field="status">{statusText(card.datasetId, card.status)}</dd>
          </dl>
          <h3>{t('contacts.lookup.history')}</h3>
          {card.history.length === 0 ? (
            <p className="hint">{t('contacts.lookup.noHistory')}</p>
          ) : (
            <ol className="history">
              {card.history.map((h) => {
                const key = EVENT_KEYS[h.event.type] ?? 'batchCreated';
                const channel = (h.event.payload as { channel?: string }).channel;
                return (
                  <li key={h.event.id} className={h.undone ? 'undone' : undefined}>
                    <span className="meta">{formatDateTime(hlcIso(h.event.at), t.lang)}</span>{' '}
                    {t(`contacts.lookup.events.${key === 'datasetImported' ? 'batchCreated' : key}`, {
                      channel: channel ? t(`contacts.channels.${channel as 'post'}`) : '',
                      outcome: h.outcome ? t(`contacts.lookup.outcomes.${h.outcome as 'reached'}`) : '',
                    })}
                    {channel && key === 'outcomesRecorded' && ` · ${t(`contacts.channels.${channel as 'post'}`)}`}
                    {h.reason && ` · ${(t.dict.contacts.results.reasons as Record<string, string>)[h.reason] ?? h.reason}`}
                    {h.note && ` · ${h.note}`}
                    {h.undone && ` ${t('contacts.lookup.undone')}`}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
