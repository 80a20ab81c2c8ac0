/**
 * A variant's letter (decision 028): the notice to individuals — the same notice and live
 * facts every letter is made from — rendered with the facts of the variant's segment, and
 * the documents the release gate checks, one per variant a batch prints.
 */
import type { LetterVariant } from '../../../shared/letters/events';
import { DEFAULT_VARIANT_ID } from '../../../shared/letters/events';
import { checkVariant, variantFacts, variantName, type VariantProblem } from '../../../shared/letters/variants';
import type { OutgoingDocument } from '../../../shared/outgoing/unfilled';
import { escapeHtml, renderTemplate } from '../../../shared/incident/render';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { noticeTexts, type NoticeTexts } from '../disclosure/notice-text';
import type { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { batchName, type BatchRef } from '../outgoing/documents';
import { locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import type { LetterLabels } from '../contacts/batches';

type T = ReturnType<typeof useT>;
type Data = Pick<OpenIncident, 'incident' | 'notices' | 'company'>;

export const nameOf = (t: T, v: LetterVariant) => variantName(v, t('letters.defaultName'));

/**
 * The notice texts for one variant: the notice in force (or the draft) with the variant's
 * items in place of the incident's, both in the live facts and in the facts an approved
 * version was approved with — so the letter moves with the facts exactly as the notice does.
 */
export function variantNotice(t: T, data: Data, v: LetterVariant): NoticeTexts {
  if (v.items === null) return noticeTexts(t, data);
  const notices = data.notices.map((n): VersionedDoc => (n.factsSnapshot ? { ...n, factsSnapshot: variantFacts(n.factsSnapshot, v) } : n));
  return noticeTexts(t, { ...data, notices, incident: { ...data.incident, facts: variantFacts(data.incident.facts, v) } });
}

/** The letter body as HTML, escaped the way renderLetters escapes the single body. */
export function variantBodyHtml(t: T, data: Data, v: LetterVariant): string {
  const { letter } = variantNotice(t, data, v);
  const ctx = { title: data.incident.title, facts: variantFacts(data.incident.facts, v) };
  return renderTemplate(letter, ctx, { labels: renderLabels(t.dict), locale: locale(t.lang), timeZone: 'Asia/Tokyo', escape: 'html' }).text;
}

/** The address block's words for a variant: "name 様", or the guardian's form for children's data. */
export function variantLabels(t: T, v: LetterVariant, lang: string, mark?: string): LetterLabels {
  const guardian = v.addressee === 'guardian';
  return {
    honorific: guardian ? t('letters.guardianHonorific') : t('contacts.batches.honorific'),
    noName: guardian ? t('letters.guardianNoName') : t('contacts.batches.noName'),
    postcodeMark: t('contacts.batches.postcodeMark'),
    lang,
    ...(mark === undefined ? {} : { mark }),
  };
}

/**
 * The batch's letters as the release gate sees them: one document per variant printed. With
 * only the default the id is the batch's own, so an override direction gave before
 * variants existed still covers it.
 */
export function variantDocuments(t: T, data: Data, b: BatchRef, variants: readonly LetterVariant[]): OutgoingDocument[] {
  return variants.map((v) => ({
    id: v.variantId === DEFAULT_VARIANT_ID ? `letters:${b.batchId}` : `letters:${b.batchId}:${v.variantId}`,
    kind: 'letters',
    title: t('letters.gateTitle', { batch: batchName(t, b), variant: nameOf(t, v) }),
    parts: [{ where: t('outgoing.documents.body'), text: variantNotice(t, data, v).letter }],
  }));
}

/** What stops a variant besides unknown facts: items its letter would claim that the facts do not establish. */
export function variantBlocks(data: Data, variants: readonly LetterVariant[]): { variant: LetterVariant; problems: VariantProblem[] }[] {
  return variants.map((variant) => ({ variant, problems: checkVariant(variant, data.incident.facts) })).filter((x) => x.problems.length > 0);
}

/** A problem in words: "生年月日: 事実で流出が確認されていません". */
export function problemText(t: T, p: VariantProblem): string {
  const item = p.item ? t(`items.${p.item}`) : '';
  return t(`letters.problems.${p.code}`, { item });
}

export { escapeHtml };
