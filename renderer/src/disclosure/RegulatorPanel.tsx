import { useState, type FormEvent } from 'react';
import type { Problem } from '../../../shared/disclosure/commands';
import type { LegalClock } from '../../../shared/disclosure/clocks';
import { latestInForce, type VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { filingFloor, incidentClocks, type Derivation } from '../../../shared/disclosure/effective';
import { DEFAULT_SETTINGS, type Filing, type FilingKind, type RegulatorSettings } from '../../../shared/disclosure/regulator';
import type { Reason } from '../../../shared/disclosure/reportability';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useTemplates } from '../boards/templates-store';
import { templateWords } from '../../../shared/boards/scenarios';
import { focusWhenShown } from '../ui/focus';
import { formatCalendarDate, formatDateTime, fromLocalInput, toLocalInput } from '../ui/format';
import { useNow } from '../ui/use-now';
import { dispatch, problemsOf } from '../data/dispatch';
import { FieldOverrideNotice } from './FieldOverrideNotice';
import { citation, clockName } from './labels';
import { ProblemList } from './ProblemList';

type Tri = boolean | null;
const TRI: [string, Tri][] = [
  ['yes', true],
  ['no', false],
  ['unknown', null],
];

/** Reportability with its reasons, the legal deadlines with how they were computed, filings. */
export function RegulatorPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const templates = useTemplates();
  // Only what the person changed is saved: a derived value stays derived until someone overrules it.
  const [touched, setTouched] = useState<Partial<RegulatorSettings>>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState(false);
  const { assessment, deadlines, clocks, effective } = incidentClocks(data.incident, data.disclosure, now);
  const shown: RegulatorSettings = { ...effective.settings, ...touched };
  const derivedOf = (field: Derivation['field']) => (touched[field] === undefined ? effective.derived.find((d) => d.field === field) : undefined);
  const set = (changes: Partial<RegulatorSettings>) => {
    setDone(false);
    setTouched((x) => ({ ...x, ...changes }));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const found = await problemsOf(dispatch('disclosure.change-settings', { incidentId: data.incident.id, changes: touched }));
    setProblems(found);
    if (found.length === 0) {
      setTouched({});
      setDone(true);
    }
  }

  const itemList = (items: readonly string[]) => items.map((i) => t.dict.items[i as keyof typeof t.dict.items] ?? i).join(t.dict.facts.listSeparator);
  const reasonText = (r: Reason) =>
    t(`regulator.reasons.${r.code}`, {
      count: typeof r.params.count === 'number' ? new Intl.NumberFormat(t.lang === 'ja' ? 'ja-JP' : 'en-GB').format(r.params.count) : '',
      basis: r.params.basis === 'maximum' || r.params.basis === 'confirmed' ? t(`regulator.basis.${r.params.basis}`) : '',
      items: Array.isArray(r.params.items) ? itemList(r.params.items as string[]) : '',
    });
  const scenarioName = (id: string) => {
    const tpl = templates.find((x) => x.id === id);
    return tpl ? templateWords(tpl, t.lang).name : id;
  };
  const derivedText = (d: Derivation) =>
    d.code === 'scenario'
      ? t('regulator.derived.improperPurpose', { scenario: scenarioName(d.scenario) })
      : d.code === 'items'
        ? t('regulator.derived.financialHarmRisk', { items: itemList(d.items) })
        : t('regulator.derived.learnedAt');

  const tri = (field: 'improperPurpose' | 'financialHarmRisk') => {
    const derived = derivedOf(field);
    return (
      <fieldset aria-describedby={derived ? `derived-${field}` : undefined}>
        <legend>{t(`regulator.${field}`)}</legend>
        {TRI.map(([key, value]) => (
          <label key={key} className="inline">
            <input type="radio" name={field} checked={shown[field] === value} onChange={() => set({ [field]: value })} />
            {t(`regulator.${key as 'yes' | 'no' | 'unknown'}`)}
          </label>
        ))}
        {derived && (
          <p className="hint derived" id={`derived-${field}`}>
            {derivedText(derived)}
          </p>
        )}
      </fieldset>
    );
  };
  const check = (field: 'encryptedAdvanced' | 'allRecoveredUnseen' | 'contractor' | 'client' | 'jointFiling' | 'euResidents', label: string) => (
    <label className="inline">
      <input type="checkbox" checked={shown[field]} onChange={(e) => set({ [field]: e.target.checked })} />
      {label}
    </label>
  );
  const learnedDerived = derivedOf('learnedAt');

  return (
    <div className="overview">
      <form className="card" onSubmit={save} autoComplete="off" aria-labelledby="reg-settings" noValidate>
        <h2 id="reg-settings">{t('regulator.settings')}</h2>
        {/* A premise of mine another laptop replaced without seeing it: said before the form. */}
        {(Object.keys(DEFAULT_SETTINGS) as (keyof RegulatorSettings)[]).map((k) => (
          <FieldOverrideNotice
            key={k}
            incidentId={data.incident.id}
            field={`settings.${k}`}
            edits={data.disclosure?.edits}
            restore={(mine) => void problemsOf(dispatch('disclosure.change-settings', { incidentId: data.incident.id, changes: { [k]: mine } })).then(setProblems)}
          />
        ))}
        <label htmlFor="reg-learned">{t('regulator.learnedAt')}</label>
        <input
          id="reg-learned"
          type="datetime-local"
          autoComplete="off"
          value={toLocalInput(shown.learnedAt)}
          aria-describedby={learnedDerived ? 'derived-learnedAt' : undefined}
          onChange={(e) => set({ learnedAt: fromLocalInput(e.target.value) })}
        />
        {learnedDerived && (
          <p className="hint derived" id="derived-learnedAt">
            {derivedText(learnedDerived)}
          </p>
        )}
        {tri('improperPurpose')}
        {tri('financialHarmRisk')}
        <div className="stack">
          {check('encryptedAdvanced', t('regulator.encrypted'))}
          {check('allRecoveredUnseen', t('regulator.recovered'))}
          {check('contractor', t('regulator.contractor'))}
        </div>
        {shown.contractor && (
          <>
            <label htmlFor="reg-contractor">{t('regulator.contractorName')}</label>
            <input id="reg-contractor" autoComplete="off" value={shown.contractorName} onChange={(e) => set({ contractorName: e.target.value })} />
          </>
        )}
        <div className="stack">{check('client', t('regulator.client'))}</div>
        {shown.client && (
          <>
            <label htmlFor="reg-client">{t('regulator.clientName')}</label>
            <input id="reg-client" autoComplete="off" value={shown.clientName} onChange={(e) => set({ clientName: e.target.value })} />
          </>
        )}
        {(shown.contractor || shown.client) && <div className="stack">{check('jointFiling', t('regulator.jointFilingChoice'))}</div>}
        <div className="stack">{check('euResidents', t('regulator.euResidents'))}</div>
        {shown.euResidents && (
          <>
            <label htmlFor="reg-aware">{t('regulator.awareAt')}</label>
            <input id="reg-aware" type="datetime-local" autoComplete="off" value={toLocalInput(shown.awareAt)} onChange={(e) => set({ awareAt: fromLocalInput(e.target.value) })} />
          </>
        )}
        <ProblemList problems={problems} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('regulator.saveSettings')}
          </button>
          {done && <span role="status">{t('regulator.saved')}</span>}
        </div>
      </form>
      <div className="col">
        <section className={`card verdict ${assessment.status}`} aria-labelledby="reg-result">
          <h2 id="reg-result">{t('regulator.result')}</h2>
          <p className="verdict-line">{t(`regulator.status.${assessment.status}`)}</p>
          <ul className="reasons">
            {[...assessment.reasons, ...assessment.notes].map((r) => (
              <li key={r.code}>
                {reasonText(r)} <span className="meta">{citation(t.dict, t.lang, r.source)}</span>
              </li>
            ))}
            {assessment.unknowns.map((u) => (
              <li key={u.code} className="unknown">
                {t(`regulator.unknowns.${u.code}`)}
              </li>
            ))}
          </ul>
          {(effective.settings.contractor || effective.settings.client) && <p className="notice">{t('regulator.jointFiling')}</p>}
        </section>
        <section className="card" aria-labelledby="reg-deadlines">
          <h2 id="reg-deadlines">{t('regulator.deadlines')}</h2>
          {!deadlines && <p className="hint">{t('regulator.needsLearnedAt')}</p>}
          {clocks.map((c) => (
            <ClockRow key={c.kind} clock={c} incidentId={data.incident.id} finalDays={deadlines?.final.days ?? null} learnedAt={filingFloor(KIND_OF[c.kind], effective.settings)} />
          ))}
          {(assessment.status === 'required' || assessment.status === 'undetermined') && <IndividualsDuty notices={data.notices} gdpr={effective.settings.euResidents} />}
          {deadlines && (
            <p className="hint basis">
              {t('regulator.finalBasis', {
                learned: formatCalendarDate(deadlines.learnedDate, t.lang),
                days: deadlines.final.days,
                stricter: formatCalendarDate(deadlines.final.basis.stricterReading.date, t.lang),
              })}
              {deadlines.final.basis.assumption !== 'none' && ` ${t('regulator.finalAssumption')}`}
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * The duty to notify the individuals (Enforcement Rules Art. 10) that comes with a report: it
 * has no date, only "promptly", so it is said beside the clocks with where the notice stands.
 * With EU residents, GDPR Art. 34 too (when the risk to them is high).
 */
function IndividualsDuty({ notices, gdpr }: { notices: readonly VersionedDoc[]; gdpr: boolean }) {
  const t = useT();
  const notice = latestInForce(notices);
  return (
    <div className="clock" role="group" aria-label={t('regulator.individuals.title')}>
      <h3>{t('regulator.individuals.title')}</h3>
      <p className="clock-when">{t('regulator.individuals.when')}</p>
      <p className={notice ? 'ok' : 'meta'} data-individuals>
        {notice === null
          ? t('regulator.individuals.noNotice')
          : notice.state === 'published'
            ? t('regulator.individuals.published', { v: notice.version, at: formatDateTime(notice.publishedAt, t.lang) })
            : t('regulator.individuals.approved', { v: notice.version, at: formatDateTime(notice.approvedAt, t.lang) })}
      </p>
      {gdpr && <p className="hint">{t('regulator.individuals.gdpr')}</p>}
    </div>
  );
}

const KIND_OF: Record<LegalClock['kind'], FilingKind> = { 'ppc-preliminary': 'preliminary', 'ppc-final': 'final', gdpr: 'gdpr' };

function ClockRow({ clock, incidentId, finalDays, learnedAt }: { clock: LegalClock; incidentId: string; finalDays: number | null; learnedAt: string | null }) {
  const t = useT();
  // Correcting a filing recorded with a typo: the form comes back, filled with what was recorded.
  const [correcting, setCorrecting] = useState(false);
  const kind = KIND_OF[clock.kind];
  const name = clockName(t, clock.kind);
  let when = '';
  if (clock.kind === 'ppc-preliminary' && clock.window) when = t('regulator.preliminaryWindow', { from: formatCalendarDate(clock.window.from, t.lang), to: formatCalendarDate(clock.window.to, t.lang) });
  if (clock.kind === 'ppc-final' && clock.date) when = t('regulator.finalDate', { date: formatCalendarDate(clock.date, t.lang), days: finalDays ?? '' });
  if (clock.kind === 'gdpr' && clock.dueBy) when = t('regulator.gdprDue', { at: formatDateTime(clock.dueBy, t.lang) });
  const filed = clock.filed;
  return (
    <div className="clock" role="group" aria-label={name}>
      <h3>{name}</h3>
      <p className="clock-when" data-clock={clock.kind}>
        {when || (clock.kind === 'gdpr' ? t('regulator.needsAwareAt') : '—')}
      </p>
      {clock.countdown && (
        <p className={clock.countdown.overdue ? 'error' : 'meta'}>
          {clock.countdown.overdue ? t('regulator.overdue') : t('regulator.remaining', { d: clock.countdown.days, h: clock.countdown.hours })}
        </p>
      )}
      {filed && clock.coveredByFinal && (
        <p className="ok" id={`filed-${kind}-done`}>
          {t('regulator.coveredByFinal', { at: formatDateTime(filed.filedAt, t.lang) })}
        </p>
      )}
      {filed && !clock.coveredByFinal && !correcting && (
        <div className="inline-form">
          <p className="ok" id={`filed-${kind}-done`} tabIndex={-1}>
            {t('regulator.filed', { at: formatDateTime(filed.filedAt, t.lang) })}
            {filed.reference && ` ${t('regulator.filedReference', { reference: filed.reference })}`}
            {filed.corrects && ` ${t('regulator.corrected')}`}
          </p>
          <button
            type="button"
            onClick={() => {
              setCorrecting(true);
              focusWhenShown(`#filed-${kind}`);
            }}
          >
            {t('regulator.correctFiling', { kind: name })}
          </button>
        </div>
      )}
      {(!filed || clock.coveredByFinal || correcting) && (
        <FilingForm
          incidentId={incidentId}
          kind={kind}
          name={name}
          learnedAt={learnedAt}
          correcting={correcting && filed ? filed : null}
          onDone={() => {
            setCorrecting(false);
            // The form gives way to "filed …": the keyboard goes there, not to the top of the page.
            focusWhenShown(`#filed-${kind}-done`);
          }}
          onCancel={() => {
            setCorrecting(false);
            focusWhenShown(`#filed-${kind}-done`);
          }}
        />
      )}
    </div>
  );
}

function FilingForm(props: {
  incidentId: string;
  kind: FilingKind;
  name: string;
  learnedAt: string | null;
  /** The filing being corrected, or null for a first filing. */
  correcting: Filing | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { incidentId, kind, name, learnedAt, correcting } = props;
  const t = useT();
  // The time it was filed is typed by a person; it starts at now (or at the recorded time when correcting), and a time after now is refused.
  const [filedAt, setFiledAt] = useState(() => toLocalInput(correcting?.filedAt ?? new Date().toISOString()));
  const [reference, setReference] = useState(correcting?.reference ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  return (
    <form
      className="inline-form"
      autoComplete="off"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // The last refusal goes while this one is checked (it reads the incident): no stale
        // message stands for the new time, and a new one is announced afresh.
        setProblems([]);
        const corrects = correcting ? { corrects: correcting.at } : {};
        void problemsOf(dispatch('disclosure.file-report', { incidentId, kind, filedAt: fromLocalInput(filedAt), reference, ...corrects })).then((found) => {
          setProblems(found);
          if (found.length === 0) props.onDone();
        });
      }}
    >
      {correcting && <p className="hint">{t('regulator.correctionHint')}</p>}
      <label htmlFor={`filed-${kind}`}>{t('regulator.filedAt')}</label>
      <input
        id={`filed-${kind}`}
        type="datetime-local"
        autoComplete="off"
        value={filedAt}
        max={toLocalInput(new Date().toISOString())}
        min={learnedAt ? toLocalInput(learnedAt) : undefined}
        aria-invalid={problems.some((p) => p.field === 'filedAt') || undefined}
        aria-describedby={problems.length > 0 ? `filed-${kind}-problems` : undefined}
        onChange={(e) => setFiledAt(e.target.value)}
      />
      <label htmlFor={`ref-${kind}`}>{t('regulator.reference')}</label>
      <input id={`ref-${kind}`} autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} />
      <button type="submit">{correcting ? t('regulator.saveCorrection') : t('regulator.markFiled', { kind: name })}</button>
      {correcting && (
        <button type="button" onClick={props.onCancel}>
          {t('regulator.cancelCorrection')}
        </button>
      )}
      <ProblemList problems={problems} id={`filed-${kind}-problems`} />
    </form>
  );
}
