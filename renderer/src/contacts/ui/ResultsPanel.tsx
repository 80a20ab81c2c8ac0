import { useState } from 'react';
import type { HonbuEvent } from '../../../../shared/events/event';
import { RETURN_REASONS } from '../../../../shared/contacts/fallback';
import { useT } from '../../i18n/i18n';
import type { OutcomeItem, OutcomePlan } from '../outcomes';
import { DatasetSelect } from './ContactsView';
import { useContacts } from './contacts-store';

type Kind = 'returned-mail' | 'bounce';

/** Returned-mail and bounce lists applied in bulk: preview, one event per list, undo. */
export function ResultsPanel() {
  const t = useT();
  const { engine, datasets } = useContacts();
  const [datasetId, setDatasetId] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [kind, setKind] = useState<Kind>('returned-mail');
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<OutcomePlan | null>(null);
  const [applied, setApplied] = useState<HonbuEvent | null>(null);
  const [undone, setUndone] = useState(false);
  if (!dataset || !engine) return <p className="hint">{t('contacts.noDatasets')}</p>;
  const nf = new Intl.NumberFormat();

  // 宛所不明 and the other labels people type map to the codes the fold stores.
  const reasonCode = (label: string): string => {
    const l = label.trim();
    const hit = RETURN_REASONS.find((r) => r === l || t.dict.contacts.results.reasons[r] === l);
    return hit ?? (l === '' ? 'unknown-address' : 'other');
  };
  const items = (): OutcomeItem[] =>
    text
      .split(/\r?\n/)
      .map((line) => line.split(/[,\t]/).map((c) => c.trim()))
      .filter((cells) => cells[0])
      .map((cells) =>
        kind === 'returned-mail'
          ? { customerNo: cells[0]!, outcome: 'failed' as const, reason: reasonCode(cells[1] ?? '') }
          : /soft/i.test(cells[1] ?? '')
            ? { email: cells[0]!, outcome: 'no-answer' as const, reason: 'bounce-soft' }
            : { email: cells[0]!, outcome: 'failed' as const, reason: 'bounce-hard' },
      );

  async function preview() {
    setApplied(null);
    setUndone(false);
    setPlan(await engine!.previewOutcomes(dataset!.id, kind === 'returned-mail' ? 'post' : 'email', kind, items()));
  }

  return (
    <section className="card" aria-labelledby="rs-title">
      <h2 id="rs-title">{t('contacts.results.title')}</h2>
      <p className="hint">{t('contacts.results.lead')}</p>
      <div className="grid3">
        <DatasetSelect id="rs-dataset" value={dataset.id} onChange={setDatasetId} />
        <div>
          <label htmlFor="rs-kind">{t('contacts.results.kind')}</label>
          <select id="rs-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['returned-mail', 'bounce'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`contacts.results.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor="rs-list">{t('contacts.results.list')}</label>
      <textarea id="rs-list" rows={8} autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />
      <div className="actions">
        <button type="button" onClick={() => void preview()}>
          {t('contacts.results.preview')}
        </button>
      </div>
      {plan && (
        <div className="notice" role="status">
          <p>
            {t('contacts.results.summary', {
              items: nf.format(plan.preview.items),
              matched: nf.format(plan.preview.matched),
              moved: Object.entries(plan.preview.movedTo)
                .map(([c, n]) => `${t(`contacts.channels.${c as 'post'}`)} ${nf.format(n)}`)
                .join(t.dict.facts.listSeparator) || '0',
              retry: nf.format(plan.preview.retry),
              unchanged: nf.format(plan.preview.unchanged),
            })}
          </p>
          {plan.preview.notFound.length > 0 && <p className="error">{t('contacts.results.notFound', { lines: plan.preview.notFound.slice(0, 50).map((i) => i + 1).join(', ') })}</p>}
          {!applied && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                void engine.applyOutcomes(plan).then((e) => {
                  setApplied(e);
                  setText('');
                })
              }
            >
              {t('contacts.results.apply')}
            </button>
          )}
        </div>
      )}
      {applied && (
        <div className="actions">
          <span className="ok">{undone ? t('contacts.results.undone') : t('contacts.results.applied')}</span>
          {!undone && (
            <button type="button" onClick={() => void engine.undo(dataset.id, applied.id).then(() => setUndone(true))}>
              {t('contacts.results.undo')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
