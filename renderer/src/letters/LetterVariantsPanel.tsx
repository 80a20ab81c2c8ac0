/**
 * The letter variants (文面) of an incident (decision 028): the list, adding and editing one
 * (segments picked from the values in the imported lists, with their counts), and a sample
 * letter of each, rendered from the notice and the live facts as the batch prints it.
 */
import { useEffect, useState } from 'react';
import { DATA_ITEMS, type DataItem } from '../../../shared/incident/model';
import { ADDRESSEES, DEFAULT_VARIANT_ID, type Addressee, type LetterVariant } from '../../../shared/letters/events';
import { normalizeSegment } from '../../../shared/letters/variants';
import type { Problem } from '../../../shared/events/command';
import { CommandRefused, dispatch } from '../data/dispatch';
import { translateIfAny, useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { ItemsPicker } from '../incidents/ItemsPicker';
import { useNav } from '../shell/nav-store';
import { useContacts } from '../contacts/ui/contacts-store';
import { nameOf, problemText, variantBlocks, variantLabels, variantNotice } from './variant-text';
import { useLetterVariants, useLettersNav } from './use-variants';

interface Draft {
  variantId?: string;
  name: string;
  segments: string[];
  items: DataItem[] | null;
  addressee: Addressee;
}

/** Segment values across the incident's lists, each once (全角/半角 alike), with how many customers carry it. */
function useSegmentCounts(): { segment: string; n: number }[] {
  const { engine, datasets } = useContacts();
  const [counts, setCounts] = useState<{ segment: string; n: number }[]>([]);
  useEffect(() => {
    if (!engine) return;
    let live = true;
    void (async () => {
      const byKey = new Map<string, { segment: string; n: number }>();
      for (const d of datasets) {
        for (const s of d.meta.segments) {
          const n = (await engine.totals(d.id, s)).rows;
          const key = normalizeSegment(s);
          const seen = byKey.get(key);
          if (seen) seen.n += n;
          else byKey.set(key, { segment: s, n });
        }
      }
      if (live) setCounts([...byKey.values()]);
    })();
    return () => {
      live = false;
    };
  }, [engine, datasets]);
  return counts;
}

export function LetterVariantsPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const variants = useLetterVariants(data.incident.id);
  const segments = useSegmentCounts();
  const focus = useLettersNav((s) => s.variantId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  // Kept as the key and the variant's own name (empty: the unnamed default), worded when shown.
  const [message, setMessage] = useState<{ key: 'letters.saved' | 'letters.removed'; name: string } | null>(null);
  const [removing, setRemoving] = useState<LetterVariant | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const nf = new Intl.NumberFormat();
  const sep = t.dict.facts.listSeparator;
  const itemsText = (items: readonly DataItem[]) => items.map((i) => t(`items.${i}`)).join(sep);

  // Sent here from a batch to fix a variant: open it.
  useEffect(() => {
    const v = focus ? variants?.find((x) => x.variantId === focus) : undefined;
    if (!v) return;
    setDraft({ variantId: v.variantId, name: v.name, segments: v.segments, items: v.items, addressee: v.addressee });
    useLettersNav.getState().opened();
  }, [focus, variants]);

  if (!variants) return <p className="hint">{t('app.loading')}</p>;
  const def = variants[0]!;
  const blocks = new Map(variantBlocks(data, variants).map((b) => [b.variant.variantId, b.problems]));

  async function save() {
    if (!draft) return;
    try {
      await dispatch('letters.save-variant', { incidentId: data.incident.id, ...draft });
      setMessage({ key: 'letters.saved', name: draft.name.trim() });
      setDraft(null);
      setProblems([]);
    } catch (err) {
      if (!(err instanceof CommandRefused)) throw err;
      const real = err.problems.filter((p) => p.reason !== 'unchanged');
      if (real.length === 0) setDraft(null);
      setProblems(real);
    }
  }
  async function remove(v: LetterVariant) {
    setRemoving(null);
    await dispatch('letters.remove-variant', { incidentId: data.incident.id, variantId: v.variantId });
    setMessage({ key: 'letters.removed', name: v.name });
  }

  const form = draft && (
    <form
      className="card"
      aria-label={draft.variantId ? nameOf(t, variants.find((v) => v.variantId === draft.variantId) ?? def) : t('letters.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor="lv-name">{t('letters.name')}</label>
      <input id="lv-name" autoComplete="off" maxLength={100} placeholder={draft.variantId === DEFAULT_VARIANT_ID ? t('letters.defaultName') : t('letters.namePlaceholder')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      {draft.variantId !== DEFAULT_VARIANT_ID && (
        <fieldset>
          <legend>{t('letters.segments')}</legend>
          <p className="hint">{t('letters.segmentsHint')}</p>
          {segments.length === 0 && <p className="hint">{t('letters.segmentsNone')}</p>}
          {segments.map(({ segment, n }) => {
            const key = normalizeSegment(segment);
            const checked = draft.segments.some((s) => normalizeSegment(s) === key);
            return (
              <label key={key} className="inline">
                <input
                  type="checkbox"
                  name="lv-segment"
                  checked={checked}
                  onChange={(e) => setDraft({ ...draft, segments: e.target.checked ? [...draft.segments, segment] : draft.segments.filter((s) => normalizeSegment(s) !== key) })}
                />
                {t('letters.segmentCount', { segment: segment.trim() === '' ? t('letters.emptySegment') : segment, n: nf.format(n) })}
              </label>
            );
          })}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('letters.items')}</legend>
        <label className="inline">
          <input type="radio" name="lv-items" checked={draft.items === null} onChange={() => setDraft({ ...draft, items: null })} />
          {t('letters.itemsIncident', { items: itemsText(data.incident.facts.itemsLeaked) || '—' })}
        </label>
        <label className="inline">
          <input type="radio" name="lv-items" checked={draft.items !== null} onChange={() => setDraft({ ...draft, items: draft.items ?? [...data.incident.facts.itemsLeaked] })} />
          {t('letters.itemsOwn')}
        </label>
        {draft.items !== null && <ItemsPicker legend={t('letters.itemsPick')} name="lv-item" value={draft.items} onChange={(items) => setDraft({ ...draft, items: DATA_ITEMS.filter((i) => items.includes(i)) })} />}
      </fieldset>
      <fieldset>
        <legend>{t('letters.addressee')}</legend>
        {ADDRESSEES.map((a) => (
          <label key={a} className="inline">
            <input type="radio" name="lv-addressee" checked={draft.addressee === a} onChange={() => setDraft({ ...draft, addressee: a })} />
            {t(`letters.addressees.${a}`)}
          </label>
        ))}
      </fieldset>
      {problems.map((p) => (
        <p key={`${p.field}.${p.reason}.${p.params?.segment ?? ''}`} className="error" role="alert">
          {translateIfAny(t, `letters.problemsField.${p.field}.${p.reason}`, p.params) ?? t('letters.problemsField.other')}
        </p>
      ))}
      <div className="actions">
        <button type="submit" className="primary">
          {t('letters.save')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(null);
            setProblems([]);
          }}
        >
          {t('letters.cancel')}
        </button>
      </div>
    </form>
  );

  return (
    <div>
      <section className="card" aria-labelledby="lv-title">
        <h2 id="lv-title">{t('letters.title')}</h2>
        <p className="hint">{t('letters.lead', { name: nameOf(t, def) })}</p>
        <ul className="batches">
          {variants.map((v) => {
            const stop = blocks.get(v.variantId);
            return (
              <li key={v.variantId} className="batch" aria-label={nameOf(t, v)}>
                <strong>{nameOf(t, v)}</strong> {v.variantId === DEFAULT_VARIANT_ID && <span className="badge">{t('letters.defaultMark')}</span>}
                <p className="meta">
                  {v.variantId === DEFAULT_VARIANT_ID ? t('letters.forRest') : t('letters.forSegments', { segments: v.segments.map((s) => (s.trim() === '' ? t('letters.emptySegment') : s)).join(sep) })}
                </p>
                <p className="meta">{t('letters.leaked', { items: itemsText(v.items ?? data.incident.facts.itemsLeaked) || '—' })}</p>
                <p className="meta">{t(`letters.addressees.${v.addressee}`)}</p>
                {stop && (
                  <div className="notice" role="note">
                    <strong>{t('letters.blocked')}</strong>
                    <ul>
                      {stop.map((p) => (
                        <li key={`${p.code}${p.item ?? ''}`}>{problemText(t, p)}</li>
                      ))}
                    </ul>
                    <button type="button" className="link" onClick={() => useNav.getState().setTab('overview')}>
                      {t('letters.fixFacts')}
                    </button>
                  </div>
                )}
                <div className="actions wrap">
                  <button type="button" onClick={() => setDraft({ variantId: v.variantId, name: v.name, segments: v.segments, items: v.items, addressee: v.addressee })}>
                    {t('letters.edit')}
                  </button>
                  <button type="button" aria-expanded={preview === v.variantId} onClick={() => setPreview(preview === v.variantId ? null : v.variantId)}>
                    {preview === v.variantId ? t('letters.previewHide') : t('letters.preview')}
                  </button>
                  {v.variantId !== DEFAULT_VARIANT_ID && (
                    <button type="button" className="link danger" onClick={() => setRemoving(v)}>
                      {t('letters.remove')}
                    </button>
                  )}
                </div>
                {removing?.variantId === v.variantId && (
                  <div className="notice" role="alertdialog" aria-label={t('letters.remove')}>
                    <p>{t('letters.removeConfirm', { name: nameOf(t, v), default: nameOf(t, def) })}</p>
                    <div className="actions">
                      <button type="button" className="primary" onClick={() => void remove(v)}>
                        {t('letters.removeDo')}
                      </button>
                      <button type="button" onClick={() => setRemoving(null)}>
                        {t('letters.cancel')}
                      </button>
                    </div>
                  </div>
                )}
                {preview === v.variantId && <Sample data={data} variant={v} />}
                {draft?.variantId === v.variantId && form}
              </li>
            );
          })}
        </ul>
        {!draft?.variantId && form}
        {!draft && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => setDraft({ name: '', segments: [], items: [...data.incident.facts.itemsLeaked], addressee: 'customer' })}>
              {t('letters.add')}
            </button>
          </div>
        )}
        {message && (
          <p className="ok" role="status">
            {t(message.key, { name: message.name || t('letters.defaultName') })}
          </p>
        )}
      </section>
    </div>
  );
}

/** A sample letter of a variant: the address block as printed, then the body from the notice and the facts. */
function Sample({ data, variant }: { data: OpenIncident; variant: LetterVariant }) {
  const t = useT();
  const { letter, lang } = variantNotice(t, data, variant);
  const labels = variantLabels(t, variant, lang);
  return (
    <figure className="card" aria-label={t('letters.preview')} lang={lang}>
      <p className="hint">{t('letters.previewLead')}</p>
      <p>
        {labels.postcodeMark}
        {t('letters.samplePostcode')}
      </p>
      <p>{t('letters.sampleAddress')}</p>
      <p>
        <strong>
          {t('letters.sampleName')} {labels.honorific}
        </strong>
      </p>
      <pre className="notice-text">{letter}</pre>
    </figure>
  );
}
