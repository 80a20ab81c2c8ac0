/** Words the shared disclosure logic needs, from the UI dictionaries. */
import type { DraftLabels } from '../../../shared/disclosure/ppc-report';
import type { Dictionary } from '../i18n/dictionary';
import { locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import type { Language } from '../../../shared/ipc/contract';

export function draftLabels(dict: Dictionary, lang: Language): DraftLabels {
  return {
    render: renderLabels(dict),
    locale: locale(lang),
    timeZone: 'Asia/Tokyo',
    countTemplate: dict.ppc.countTemplate,
    rootCausePrefix: dict.ppc.rootCausePrefix,
    contractorNote: dict.ppc.contractorNote,
  };
}
