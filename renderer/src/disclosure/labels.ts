/** Words the shared disclosure logic needs, from the UI dictionaries. */
import type { DraftLabels } from '../../../shared/disclosure/ppc-report';
import type { Dictionary } from '../i18n/dictionary';
import { locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import type { Language } from '../../../shared/ipc/contract';

export function draftLabels(dict: Dictionary, lang: Language): DraftLabels {
  const p = dict.ppc;
  return {
    render: renderLabels(dict),
    locale: locale(lang),
    timeZone: 'Asia/Tokyo',
    countTemplate: p.countTemplate,
    lines: p.lines,
    caseName: p.caseName,
    noCase: p.noCase,
    media: p.media,
    subjects: p.subjectNames,
    causers: p.causers,
    contractor: p.contractorLine,
    client: p.clientLine,
    noEntrustment: p.noEntrustment,
    jointFiling: p.jointFilingLine,
    notSelected: p.notSelected,
  };
}
