import { useEffect, useMemo, useState } from 'react';
import { companyName } from '../../../shared/company/profile';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/directory/model';
import { alertSeverity, planFor } from '../../../shared/directory/plan';
import { dialable } from '../../../shared/directory/validate';
import type { Incident } from '../../../shared/incident/model';
import { useCompany } from '../company/company-store';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useActorName } from '../incidents/use-actor-name';
import { formatDateTime, hlcIso } from '../ui/format';
import { useReadOnly } from '../ui/read-only';
import { useNow } from '../ui/use-now';
import { callChecks, useCallChecks, useCallTrees, useDirectory } from './directory-store';
import { problemWords } from './words';
import type { Problem } from '../../../shared/events/command';

/**
 * The people of the incident's call tree who must be phoned, with their numbers, a short
 * script and what each call got — recorded as events, so the whole team sees who is still
 * to be called. The plan is worked out now (deputies for whoever is out of hours now).
 */
export function CallChecklist({ incident }: { incident: Incident }) {
  const t = useT();
  const people = useDirectory();
  const trees = useCallTrees();
  const checks = useCallChecks(incident.id);
  const actorName = useActorName();
  const company = useCompany();
  const readOnly = useReadOnly();
  const now = useNow(60_000);
  const [refused, setRefused] = useState<Problem | null>(null);
  useEffect(() => {
    callChecks.focus(incident.id);
    callChecks.want();
  }, [incident.id]);

  const plan = useMemo(() => planFor(people, trees, { scenario: incident.scenario || null, severity: alertSeverity(incident.severity), at: now }), [people, trees, incident.scenario, incident.severity, now]);
  const tree = plan ? trees.find((x) => x.id === plan.treeId) : undefined;
  const byPerson = new Map((checks ?? []).map((c) => [c.personId, c]));
  const everyone = plan ? [...new Set(plan.steps.flatMap((s) => s.recipients.map((r) => r.personId)))] : [];
  const reached = everyone.filter((id) => byPerson.get(id)?.outcome === 'reached').length;
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? '';
  const severity = incident.severity ? t(`severity.${incident.severity}`) : null;
  const from = companyName(company, t.lang) || t('calls.ourCompany');

  async function mark(personId: string, outcome: CallOutcome) {
    setRefused(null);
    try {
      await dispatch('directory.mark-call', { incidentId: incident.id, personId, outcome });
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      setRefused(err.problems[0] ?? null);
    }
  }

  return (
    <section className="card call-checklist" aria-labelledby="calls-title" data-call-checklist>
      <h2 id="calls-title">{t('calls.title')}</h2>
      {!plan || plan.steps.length === 0 ? (
        <p className="hint">{t('calls.noTree')}</p>
      ) : (
        <>
          <p className="hint">{t('calls.lead')}</p>
          <p>
            {tree && <span className="meta">{t('calls.tree', { name: tree.name })}</span>}{' '}
            <strong data-calls-progress>{t('calls.progress', { done: reached, total: everyone.length })}</strong>
          </p>
          {refused && (
            <p className="error" role="alert">
              {problemWords(t, refused)}
            </p>
          )}
          {plan.steps.map((step, i) => (
            <div key={i} className="call-step">
              <h3>
                {t('calls.step', { n: i + 1 })} {i < plan.steps.length - 1 && <span className="meta">{t('calls.waitNote', { n: step.waitMinutes })}</span>}
              </h3>
              <ul className="call-people">
                {step.recipients.map((r) => {
                  const check = byPerson.get(r.personId);
                  return (
                    <li key={r.personId} data-call-person={r.name} className={check ? `marked ${check.outcome}` : 'todo'}>
                      <div className="who">
                        <strong>{r.name}</strong>
                        {r.deputyOf && <span className="meta"> {t('calls.deputyFor', { name: nameOf(r.deputyOf) })}</span>}
                      </div>
                      <div className="phones">
                        {r.phones.length === 0 ? (
                          <span className="meta">{t('calls.noPhone')}</span>
                        ) : (
                          r.phones.map((ph) => (
                            <a key={ph} href={`tel:${dialable(ph)}`} className="phone">
                              {ph}
                            </a>
                          ))
                        )}
                      </div>
                      <details>
                        <summary>{t('calls.script')}</summary>
                        <p>{severity ? t('calls.scriptText', { name: r.name, company: from, severity }) : t('calls.scriptTextNoSeverity', { name: r.name, company: from })}</p>
                      </details>
                      <div className="outcome" role="group" aria-label={r.name}>
                        {CALL_OUTCOMES.map((o) => (
                          <button key={o} type="button" aria-pressed={check?.outcome === o} disabled={readOnly} onClick={() => void mark(r.personId, o)}>
                            {t(`calls.outcomes.${o}`)}
                          </button>
                        ))}
                      </div>
                      <div className="meta" data-call-status>
                        {check
                          ? t('calls.last', { outcome: t(`calls.outcomes.${check.outcome}`), who: actorName(check.by), time: formatDateTime(hlcIso(check.at), t.lang) })
                          : t('calls.notYet')}
                        {check && check.marks.length > 1 && ` · ${t('calls.history', { n: check.marks.length })}`}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
