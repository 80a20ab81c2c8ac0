import { PHASES } from '../../../shared/boards/model';
import type { DataItem } from '../../../shared/incident/model';
import { itemsText } from './items-text';
import { dueState } from '../../../shared/boards/tasks';
import { useT } from '../i18n/i18n';
import { printPage } from '../platform/platform';
import { formatCount, formatDateTime, hlcIso } from '../ui/format';
import { useNow } from '../ui/use-now';
import { useSession } from '../vault/session-store';
import type { OpenIncident } from './workspace-store';

/** One printable page for executives (004 §8-⑦): facts, progress per phase, overdue tasks, decisions. */
export function SituationReport({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const me = useSession((s) => s.me);
  const { incident, tasks, decisions } = data;
  const f = incident.facts;
  const unknown = t('facts.unknown');
  const overdue = tasks.filter((x) => dueState(x, now) === 'overdue');
  const items = (list: readonly DataItem[]) => itemsText(t, list);

  return (
    <article className="sitrep" aria-labelledby="sitrep-title">
      <div className="board-head no-print">
        <p className="hint">{t('sitrep.lead')}</p>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void printPage(`${incident.title}-sitrep.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_'))}>
          {t('sitrep.print')}
        </button>
      </div>
      <div className="sheet">
        <h2 id="sitrep-title">
          {incident.drill && <span className="badge drill">{t('header.drill')}</span>}
          {t('sitrep.title')}: {incident.title}
        </h2>
        <p className="meta">{t('sitrep.generated', { at: formatDateTime(new Date(now).toISOString(), t.lang), who: me?.name ?? '' })}</p>
        <dl className="facts">
          <dt>{t('facts.confirmedCount')}</dt>
          <dd>{formatCount(f.confirmedCount, t.lang) ?? unknown}</dd>
          <dt>{t('facts.maxCount')}</dt>
          <dd>{formatCount(f.maxCount, t.lang) ?? unknown}</dd>
          <dt>{t('facts.itemsLeaked')}</dt>
          <dd>{items(f.itemsLeaked)}</dd>
          <dt>{t('facts.itemsNotLeaked')}</dt>
          <dd>{items(f.itemsNotLeaked)}</dd>
          <dt>{t('facts.discoveredAt')}</dt>
          <dd>{formatDateTime(f.discoveredAt, t.lang) || unknown}</dd>
          <dt>{t('facts.nextUpdateAt')}</dt>
          <dd>{formatDateTime(f.nextUpdateAt, t.lang) || unknown}</dd>
        </dl>
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
                  title: x.title,
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
                {t('sitrep.decisionItem', { at: formatDateTime(hlcIso(d.at), t.lang), what: d.what, by: d.decidedBy, why: d.why || '—' })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
