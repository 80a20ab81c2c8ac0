import { useState, type FormEvent } from 'react';
import {
  CHANNELS,
  QUALITATIVE_INDICATORS,
  QUANTITATIVE_INDICATORS,
  RATINGS,
  VIEWPOINTS,
  type DisclosureDecision,
  type Rating,
} from '../../../shared/disclosure/regulator';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { formatDateTime, fromLocalInput, hlcIso, toLocalInput } from '../ui/format';
import { useSession } from '../vault/session-store';
import { recordDisclosureDecision } from './commands';

function blank(decidedBy: string): DisclosureDecision {
  return {
    viewpoints: Object.fromEntries(VIEWPOINTS.map((v) => [v, { note: '', rating: null }])) as DisclosureDecision['viewpoints'],
    qualitative: [],
    quantitative: [],
    publish: true,
    why: '',
    channels: [],
    timing: { plannedAt: null, note: '' },
    clientCoordination: { needed: false, note: '' },
    decidedBy,
  };
}

/** Whether and how to disclose, weighed on recorded criteria (004 §8-⑥, 000). */
export function DecisionPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const store = useSession((s) => s.store)!;
  const me = useSession((s) => s.me);
  const current = data.disclosure?.decision ?? null;
  const [d, setD] = useState<DisclosureDecision>(() => (current ? { ...current } : blank(me?.name ?? '')));
  const [saved, setSaved] = useState(false);
  const toggle = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (d.decidedBy.trim() === '') return;
    const { at: _at, recordedBy: _by, ...decision } = d as DisclosureDecision & { at?: string; recordedBy?: string };
    const label = decision.publish ? t('decisionForm.publish') : t('decisionForm.notPublish');
    await recordDisclosureDecision(store, data.incident.id, decision, t('decisionForm.timelineWhat', { decision: label }));
    setSaved(true);
  }

  return (
    <form className="card" onSubmit={save} autoComplete="off" aria-labelledby="dd-title">
      <h2 id="dd-title">{t('decisionForm.title')}</h2>
      <p className="hint">{t('decisionForm.lead')}</p>
      {current && (
        <p className="notice">
          {t('decisionForm.current', {
            decision: current.publish ? t('decisionForm.publish') : t('decisionForm.notPublish'),
            by: current.decidedBy,
            at: formatDateTime(hlcIso(current.at), t.lang),
          })}
        </p>
      )}
      <div className="viewpoints">
        {VIEWPOINTS.map((v) => (
          <div key={v} className="viewpoint">
            <label htmlFor={`vp-${v}`}>{t(`decisionForm.viewpoints.${v}`)}</label>
            <select
              id={`vp-${v}`}
              aria-label={`${t(`decisionForm.viewpoints.${v}`)} — ${t('decisionForm.rating')}`}
              value={d.viewpoints[v].rating ?? ''}
              onChange={(e) => setD((x) => ({ ...x, viewpoints: { ...x.viewpoints, [v]: { ...x.viewpoints[v], rating: (e.target.value || null) as Rating | null } } }))}
            >
              <option value="">{t('decisionForm.unrated')}</option>
              {RATINGS.map((r) => (
                <option key={r} value={r}>
                  {t(`decisionForm.ratings.${r}`)}
                </option>
              ))}
            </select>
            <input
              aria-label={t('decisionForm.note', { viewpoint: t(`decisionForm.viewpoints.${v}`) })}
              autoComplete="off"
              value={d.viewpoints[v].note}
              onChange={(e) => setD((x) => ({ ...x, viewpoints: { ...x.viewpoints, [v]: { ...x.viewpoints[v], note: e.target.value } } }))}
            />
          </div>
        ))}
      </div>
      <div className="grid2">
        <fieldset>
          <legend>{t('decisionForm.qualitative')}</legend>
          {QUALITATIVE_INDICATORS.map((q) => (
            <label key={q} className="check-item">
              <input type="checkbox" checked={d.qualitative.includes(q)} onChange={() => setD((x) => ({ ...x, qualitative: toggle(x.qualitative, q) }))} />
              {t(`decisionForm.indicators.${q}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('decisionForm.quantitative')}</legend>
          {QUANTITATIVE_INDICATORS.map((q) => (
            <label key={q} className="check-item">
              <input type="checkbox" checked={d.quantitative.includes(q)} onChange={() => setD((x) => ({ ...x, quantitative: toggle(x.quantitative, q) }))} />
              {t(`decisionForm.indicators.${q}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <fieldset>
        <legend>{t('decisionForm.decision')}</legend>
        <label className="inline">
          <input type="radio" name="publish" checked={d.publish} onChange={() => setD((x) => ({ ...x, publish: true }))} />
          {t('decisionForm.publish')}
        </label>
        <label className="inline">
          <input type="radio" name="publish" checked={!d.publish} onChange={() => setD((x) => ({ ...x, publish: false }))} />
          {t('decisionForm.notPublish')}
        </label>
      </fieldset>
      <label htmlFor="dd-why">{t('decisionForm.why')}</label>
      <textarea id="dd-why" rows={2} autoComplete="off" value={d.why} onChange={(e) => setD((x) => ({ ...x, why: e.target.value }))} />
      <fieldset>
        <legend>{t('decisionForm.channels')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="inline">
            <input type="checkbox" checked={d.channels.includes(c)} onChange={() => setD((x) => ({ ...x, channels: toggle(x.channels, c) }))} />
            {t(`decisionForm.channelNames.${c}`)}
          </label>
        ))}
      </fieldset>
      <div className="grid2">
        <div>
          <label htmlFor="dd-planned">{t('decisionForm.plannedAt')}</label>
          <input
            id="dd-planned"
            type="datetime-local"
            autoComplete="off"
            value={toLocalInput(d.timing.plannedAt)}
            onChange={(e) => setD((x) => ({ ...x, timing: { ...x.timing, plannedAt: fromLocalInput(e.target.value) } }))}
          />
        </div>
        <div>
          <label htmlFor="dd-timing">{t('decisionForm.timingNote')}</label>
          <input id="dd-timing" autoComplete="off" value={d.timing.note} onChange={(e) => setD((x) => ({ ...x, timing: { ...x.timing, note: e.target.value } }))} />
        </div>
      </div>
      <label className="inline">
        <input
          type="checkbox"
          checked={d.clientCoordination.needed}
          onChange={(e) => setD((x) => ({ ...x, clientCoordination: { ...x.clientCoordination, needed: e.target.checked } }))}
        />
        {t('decisionForm.coordination')}
      </label>
      {d.clientCoordination.needed && (
        <>
          <label htmlFor="dd-coord">{t('decisionForm.coordinationNote')}</label>
          <input
            id="dd-coord"
            autoComplete="off"
            value={d.clientCoordination.note}
            onChange={(e) => setD((x) => ({ ...x, clientCoordination: { ...x.clientCoordination, note: e.target.value } }))}
          />
        </>
      )}
      <label htmlFor="dd-by">{t('decisionForm.decidedBy')}</label>
      <input id="dd-by" autoComplete="off" value={d.decidedBy} onChange={(e) => setD((x) => ({ ...x, decidedBy: e.target.value }))} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('decisionForm.save')}
        </button>
        {saved && <span role="status">{t('decisionForm.saved')}</span>}
      </div>
    </form>
  );
}
