/**
 * "分からない・折り返す": the call logged as an escalated enquiry (faq.enquiry-logged through its
 * command) with the question in the operator's words and the link to the customer — their
 * customer number, or the 照会番号 they read out when nobody was found. The escalation queue
 * picks these up. Nothing else of the caller is kept than the enquiry log keeps anyway.
 */
import { useState, type FormEvent } from 'react';
import type { Problem } from '../../../shared/events/command';
import { escalationEnquiry, noWayBack } from '../../../shared/faq/talk-script';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useSession } from '../vault/session-store';
import { ProblemList } from './ProblemList';

export function TalkEscalation({ incidentId, customerNo, reference, onBack, onSaved }: { incidentId: string; customerNo?: string; reference?: string; onBack: () => void; onSaved: () => void }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const [question, setQuestion] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [needPhone, setNeedPhone] = useState(false);
  const [saved, setSaved] = useState(false);
  const [started] = useState(() => Date.now());

  async function save(e: FormEvent) {
    e.preventDefault();
    // Nobody found and no number to call: a call back nobody could make. Ask for the phone number.
    if (noWayBack({ customerNo, reference, phone })) {
      setNeedPhone(true);
      return;
    }
    setNeedPhone(false);
    try {
      const fields = escalationEnquiry({
        question,
        customerNo,
        reference,
        name,
        phone,
        operator: me?.name ?? '',
        at: new Date().toISOString(),
        durationSec: (Date.now() - started) / 1000,
      });
      await dispatch('faq.log-enquiry', { incidentId, fields });
      setProblems([]);
      setSaved(true);
      onSaved();
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    }
  }

  if (saved) {
    return (
      <p className="ok" role="status">
        {t('talk.escalation.saved')}
      </p>
    );
  }
  return (
    <form className="talk-escalation" onSubmit={save} autoComplete="off" aria-labelledby="talk-esc-title">
      <h3 id="talk-esc-title">{t('talk.escalation.title')}</h3>
      <label htmlFor="talk-question">{t('talk.escalation.question')}</label>
      <textarea id="talk-question" rows={3} autoComplete="off" autoFocus value={question} onChange={(e) => setQuestion(e.target.value)} />
      {!customerNo && (
        <div className="grid2">
          <div>
            <label htmlFor="talk-cb-name">{t('talk.escalation.callbackName')}</label>
            <input id="talk-cb-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div>
            <label htmlFor="talk-cb-phone">{t('talk.escalation.callbackPhone')}</label>
            <input
              id="talk-cb-phone"
              autoComplete="off"
              inputMode="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              aria-invalid={needPhone || undefined}
              aria-describedby={needPhone ? 'talk-cb-need' : undefined}
            />
          </div>
        </div>
      )}
      {customerNo ? (
        <p className="meta">{t('talk.escalation.linked', { no: customerNo })}</p>
      ) : (
        reference?.trim() && <p className="meta">{t('talk.escalation.linkedReference', { no: reference.trim() })}</p>
      )}
      {needPhone && (
        <p id="talk-cb-need" role="alert" className="error">
          {t('talk.escalation.needPhone')}
        </p>
      )}
      <ProblemList problems={problems} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('talk.escalation.save')}
        </button>
        <button type="button" onClick={onBack}>
          {t('talk.escalation.cancel')}
        </button>
      </div>
    </form>
  );
}
