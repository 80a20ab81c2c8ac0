/** Words the shared disclosure logic needs, from the UI dictionaries. */
import type { ClockKind } from '../../../shared/disclosure/clocks';
import type { DraftLabels } from '../../../shared/disclosure/ppc-report';
import type { T } from './doc-lang';
import type { Dictionary } from '../i18n/dictionary';
import type { FactConflict } from '../../../shared/incident/validate';
import { formatCount, locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import type { Language } from '../../../shared/ipc/contract';
import { RULES } from '../../../shared/disclosure/rules';

export function draftLabels(dict: Dictionary, lang: Language): DraftLabels {
  const p = dict.ppc;
  return {
    render: renderLabels(dict),
    locale: locale(lang),
    timeZone: 'Asia/Tokyo',
    countTemplate: p.countTemplate,
    countMaxUnknown: p.countMaxUnknown,
    countConfirmedUnknown: p.countConfirmedUnknown,
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

/**
 * A legal source as the reader's language names it. The rules (shared/disclosure/rules.ts)
 * cite the Japanese texts; in English "個人情報保護法施行規則7条4号" reads "APPI Enforcement
 * Rules, Art. 7(4)". A source with no English form is shown as it is.
 */
export function citation(dict: Dictionary, lang: Language, source: string): string {
  if (lang === 'ja') return source;
  const c = dict.regulator.citations;
  const m = /^個人情報保護法施行規則(\d+)条(?:(\d+)項)?(?:(\d+)号)?$/.exec(source);
  if (m) return c.rule.replace('{article}', m[1]!).replace('{parts}', [m[2], m[3]].filter(Boolean).map((n) => `(${n})`).join(''));
  return (c.named as Record<string, string>)[source] ?? source;
}

/**
 * The rules the assessment and the PPC draft follow, in words a person understands, not
 * the version code. A new version of RULES needs its own words here (a test checks it).
 */
export function rulesInWords(t: (key: 'disclosure.rulesInWords', params: Record<string, string>) => string, lang: Language): string {
  const asOf = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${RULES.asOf}T00:00:00Z`));
  return RULES.version === '2022-04-01+2024-04' ? t('disclosure.rulesInWords', { asOf }) : RULES.version;
}

/** A legal clock's name as every screen says it: 速報, 確報, GDPR 第33条… */
export function clockName(t: T, kind: ClockKind): string {
  return kind === 'gdpr' ? t('regulator.gdpr') : t(kind === 'ppc-final' ? 'regulator.final' : 'regulator.preliminary');
}

/**
 * Facts that contradict each other as stored, in words: what crosses and which to check (the
 * facts card, the PPC draft and its Word file, the executives' page say the same).
 */
export function conflictText(t: T, conflict: FactConflict): string {
  switch (conflict.reason) {
    case 'max-below-confirmed':
      return t('facts.countsCrossed', { confirmed: formatCount(conflict.counts.confirmedCount, t.lang)!, max: formatCount(conflict.counts.maxCount, t.lang)! });
  }
}
