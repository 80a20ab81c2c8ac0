/**
 * The talk script's data column: who the caller is on the list (to check before answering),
 * their 照会番号 and letter, and — once checked — what leaked for their segment, what did not,
 * the live counts, the gift and the company's approved answers.
 */
import { useEffect, useMemo, useState } from 'react';
import { formatReference, referenceNumber } from '../../../shared/contacts/reference';
import { scriptEntries, talkCustomer, type SegmentAnswer, type TalkCustomer } from '../../../shared/faq/talk-script';
import { renderTemplate } from '../../../shared/incident/render';
import { approvedVersion } from '../../../shared/faq/model';
import { createFaqIndex, searchFaq } from '../../../shared/faq/search';
import { variantName } from '../../../shared/letters/variants';
import type { CustomerCard } from '../contacts/contact-engine';
import { useContacts } from '../contacts/ui/contacts-store';
import { GiftLine } from '../contacts/ui/GiftLine';
import { useLetterOf } from '../contacts/ui/letter-row';
import { namedDataset, useListName } from '../contacts/ui/list-name';
import { reportError } from '../errors/report';
import { dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { formatDateTime, hlcIso, locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { useFaqAnalyser } from './analyser';
import { renderAnswer } from './faq-render';

/**
 * The customer as the script needs them. A record merged into another by 名寄せ shared that
 * record's letter: its card is read (on record, as every card) for the letter's history only.
 * The letter's record is useLetterOf's (read again when a batch, decision or 文面 changes); the
 * letter read for another card is never shown for this one.
 */
export function useTalkCustomer(incidentId: string, card: CustomerCard | null): TalkCustomer | null {
  const engine = useContacts((s) => s.engine);
  // The shared letter's record, for the card it belongs to (a new card never shows the last one's letter).
  const [letter, setLetter] = useState<{ for: CustomerCard; datasetId: string; row: number; history: CustomerCard['history'] } | null>(null);
  // The letter as it went out (a letter in the post: as the decisions stood when it was sent; a
  // 文面 changed since a merge: its own letter), in this list or another — read again when it changes.
  const to = useLetterOf(incidentId, card?.datasetId ?? '', card?.row.row ?? -1);
  useEffect(() => {
    if (!engine || !card || to.row < 0 || (to.datasetId === card.datasetId && to.row === card.row.row)) return;
    let live = true;
    void (async () => {
      await dispatch('access.record-card', { incidentId, datasetId: to.datasetId, row: to.row });
      const other = await engine.card(to.datasetId, to.row);
      if (live && other) setLetter({ for: card, datasetId: to.datasetId, row: to.row, history: other.history });
    })().catch((e: unknown) => reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, card, to]);
  return useMemo(() => {
    if (!card) return null;
    const own = { datasetId: card.datasetId, segment: card.row.segment, row: card.row.row, history: card.history };
    // The letter read for this card and the record its letter is now (not one read before a change).
    return talkCustomer(own, letter?.for === card && letter.datasetId === to.datasetId && letter.row === to.row ? letter : undefined);
  }, [card, letter, to]);
}

export function TalkCustomerData({ data, card, customer, answer, showAnswer }: { data: OpenIncident; card: CustomerCard; customer: TalkCustomer; answer: SegmentAnswer | undefined; showAnswer: boolean }) {
  const t = useT();
  const list = useContacts((s) => s.datasets.find((d) => d.id === card.datasetId));
  // The list that printed the letter (名寄せ across lists): its number makes the 照会番号 the caller holds.
  const letterList = useContacts((s) => (customer.letterList === undefined ? undefined : s.datasets.find((d) => d.id === customer.letterList)));
  const listName = useListName();
  // Never the letter's row under this list's number: another customer's 照会番号.
  const refListNo = customer.letterList !== undefined ? letterList?.listNo : list?.listNo;
  const labels = renderLabels(t.dict);
  const itemNames = (items: readonly string[]) => (items.length === 0 ? t('talk.data.nothing') : items.map((i) => (t.dict.items as Record<string, string>)[i] ?? i).join(t.dict.facts.listSeparator));
  const letter = customer.letter;
  const letterText =
    letter.kind === 'none' || letter.kind === 'preparing' ? t(`talk.data.letters.${letter.kind}`) : t(`talk.data.letters.${letter.kind}`, { date: formatDateTime(hlcIso(letter.at), t.lang) });
  const counts = renderTemplate(t.dict.talk.data.countsTemplate, { title: data.incident.title, facts: data.incident.facts }, { labels, locale: locale(t.lang), timeZone: 'Asia/Tokyo' }).text;

  return (
    <section className="card talk-customer" aria-labelledby="talk-customer">
      <h3 id="talk-customer">{t('talk.data.title')}</h3>
      <dl className="facts">
        <dt>{t('talk.data.name')}</dt>
        <dd data-field="name">{card.row.name}</dd>
        {card.row.kana && (
          <>
            <dt>{t('talk.data.kana')}</dt>
            <dd data-field="kana">{card.row.kana}</dd>
          </>
        )}
        <dt>{t('talk.data.postcode')}</dt>
        <dd data-field="postcode">{card.row.postcode}</dd>
        {refListNo !== undefined && (
          <>
            <dt>{t('talk.data.reference')}</dt>
            <dd data-field="reference">
              {formatReference(referenceNumber(refListNo, customer.letterRow))}
              {customer.letterList !== undefined && letterList ? (
                <span className="hint"> {t('nayose.coveredBy', { list: listName(namedDataset(letterList)) })}</span>
              ) : (
                customer.letterRow !== customer.row && <span className="hint"> {t('talk.data.sharedLetter')}</span>
              )}
            </dd>
          </>
        )}
        <dt>{t('talk.data.letter')}</dt>
        <dd data-field="letter">{letterText}</dd>
        {showAnswer && answer && (
          <>
            <dt>{t('talk.data.letterVariant')}</dt>
            <dd data-field="variant">{answer.variant ? variantName(answer.variant, t('letters.defaultName')) : t('talk.data.incidentFacts')}</dd>
            <dt>{t('talk.data.leaked')}</dt>
            <dd data-field="leaked">{itemNames(answer.leaked)}</dd>
            <dt>{t('talk.data.notLeaked')}</dt>
            <dd data-field="not-leaked">{itemNames(answer.notLeaked)}</dd>
            <dt>{t('talk.data.counts')}</dt>
            <dd data-field="counts">{counts}</dd>
          </>
        )}
      </dl>
      {showAnswer && answer && (
        <>
          {answer.unconfirmed.length > 0 && (
            <p className="notice stale" role="alert">
              {t('talk.data.unconfirmed', { items: itemNames(answer.unconfirmed) })}
            </p>
          )}
          {list && <GiftLine incidentId={list.incidentId} datasetId={card.datasetId} row={customer.row} />}
          <CompanyAnswers data={data} />
        </>
      )}
    </section>
  );
}

/** The company's approved, current answers, searched (never a draft or a stale one: they are not read out). */
function CompanyAnswers({ data }: { data: OpenIncident }) {
  const t = useT();
  // null: the default search, until the operator types their own. Its words are Japanese in either language: the answers it searches are.
  const [typed, setQuery] = useState<string | null>(null);
  const query = typed ?? t('talk.doing.query');
  const dict = useFaqAnalyser();
  const usable = useMemo(() => scriptEntries(data.faq, data.incident.facts), [data.faq, data.incident.facts]);
  const index = useMemo(() => createFaqIndex(usable, { analyser: dict.analyser }), [usable, dict.analyser]);
  const ids = query.trim() === '' ? [] : searchFaq(index, query, { approvedOnly: true, limit: 3 });
  const labels = renderLabels(t.dict);
  return (
    <div className="talk-doing">
      <h4>{t('talk.doing.title')}</h4>
      <label htmlFor="talk-doing">{t('talk.doing.search')}</label>
      <input id="talk-doing" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
      {ids.length === 0 ? (
        <p className="hint">{t('talk.doing.none')}</p>
      ) : (
        <ol className="answers">
          {ids.map((id) => {
            const entry = usable.find((e) => e.id === id);
            const v = entry && approvedVersion(entry);
            if (!v) return null;
            return (
              <li key={id} className="answer" aria-label={v.question}>
                <p className="meta">{v.question}</p>
                <p className="statement-p">{renderAnswer(v.answer, data.incident, labels, locale(t.lang))}</p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
