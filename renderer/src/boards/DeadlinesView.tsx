import { PHASES } from '../../../shared/boards/model';
import { dueState, type Task } from '../../../shared/boards/tasks';
import { CallbackDeadlines } from '../faq/CallbackDeadlines';
import { useT } from '../i18n/i18n';
import { taskTitle } from './task-words';
import { useActorName } from '../incidents/use-actor-name';
import type { OpenIncident } from '../incidents/open-incident';
import { formatDateTime, hlcIso } from '../ui/format';
import { useNow } from '../ui/use-now';
import { useSession } from '../vault/session-store';

/** My tasks, overdue and due soon, and the shift-handover view (TheHive #441). */
export function DeadlinesView({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const me = useSession((s) => s.me);
  const actorName = useActorName();
  const open = data.tasks.filter((x) => x.status !== 'done');
  const mine = open.filter((x) => me && x.owner !== '' && x.owner === me.name);
  const overdue = open.filter((x) => dueState(x, now) === 'overdue');
  const soon = open.filter((x) => dueState(x, now) === 'due-soon');
  const owners = [...new Set(open.map((x) => x.owner))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'ja')));

  const list = (tasks: Task[], empty: string, id: string) =>
    tasks.length === 0 ? (
      <p className="hint">{empty}</p>
    ) : (
      <ul className="task-list" aria-labelledby={id}>
        {tasks.map((x) => (
          <li key={x.id}>
            <strong>{taskTitle(x, t.lang)}</strong> <span className="meta">{t(`roles.${x.phase}`)}</span>{' '}
            <span className={`due ${dueState(x, now)}`}>{formatDateTime(x.dueAt, t.lang)}</span>{' '}
            <span className="meta">{x.owner || t('board.unassigned')}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <div className="deadlines">
      <div className="grid3">
        <section className="card" aria-labelledby="dl-mine">
          <h2 id="dl-mine">{t('deadlines.mine')}</h2>
          {list(mine, t('deadlines.mineEmpty'), 'dl-mine')}
        </section>
        <section className="card alert-card" aria-labelledby="dl-overdue">
          <h2 id="dl-overdue">{t('deadlines.overdue')}</h2>
          {list(overdue, t('deadlines.none'), 'dl-overdue')}
        </section>
        <section className="card" aria-labelledby="dl-soon">
          <h2 id="dl-soon">{t('deadlines.dueSoon')}</h2>
          {list(soon, t('deadlines.none'), 'dl-soon')}
        </section>
      </div>
      <CallbackDeadlines data={data} />
      <section className="card" aria-labelledby="dl-handover">
        <h2 id="dl-handover">{t('deadlines.handover')}</h2>
        <p className="hint">{t('deadlines.handoverLead')}</p>
        {owners.map((owner) => (
          <section key={owner || '-'} className="handover-owner" aria-label={owner || t('board.unassigned')}>
            <h3>{owner || t('board.unassigned')}</h3>
            {PHASES.map((phase) => {
              const tasks = open.filter((x) => x.owner === owner && x.phase === phase);
              if (tasks.length === 0) return null;
              return (
                <div key={phase} className="handover-phase">
                  <h4>{t(`roles.${phase}`)}</h4>
                  <ul>
                    {tasks.map((x) => (
                      <li key={x.id}>
                        {taskTitle(x, t.lang)} <span className="meta">[{t(`statuses.${x.status}`)}]</span>{' '}
                        <span className="meta">{t('deadlines.lastChange', { at: formatDateTime(hlcIso(x.updatedAt), t.lang), who: actorName(x.updatedBy) })}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        ))}
      </section>
    </div>
  );
}
