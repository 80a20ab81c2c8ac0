import { useState } from 'react';
import type { Problem } from '../../../shared/events/command';
import { ESCALATION_OUTCOMES, type EscalationOutcome } from '../../../shared/faq/escalation-events';
import { escalationState, type Escalation } from '../../../shared/faq/escalations';
import type { Person } from '../../../shared/people/profile';
import { dispatch, problemsOf } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { elapsedParts, formatDateTime, formatTokyoDateTime, fromLocalInput, hlcIso, toLocalInput } from '../ui/format';
import type { Translator } from '../i18n/i18n';
import { message, say, type Message } from '../ui/message';

const REASONS = ['not-found', 'not-member', 'not-allowed', 'closed', 'past', 'invalid', 'required', 'not-answered', 'already'] as const;
const FIELDS = ['owner', 'dueAt', 'note', 'outcome', 'attempts', 'answer', 'enquiry', 'entry'] as const;

/** What a status line holds: a message, or a refused command's first problem (worded when shown: ui/message.ts). */
export type CallbackStatus = Message | Problem;

/** A problem in the reader's language: what stopped it and which field. */
export function sayStatus(t: Translator, s: CallbackStatus): string {
  if (!('reason' in s)) return say(t, s);
  const reason = (REASONS as readonly string[]).includes(s.reason) ? (s.reason as (typeof REASONS)[number]) : 'invalid';
  const field = (FIELDS as readonly string[]).includes(s.field) ? (s.field as (typeof FIELDS)[number]) : 'enquiry';
  return t(`callbacks.problems.${reason}`, { field: t(`callbacks.fields.${field}`) });
}

export const isOk = (s: CallbackStatus) => !('reason' in s) && s.ok === true;

export interface CallbackContext {
  now: number;
  nameOf(id: string | null): string | null;
  members: Person[];
  me: string | null;
  seesCallers: boolean;
  isLead: boolean;
}

/** One open callback: what was asked, by when, who calls back, and the forms to work it. */
export function CallbackItem({ x, ctx }: { x: Escalation; ctx: CallbackContext }) {
  const t = useT();
  const id = x.enquiryId;
  const state = escalationState(x, ctx.now);
  const [status, setStatus] = useState<CallbackStatus | null>(null);
  // null until the lead picks someone: the select then follows the current owner.
  const [picked, setPicked] = useState<string | null>(null);
  const owner = picked ?? x.ownerId ?? '';
  const [due, setDue] = useState(toLocalInput(x.dueAt));
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<EscalationOutcome>('answered');
  const [attempts, setAttempts] = useState('1');
  const [answer, setAnswer] = useState('');
  const [outcomeNote, setOutcomeNote] = useState('');
  const mine = x.ownerId !== null && x.ownerId === ctx.me;
  const mayWork = x.ownerId === null || mine || ctx.isLead;

  async function run(command: Promise<unknown>, ok: Message, after?: () => void) {
    const problems = await problemsOf(command);
    if (problems[0]) return setStatus(problems[0]);
    after?.();
    setStatus(ok);
  }

  const late = elapsedParts(x.dueAt, ctx.now);
  const lateText = !late ? '' : late.d > 0 ? t('callbacks.lateDays', { d: late.d, h: late.h }) : t('callbacks.lateHours', { h: late.h, m: late.m });
  // Full-width digits (１２) are what a Japanese keyboard often types: read them as digits.
  const attemptsNumber = Number(attempts.normalize('NFKC').trim());
  const ids = (k: string) => `cb-${k}-${id}`;

  return (
    <li className={`callback ${state}`} aria-label={t('callbacks.itemLabel', { question: x.question })} data-state={state}>
      <div className="board-head">
        <span className={`badge ${state === 'overdue' ? 'overdue' : state === 'soon' ? 'soon' : ''}`}>{t(`callbacks.state.${state}`)}</span>
        <strong className={state === 'overdue' ? 'due overdue' : 'due'}>{x.dueIsDefault ? t('callbacks.dueDefault', { at: formatTokyoDateTime(x.dueAt, t.lang) }) : t('callbacks.due', { at: formatDateTime(x.dueAt, t.lang) })}</strong>
        {state === 'overdue' && <span className="error">{t('callbacks.overdueBy', { time: lateText })}</span>}
      </div>
      <p className="callback-question">{x.question}</p>
      <p className="meta">{t('callbacks.received', { at: formatDateTime(x.at, t.lang), channel: t(`faq.channels.${x.channel}`), operator: x.operator || '—' })}</p>
      <p className="meta">{ctx.seesCallers ? t('callbacks.caller', { name: x.caller.name || '—', phone: x.caller.phone || '—', email: x.caller.email || '—' }) : t('callbacks.callerHidden')}</p>
      <p>{x.ownerId === null ? t('callbacks.noOwner') : t('callbacks.owner', { owner: ctx.nameOf(x.ownerId) ?? '' })}</p>
      {x.notes.length > 0 && (
        <ul className="notes" aria-label={t('callbacks.notes')}>
          {x.notes.map((n) => (
            <li key={`${n.at}-${n.actor}`}>
              <span className="meta">
                {formatDateTime(hlcIso(n.at), t.lang)} {ctx.nameOf(n.actor)}
              </span>{' '}
              {n.note}
            </li>
          ))}
        </ul>
      )}
      {status && (
        <p role={isOk(status) ? 'status' : 'alert'} className={isOk(status) ? 'hint' : 'error'}>
          {sayStatus(t, status)}
        </p>
      )}
      <div className="inline-form">
        {!mine && (x.ownerId === null || ctx.isLead) && (
          <button type="button" className="primary" onClick={() => void run(dispatch('faq.own-escalation', { enquiryId: id }), message('callbacks.saved'))}>
            {t('callbacks.take')}
          </button>
        )}
        {ctx.isLead && (
          <>
            <label htmlFor={ids('owner')}>{t('callbacks.assignTo')}</label>
            <select id={ids('owner')} value={owner} onChange={(e) => setPicked(e.target.value)}>
              <option value="">—</option>
              {ctx.members.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="button" disabled={owner === ''} onClick={() => void run(dispatch('faq.own-escalation', { enquiryId: id, ownerId: owner }), message('callbacks.saved'))}>
              {t('callbacks.assign')}
            </button>
          </>
        )}
      </div>
      {mayWork && (
        <>
          <div className="inline-form">
            <label htmlFor={ids('due')}>{t('callbacks.dueLabel')}</label>
            <input id={ids('due')} type="datetime-local" autoComplete="off" value={due} onChange={(e) => setDue(e.target.value)} />
            <button type="button" onClick={() => void run(dispatch('faq.set-escalation-due', { enquiryId: id, dueAt: fromLocalInput(due) ?? '' }), message('callbacks.saved'))}>
              {t('callbacks.setDue')}
            </button>
          </div>
          <div className="inline-form">
            <label htmlFor={ids('note')}>{t('callbacks.noteLabel')}</label>
            <input id={ids('note')} autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />
            <button type="button" onClick={() => void run(dispatch('faq.note-escalation', { enquiryId: id, note }), message('callbacks.saved'), () => setNote(''))}>
              {t('callbacks.addNote')}
            </button>
          </div>
          <fieldset className="callback-outcome">
            <legend>{t('callbacks.outcomeTitle')}</legend>
            <label htmlFor={ids('outcome')}>{t('callbacks.outcomeLabel')}</label>
            <select id={ids('outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as EscalationOutcome)}>
              {ESCALATION_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`callbacks.outcomes.${o}`)}
                </option>
              ))}
            </select>
            <label htmlFor={ids('attempts')}>{t('callbacks.attempts')}</label>
            <input id={ids('attempts')} inputMode="numeric" autoComplete="off" value={attempts} onChange={(e) => setAttempts(e.target.value)} />
            <label htmlFor={ids('answer')}>{t('callbacks.answer')}</label>
            <textarea id={ids('answer')} autoComplete="off" rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} aria-describedby={ids('answer-hint')} />
            <p id={ids('answer-hint')} className="hint">
              {t('callbacks.answerHint')}
            </p>
            <label htmlFor={ids('onote')}>{t('callbacks.outcomeNote')}</label>
            <input id={ids('onote')} autoComplete="off" value={outcomeNote} onChange={(e) => setOutcomeNote(e.target.value)} />
            <button
              type="button"
              className="primary"
              onClick={() =>
                void run(
                  dispatch('faq.record-escalation-outcome', { enquiryId: id, outcome, attempts: Number.isFinite(attemptsNumber) ? attemptsNumber : -1, answer, note: outcomeNote }),
                  message('callbacks.recorded'),
                )
              }
            >
              {t('callbacks.record')}
            </button>
          </fieldset>
        </>
      )}
    </li>
  );
}
