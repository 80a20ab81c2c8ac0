/**
 * An incident's alert status (decision 018): each escalation, who was alerted, when, by
 * what, and what became of it (as the host reported), who acknowledged — and the
 * 確認しました button for a person the escalation alerts.
 */
import type { Escalation } from '../../../shared/alerts/model';
import { escalationsOf } from '../../../shared/alerts/model';
import { hlcTime } from '../../../shared/events/hlc';
import { isMe, type Me } from '../../../shared/alerts/recipient';
import { alertSeverity, chooseTree } from '../../../shared/directory/plan';
import { useCallTrees } from '../directory/directory-store';
import { TreeAttention } from '../directory/TreeAttention';
import { incidentList } from '../incidents/incidents-store';
import { useActorName } from '../incidents/use-actor-name';
import { dispatch } from '../data/dispatch';
import { useT, type Translator } from '../i18n/i18n';
import { useSession } from '../vault/session-store';
import { alertRoundNow, useAlerts } from './alerts-store';
import { errorWords, when } from './words';

function nameOf(esc: Escalation, personId: string | null, actorName: (id: string) => string): string | null {
  for (const s of esc.job.steps) for (const r of s.recipients) if (r.personId === personId) return r.name;
  // Acknowledged in the app by a member (the list's person is not the member's id).
  return personId ? actorName(personId) : null;
}

function OneEscalation({ esc, me, t, actorName }: { esc: Escalation; me: Me; t: Translator; actorName: (id: string) => string }) {
  const channels = new Map(esc.job.channels.map((c) => [c.id, c.label]));
  const deliveries = [...esc.deliveries.values()].sort((a, b) => a.step - b.step || a.key.localeCompare(b.key));
  const mine = esc.job.steps.some((s) => s.recipients.some((r) => isMe(r, me)));
  const via = (v: 'app' | 'link') => (v === 'app' ? t('alerts.status.viaApp') : t('alerts.status.viaLink'));
  return (
    <li className="alert-escalation">
      <p>
        {esc.job.test ? t('alerts.status.test') : t('alerts.status.started', { at: when(t, hlcTime(esc.at)), severity: t(`alerts.severity.${esc.job.severity}`) })}
      </p>
      {deliveries.length === 0 && !esc.ack && <p className="hint">{t('alerts.status.waiting')}</p>}
      <table className="alert-deliveries">
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.key}>
              <td>{t('alerts.status.step', { n: d.step + 1 })}</td>
              <td>{nameOf(esc, d.personId, actorName) ?? ''}</td>
              <td>{d.channel === 'email' ? t('alerts.status.email') : (channels.get(d.channel) ?? '')}</td>
              <td>{d.sentAt ? when(t, d.sentAt) : ''}</td>
              <td>
                {t(`alerts.status.states.${d.status}`)}
                {d.error && d.status !== 'sent' && d.status !== 'cancelled' && <span className="error"> {errorWords(t, d.error)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {esc.ack?.duplicate ? (
        <p role="status" className="hint">
          {t('alerts.status.stoppedDuplicate')}
        </p>
      ) : esc.ack ? (
        <p role="status" className="ok">
          {nameOf(esc, esc.ack.personId, actorName)
            ? t('alerts.status.acknowledgedBy', { name: nameOf(esc, esc.ack.personId, actorName)!, at: when(t, esc.ack.at), via: via(esc.ack.via) })
            : t('alerts.status.acknowledgedSomeone', { at: when(t, esc.ack.at), via: via(esc.ack.via) })}
        </p>
      ) : (
        // A test alert can be acknowledged too: that tries the whole way back from the host.
        mine && (
          <p>
            <button type="button" className="primary" onClick={() => void dispatch('alerts.acknowledge', { jobId: esc.jobId }).then(() => alertRoundNow())}>
              {t('alerts.status.ackButton')}
            </button>{' '}
            <span className="hint">{t('alerts.status.ackHint')}</span>
          </p>
        )
      )}
    </li>
  );
}

export function EscalationList({ incidentId }: { incidentId: string | null }) {
  const t = useT();
  const personId = useSession((s) => s.identity?.personId ?? '');
  const profile = useSession((s) => s.me);
  const me: Me = { personId, name: profile?.name ?? '', email: profile?.email ?? '' };
  const actorName = useActorName();
  const list = escalationsOf(
    useAlerts((s) => s.state),
    incidentId,
  );
  if (list.length === 0) return incidentId ? <p className="hint">{t('alerts.status.none')}</p> : null;
  return (
    <ul className="alert-escalations">
      {list.map((esc) => (
        <OneEscalation key={esc.jobId} esc={esc} me={me} t={t} actorName={actorName} />
      ))}
    </ul>
  );
}

/** The card on an incident's overview; the tree its alerts follow, if it needs attention. */
export function AlertStatus({ incidentId }: { incidentId: string }) {
  const t = useT();
  const incident = incidentList.use((s) => s.rows.find((i) => i.id === incidentId));
  const trees = useCallTrees();
  const tree = incident && !incident.drill ? chooseTree(trees, { scenario: incident.scenario || null, severity: alertSeverity(incident.severity) }) : null;
  return (
    <section className="card" aria-labelledby="alert-status-title">
      <h2 id="alert-status-title">{t('alerts.status.title')}</h2>
      {tree && <TreeAttention tree={tree} fix="elsewhere" />}
      <EscalationList incidentId={incidentId} />
    </section>
  );
}
