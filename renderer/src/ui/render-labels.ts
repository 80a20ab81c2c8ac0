/** The words the shared fact renderer needs, taken from the UI dictionaries. */
import { PLACEHOLDERS, type Placeholder, type RenderLabels } from '../../../shared/incident/render';
import type { Dictionary } from '../i18n/dictionary';

export function renderLabels(dict: Dictionary): RenderLabels {
  const placeholders = Object.fromEntries(
    PLACEHOLDERS.map((p) => [p, p === 'title' ? dict.first.incidentTitle : dict.facts[p as Exclude<Placeholder, 'title'>]]),
  ) as Record<Placeholder, string>;
  return { items: dict.items, placeholders, missing: dict.facts.missing, listSeparator: dict.facts.listSeparator };
}
