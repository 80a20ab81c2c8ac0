import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { approvedVersion, ENQUIRY_CHANNELS, ENQUIRY_TAGS, EMPTY_CALLER, faqState, type EnquiryChannel, type EnquiryTag } from '../../../shared/faq/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useSession } from '../vault/session-store';
import type { Problem } from '../../../shared/events/command';
import { CommandRefused, dispatch } from '../data/dispatch';
import { ProblemList } from './ProblemList';
import { CustomerLink } from './CustomerLink';

/** The operator's entry form: fast, keyboard-only, Ctrl+Enter to log (001 step 4, 004 §8-⑭). */
export function EnquiryForm({ data }: { data: OpenIncident }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const question = useRef<HTMLTextAreaElement>(null);
  const blank = () => ({
    channel: 'phone' as EnquiryChannel,
    caller: { ...EMPTY_CALLER, customerNo: '' },
    question: '',
    answerEntryId: '',
    answerText: '',
    escalate: false,
    operator: me?.name ?? '',
    minutes: '',
    tags: [] as EnquiryTag[],
  });
  const [f, setF] = useState(blank);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const approved = data.faq.filter((e) => faqState(e) === 'approved');

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const entryId = f.answerEntryId || null;
    try {
      await dispatch('faq.log-enquiry', {
        incidentId: data.incident.id,
        fields: {
          channel: f.channel,
          caller: f.caller,
          question: f.question,
          answerEntryId: entryId,
          answerText: f.answerText,
          escalate: f.escalate,
          operator: f.operator,
          durationSec: Math.round(Number(f.minutes || 0) * 60),
          tags: f.tags,
          at: new Date().toISOString(),
        },
      });
      setProblems([]);
      setCount(data.enquiries.length + 1);
      // Keep the channel and operator: the next call usually comes the same way to the same person.
      setF((x) => ({ ...blank(), channel: x.channel, operator: x.operator }));
      question.current?.focus();
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    }
  }

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };
  const caller = (key: 'name' | 'phone' | 'email' | 'customerNo', label: string) => (
    <div>
      <label htmlFor={`eq-${key}`}>{label}</label>
      <input id={`eq-${key}`} autoComplete="off" value={f.caller[key] ?? ''} onChange={(e) => setF((x) => ({ ...x, caller: { ...x.caller, [key]: e.target.value } }))} />
    </div>
  );

  return (
    <form className="card" onSubmit={submit} onKeyDown={onKey} autoComplete="off" aria-labelledby="eq-title">
      <h2 id="eq-title">{t('faq.entryForm.title')}</h2>
      <p className="hint">{t('faq.entryForm.lead')}</p>
      <div className="grid3">
        <div>
          <label htmlFor="eq-channel">{t('faq.entryForm.channel')}</label>
          <select id="eq-channel" value={f.channel} onChange={(e) => setF((x) => ({ ...x, channel: e.target.value as EnquiryChannel }))}>
            {ENQUIRY_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`faq.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {caller('name', t('faq.entryForm.callerName'))}
        <div>
          {caller('customerNo', t('faq.entryForm.customerNo'))}
          <CustomerLink incidentId={data.incident.id} customerNo={f.caller.customerNo ?? ''} />
        </div>
        {caller('phone', t('faq.entryForm.callerPhone'))}
        {caller('email', t('faq.entryForm.callerEmail'))}
      </div>
      <label htmlFor="eq-question">{t('faq.entryForm.question')}</label>
      <textarea id="eq-question" ref={question} rows={3} autoComplete="off" value={f.question} onChange={(e) => setF((x) => ({ ...x, question: e.target.value }))} />
      <div className="grid2">
        <div>
          <label htmlFor="eq-entry">{t('faq.entryForm.answerEntry')}</label>
          <select id="eq-entry" value={f.answerEntryId} onChange={(e) => setF((x) => ({ ...x, answerEntryId: e.target.value }))}>
            <option value="">{t('faq.entryForm.noEntry')}</option>
            {approved.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {approvedVersion(entry)?.question}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="eq-answer">{t('faq.entryForm.answer')}</label>
          <input id="eq-answer" autoComplete="off" value={f.answerText} onChange={(e) => setF((x) => ({ ...x, answerText: e.target.value }))} />
        </div>
      </div>
      <div className="grid3">
        <div>
          <label htmlFor="eq-operator">{t('faq.entryForm.operator')}</label>
          <input id="eq-operator" autoComplete="off" value={f.operator} onChange={(e) => setF((x) => ({ ...x, operator: e.target.value }))} />
        </div>
        <div>
          <label htmlFor="eq-minutes">{t('faq.entryForm.duration')}</label>
          <input id="eq-minutes" inputMode="decimal" autoComplete="off" value={f.minutes} onChange={(e) => setF((x) => ({ ...x, minutes: e.target.value }))} />
        </div>
        <fieldset>
          <legend>{t('faq.entryForm.tags')}</legend>
          {ENQUIRY_TAGS.map((tag) => (
            <label key={tag} className="inline">
              <input
                type="checkbox"
                checked={f.tags.includes(tag)}
                onChange={(e) => setF((x) => ({ ...x, tags: e.target.checked ? [...x.tags, tag] : x.tags.filter((y) => y !== tag) }))}
              />
              {t(`faq.tagNames.${tag}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <label className="inline">
        <input type="checkbox" checked={f.escalate} onChange={(e) => setF((x) => ({ ...x, escalate: e.target.checked }))} />
        {t('faq.entryForm.escalate')}
      </label>
      <ProblemList problems={problems} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('faq.entryForm.submit')}
        </button>
        {count !== null && <span role="status">{t('faq.entryForm.saved', { n: count })}</span>}
      </div>
    </form>
  );
}
