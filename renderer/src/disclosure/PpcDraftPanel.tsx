import { useState } from 'react';
import { draftGdprNotice, draftPpcReport } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { printPage } from '../platform/platform';
import { useNow } from '../ui/use-now';
import { draftLabels } from './labels';
import { ppcDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';

type Inputs = 'secondaryHarm' | 'individualResponse' | 'publication' | 'prevention' | 'other';
const INPUTS: Inputs[] = ['secondaryHarm', 'individualResponse', 'publication', 'prevention', 'other'];

/** The nine items, pre-filled from the facts, field by field for copying into the PPC's form. */
export function PpcDraftPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const [stage, setStage] = useState<'preliminary' | 'final'>('preliminary');
  const [inputs, setInputs] = useState<Record<Inputs, string>>({ secondaryHarm: '', individualResponse: '', publication: '', prevention: '', other: '' });
  const [copied, setCopied] = useState<string | null>(null);
  const settings = data.disclosure?.settings ?? DEFAULT_SETTINGS;
  const latest = [...data.reports].reverse();
  const cause = latest.find((r) => r.fields.cause.trim() !== '')?.fields.cause ?? '';
  const rootCause = latest.find((r) => r.fields.rootCause.trim() !== '')?.fields.rootCause ?? '';
  const labels = draftLabels(t.dict, t.lang);
  const draft = draftPpcReport({
    incident: data.incident,
    labels,
    stage,
    cause,
    rootCause,
    ...inputs,
    contractor: settings.contractor,
    contractorName: settings.contractorName,
  });
  const gdpr = settings.euResidents
    ? draftGdprNotice({
        incident: data.incident,
        labels,
        recordCount: null,
        awareAt: settings.awareAt,
        now,
        dpoContact: '',
        consequences: inputs.secondaryHarm,
        measures: inputs.prevention,
        delayReasons: '',
      })
    : null;

  const gate = useReleaseGate(data);

  async function copy(key: string, text: string) {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(key);
  }

  return (
    <div className="overview">
      <section className="card" aria-labelledby="ppc-inputs">
        <h2 id="ppc-inputs">{t('ppc.inputs')}</h2>
        <label htmlFor="ppc-stage">{t('ppc.stage')}</label>
        <select id="ppc-stage" value={stage} onChange={(e) => setStage(e.target.value as 'preliminary' | 'final')}>
          <option value="preliminary">{t('ppc.stages.preliminary')}</option>
          <option value="final">{t('ppc.stages.final')}</option>
        </select>
        {INPUTS.map((k) => (
          <div key={k}>
            <label htmlFor={`ppc-${k}`}>{t(`ppc.${k}`)}</label>
            <textarea id={`ppc-${k}`} rows={2} autoComplete="off" value={inputs[k]} onChange={(e) => setInputs((x) => ({ ...x, [k]: e.target.value }))} />
          </div>
        ))}
      </section>
      <section className="card sheet-like" aria-labelledby="ppc-title">
        <div className="board-head">
          <h2 id="ppc-title">{t('ppc.title')}</h2>
          <span className="spacer" />
          <button type="button" className="no-print" onClick={gate.guard(() => [ppcDocument(t, draft, gdpr)], () => void printPage(`ppc-${stage}.pdf`))}>
            {t('ppc.print')}
          </button>
        </div>
        <p className="hint">{t('ppc.lead')}</p>
        {!draft.fileable && (
          <p role="alert" className="error">
            {t('ppc.notFileable', { items: draft.missing.map((k) => t(`ppc.items.${k}`)).join(t.dict.facts.listSeparator) })}
          </p>
        )}
        <dl className="ppc-items">
          {draft.items.map((item) => (
            <div key={item.key} className="ppc-item" data-item={item.key}>
              <dt>
                {t(`ppc.items.${item.key}`)}
                {item.missing && <span className="badge overdue">{t('ppc.missing')}</span>}
              </dt>
              <dd>
                <span className="ppc-value">{item.value}</span>
                <button type="button" className="no-print small" onClick={gate.guard(() => [ppcDocument(t, draft, null, item.key)], () => void copy(item.key, item.value))} aria-label={`${t('ppc.copy')}: ${t(`ppc.items.${item.key}`)}`}>
                  {copied === item.key ? t('ppc.copied') : t('ppc.copy')}
                </button>
              </dd>
            </div>
          ))}
        </dl>
        {gdpr && (
          <>
            <h3>{t('ppc.gdprTitle')}</h3>
            <dl className="ppc-items">
              {gdpr.fields.map((f) => (
                <div key={f.key} className="ppc-item">
                  <dt>{t(`ppc.gdprFields.${f.key}`)}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </section>
      {gate.dialog}
    </div>
  );
}
