import { useMemo, useState } from 'react';
import { approvedVersion, EMPTY_CALLER, faqState } from '../../../shared/faq/model';
import { createFaqIndex, searchFaq } from '../../../shared/faq/search';
import { staleness } from '../../../shared/faq/stale';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { formatDateTime, hlcIso, locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { useSession } from '../vault/session-store';
import { dispatch } from '../data/dispatch';
import { useFaqAnalyser } from './analyser';
import { renderAnswer } from './faq-render';
import { faqAnswerDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';

/** Search as you type over approved answers, shown with the current facts (001 step 4: one answer). */
export function OperatorView({ data }: { data: OpenIncident }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const [query, setQuery] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const [used, setUsed] = useState<string | null>(null);
  const dict = useFaqAnalyser();
  const index = useMemo(() => createFaqIndex(data.faq, { analyser: dict.analyser }), [data.faq, dict.analyser]);
  const ids = query.trim() === '' ? [] : searchFaq(index, query, { approvedOnly: true, limit: 10 });
  const labels = renderLabels(t.dict);
  const factName = (k: string) => (t.dict.facts as Record<string, string>)[k] ?? k;
  const gate = useReleaseGate(data);

  async function use(entryId: string) {
    // The entry's use is recorded with the enquiry (the command adds it).
    await dispatch('faq.log-enquiry', {
      incidentId: data.incident.id,
      fields: {
        channel: 'phone',
        caller: EMPTY_CALLER,
        question: query,
        answerEntryId: entryId,
        answerText: '',
        escalate: false,
        operator: me?.name ?? '',
        durationSec: 0,
        tags: [],
        at: new Date().toISOString(),
      },
    });
    setUsed(entryId);
  }

  return (
    <section className="card operator" aria-labelledby="op-title">
      <h2 id="op-title">{t('faq.operator.title')}</h2>
      <p className="hint">{t('faq.operator.lead')}</p>
      {dict.state !== 'ready' && <p className="meta">{t(dict.state === 'loading' ? 'faq.operator.dictLoading' : 'faq.operator.dictFailed')}</p>}
      <label htmlFor="op-search">{t('faq.operator.search')}</label>
      <input id="op-search" type="search" autoComplete="off" autoFocus value={query} onChange={(e) => setQuery(e.target.value)} />
      {query.trim() !== '' && (
        <p className="meta" role="status">
          {ids.length === 0 ? t('faq.operator.noResults') : t('faq.operator.results', { n: ids.length })}
        </p>
      )}
      <ol className="answers">
        {ids.map((id) => {
          const entry = data.faq.find((e) => e.id === id);
          if (!entry || faqState(entry) !== 'approved') return null;
          const v = approvedVersion(entry)!;
          const st = staleness(entry, data.incident.facts);
          const text = renderAnswer(v.answer, data.incident, labels, locale(t.lang));
          return (
            <li key={id} className="answer" aria-label={v.question}>
              <h3>{v.question}</h3>
              {st.state === 'stale' && (
                <p role="alert" className="notice stale">
                  {t('faq.operator.staleWarning', { facts: st.changed.map(factName).join(t.dict.facts.listSeparator) })}
                </p>
              )}
              <p className="statement-p">{text}</p>
              <p className="meta">{entry.approval && t('faq.operator.lastApproved', { at: formatDateTime(hlcIso(entry.approval.at), t.lang) })}</p>
              <div className="actions">
                <button
                  type="button"
                  onClick={gate.guard([faqAnswerDocument(t, id, v.question, text)], () => {
                    void navigator.clipboard?.writeText(text).catch(() => undefined);
                    setCopied(id);
                  })}
                >
                  {copied === id ? t('faq.operator.copied') : t('faq.operator.copy')}
                </button>
                <button type="button" onClick={() => void use(id)}>
                  {t('faq.operator.used')}
                </button>
                {used === id && <span role="status">{t('faq.operator.usedDone')}</span>}
              </div>
            </li>
          );
        })}
      </ol>
      {gate.dialog}
    </section>
  );
}
