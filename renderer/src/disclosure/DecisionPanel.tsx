import { useMayDecide, WhoMayApprove } from '../roles/WhoMayApprove';
import { useState, type FormEvent } from 'react';
import { blankDecision, type DecisionDraft, type Problem } from '../../../shared/disclosure/commands';
import { CHANNELS, QUALITATIVE_INDICATORS, QUANTITATIVE_INDICATORS, RATINGS, VIEWPOINTS, type Rating, type RecordedDecision } from '../../../shared/disclosure/regulator';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { usePeople } from '../people/people-store';
import { formatDateTime, fromLocalInput, hlcIso, toLocalInput } from '../ui/format';
import { dispatch, problemsOf } from '../data/dispatch';
import { ProblemList } from './ProblemList';

const OTHER = '__other__';

/** A recorded decision as the starting point of the next one (a reversal keeps its reasons in view). */
function fromRecorded(d: RecordedDecision): DecisionDraft {
  return {
    viewpoints: d.viewpoints,
    qualitative: d.qualitative,
    quantitative: d.quantitative,
    publish: d.publish,
    why: d.why,
    channels: d.channels,
    timing: d.timing,
    clientCoordination: d.clientCoordination,
    deciderId: d.deciderId ?? null,
    deciderName: d.deciderId ? '' : d.decidedBy,
  };
}

/** Whether and how to disclose, weighed on recorded criteria (004 §8-⑥, 000). Nothing is chosen for the person. */
export function DecisionPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const people = usePeople();
  const current = data.disclosure?.decision ?? null;
  const [d, setDraft] = useState<DecisionDraft>(() => (current ? fromRecorded(current) : blankDecision()));
  const [deciderChoice, setDecider] = useState<string>(() => (current ? (current.deciderId ?? OTHER) : ''));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  // The disclosure decision binds the company: direction's (the role table); others see who decides.
  const incidentId = data.incident.id;
  const mayDecide = useMayDecide(incidentId);
  // A decision recorded meanwhile (here or on another laptop) becomes the form's content,
  // unless the person is changing the form: then their choices stay and a notice says so.
  const [shownAt, setShownAt] = useState(current?.at ?? null);
  const [editing, setEditing] = useState(false);
  const [newer, setNewer] = useState(false);
  if ((current?.at ?? null) !== shownAt) {
    setShownAt(current?.at ?? null);
    if (current && !editing) {
      setDraft(fromRecorded(current));
      setDecider(current.deciderId ?? OTHER);
    } else if (current) setNewer(true);
  }
  const setD: typeof setDraft = (x) => {
    setEditing(true);
    setDraft(x);
  };
  const setDeciderChoice = (x: string) => {
    setEditing(true);
    setDecider(x);
  };
  const toggle = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;
  const members = people.filter((p) => p.name.trim() !== '');

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const draft: DecisionDraft = { ...d, deciderId: deciderChoice && deciderChoice !== OTHER ? deciderChoice : null, deciderName: deciderChoice === OTHER ? d.deciderName : '' };
    const timelineWhat = {
      publish: t('decisionForm.timelineWhat', { decision: t('decisionForm.publish') }),
      notPublish: t('decisionForm.timelineWhat', { decision: t('decisionForm.notPublish') }),
    };
    const found = await problemsOf(dispatch('disclosure.record-decision', { incidentId: data.incident.id, draft, timelineWhat }));
    setProblems(found);
    setSaved(found.length === 0);
    if (found.length === 0) {
      setEditing(false);
      setNewer(false);
    }
  }

  return (
    <form className="card" onSubmit={save} autoComplete="off" aria-labelledby="dd-title" noValidate>
      <h2 id="dd-title">{t('decisionForm.title')}</h2>
      <p className="hint">{t('decisionForm.lead')}</p>
      {current && (
        <p className="notice">
          {t('decisionForm.current', {
            decision: current.publish ? t('decisionForm.publish') : t('decisionForm.notPublish'),
            // Someone outside the team is said to be so, by the name recorded.
            by: current.deciderId ? (people.find((p) => p.id === current.deciderId)?.name ?? current.decidedBy) : current.deciderId === null ? t('decisionForm.outsideDecider', { name: current.decidedBy }) : current.decidedBy,
            at: formatDateTime(hlcIso(current.at), t.lang),
          })}
        </p>
      )}
      {newer && current && (
        <div className="notice" role="status" data-decision-newer>
          <p>{t('decisionForm.newerRecorded')}</p>
          <button
            type="button"
            className="small"
            onClick={() => {
              setDraft(fromRecorded(current));
              setDecider(current.deciderId ?? OTHER);
              setEditing(false);
              setNewer(false);
            }}
          >
            {t('decisionForm.showRecorded')}
          </button>
        </div>
      )}
      <div className="viewpoints">
        {VIEWPOINTS.map((v) => (
          <div key={v} className="viewpoint">
            <label htmlFor={`vp-${v}`}>{t(`decisionForm.viewpoints.${v}`)}</label>
            <select
              id={`vp-${v}`}
              aria-label={`${t(`decisionForm.viewpoints.${v}`)} — ${t('decisionForm.rating')}`}
              aria-invalid={invalid(`viewpoints.${v}`)}
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
      <fieldset aria-invalid={invalid('publish')}>
        <legend>
          {t('decisionForm.decision')} <span className="meta">({t('decisionForm.required')})</span>
        </legend>
        <label className="inline">
          <input type="radio" name="publish" checked={d.publish === true} onChange={() => setD((x) => ({ ...x, publish: true }))} />
          {t('decisionForm.publish')}
        </label>
        <label className="inline">
          <input type="radio" name="publish" checked={d.publish === false} onChange={() => setD((x) => ({ ...x, publish: false }))} />
          {t('decisionForm.notPublish')}
        </label>
      </fieldset>
      <label htmlFor="dd-why">{t('decisionForm.why')}</label>
      <textarea id="dd-why" rows={2} autoComplete="off" aria-invalid={invalid('why')} value={d.why} onChange={(e) => setD((x) => ({ ...x, why: e.target.value }))} />
      {d.publish !== false && (
        <fieldset aria-invalid={invalid('channels')}>
          <legend>{t('decisionForm.channels')}</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="inline">
              <input type="checkbox" checked={d.channels.includes(c)} onChange={() => setD((x) => ({ ...x, channels: toggle(x.channels, c) }))} />
              {t(`decisionForm.channelNames.${c}`)}
            </label>
          ))}
        </fieldset>
      )}
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
      <div className="grid2">
        <div>
          <label htmlFor="dd-by">{t('decisionForm.decidedBy')}</label>
          <select id="dd-by" aria-invalid={invalid('decider')} value={deciderChoice} onChange={(e) => setDeciderChoice(e.target.value)}>
            <option value="">{t('decisionForm.deciderPick')}</option>
            {members.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value={OTHER}>{t('decisionForm.deciderOther')}</option>
          </select>
        </div>
        {deciderChoice === OTHER && (
          <div>
            <label htmlFor="dd-by-name">{t('decisionForm.deciderName')}</label>
            <input id="dd-by-name" autoComplete="off" value={d.deciderName} onChange={(e) => setD((x) => ({ ...x, deciderName: e.target.value }))} />
          </div>
        )}
      </div>
      <ProblemList problems={problems} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!mayDecide} aria-describedby={mayDecide ? undefined : 'dd-who'}>
          {t('decisionForm.save')}
        </button>
        {!mayDecide && <WhoMayApprove incidentId={incidentId} id="dd-who" />}
        {saved && <span role="status">{t('decisionForm.saved')}</span>}
      </div>
    </form>
  );
}
