/** The gate's words: facts by their labels (never the placeholder key), uses as places people know. */
import type { Placeholder } from '../../../shared/incident/render';
import type { OverrideRecordedPayload } from '../../../shared/outgoing/overrides';
import type { FactUse } from '../../../shared/outgoing/unfilled';
import type { useT } from '../i18n/i18n';
import { renderLabels } from '../ui/render-labels';

type T = ReturnType<typeof useT>;

export function factLabel(t: T, fact: Placeholder): string {
  return renderLabels(t.dict).placeholders[fact];
}

export function factList(t: T, facts: readonly Placeholder[]): string {
  return facts.map((f) => factLabel(t, f)).join(t.dict.facts.listSeparator);
}

/** The marker readers would see for a fact, e.g. ［未確定：問い合わせ窓口の電話番号］. */
export function markerFor(t: T, fact: Placeholder): string {
  return t.dict.facts.missing.replace('{name}', factLabel(t, fact));
}

export function placeText(t: T, use: FactUse): string {
  return t('outgoing.use', { document: use.title, where: use.where, line: use.line });
}

/** The timeline line of an override: which document, without which facts, and why. */
export function overrideSummary(t: T, p: OverrideRecordedPayload): string {
  return t('outgoing.timeline', { document: p.title, facts: factList(t, p.facts), reason: p.reason });
}
