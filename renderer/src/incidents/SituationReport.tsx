import { printRecorded } from '../access/print';
import { nextUpdateLate } from '../../../shared/incident/next-update';
import { PHASES } from '../../../shared/boards/model';
import { dueState } from '../../../shared/boards/tasks';
import { useT } from '../i18n/i18n';
import { taskTitle } from '../boards/task-words';
import { formatDateTime, hlcIso } from '../ui/format';
import { useNow } from '../ui/use-now';
import { useSession } from '../vault/session-store';
import { factConflicts } from '../../../shared/incident/validate';
import { conflictText } from '../disclosure/labels';
import { FactList } from './FactList';
import type { OpenIncident } from './open-incident';
import { decisionWhat } from './decision-words';

/** One printable page for executives (004 §8-⑦): facts, progress per phase, overdue tasks, decisions. */
export function SituationReport({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const me = useSession((s) => s.me);
  const { incident, tasks, decisions } = data;
  const f = incident.facts;
  const overdue = tasks.filter((x) => dueState(x, now) === 'overdue');

  return (
    <article className="sitrep" aria-labelledby="sitrep-title">
      <div className="board-head no-print">
        <p className="hint">{t('sitrep.lead')}</p>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void printRecorded(incident.id, 'situation-report', `${incident.title}-sitrep.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_'))}>
          {t('sitrep.print')}
        </button>
      </div>
      <div className="sheet">
        <h2 id="sitrep-title">
          {incident.drill && <span className="badge drill">{t('header.drill')}</span>}
          {t('sitrep.title')}: {incident.title}
        </h2>
        <p className="meta">{t('sitrep.generated', { at: formatDateTime(new Date(now).toISOString(), t.lang), who: me?.name ?? '' })}</p>
        <FactList facts={f} keys={['confirmedCount', 'maxCount', 'itemsLeaked', 'itemsNotLeaked', 'discoveredAt', 'nextUpdateAt']} updateLate={nextUpdateLate(incident, data.statements, now)} />
        {/* Crossed counts are said on the page itself: on paper the incident header, which says it on screen, is not printed. */}
        {factConflicts(f).map((c) => (
          <p key={c.reason} className="notice" role="note" data-sitrep-check={c.reason}>
            {conflictText(t, c)}
          </p>
        ))}
        <h3>{t('sitrep.progress')}</h3>
        <table className="table">
          <tbody>
            {PHASES.map((p) => {
              const list = tasks.filter((x) => x.phase === p);
              const done = list.filter((x) => x.status === 'done').length;
              return (
                <tr key={p}>
                  <th scope="row">{t(`roles.${p}`)}</th>
                  <td>{t('board.taskCount', { done, total: list.length })}</td>
                  <td className="bar-cell">
                    <progress max={Math.max(list.length, 1)} value={done} aria-label={t(`roles.${p}`)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h3>{t('sitrep.overdue')}</h3>
        {overdue.length === 0 ? (
          <p>{t('sitrep.none')}</p>
        ) : (
          <ul>
            {overdue.map((x) => (
              <li key={x.id}>
                {t('sitrep.overdueItem', {
                  title: taskTitle(x, t.lang),
                  phase: t(`roles.${x.phase}`),
                  owner: x.owner || t('board.unassigned'),
                  due: formatDateTime(x.dueAt, t.lang),
                })}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('sitrep.decisions')}</h3>
        {decisions.length === 0 ? (
          <p>{t('sitrep.none')}</p>
        ) : (
          <ul>
            {decisions.slice(0, 5).map((d) => (
              <li key={d.id}>
                {t('sitrep.decisionItem', { at: formatDateTime(hlcIso(d.at), t.lang), what: decisionWhat(t, d), by: d.decidedBy, why: d.why || '—' })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
