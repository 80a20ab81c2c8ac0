import { printRecorded } from '../access/print';
import { saveDocx } from '../exec/word-export';
import { useEffect, useState } from 'react';
import { documentFileName } from './file-names';
import type { Problem } from '../../../shared/disclosure/commands';
import { jstDate } from '../../../shared/disclosure/deadlines';
import { parseCount } from '../../../shared/incident/validate';
import { incidentClocks } from '../../../shared/disclosure/effective';
import { CAUSERS, MEDIA, REPORT_STAGES, SUBJECTS, type PpcDraftFields, type PrefilledText, type Subject } from '../../../shared/disclosure/ppc-fields';
import { draftGdprNotice, draftPpcReport, type PpcGap } from '../../../shared/disclosure/ppc-report';
import { ppcFields } from '../../../shared/disclosure/regulator';
import { useContacts } from '../contacts/ui/contacts-store';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { PrintView } from '../ui/DocumentView';
import { useNow } from '../ui/use-now';
import { dispatch, problemsOf } from '../data/dispatch';
import { ppcDocument } from './documents';
import { FieldOverrideNotice } from './FieldOverrideNotice';
import { conflictText, draftLabels, rulesInWords } from './labels';
import { ppcPrefill } from './ppc-prefill';
import { ProblemList } from './ProblemList';
import { SavedSelect } from './SavedSelect';
import { SavedText } from './SavedText';
import { modelDocument, textDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';

const BEFORE_ITEMS: PrefilledText[] = ['foundBy', 'discovery', 'course'];
const AFTER_ITEMS: PrefilledText[] = ['cause', 'secondaryHarm', 'individualResponse', 'publication', 'prevention'];

/**
 * The PPC report draft as the form asks for it, pre-filled from what the app knows. Every
 * field is recorded as an event when it is left, so nothing typed is lost with a tab switch
 * and the other laptops see it.
 */
export function PpcDraftPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const { engine, load, totals, incidentId: contactsFor } = useContacts();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (engine && contactsFor !== data.incident.id) void load(data.incident.id);
  }, [engine, contactsFor, data.incident.id, load]);

  const fields = ppcFields(data.disclosure);
  const { assessment, effective, clocks } = incidentClocks(data.incident, data.disclosure, now);
  // Once the notice is filed, it is late or not by when it was filed, not by today.
  const gdprFiledAt = clocks.find((c) => c.kind === 'gdpr')?.filed?.filedAt ?? null;
  const labels = draftLabels(t.dict, t.lang);
  const draft = draftPpcReport({
    facts: data.incident.facts,
    company: data.company,
    settings: effective.settings,
    cases: assessment.cases,
    fields,
    prefill: ppcPrefill(t, data, contactsFor === data.incident.id ? Object.values(totals) : []),
    labels,
    today: jstDate(now),
  });
  const gdpr = effective.settings.euResidents
    ? draftGdprNotice({
        incident: data.incident,
        nature: draft.texts.course.value,
        labels,
        recordCount: fields.gdprRecords,
        awareAt: effective.settings.awareAt,
        now: gdprFiledAt ?? now,
        dpoContact: [data.company?.contactPerson, data.company?.email].filter(Boolean).join(' '),
        consequences: draft.texts.secondaryHarm.value,
        measures: draft.texts.prevention.value,
        delayReasons: fields.gdprDelayReasons,
      })
    : null;
  const doc = ppcDocument(t, draft, gdpr);
  // The final report lacks items (a contradiction is said on its own, above it).
  const incomplete = draft.stage === 'final' && (draft.missing.length > 0 || draft.gaps.length > 0);
  const gate = useReleaseGate(data);
  const ppcOut = { id: `ppc:${draft.stage}`, kind: 'ppc-draft' as const, title: t('outgoing.documents.ppc', { stage: t(`ppc.stages.${draft.stage}`) }) };

  async function save(changes: Partial<PpcDraftFields>): Promise<Problem[]> {
    const found = await problemsOf(dispatch('disclosure.edit-ppc-draft', { incidentId: data.incident.id, changes }));
    setProblems(found);
    return found;
  }
  /** The number of records as typed (full-width digits, commas, 件 are read); what cannot be read is said, not saved. */
  function saveRecords(text: string) {
    const n = parseCount(text);
    if (n === 'invalid') setProblems([{ field: 'gdprRecords', reason: 'invalid' }]);
    else void save({ gdprRecords: n });
  }
  async function copy(key: string, text: string) {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(key);
  }
  const gapText = (g: PpcGap) => (g.startsWith('reporter.') ? t('ppc.gaps.reporter', { field: t(`ppc.reporterFields.${g.slice(9) as 'name'}`) }) : t(`ppc.gaps.${g as Exclude<PpcGap, `reporter.${string}`>}`));

  // Where another laptop's words replaced mine on a field: said on the field itself.
  const over = (key: keyof PpcDraftFields) => (
    <FieldOverrideNotice incidentId={data.incident.id} field={`ppc.${key}`} edits={data.disclosure?.edits} restore={(mine) => void save({ [key]: mine })} />
  );
  const text = (key: PrefilledText) => {
    const state = draft.texts[key];
    const empty = state.value.trim() === '';
    return (
      <div key={key} className="ppc-field">
        <div className="field-head">
          <label htmlFor={`ppc-${key}`}>{t(`ppc.fields.${key}`)}</label>
          {/* Empty (nothing known yet, or cleared): said to be missing, in the words of the draft beside it (grey here: a form still being filled in is not alarming). */}
          <span className={empty || state.edited ? 'badge' : 'badge ok'} id={`ppc-${key}-state`}>
            {empty ? t('ppc.missing') : state.edited ? t('ppc.edited') : t('ppc.auto')}
          </span>
          {state.edited && (
            <button type="button" className="small" aria-label={`${t('ppc.resetAuto')}: ${t(`ppc.fields.${key}`)}`} onClick={() => void save({ [key]: null })}>
              {t('ppc.resetAuto')}
            </button>
          )}
        </div>
        <SavedText id={`ppc-${key}`} rows={3} value={state.value} describedBy={`ppc-${key}-state`} onCommit={(v) => void save({ [key]: v })} />
        {over(key)}
      </div>
    );
  };

  // Ticks show at once and build on each other. The stored list is taken over only while none of my
  // ticks is still being saved: the fold of the first of two quick ticks holds only that one, and
  // taking it over would untick the second until its own save is folded.
  const storedSubjects = fields.subjects.join();
  const [subjects, setSubjects] = useState<Subject[]>(fields.subjects);
  const [subjectsFrom, setSubjectsFrom] = useState(storedSubjects);
  const [savingSubjects, setSavingSubjects] = useState(0);
  if (savingSubjects === 0 && storedSubjects !== subjectsFrom) {
    setSubjectsFrom(storedSubjects);
    setSubjects(fields.subjects);
  }
  const toggleSubject = (s: Subject) => {
    const next = subjects.includes(s) ? subjects.filter((x) => x !== s) : [...subjects, s];
    setSubjects(next);
    setSavingSubjects((n) => n + 1);
    void save({ subjects: next })
      .then((found) => {
        if (found.length > 0) setSubjectsFrom('\u0000'); // refused: show the stored ticks again
      })
      .finally(() => setSavingSubjects((n) => n - 1));
  };

  return (
    <div className="overview">
      <form className="card" aria-labelledby="ppc-inputs" autoComplete="off" noValidate onSubmit={(e) => e.preventDefault()}>
        <h2 id="ppc-inputs">{t('ppc.report')}</h2>
        <p className="hint">{t('ppc.autoHint')}</p>
        <div className="grid2">
          <div>
            <label htmlFor="ppc-stage">{t('ppc.stage')}</label>
            <SavedSelect id="ppc-stage" value={draft.stage} onCommit={(v) => void save({ stage: v as PpcDraftFields['stage'] })}>
              {REPORT_STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`ppc.stages.${s}`)}
                </option>
              ))}
            </SavedSelect>
            {over('stage')}
          </div>
          <div>
            <label htmlFor="ppc-date">{t('ppc.reportDate')}</label>
            <SavedText id="ppc-date" type="date" value={draft.reportDate} onCommit={(v) => void save({ reportDate: v || null })} />
            {over('reportDate')}
          </div>
        </div>
        {BEFORE_ITEMS.map(text)}
        <div className="grid2">
          <div>
            <label htmlFor="ppc-medium">{t('ppc.fields.medium')}</label>
            <SavedSelect id="ppc-medium" value={fields.medium ?? ''} onCommit={(v) => void save({ medium: (v || null) as PpcDraftFields['medium'] })}>
              <option value="">{t('ppc.choose')}</option>
              {MEDIA.map((m) => (
                <option key={m} value={m}>
                  {t(`ppc.media.${m}`)}
                </option>
              ))}
            </SavedSelect>
            {over('medium')}
          </div>
          <div>
            <label htmlFor="ppc-causedBy">{t('ppc.fields.causedBy')}</label>
            <SavedSelect id="ppc-causedBy" value={fields.causedBy ?? ''} onCommit={(v) => void save({ causedBy: (v || null) as PpcDraftFields['causedBy'] })}>
              <option value="">{t('ppc.choose')}</option>
              {CAUSERS.map((c) => (
                <option key={c} value={c}>
                  {t(`ppc.causers.${c}`)}
                </option>
              ))}
            </SavedSelect>
            {over('causedBy')}
          </div>
        </div>
        <fieldset>
          <legend>{t('ppc.fields.subjects')}</legend>
          {SUBJECTS.map((s) => (
            <label key={s} className="inline">
              <input type="checkbox" checked={subjects.includes(s)} onChange={() => toggleSubject(s)} />
              {t(`ppc.subjectNames.${s}`)}
            </label>
          ))}
        </fieldset>
        {over('subjects')}
        {subjects.includes('other') && (
          <>
            <label htmlFor="ppc-subjectsNote">{t('ppc.fields.subjectsNote')}</label>
            <SavedText id="ppc-subjectsNote" value={fields.subjectsNote} onCommit={(v) => void save({ subjectsNote: v })} />
            {over('subjectsNote')}
          </>
        )}
        {AFTER_ITEMS.map(text)}
        <label htmlFor="ppc-other">{t('ppc.fields.other')}</label>
        <SavedText id="ppc-other" rows={2} value={fields.other} onCommit={(v) => void save({ other: v })} />
        {over('other')}
        <p className="hint">{t('ppc.entrustmentHint')}</p>
        {gdpr && (
          <fieldset>
            <legend>{t('ppc.gdprTitle')}</legend>
            <label htmlFor="ppc-gdprRecords">{t('ppc.fields.gdprRecords')}</label>
            <SavedText id="ppc-gdprRecords" value={fields.gdprRecords === null ? '' : String(fields.gdprRecords)} describedBy="ppc-gdprRecords-hint" onCommit={saveRecords} />
            <p className="hint" id="ppc-gdprRecords-hint">
              {t('ppc.gdprRecordsHint')}
            </p>
            {over('gdprRecords')}
            {gdpr.late && (
              <>
                <label htmlFor="ppc-gdprDelayReasons">{t('ppc.fields.gdprDelayReasons')}</label>
                <SavedText id="ppc-gdprDelayReasons" rows={3} value={fields.gdprDelayReasons} describedBy="ppc-gdprDelayReasons-hint" onCommit={(v) => void save({ gdprDelayReasons: v })} />
                <p className="hint" id="ppc-gdprDelayReasons-hint">
                  {t('ppc.gdprDelayHint')}
                </p>
                {over('gdprDelayReasons')}
              </>
            )}
          </fieldset>
        )}
        <ProblemList problems={problems} />
      </form>
      <section className="card sheet-like" aria-labelledby="ppc-title">
        <div className="board-head">
          <h2 id="ppc-title">{t('ppc.title')}</h2>
          <span className="spacer" />
          <button type="button" onClick={gate.guard(() => [modelDocument(t, ppcOut, doc)], () => void printRecorded(data.incident.id, 'regulator-report', `${documentFileName(t, { kind: 'ppc', stage: draft.stage }, now)}.pdf`))}>
            {t('ppc.print')}
          </button>
          <button type="button" onClick={gate.guard(() => [modelDocument(t, ppcOut, doc)], () => void saveDocx(doc, documentFileName(t, { kind: 'ppc', stage: draft.stage }, now), t('ppc.missing')))}>
            {t('word.export')}
          </button>
        </div>
        <p className="hint">{t('ppc.lead')}</p>
        <p className="hint" data-ppc-rules>
          {t('disclosure.rulesFollowed', { rules: rulesInWords(t, t.lang) })}
        </p>
        {!data.company && <p className="notice">{t('ppc.companyMissing')}</p>}
        {/* Counts that contradict each other (two laptops' edits merged): said first, to be corrected in the facts before anything is filed. */}
        {draft.conflicts.map((c) => (
          <p key={c.reason} role="status" className="notice" data-ppc-check={c.reason}>
            {conflictText(t, c)}
          </p>
        ))}
        {incomplete && (
          <p role="alert" className="error">
            {t('ppc.notFileable', { items: [...draft.missing.map((k) => t(`ppc.items.${k}`)), ...draft.gaps.map(gapText)].join(t.dict.facts.listSeparator) })}
          </p>
        )}
        {!incomplete && draft.gaps.length > 0 && <p className="notice">{t('ppc.gapsTitle', { items: draft.gaps.map(gapText).join(t.dict.facts.listSeparator) })}</p>}
        <h3>{t('ppc.reporter')}</h3>
        <dl className="ppc-items" data-part="reporter">
          {draft.reporter.map((r) => (
            <div key={r.key} className="ppc-item">
              <dt>
                {t(`ppc.reporterFields.${r.key}`)}
                {r.missing && <span className="badge overdue">{t('ppc.missing')}</span>}
              </dt>
              <dd>{r.value}</dd>
            </div>
          ))}
        </dl>
        <dl className="ppc-items">
          <div className="ppc-item">
            <dt>{t('ppc.myNumber')}</dt>
            <dd data-item="myNumber">{draft.myNumberInvolved ? t('ppc.myNumberYes') : t('ppc.myNumberNo')}</dd>
          </div>
          {draft.items.map((item) => (
            <div key={item.key} className="ppc-item" data-item={item.key}>
              <dt>
                {t(`ppc.items.${item.key}`)}
                {item.missing && <span className="badge overdue">{t('ppc.missing')}</span>}
                {item.conflicts.length > 0 && <span className="badge overdue">{t('ppc.check')}</span>}
              </dt>
              <dd>
                <span className="ppc-value">{item.value}</span>
                <button type="button" className="small" onClick={gate.guard(() => [textDocument(t, ppcOut, item.value)], () => void copy(item.key, item.value))} aria-label={`${t('ppc.copy')}: ${t(`ppc.items.${item.key}`)}`}>
                  {copied === item.key ? t('ppc.copied') : t('ppc.copy')}
                </button>
              </dd>
              {/* Beside the value, not in it: the copy button copies the value alone. */}
              {item.conflicts.map((c) => (
                <dd key={c.reason} className="hint" data-ppc-item-check={c.reason}>
                  {conflictText(t, c)}
                </dd>
              ))}
            </div>
          ))}
        </dl>
        {gdpr && (
          <>
            <h3>{t('ppc.gdprTitle')}</h3>
            <dl className="ppc-items">
              {gdpr.fields.map((f) => (
                <div key={f.key} className="ppc-item">
                  <dt>
                    {t(`ppc.gdprFields.${f.key}`)}
                    {f.conflicts.length > 0 && <span className="badge overdue">{t('ppc.check')}</span>}
                  </dt>
                  <dd>{f.value}</dd>
                  {f.conflicts.map((c) => (
                    <dd key={c.reason} className="hint">
                      {conflictText(t, c)}
                    </dd>
                  ))}
                </div>
              ))}
            </dl>
          </>
        )}
      </section>
      <PrintView doc={doc} missingLabel={t('ppc.missing')} />
      {gate.dialog}
    </div>
  );
}
