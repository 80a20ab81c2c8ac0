import { useMemo } from 'react';
import { escalations, escalationState } from '../../../shared/faq/escalations';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { usePeople } from '../people/people-store';
import { useNav } from '../shell/nav-store';
import { formatDateTime } from '../ui/format';
import { useNow } from '../ui/use-now';
import { requestFaqPart } from './faq-part';
import { useEscalationEvents } from './use-escalation-events';

/** On the team's deadlines: the callbacks overdue or due within the hour (decision 033), with the way to the queue. */
export function CallbackDeadlines({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const events = useEscalationEvents(data.incident.id);
  const people = usePeople();
  const setTab = useNav((s) => s.setTab);
  const pressing = useMemo(
    () => escalations({ enquiries: data.enquiries, events: events ?? [], now }).open.filter((x) => escalationState(x, now) !== 'open'),
    [data.enquiries, events, now],
  );
  const nameOf = (id: string | null) => (id === null ? t('callbacks.noOwner') : t('callbacks.owner', { owner: people.find((p) => p.id === id)?.name ?? t('callbacks.unknownPerson') }));
  return (
    <section className={`card ${pressing.some((x) => escalationState(x, now) === 'overdue') ? 'alert-card' : ''}`} aria-labelledby="dl-callbacks">
      <div className="board-head">
        <h2 id="dl-callbacks">{t('callbacks.deadlinesTitle')}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="link"
          onClick={() => {
            requestFaqPart('callbacks');
            setTab('faq');
          }}
        >
          {t('callbacks.openQueue')}
        </button>
      </div>
      {pressing.length === 0 ? (
        <p className="hint">{t('callbacks.deadlinesNone')}</p>
      ) : (
        <ul className="task-list" aria-labelledby="dl-callbacks">
          {pressing.map((x) => {
            const state = escalationState(x, now);
            return (
              <li key={x.enquiryId}>
                <span className={`badge ${state === 'overdue' ? 'overdue' : 'soon'}`}>{t(`callbacks.state.${state}`)}</span> <strong>{x.question}</strong>{' '}
                <span className={`due ${state === 'overdue' ? 'overdue' : ''}`}>{formatDateTime(x.dueAt, t.lang)}</span> <span className="meta">{nameOf(x.ownerId)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
