import { useCallback, useEffect, useState } from 'react';
import type { GiftProgramme } from '../../../../shared/contacts/gift-events';
import type { Problem } from '../../../../shared/events/command';
import { CommandRefused, dispatch } from '../../data/dispatch';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { giftOverview, type GiftOverview } from '../gifts';
import { useContacts } from './contacts-store';
import { GiftRedeem } from './GiftRedeem';

/**
 * お詫び品: the programme (set once, changed when needed), the totals, and the vendor's
 * redemption files with their preview and undo. Everything here is read from the gift events.
 */
export function GiftPanel({ data }: { data: OpenIncident }) {
  const engine = useContacts((s) => s.engine);
  const incidentId = data.incident.id;
  const [overview, setOverview] = useState<GiftOverview | null>(null);
  const reload = useCallback(async () => {
    if (engine) setOverview(await giftOverview(engine, incidentId));
  }, [engine, incidentId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (!overview) return null;
  return (
    <div className="gifts">
      <ProgrammeCard incidentId={incidentId} programme={overview.state.programme} onSaved={() => void reload()} />
      {overview.state.programme && <TotalsCard overview={overview} />}
      {overview.state.programme && <GiftRedeem incidentId={incidentId} files={overview.files} onChanged={() => void reload()} />}
    </div>
  );
}

interface OptionRow {
  id?: string;
  label: string;
  unitCost: string;
}

function ProgrammeCard({ incidentId, programme, onSaved }: { incidentId: string; programme: GiftProgramme | undefined; onSaved: () => void }) {
  const t = useT();
  const nf = new Intl.NumberFormat();
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState<OptionRow[]>([]);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);

  function start() {
    setRows(programme ? programme.options.map((o) => ({ id: o.id, label: o.label, unitCost: String(o.unitCost) })) : [{ label: '', unitCost: '' }]);
    setFrom(programme?.validFrom ?? '');
    setUntil(programme?.validUntil ?? '');
    setProblems([]);
    setSaved(false);
    setEditing(true);
  }
  async function save() {
    try {
      await dispatch('contacts.set-gift-programme', { incidentId, options: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), label: r.label, unitCost: r.unitCost })), validFrom: from, validUntil: until });
      setEditing(false);
      setSaved(true);
      onSaved();
    } catch (e) {
      if (e instanceof CommandRefused) setProblems(e.problems);
      else throw e;
    }
  }
  const problemAt = (field: string) => problems.find((p) => p.field === field);
  const said = (field: string) => {
    const p = problemAt(field);
    return p ? (
      <p className="error" role="alert">
        {t(`gifts.programme.problems.${p.reason as 'required'}`, p.params)}
      </p>
    ) : null;
  };
  const set = (i: number, patch: Partial<OptionRow>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  return (
    <section className="card" aria-labelledby="gift-programme">
      <h2 id="gift-programme">{t('gifts.programme.title')}</h2>
      <p className="hint">{t('gifts.programme.lead')}</p>
      {!editing && !programme && <p>{t('gifts.programme.none')}</p>}
      {!editing && programme && (
        <p data-testid="gift-summary">
          {t('gifts.programme.summary', {
            options: programme.options.map((o) => t('gifts.programme.optionCost', { label: o.label, cost: nf.format(o.unitCost) })).join(t.dict.facts.listSeparator),
            from: programme.validFrom,
            until: programme.validUntil,
          })}
        </p>
      )}
      {saved && !editing && (
        <p className="ok" role="status">
          {t('gifts.programme.saved')}
        </p>
      )}
      {!editing && (
        <div className="actions">
          <button type="button" className={programme ? undefined : 'primary'} onClick={start}>
            {t('gifts.programme.edit')}
          </button>
        </div>
      )}
      {editing && (
        <div className="gift-form">
          {said('options')}
          {rows.map((r, i) => (
            <div key={i} className="grid3">
              <div>
                <label htmlFor={`gift-opt-${i}`}>{t('gifts.programme.option')}</label>
                <input id={`gift-opt-${i}`} autoComplete="off" value={r.label} onChange={(e) => set(i, { label: e.target.value })} />
                {said(`options.${i}.label`)}
              </div>
              <div>
                <label htmlFor={`gift-cost-${i}`}>{t('gifts.programme.unitCost')}</label>
                <input id={`gift-cost-${i}`} autoComplete="off" inputMode="numeric" value={r.unitCost} onChange={(e) => set(i, { unitCost: e.target.value })} />
                {said(`options.${i}.unitCost`)}
              </div>
              <div className="actions">
                {rows.length > 1 && (
                  <button type="button" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                    {t('gifts.programme.removeOption')}
                  </button>
                )}
              </div>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setRows([...rows, { label: '', unitCost: '' }])}>
              {t('gifts.programme.addOption')}
            </button>
          </div>
          <div className="grid3">
            <div>
              <label htmlFor="gift-from">{t('gifts.programme.validFrom')}</label>
              <input id="gift-from" type="date" autoComplete="off" value={from} onChange={(e) => setFrom(e.target.value)} />
              {said('validFrom')}
            </div>
            <div>
              <label htmlFor="gift-until">{t('gifts.programme.validUntil')}</label>
              <input id="gift-until" type="date" autoComplete="off" value={until} onChange={(e) => setUntil(e.target.value)} />
              {said('validUntil')}
            </div>
            <div>
              <span className="label">{t('gifts.programme.codeFormat')}</span>
              <p className="meta">{t('gifts.programme.codeFormatValue')}</p>
            </div>
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()}>
              {t('gifts.programme.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('gifts.programme.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function TotalsCard({ overview }: { overview: GiftOverview }) {
  const t = useT();
  const nf = new Intl.NumberFormat();
  const { totals } = overview;
  const yen = (n: number) => t('gifts.totals.yen', { n: nf.format(n) });
  return (
    <section className="card" aria-labelledby="gift-totals">
      <h2 id="gift-totals">{t('gifts.totals.title')}</h2>
      <dl className="facts">
        {(
          [
            ['issued', nf.format(totals.issued)],
            ['redeemed', nf.format(totals.redeemed)],
            ['unredeemed', nf.format(totals.unredeemed)],
            ['cost', yen(totals.cost)],
            ['committed', yen(totals.committed)],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="contents">
            <dt>{t(`gifts.totals.${k}`)}</dt>
            <dd data-field={`gift-${k}`}>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('gifts.totals.byOption')}</h3>
      <table className="table compact" data-testid="gift-by-option">
        <thead>
          <tr>
            <th scope="col">{t('gifts.totals.option')}</th>
            <th scope="col">{t('gifts.totals.count')}</th>
            <th scope="col">{t('gifts.totals.optionCost')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.byOption.map((o) => (
            <tr key={o.id}>
              <td>{o.label}</td>
              <td>{nf.format(o.count)}</td>
              <td>{yen(o.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
