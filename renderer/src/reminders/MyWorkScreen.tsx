import { useState } from 'react';
import type { Reminder, ReminderSubject } from '../../../shared/reminders/reminders';
import { CommandRefused, dispatch } from '../data/dispatch';
import { requestFaqPart } from '../faq/faq-part';
import { useT } from '../i18n/i18n';
import { useNav, type IncidentTab } from '../shell/nav-store';
import { formatDateTime } from '../ui/format';
import { problem, message, say, type Message } from '../ui/message';
import { useNow } from '../ui/use-now';
import { MyWorkHead } from './MyWorkHead';
import { subjectWords } from './reminder-words';
import { useReminderState } from './use-reminder-state';

/** The tab where the person acts on a reminder: the board for a task, the callbacks for a callback, the disclosure tab for updates and reports. */
function tabOf(subject: ReminderSubject): IncidentTab {
  if (subject.type === 'callback') {
    requestFaqPart('callbacks');
    return 'faq';
  }
  return subject.type === 'task' ? 'board' : 'disclosure';
}

/**
 * 私の対応 (issue 14 item 7): across every incident the person is a member of, the
 * reminders due now (each with 確認しました) and their own deadlines, earliest first, so two
 * parallel incidents do not hide each other's deadlines.
 */
export function MyWorkScreen() {
  const t = useT();
  const now = useNow();
  const state = useReminderState();
  const openIncident = useNav((s) => s.openIncident);
  const [status, setStatus] = useState<Message | null>(null);

  if (!state) return <p className="hint">{t('app.loading')}</p>;

  const incidentTitle = (id: string) => {
    const incident = state.incidents.get(id);
    if (!incident) return '?';
    return (
      <>
        {incident.drill && <span className="badge drill">{t('myWork.drill')}</span>}
        {incident.title}
      </>
    );
  };
  const what = (subject: ReminderSubject) => subjectWords(subject, subject.type === 'task' ? state.tasks.get(subject.taskId) : undefined, t.lang);

  async function acknowledge(r: Reminder) {
    try {
      await dispatch('reminders.acknowledge', { incidentId: r.incidentId, reminderIds: [r.id] });
      setStatus(message('myWork.acknowledged'));
    } catch (err) {
      if (err instanceof CommandRefused) setStatus(problem('myWork.failed'));
      else throw err;
    }
  }

  const open = (incidentId: string, subject: ReminderSubject) => (
    <button type="button" className="link" onClick={() => openIncident(incidentId, tabOf(subject))}>
      {t('myWork.open')}
    </button>
  );

  return (
    <section aria-labelledby="my-work-title" className="my-work">
      <h1 id="my-work-title">{t('myWork.title')}</h1>
      <p className="hint">{t('myWork.intro')}</p>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'hint' : 'error'}>
          {say(t, status)}
        </p>
      )}

      <section className="card alert-card" aria-labelledby="my-work-due">
        <h2 id="my-work-due">{t('myWork.dueNow')}</h2>
        {state.due.length === 0 ? (
          <p className="hint">{t('myWork.dueNowEmpty')}</p>
        ) : (
          <table className="my-work-table" aria-labelledby="my-work-due">
            <MyWorkHead />
            <tbody>
              {state.due.map((r) => (
                <tr key={r.id} data-reminder={r.point}>
                  <td>
                    <span className={`badge ${r.point === 'advance' ? 'soon' : 'overdue'}`}>{t(`myWork.point.${r.point}`)}</span>
                    <span className={`due ${Date.parse(r.deadline) <= now ? 'overdue' : ''}`}>{formatDateTime(r.deadline, t.lang)}</span>
                  </td>
                  <td>
                    <strong>{what(r.subject)}</strong>
                    {r.point === 'escalation' && r.subject.type === 'task' && (
                      <span className="meta"> {t('myWork.owner', { owner: state.tasks.get(r.subject.taskId)?.owner.trim() || t('reminders.unassigned') })}</span>
                    )}
                  </td>
                  <td>{incidentTitle(r.incidentId)}</td>
                  <td className="my-work-actions">
                    {open(r.incidentId, r.subject)}
                    <button type="button" onClick={() => void acknowledge(r)}>
                      {t('myWork.acknowledge')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="my-work-upcoming">
        <h2 id="my-work-upcoming">{t('myWork.upcoming')}</h2>
        {state.deadlines.length === 0 ? (
          <p className="hint">{t('myWork.upcomingEmpty')}</p>
        ) : (
          <table className="my-work-table" aria-labelledby="my-work-upcoming">
            <MyWorkHead />
            <tbody>
              {state.deadlines.map((d) => (
                <tr key={`${d.incidentId}:${JSON.stringify(d.subject)}`} data-deadline={d.deadline}>
                  <td className={`due ${Date.parse(d.deadline) <= now ? 'overdue' : ''}`}>{formatDateTime(d.deadline, t.lang)}</td>
                  <td>{what(d.subject)}</td>
                  <td>{incidentTitle(d.incidentId)}</td>
                  <td>{open(d.incidentId, d.subject)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
