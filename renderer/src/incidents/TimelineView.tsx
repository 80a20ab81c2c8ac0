import { useState, type FormEvent } from 'react';
import { PHASES, type Phase } from '../../../shared/boards/model';
import { encodeCsv } from '../../../shared/export/csv';
import { useT } from '../i18n/i18n';
import { saveFile } from '../platform/platform';
import { formatDateTime } from '../ui/format';
import { useSession } from '../vault/session-store';
import { dispatch } from '../data/dispatch';
import { eventGroup } from '../../../shared/events/registry';
import { GROUP, groupedTypes, matchesType, timelineCsv, timelineMarkdown, toEntries, typeLabel } from './timeline';
import { useActorName } from './use-actor-name';
import { ReadOnlyArea } from '../ui/read-only';
import type { OpenIncident } from './open-incident';

const ANY = '';
/** Every event in order, filterable; decisions recorded as their own entries; exportable. */
export function TimelineView({ data }: { data: OpenIncident }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const actorName = useActorName();
  const [phase, setPhase] = useState(ANY);
  const [type, setType] = useState(ANY);
  const [person, setPerson] = useState(ANY);
  const [decision, setDecision] = useState({ phase: 'direction' as Phase, what: '', why: '', decidedBy: me?.name ?? '' });
  // Looks at customers' data are direction's access record, not the response's story: an
  // operator's hundred card openings would bury the decisions.
  const all = toEntries(t, data.events.filter((e) => eventGroup(e.type) !== 'access'), data.tasks, actorName);
  const entries = all.filter((x) => (phase === ANY || x.phase === phase) && matchesType(type, x.type) && (person === ANY || x.actor === person));
  const typeGroups = groupedTypes(all.map((x) => x.type));
  const people = [...new Set(all.map((x) => x.actor))];
  const base = `${data.incident.title}-timeline`.replace(/[\\/:*?"<>|\s]+/g, '_');

  async function decide(e: FormEvent) {
    e.preventDefault();
    if (decision.what.trim() === '' || decision.decidedBy.trim() === '') return;
    await dispatch('incident.record-decision', { incidentId: data.incident.id, ...decision });
    setDecision((d) => ({ ...d, what: '', why: '' }));
  }

  return (
    <div className="timeline">
      <ReadOnlyArea>
        <form className="card decision-form" onSubmit={decide} autoComplete="off" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('timeline.decision')}</h2>
          <div className="grid3">
            <div>
              <label htmlFor="decision-what">{t('timeline.decisionWhat')}</label>
              <input id="decision-what" autoComplete="off" value={decision.what} onChange={(e) => setDecision((d) => ({ ...d, what: e.target.value }))} />
            </div>
            <div>
              <label htmlFor="decision-why">{t('timeline.decisionWhy')}</label>
              <input id="decision-why" autoComplete="off" value={decision.why} onChange={(e) => setDecision((d) => ({ ...d, why: e.target.value }))} />
            </div>
            <div>
              <label htmlFor="decision-by">{t('timeline.decisionBy')}</label>
              <input id="decision-by" autoComplete="off" value={decision.decidedBy} onChange={(e) => setDecision((d) => ({ ...d, decidedBy: e.target.value }))} />
            </div>
            <div>
              <label htmlFor="decision-phase">{t('timeline.decisionPhase')}</label>
              <select id="decision-phase" value={decision.phase} onChange={(e) => setDecision((d) => ({ ...d, phase: e.target.value as Phase }))}>
                {PHASES.map((p) => (
                  <option key={p} value={p}>
                    {t(`roles.${p}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              {t('timeline.decisionSave')}
            </button>
          </div>
        </form>
      </ReadOnlyArea>
      <section className="card" aria-labelledby="timeline-title">
        <div className="board-head">
          <h2 id="timeline-title">{t('timeline.title')}</h2>
          <span className="spacer" />
          <button type="button" onClick={() => void saveFile({ suggestedName: `${base}.md`, data: timelineMarkdown(t, data.incident.title, entries) })}>
            {t('timeline.exportMd')}
          </button>
          <button
            type="button"
            onClick={() => void saveFile({ suggestedName: `${base}.csv`, data: encodeCsv(timelineCsv(t, entries), 'utf-8-bom'), filters: [{ name: 'CSV', extensions: ['csv'] }] })}
          >
            {t('timeline.exportCsv')}
          </button>
        </div>
        <div className="filters">
          <Filter id="tl-phase" label={t('timeline.filterPhase')} value={phase} onChange={setPhase} options={PHASES.map((p) => [p, t(`roles.${p}`)])} any={t('timeline.any')} />
          <div>
            <label htmlFor="tl-type">{t('timeline.filterType')}</label>
            <select id="tl-type" value={type} onChange={(e) => setType(e.target.value)}>
              <option value={ANY}>{t('timeline.any')}</option>
              {typeGroups.map(({ group, types }) => {
                const label = group ? t(`events.groups.${group}`) : t('events.unknownType');
                return (
                  <optgroup key={group ?? 'unknown'} label={label}>
                    {types.length > 1 && <option value={`${GROUP}${group ?? ''}`}>{t('events.allOfGroup', { group: label })}</option>}
                    {types.map((x) => (
                      <option key={x} value={x}>
                        {typeLabel(t, x)}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </div>
          <Filter id="tl-person" label={t('timeline.filterPerson')} value={person} onChange={setPerson} options={people.map((x) => [x, x])} any={t('timeline.any')} />
        </div>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('timeline.columns.at')}</th>
              <th scope="col">{t('timeline.columns.actor')}</th>
              <th scope="col">{t('timeline.columns.type')}</th>
              <th scope="col">{t('timeline.columns.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {[...entries].reverse().map((x) => (
              <tr key={x.id} className={x.type === 'incident.decision-recorded' ? 'decision' : undefined}>
                <td className="nowrap">{formatDateTime(x.at, t.lang)}</td>
                <td>{x.actor}</td>
                <td>
                  {typeLabel(t, x.type)}
                  {x.phase && <span className="meta"> · {t(`roles.${x.phase}`)}</span>}
                </td>
                <td>{x.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Filter(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; any: string }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value={ANY}>{props.any}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
