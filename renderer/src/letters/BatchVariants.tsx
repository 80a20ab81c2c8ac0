/**
 * A post batch's letters by variant (decision 028): how many letters each variant prints,
 * the check that stops a variant whose letter would claim what the facts do not establish
 * (naming the variant and what is missing, with the ways to fix it), the documents the
 * release gate checks, and the letters file itself — grouped by variant.
 */
import { useEffect, useState } from 'react';
import type { LetterVariant } from '../../../shared/letters/events';
import { addresseeOf, BUILT_IN_DEFAULT, type VariantProblem, variantOf } from '../../../shared/letters/variants';
import { translate, useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useNav } from '../shell/nav-store';
import { useContacts } from '../contacts/ui/contacts-store';
import { rowsByVariant, variantLettersHtml } from '../contacts/variant-letters';
import type { BatchSummary } from '../../../shared/contacts/batch-summary';
import type { ContactReader } from '../contacts/contact-data';
import { lettersToPrint } from '../contacts/nayose-letters';
import { useLettersToPrintVersion } from '../contacts/ui/nayose-hooks';
import { reportError } from '../errors/report';
import { letterGift } from '../contacts/gifts';
import { nameOf, problemText, variantBlocks, variantBodyHtml, variantDocuments, variantLabels, variantNotice } from './variant-text';
import { useLetterVariants, useLettersNav } from './use-variants';

type Group = { variant: LetterVariant; rows: number[] };

export interface BatchVariants {
  groups: Group[] | null;
  /** Runs `action` unless a variant this batch prints is blocked (then says which and why). */
  guard(action: () => void): () => void;
  /** The batch's letters as the release gate checks them: one document per variant printed. */
  documents(): ReturnType<typeof variantDocuments>;
  /** The letters' HTML, each variant's letters together, each with its text; `listNo` (the list's number, decision 025) prints each letter's reference number. */
  /** The letters of `rows` (those to print: lettersToPrint), grouped by the variants as they are now. */
  html(mark: string, listNo: number | undefined, rows: readonly number[]): Promise<string>;
  blocked: { variant: LetterVariant; problems: VariantProblem[] }[] | null;
  dismiss(): void;
  /** The name of the letter a row gets (the printing vendor's 文面 column; the file is in Japanese). */
  variantOf(row: { segment: string }): string;
  /** Whom each row's letter addresses, for the vendor's 様 column. */
  addresseeOf(row: { segment: string }): 'customer' | 'guardian';
}

/**
 * The letters a post batch would print now, by variant: those its files are made for
 * (lettersToPrint) — less a customer excluded since the batch was made (故人, 連絡不要), and a
 * merged person's one letter (名寄せ) when any of their records is — so the counts shown are the
 * letters printed.
 */
export async function lettersByVariant(r: ContactReader, incidentId: string, s: BatchSummary, variants: readonly LetterVariant[]): Promise<Group[]> {
  const { letters } = await lettersToPrint(r, incidentId, s);
  return rowsByVariant(r.data, s.batch.datasetId, letters, variants);
}

/**
 * `s`: the batch, its letters counted as they would be printed now (lettersByVariant) — read when
 * shown, and again only when a commit may change them (useLettersToPrintVersion): an exclusion or
 * undo in its list, a 名寄せ decision, a 文面, the batch itself sent.
 */
export function useBatchVariants(data: OpenIncident, s: BatchSummary, active: boolean): BatchVariants {
  const t = useT();
  const b = s.batch;
  const engine = useContacts((st) => st.engine);
  const variants = useLetterVariants(data.incident.id);
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [blocked, setBlocked] = useState<BatchVariants['blocked']>(null);
  const version = useLettersToPrintVersion(data.incident.id, s);
  useEffect(() => {
    if (!active || !engine || !variants) return;
    let live = true;
    // The last counts stay on screen while they are read again: no flicker at each change.
    lettersByVariant(engine, data.incident.id, s, variants).then(
      (g) => live && setGroups(g),
      (e: unknown) => reportError(e),
    );
    return () => {
      live = false;
    };
  }, [active, engine, variants, data.incident.id, s, version]);

  // Until the batch is counted, every variant is checked: nothing goes out unchecked.
  const printed = () => (groups ? groups.map((g) => g.variant) : (variants ?? [BUILT_IN_DEFAULT]));
  const nameOfRow = variantOf(variants ?? [BUILT_IN_DEFAULT], translate('ja', 'letters.defaultName'));
  return {
    groups,
    variantOf: nameOfRow,
    addresseeOf: addresseeOf(variants ?? [BUILT_IN_DEFAULT]),
    blocked,
    dismiss: () => setBlocked(null),
    guard: (action) => () => {
      const stops = variantBlocks(data, printed());
      setBlocked(stops.length > 0 ? stops : null);
      if (stops.length === 0) action();
    },
    // The gate names the batch by the letters it prints (counted), as before by the batch's letters.
    documents: () => variantDocuments(t, data, { ...b, rows: groups ? groups.flatMap((g) => g.rows) : b.rows }, printed()),
    async html(mark, listNo, rows) {
      // Grouped again from the variants as they are now (one may have changed since the batch was counted).
      const now = await rowsByVariant(engine!.data, b.datasetId, rows, variants ?? [BUILT_IN_DEFAULT]);
      // The apology gift's code, once a programme is set (gifts.ts), in each letter's language.
      const giftIn = (lang: 'ja' | 'en') =>
        letterGift(engine!, data.incident.id, b.datasetId, (p) => ({ label: translate(lang, 'gifts.letter.label'), until: translate(lang, 'gifts.letter.until', { until: p.validUntil }) }), (id) => (id === b.datasetId ? listNo : undefined));
      const gifts = { ja: await giftIn('ja'), en: await giftIn('en') };
      const out = await variantLettersHtml(engine!.cache, b.datasetId, now, (v) => {
        // The page's language is the notice's (a Japanese letter printed from the English screen is Japanese: its fonts follow).
        const { lang } = variantNotice(t, data, v);
        const gift = gifts[lang === 'en' ? 'en' : 'ja'];
        const reference = listNo === undefined ? {} : { listNo, referenceLabel: translate(lang === 'en' ? 'en' : 'ja', 'contacts.batches.referenceLabel') };
        return { bodyHtml: variantBodyHtml(t, data, v), labels: { ...variantLabels(t, v, lang, mark), ...reference, ...(gift ? { gift } : {}) }, name: nameOf(t, v) };
      });
      return out.html;
    },
  };
}

/** Letters per variant, and what stops one, under a post batch. */
export function BatchVariantsNote({ state }: { state: BatchVariants }) {
  const t = useT();
  const nf = new Intl.NumberFormat();
  const open = useLettersNav((s) => s.open);
  if (!state.groups) return null;
  const counts = state.groups.map((g) => t('letters.batchCount', { name: nameOf(t, g.variant), n: nf.format(g.rows.length) })).join(t.dict.facts.listSeparator);
  return (
    <>
      {state.groups.length > 0 && <p className="meta">{t('letters.batchCounts', { counts })}</p>}
      {state.blocked?.map(({ variant, problems }) => (
        <div key={variant.variantId} className="notice" role="alert">
          <p>{t('letters.batchBlocked', { name: nameOf(t, variant), problems: problems.map((p) => problemText(t, p)).join(t.dict.facts.listSeparator) })}</p>
          <div className="actions wrap">
            <button type="button" onClick={() => open(variant.variantId)}>
              {t('letters.fixVariant')}
            </button>
            <button type="button" onClick={() => useNav.getState().setTab('overview')}>
              {t('letters.fixFacts')}
            </button>
            <button type="button" className="link" onClick={state.dismiss}>
              {t('letters.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </>
  );
}
