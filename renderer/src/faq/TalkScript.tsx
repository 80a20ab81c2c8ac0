/**
 * The talk script (トークスクリプト, decision 035): the next thing to say in large text, the data
 * beside it. Greeting → the customer found through the contact lookup (照会番号 first, or name
 * and phone) → identity checked → the answer for their segment → a callback when unsure.
 * The steps are shared/faq/talk-script.ts; this screen only feeds them and shows them.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { referenceOutcome, scriptStep, segmentAnswer, type LookupOutcome, type ScriptLine } from '../../../shared/faq/talk-script';
import { useContacts } from '../contacts/ui/contacts-store';
import { useIncidentContacts } from '../contacts/ui/use-incident-contacts';
import { LookupPanel, type LookupPanelProps } from '../contacts/ui/LookupPanel';
import type { CustomerCard } from '../contacts/contact-engine';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useLetterVariants } from '../letters/use-variants';
import { TalkCustomerData, useTalkCustomer } from './TalkCustomerData';
import { TalkEscalation } from './TalkEscalation';

type Stage = 'greet' | 'lookup' | 'confirm' | 'answer' | 'escalate';
type Found = Parameters<NonNullable<LookupPanelProps['onResult']>>[0];

const STAGES: Stage[] = ['greet', 'lookup', 'confirm', 'answer', 'escalate'];

export function TalkScript({ data }: { data: OpenIncident }) {
  const t = useT();
  const incidentId = data.incident.id;
  useIncidentContacts(incidentId);
  const engine = useContacts((s) => s.engine);

  const [stage, setStage] = useState<Stage>('greet');
  const [escalated, setEscalated] = useState(false);
  const [by, setBy] = useState<'reference' | 'phone'>('reference');
  // A new call: the lookup panel is mounted afresh (nothing of the last caller stays on screen).
  const [call, setCall] = useState(0);
  const [found, setFound] = useState<Found>({ page: null, card: null });
  const variants = useLetterVariants(incidentId);
  const card: CustomerCard | null = found.card;
  const customer = useTalkCustomer(incidentId, card);
  // Not before the variants are read: the incident's own items, shown for a moment, could be read out to the wrong segment.
  const answer = useMemo(() => (card && variants ? segmentAnswer(data.incident.facts, variants, card.row.segment) : undefined), [card, data.incident.facts, variants]);

  const outcome = outcomeOf(found, customer);
  const step = scriptStep(outcome, answer);
  // Found: the identity is checked before anything about their data is said (decision 025).
  useEffect(() => {
    if (stage === 'lookup' && card) setStage('confirm');
  }, [stage, card]);

  const onResult = useCallback((r: Found) => setFound(r), []);
  const restart = () => {
    setStage('greet');
    setEscalated(false);
    setFound({ page: null, card: null });
    setCall((c) => c + 1);
  };
  const lookup = (kind: 'reference' | 'phone') => {
    setBy(kind);
    setFound({ page: null, card: null });
    setCall((c) => c + 1);
    setStage('lookup');
  };
  const reference = found.page?.for.kind === 'reference' ? found.page.for.value : undefined;

  const line = lineText(t, stage, stage === 'lookup' || stage === 'answer' ? step.line : null, by, answer, escalated);

  return (
    <section className="card talk" aria-labelledby="talk-title">
      <h2 id="talk-title">{t('talk.title')}</h2>
      <p className="hint">{t('talk.lead')}</p>
      <ol className="talk-steps" aria-label={t('talk.stepsLabel')}>
        {STAGES.map((s) => (
          <li key={s} aria-current={s === stage ? 'step' : undefined}>
            {t(`talk.steps.${s}`)}
          </li>
        ))}
      </ol>
      <div className="talk-grid">
        <div className="talk-say">
          <h3>{t('talk.sayNext')}</h3>
          <p className="talk-line" role="status" aria-live="polite" data-line={stage === 'lookup' || stage === 'answer' ? step.line : stage}>
            {line}
          </p>
          <div className="actions wrap">
            {stage === 'greet' && (
              <>
                <button type="button" className="primary" onClick={() => lookup('reference')}>
                  {t('talk.byReference')}
                </button>
                <button type="button" onClick={() => lookup('phone')}>
                  {t('talk.byName')}
                </button>
              </>
            )}
            {stage === 'lookup' && (
              <button type="button" className="link" onClick={() => lookup(by === 'reference' ? 'phone' : 'reference')}>
                {by === 'reference' ? t('talk.switchToName') : t('talk.switchToReference')}
              </button>
            )}
            {stage === 'confirm' && (
              <>
                <button type="button" className="primary" onClick={() => setStage('answer')}>
                  {t('talk.matches')}
                </button>
                <button type="button" onClick={() => lookup(by)}>
                  {t('talk.noMatch')}
                </button>
              </>
            )}
            {stage !== 'greet' && stage !== 'escalate' && (
              <button type="button" className={step.escalate ? 'primary' : undefined} onClick={() => setStage('escalate')}>
                {t('talk.unsure')}
              </button>
            )}
            <button type="button" onClick={restart}>
              {stage === 'escalate' ? t('talk.next') : t('talk.restart')}
            </button>
          </div>
          {stage === 'escalate' && (
            <TalkEscalation
              key={call}
              incidentId={incidentId}
              customerNo={card?.row.customerNo}
              reference={card ? undefined : reference}
              onBack={() => setStage(card ? 'answer' : 'lookup')}
              onSaved={() => setEscalated(true)}
            />
          )}
        </div>
        <div className="talk-data">
          {stage !== 'greet' && engine && (
            <div hidden={stage !== 'lookup'}>
              <LookupPanel key={`${call}-${by}`} data={data} initialKind={by} onResult={onResult} hideCard />
            </div>
          )}
          {card && customer && stage !== 'lookup' ? (
            <TalkCustomerData data={data} card={card} customer={customer} answer={answer} showAnswer={stage === 'answer' || stage === 'escalate'} />
          ) : (
            (stage === 'greet' || stage === 'confirm') && <p className="hint">{t('talk.data.findFirst')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** The lookup's page and card as the script reads them. */
function outcomeOf(found: Found, customer: ReturnType<typeof useTalkCustomer>): LookupOutcome {
  const { page, card } = found;
  if (card && customer) return { kind: 'found', customer };
  if (!page) return { kind: 'waiting' };
  if (page.reference) {
    const o = referenceOutcome(page.reference, page.for.value);
    if (o) return o;
  }
  if (page.total === 0) return { kind: 'none' };
  if (page.total > 1) return { kind: 'several', count: page.total };
  return { kind: 'waiting' };
}

function lineText(t: ReturnType<typeof useT>, stage: Stage, line: ScriptLine | null, by: 'reference' | 'phone', answer: ReturnType<typeof segmentAnswer> | undefined, escalated: boolean): string {
  if (stage === 'greet') return t('talk.lines.greet');
  if (stage === 'confirm') return t('talk.lines.confirm');
  if (stage === 'escalate') return t(escalated ? 'talk.lines.escalated' : 'talk.lines.escalate');
  if (line === 'identify') return t(by === 'reference' ? 'talk.lines.identifyReference' : 'talk.lines.identifyName');
  if (line === 'answer' && !answer) return t('app.loading');
  if (line === 'answer' && answer) {
    const items = (list: readonly string[]) => list.map((i) => (t.dict.items as Record<string, string>)[i] ?? i).join(t.dict.facts.listSeparator);
    if (answer.leaked.length === 0) return t('talk.lines.answerUnsure');
    return t('talk.lines.answer', {
      leaked: items(answer.leaked),
      notLeaked: answer.notLeaked.length > 0 ? t('talk.lines.answerNotLeaked', { items: items(answer.notLeaked) }) : '',
    });
  }
  return t(`talk.lines.${line ?? 'identify'}` as 'talk.lines.notFound');
}
