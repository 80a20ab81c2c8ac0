import { useState, type FormEvent } from 'react';
import { legalClocks, type LegalClock } from '../../../shared/disclosure/clocks';
import { DEFAULT_SETTINGS, type FilingKind, type RegulatorSettings } from '../../../shared/disclosure/regulator';
import type { Reason } from '../../../shared/disclosure/reportability';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { formatDateTime, fromLocalInput, toLocalInput } from '../ui/format';
import { useNow } from '../ui/use-now';
import { useSession } from '../vault/session-store';
import { changeRegulatorSettings, fileRegulatorReport } from './commands';

type Tri = boolean | null;
const TRI: [string, Tri][] = [
  ['yes', true],
  ['no', false],
  ['unknown', null],
];

/** Reportability with its reasons, the legal deadlines with how they were computed, filings. */
export function RegulatorPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const store = useSession((s) => s.store)!;
  const now = useNow();
  const saved = data.disclosure?.settings ?? DEFAULT_SETTINGS;
  const [draft, setDraft] = useState<RegulatorSettings>(() => ({
    ...saved,
    learnedAt: saved.learnedAt ?? data.incident.facts.discoveredAt,
  }));
  const [done, setDone] = useState(false);
  // Until someone says otherwise, the company learned of it when it was discovered: the clock runs from the start.
  const { assessment, deadlines, clocks } = legalClocks({
    settings: { ...saved, learnedAt: saved.learnedAt ?? data.incident.facts.discoveredAt },
    facts: data.incident.facts,
    filings: data.disclosure?.filings ?? [],
    now,
  });

  async function save(e: FormEvent) {
    e.preventDefault();
    const changes = Object.fromEntries(Object.entries(draft).filter(([k, v]) => v !== saved[k as keyof RegulatorSettings]));
    if (Object.keys(changes).length > 0) await changeRegulatorSettings(store, data.incident.id, changes);
    setDone(true);
  }

  const reasonText = (r: Reason) =>
    t(`regulator.reasons.${r.code}`, {
      count: typeof r.params.count === 'number' ? new Intl.NumberFormat(t.lang === 'ja' ? 'ja-JP' : 'en-GB').format(r.params.count) : '',
      basis: r.params.basis === 'maximum' || r.params.basis === 'confirmed' ? t(`regulator.basis.${r.params.basis}`) : '',
      items: Array.isArray(r.params.items) ? (r.params.items as string[]).map((i) => t.dict.items[i as keyof typeof t.dict.items] ?? i).join(t.dict.facts.listSeparator) : '',
    });

  const tri = (field: 'improperPurpose' | 'financialHarmRisk') => (
    <fieldset>
      <legend>{t(`regulator.${field}`)}</legend>
      {TRI.map(([key, value]) => (
        <label key={key} className="inline">
          <input type="radio" name={field} checked={draft[field] === value} onChange={() => setDraft((d) => ({ ...d, [field]: value }))} />
          {t(`regulator.${key as 'yes' | 'no' | 'unknown'}`)}
        </label>
      ))}
    </fieldset>
  );
  const check = (field: 'encryptedAdvanced' | 'allRecoveredUnseen' | 'contractor' | 'euResidents', label: string) => (
    <label className="inline">
      <input type="checkbox" checked={draft[field]} onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.checked }))} />
      {label}
    </label>
  );

  return (
    <div className="overview">
      <form className="card" onSubmit={save} autoComplete="off" aria-labelledby="reg-settings">
        <h2 id="reg-settings">{t('regulator.settings')}</h2>
        <label htmlFor="reg-learned">{t('regulator.learnedAt')}</label>
        <input id="reg-learned" type="datetime-local" autoComplete="off" value={toLocalInput(draft.learnedAt)} onChange={(e) => setDraft((d) => ({ ...d, learnedAt: fromLocalInput(e.target.value) }))} />
        {tri('improperPurpose')}
        {tri('financialHarmRisk')}
        <div className="stack">
          {check('encryptedAdvanced', t('regulator.encrypted'))}
          {check('allRecoveredUnseen', t('regulator.recovered'))}
          {check('contractor', t('regulator.contractor'))}
        </div>
        {draft.contractor && (
          <>
            <label htmlFor="reg-contractor">{t('regulator.contractorName')}</label>
            <input id="reg-contractor" autoComplete="off" value={draft.contractorName} onChange={(e) => setDraft((d) => ({ ...d, contractorName: e.target.value }))} />
          </>
        )}
        <div className="stack">{check('euResidents', t('regulator.euResidents'))}</div>
        {draft.euResidents && (
          <>
            <label htmlFor="reg-aware">{t('regulator.awareAt')}</label>
            <input id="reg-aware" type="datetime-local" autoComplete="off" value={toLocalInput(draft.awareAt)} onChange={(e) => setDraft((d) => ({ ...d, awareAt: fromLocalInput(e.target.value) }))} />
          </>
        )}
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
                {reasonText(r)} <span className="meta">{r.source}</span>
              </li>
            ))}
            {assessment.unknowns.map((u) => (
              <li key={u.code} className="unknown">
                {t(`regulator.unknowns.${u.code}`)}
              </li>
            ))}
          </ul>
          {saved.contractor && <p className="notice">{t('regulator.jointFiling')}</p>}
        </section>
        <section className="card" aria-labelledby="reg-deadlines">
          <h2 id="reg-deadlines">{t('regulator.deadlines')}</h2>
          {!deadlines && <p className="hint">{t('regulator.needsLearnedAt')}</p>}
          {clocks
            .filter((c) => c.kind !== 'gdpr' || saved.euResidents)
            .map((c) => (
              <ClockRow key={c.kind} clock={c} incidentId={data.incident.id} finalDays={deadlines?.final.days ?? null} />
            ))}
          {deadlines && (
            <p className="hint basis">
              {t('regulator.finalBasis', {
                learned: deadlines.learnedDate,
                days: deadlines.final.days,
                stricter: deadlines.final.basis.stricterReading.date,
              })}
              {deadlines.final.basis.assumption !== 'none' && ` ${t('regulator.finalAssumption')}`}
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

const KIND_OF: Record<LegalClock['kind'], FilingKind> = { 'ppc-preliminary': 'preliminary', 'ppc-final': 'final', gdpr: 'gdpr' };

function ClockRow({ clock, incidentId, finalDays }: { clock: LegalClock; incidentId: string; finalDays: number | null }) {
  const t = useT();
  const store = useSession((s) => s.store)!;
  const [filedAt, setFiledAt] = useState('');
  const [reference, setReference] = useState('');
  const kind = KIND_OF[clock.kind];
  const name = kind === 'gdpr' ? t('regulator.gdpr') : t(`regulator.${kind}`);
  let when = '';
  if (clock.kind === 'ppc-preliminary' && clock.window) when = t('regulator.preliminaryWindow', clock.window);
  if (clock.kind === 'ppc-final' && clock.date) when = t('regulator.finalDate', { date: clock.date, days: finalDays ?? '' });
  if (clock.kind === 'gdpr' && clock.dueBy) when = t('regulator.gdprDue', { at: formatDateTime(clock.dueBy, t.lang) });
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
      {clock.filed ? (
        <p className="ok">{t('regulator.filed', { at: formatDateTime(clock.filed.filedAt, t.lang) })}</p>
      ) : (
        <form
          className="inline-form"
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            const at = fromLocalInput(filedAt) ?? new Date().toISOString();
            void fileRegulatorReport(store, incidentId, kind, at, reference);
          }}
        >
          <label htmlFor={`filed-${kind}`}>{t('regulator.filedAt')}</label>
          <input id={`filed-${kind}`} type="datetime-local" autoComplete="off" value={filedAt} onChange={(e) => setFiledAt(e.target.value)} />
          <label htmlFor={`ref-${kind}`}>{t('regulator.reference')}</label>
          <input id={`ref-${kind}`} autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} />
          <button type="submit">{t('regulator.markFiled', { kind: name })}</button>
        </form>
      )}
    </div>
  );
}
