import { printRecorded } from '../access/print';
import { saveDocx } from '../exec/word-export';
import { Fragment, useState, type FormEvent } from 'react';
import { PDCA_STAGES, preventionPointsFor, type PdcaStage, type PreventionMeasure, type PreventionPoint } from '../../../shared/incident/closing';
import { useT } from '../i18n/i18n';
import { saveFile } from '../platform/platform';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { dispatch } from '../data/dispatch';
import { useSession } from '../vault/session-store';
import { PrintView } from '../ui/DocumentView';
import { documentMarkdown } from '../../../shared/disclosure/document';
import { closingReportDocument } from './closing-report';
import { DetailsCard } from './DetailsCard';
import { toEntries } from './timeline';
import { useActorName } from './use-actor-name';
import type { OpenIncident } from './open-incident';

/** Recurrence prevention on METI's five points, PDCA from the field, the closing report, the history entry. */
export function ClosingView({ data }: { data: OpenIncident }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const actorName = useActorName();
  const incidentId = data.incident.id;
  const saved = data.incident.closing?.prevention ?? {};
  const [plan, setPlan] = useState<Partial<Record<PreventionPoint, PreventionMeasure>>>(saved);
  const [pdca, setPdca] = useState({ stage: 'plan' as PdcaStage, text: '', reportedBy: me?.name ?? '', reportedTo: '' });
  const base = `${data.incident.title}-closing-report`.replace(/[\\/:*?"<>|\s]+/g, '_');

  const point = (p: PreventionPoint) => plan[p] ?? { measures: '', owner: '', dueAt: null };
  async function savePoint(p: PreventionPoint) {
    await dispatch('incident.plan-prevention', { incidentId, point: p, measure: point(p) });
  }
  async function addPdca(e: FormEvent) {
    e.preventDefault();
    if (pdca.text.trim() === '') return;
    await dispatch('incident.report-pdca', { incidentId, ...pdca });
    setPdca((x) => ({ ...x, text: '' }));
  }
  const report = closingReportDocument(t, data, toEntries(t, data.events, data.tasks, actorName), actorName);
  // The points that fit what happened (an attack is not an insider leak), then any other already filled in.
  const { set, points, extra } = preventionPointsFor(data.incident.scenario, saved);
  const title = (p: PreventionPoint, i: number) => t('recurrence.pointTitle', { n: i + 1, point: t(`recurrence.points.${p}`) });

  return (
    <div className="closing">
      <section className="card" aria-labelledby="cl-prevention">
        <h2 id="cl-prevention">{t('recurrence.title')}</h2>
        <p className="hint">{t(`recurrence.lead.${set}`)}</p>
        {[...points, ...extra].map((p, i) => (
          <Fragment key={p}>
          {i === points.length && <p className="hint">{t('recurrence.extra')}</p>}
          <fieldset className="prevention-point">
            <legend>{title(p, i)}</legend>
            <div className="grid-task">
              <div>
                <label htmlFor={`pv-${p}`}>{t('closing.measures')}</label>
                <textarea id={`pv-${p}`} rows={2} autoComplete="off" value={point(p).measures} onChange={(e) => setPlan((x) => ({ ...x, [p]: { ...point(p), measures: e.target.value } }))} />
              </div>
              <div>
                <label htmlFor={`pv-owner-${p}`}>{t('closing.owner')}</label>
                <input id={`pv-owner-${p}`} autoComplete="off" value={point(p).owner} onChange={(e) => setPlan((x) => ({ ...x, [p]: { ...point(p), owner: e.target.value } }))} />
              </div>
              <div>
                <label htmlFor={`pv-due-${p}`}>{t('closing.due')}</label>
                <input
                  id={`pv-due-${p}`}
                  type="datetime-local"
                  autoComplete="off"
                  value={toLocalInput(point(p).dueAt)}
                  onChange={(e) => setPlan((x) => ({ ...x, [p]: { ...point(p), dueAt: fromLocalInput(e.target.value) } }))}
                />
              </div>
            </div>
            <button type="button" aria-label={`${t('closing.savePoint')}: ${title(p, i)}`} onClick={() => void savePoint(p)}>
              {t('closing.savePoint')}
            </button>
          </fieldset>
          </Fragment>
        ))}
      </section>
      <div className="overview">
        <form className="card" onSubmit={addPdca} autoComplete="off" aria-labelledby="cl-pdca">
          <h2 id="cl-pdca">{t('closing.pdca')}</h2>
          <p className="hint">{t('closing.pdcaLead')}</p>
          <label htmlFor="pdca-stage">{t('closing.stage')}</label>
          <select id="pdca-stage" value={pdca.stage} onChange={(e) => setPdca((x) => ({ ...x, stage: e.target.value as PdcaStage }))}>
            {PDCA_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`closing.stages.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor="pdca-text">{t('closing.text')}</label>
          <textarea id="pdca-text" rows={2} autoComplete="off" value={pdca.text} onChange={(e) => setPdca((x) => ({ ...x, text: e.target.value }))} />
          <div className="grid2">
            <div>
              <label htmlFor="pdca-by">{t('closing.reportedBy')}</label>
              <input id="pdca-by" autoComplete="off" value={pdca.reportedBy} onChange={(e) => setPdca((x) => ({ ...x, reportedBy: e.target.value }))} />
            </div>
            <div>
              <label htmlFor="pdca-to">{t('closing.reportedTo')}</label>
              <input id="pdca-to" autoComplete="off" value={pdca.reportedTo} onChange={(e) => setPdca((x) => ({ ...x, reportedTo: e.target.value }))} />
            </div>
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              {t('closing.addPdca')}
            </button>
          </div>
          <ul className="task-list">
            {(data.incident.closing?.pdca ?? []).map((p) => (
              <li key={p.id}>
                <strong>{t(`closing.stages.${p.stage}`)}</strong> {p.text} <span className="meta">{p.reportedBy} → {p.reportedTo}</span>
              </li>
            ))}
          </ul>
        </form>
        <div className="col">
          <section className="card" aria-labelledby="cl-report">
            <h2 id="cl-report">{t('closing.report')}</h2>
            <p className="hint">{t('closing.reportLead')}</p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => void saveFile({ suggestedName: `${base}.md`, data: documentMarkdown(report) })}>
                {t('closing.exportMd')}
              </button>
              <button type="button" onClick={() => void saveDocx(report, base)}>
                {t('word.export')}
              </button>
              <button type="button" onClick={() => void printRecorded(incidentId, 'closing-report', `${base}.pdf`)}>
                {t('closing.print')}
              </button>
            </div>
          </section>
          <DetailsCard key={data.incident.id} incident={data.incident} disclosure={data.disclosure} />
        </div>
      </div>
      <PrintView doc={report} />
    </div>
  );
}
