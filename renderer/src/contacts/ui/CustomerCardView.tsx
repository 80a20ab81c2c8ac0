import { GiftLine } from './GiftLine';
import { useState } from 'react';
import { channelOf, CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import type { Outcome, Status } from '../../../../shared/contacts/fallback';
import type { Channel, Exclusion } from '../../../../shared/contacts/model';
import { formatReference, referenceNumber } from '../../../../shared/contacts/reference';
import { useLetterOf } from './letter-row';
import { useT } from '../../i18n/i18n';
import { formatDateTime, hlcIso } from '../../ui/format';
import type { CustomerCard } from '../contact-engine';
import { useContacts } from './contacts-store';
import { dispatch } from '../../data/dispatch';
import { CommandRefused } from '../../data/handler';
import { mayWrite } from '../../../../shared/roles/table';
import { useMyRoles } from '../../roles/roles-store';
import { type Said, say } from './labels';
import { namedDataset, useListName } from './list-name';
import { type MatesLeft, useMatesToOffer } from './nayose-hooks';

const EVENT_KEYS = Object.fromEntries(Object.entries(CONTACT_EVENT_TYPES).map(([k, v]) => [v, k])) as Record<string, keyof typeof CONTACT_EVENT_TYPES>;
type CardOutcome = 'reached' | 'returned' | 'bounced' | 'noAnswer' | 'wrong' | 'refused' | 'calledIn';

/** The results a person can record from the card, per channel, with what the fold stores. */
const CARD_OUTCOMES: Partial<Record<Channel, { key: CardOutcome; outcome: Outcome; reason: string }[]>> = {
  post: [
    { key: 'reached', outcome: 'reached', reason: '' },
    { key: 'returned', outcome: 'failed', reason: 'unknown-address' },
  ],
  email: [
    { key: 'reached', outcome: 'reached', reason: '' },
    { key: 'bounced', outcome: 'failed', reason: 'bounce-hard' },
  ],
  phone: [
    { key: 'reached', outcome: 'reached', reason: 'call-reached' },
    { key: 'noAnswer', outcome: 'no-answer', reason: 'call-no-answer' },
    { key: 'wrong', outcome: 'failed', reason: 'call-wrong-number' },
    { key: 'refused', outcome: 'failed', reason: 'call-refused' },
  ],
  // Every channel failed: the customer waits for (or was covered by) the notice, then
  // contacts the desk and is told in person — reached, never 'covered'.
  notice: [{ key: 'calledIn', outcome: 'reached', reason: 'called-in' }],
};

export function useStatusText() {
  const t = useT();
  const datasets = useContacts((s) => s.datasets);
  return (datasetId: string, s: Status) => {
    const ch = datasets.find((d) => d.id === datasetId)?.meta.channelOrder[s.slot];
    const onChannel = ch && (s.phase === 'pending' || s.phase === 'in-progress' || s.phase === 'reached');
    if (ch === 'notice' && s.phase === 'reached') return `${t('contacts.phases.reached')} · ${t('contacts.lookup.calledInStatus')}`;
    return `${t(`contacts.phases.${s.phase}`)}${onChannel ? ` · ${t(`contacts.channels.${ch}`)}` : ''}${s.exclusion ? ` · ${t(`contacts.exclusions.${s.exclusion}`)}` : ''}`;
  };
}

/** One customer: the row as imported, where they stand, every attempt, and a result to record. */
export function CustomerCardView({ card, onChanged }: { card: CustomerCard; onChanged: () => void }) {
  const t = useT();
  const datasets = useContacts((s) => s.datasets);
  const statusText = useStatusText();
  const listName = useListName();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<Said | null>(null);
  const list = datasets.find((d) => d.id === card.datasetId);
  const letter = useLetterOf(list?.incidentId, card.datasetId, card.row.row);
  // The list that printed the letter (名寄せ across lists: another list's letter told this customer).
  const letterList = datasets.find((d) => d.id === letter.datasetId);
  const waiting = card.status.phase === 'pending' || card.status.phase === 'in-progress' || (card.status.phase === 'covered' && card.channel === 'notice');
  const choices = waiting && card.channel ? (CARD_OUTCOMES[card.channel] ?? []) : [];

  async function record(c: { outcome: Outcome; reason: string }) {
    const e = await dispatch('contacts.record-outcome', { datasetId: card.datasetId, row: card.row.row, outcome: c.outcome, reason: c.reason, note: note.trim() });
    setNote('');
    setMessage(say(e ? 'contacts.lookup.recorded' : 'contacts.lookup.recordNone'));
    onChanged();
  }

  return (
    <section className="card" aria-labelledby="lk-card">
      <h2 id="lk-card">{t('contacts.lookup.card')}</h2>
      {list && <p className="meta">{t('contacts.lookup.list', { name: listName(namedDataset(list)) })}</p>}
      <dl className="facts">
        {(['customerNo', 'name', 'kana', 'postcode', 'address', 'phone', 'email', 'segment'] as const).map((f) => (
          <div key={f} className="contents">
            <dt>{t(`contacts.fields.${f}`)}</dt>
            <dd data-field={f}>{card.row[f]}</dd>
          </div>
        ))}
        {letterList?.listNo !== undefined && (
          <div className="contents">
            <dt>{t('contacts.lookup.reference.label')}</dt>
            <dd data-field="reference">
              {formatReference(referenceNumber(letterList.listNo, letter.row))}
              {letter.datasetId !== card.datasetId ? (
                <span className="hint" data-testid="covered-by"> {t('nayose.coveredBy', { list: listName(namedDataset(letterList)) })}</span>
              ) : (
                letter.row !== card.row.row && <span className="hint"> {t('contacts.lookup.reference.sharedLetter')}</span>
              )}
            </dd>
          </div>
        )}
        <dt>{t('contacts.lookup.status')}</dt>
        <dd data-field="status">{statusText(card.datasetId, card.status)}</dd>
      </dl>
      {list && <GiftLine incidentId={list.incidentId} datasetId={card.datasetId} row={card.row.row} />}
      {choices.length > 0 && (
        <div className="record-outcome">
          <h3>{card.channel === 'notice' ? t('contacts.lookup.recordCalledIn') : t('contacts.lookup.record', { channel: t(`contacts.channels.${card.channel!}`) })}</h3>
          <label htmlFor="lk-note">{t('contacts.lookup.recordNote')}</label>
          <input id="lk-note" autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="actions wrap">
            {choices.map((c) => (
              <button key={c.key} type="button" className={c.outcome === 'reached' ? 'primary' : undefined} onClick={() => void record(c)}>
                {t(`contacts.lookup.cardOutcomes.${c.key}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {message && (
        <p className="ok" role="status">
          {t(message.key, message.params)}
        </p>
      )}
      {list && <ExcludeCustomer card={card} incidentId={list.incidentId} onChanged={onChanged} />}
      <h3>{t('contacts.lookup.history')}</h3>
      {card.history.length === 0 ? (
        <p className="hint">{t('contacts.lookup.noHistory')}</p>
      ) : (
        <ol className="history">
          {card.history.map((h) => {
            const key = EVENT_KEYS[h.event.type] ?? 'batchCreated';
            const channel = channelOf(h.event);
            return (
              <li key={h.event.id} className={h.undone ? 'undone' : undefined}>
                <span className="meta">{formatDateTime(hlcIso(h.event.at), t.lang)}</span>{' '}
                {t(`contacts.lookup.events.${key === 'datasetImported' ? 'batchCreated' : key}`, {
                  channel: channel ? t(`contacts.channels.${channel}`) : '',
                  outcome: h.outcome ? t(`contacts.lookup.outcomes.${h.outcome as 'reached'}`) : '',
                  operator: h.operator ?? '',
                })}
                {channel && key === 'outcomesRecorded' && ` · ${t(`contacts.channels.${channel}`)}`}
                {h.reason && ` · ${(t.dict.contacts.results.reasons as Record<string, string>)[h.reason] ?? h.reason}`}
                {h.note && ` · ${h.note}`}
                {h.undone && ` ${t('contacts.lookup.undone')}`}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The exclusions a person records from the card (a duplicate is found by the import). */
const CARD_EXCLUSIONS = ['deceased', 'do-not-contact'] as const;

/**
 * The family calls to say the customer has died, or the customer asks to be contacted no more:
 * the card takes them out of every channel (no letter, e-mail or call from then on, nor a line in
 * a batch's files made after it), asked once more before it is recorded, with undo at once.
 * Offered to those who may write it (the contact lead, direction).
 */
function ExcludeCustomer({ card, incidentId, onChanged }: { card: CustomerCard; incidentId: string; onChanged: () => void }) {
  const t = useT();
  const may = mayWrite(useMyRoles(incidentId), CONTACT_EVENT_TYPES.customersExcluded);
  const [asked, setAsked] = useState<(typeof CARD_EXCLUSIONS)[number] | null>(null);
  const [done, setDone] = useState<{ eventId: string } | null>(null);
  const [said, setSaid] = useState<Said | null>(null);
  const [matesDone, setMatesDone] = useState(false);
  // The same person's other records (名寄せ: merged as one person, not as a household) still on
  // the contact list: offered to take out too once this one is — the family that called about
  // one record meant the person. One taken out already is not offered again.
  const mates = useMatesToOffer(incidentId, card.datasetId, card.row.row);
  if (!may) return null;
  const excluded = card.status.phase === 'excluded';

  async function excludeMates(reason: Exclusion) {
    const left = mates?.left ?? [];
    const byList = new Map<string, number[]>();
    for (const m of left) (byList.get(m.datasetId) ?? byList.set(m.datasetId, []).get(m.datasetId)!).push(m.row);
    for (const [datasetId, rows] of byList) await dispatch('contacts.exclude-customers', { datasetId, rows, reason });
    setMatesDone(true);
    setDone(null);
    setSaid(say('contacts.lookup.exclude.matesDone', { n: left.length }));
    onChanged();
  }

  async function exclude(reason: Exclusion) {
    const r = await dispatch('contacts.exclude-customers', { datasetId: card.datasetId, rows: [card.row.row], reason });
    setMatesDone(false);
    setAsked(null);
    setDone(r);
    setSaid(say('contacts.lookup.exclude.done'));
    onChanged();
  }
  async function undo(eventId: string) {
    setDone(null);
    try {
      await dispatch('contacts.undo', { datasetId: card.datasetId, eventId });
      setSaid(say('contacts.lookup.exclude.undone'));
    } catch (e) {
      if (!(e instanceof CommandRefused)) throw e;
      setSaid(say('contacts.lookup.exclude.undoFailed'));
    }
    onChanged();
  }

  return (
    <div className="exclude-customer">
      {!excluded && (
        <>
          <h3>{t('contacts.lookup.exclude.title')}</h3>
          <p className="hint">{t('contacts.lookup.exclude.hint')}</p>
          {asked === null ? (
            <div className="actions wrap">
              {CARD_EXCLUSIONS.map((r) => (
                <button key={r} type="button" onClick={() => setAsked(r)}>
                  {t(`contacts.lookup.exclude.as.${r}`)}
                </button>
              ))}
            </div>
          ) : (
            <div className="notice" role="alertdialog" aria-labelledby="lk-exclude-ask">
              <p id="lk-exclude-ask">{t('contacts.lookup.exclude.confirm', { reason: t(`contacts.lookup.exclude.as.${asked}`) })}</p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => void exclude(asked)}>
                  {t('contacts.lookup.exclude.yes')}
                </button>
                <button type="button" onClick={() => setAsked(null)}>
                  {t('contacts.lookup.exclude.no')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      {!matesDone && <MatesOffer card={card} mates={mates} onExclude={(reason) => void excludeMates(reason)} />}
      {said && (
        <p className={said.key === 'contacts.lookup.exclude.undoFailed' ? 'error' : 'ok'} role="status">
          {t(said.key, said.params)}{' '}
          {done && (
            <button type="button" onClick={() => void undo(done.eventId)}>
              {t('contacts.lookup.exclude.undo')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/**
 * The offer, on an excluded customer's card, to take out the same person's other records too
 * (名寄せ): only those still on the contact list; nothing while they are read, nor once every one
 * is out (by this offer, on their own cards, or by a colleague).
 */
export function MatesOffer({ card, mates, onExclude }: { card: CustomerCard; mates: MatesLeft | null; onExclude: (reason: Exclusion) => void }) {
  const t = useT();
  const reason = card.status.phase === 'excluded' ? card.status.exclusion : undefined;
  if (!reason || reason === 'duplicate' || !mates || mates.left.length === 0) return null;
  const n = mates.left.length;
  return (
    <div className="notice" data-testid="exclude-mates">
      <p>{n < mates.merged ? t('contacts.lookup.exclude.matesLeft', { n }) : t('contacts.lookup.exclude.mates', { n })}</p>
      <button type="button" onClick={() => onExclude(reason)}>
        {t('contacts.lookup.exclude.matesToo')}
      </button>
    </div>
  );
}
