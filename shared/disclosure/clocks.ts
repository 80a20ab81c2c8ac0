/**
 * The legal clocks the crisis room watches, from the disclosure row and the live facts:
 * whether each duty applies, when it is due, how long is left, and whether it is filed.
 * Pure: `now` is passed in, so the same inputs always give the same clocks.
 */
import type { Facts } from '../incident/model';
import { countdown, gdprDeadline, ppcDeadlines, type Countdown, type DateJST, type PpcDeadlines } from './deadlines';
import { latestFiling, type Filing, type RegulatorSettings } from './regulator';
import { assessReportability, type Assessment } from './reportability';
import { RULES } from './rules';

export type ClockKind = 'ppc-preliminary' | 'ppc-final' | 'gdpr';

export type ClockMissing = 'learnedAt' | 'awareAt';

export interface LegalClock {
  kind: ClockKind;
  /** null while reportability is undetermined: the clock runs in case it applies. */
  applies: boolean | null;
  /** ISO instant the duty is due by; null when the start of the clock is unknown. */
  dueBy: string | null;
  /** The Tokyo calendar date shown for APPI deadlines. */
  date: DateJST | null;
  /** For the preliminary report: the guideline's target window, not a legal date. */
  window: { from: DateJST; to: DateJST } | null;
  countdown: Countdown | null;
  filed: Filing | null;
  /**
   * The preliminary report only: no 速報 was recorded, but the 確報 was filed, and one report
   * may serve as both when everything is known: `filed` is the final report's filing.
   */
  coveredByFinal?: boolean;
  missing: ClockMissing | null;
  source: string;
}

export interface LegalClocks {
  assessment: Assessment;
  deadlines: PpcDeadlines | null;
  clocks: LegalClock[];
}

export interface LegalClocksInput {
  settings: RegulatorSettings;
  facts: Facts;
  filings: readonly Filing[];
  now: string | number | Date;
}

export function legalClocks(input: LegalClocksInput): LegalClocks {
  const { settings, facts, filings, now } = input;
  const assessment = assessReportability({
    facts,
    improperPurpose: settings.improperPurpose,
    financialHarmRisk: settings.financialHarmRisk,
    encryptedAdvanced: settings.encryptedAdvanced,
    allRecoveredUnseen: settings.allRecoveredUnseen,
  });
  const applies = assessment.status === 'required' ? true : assessment.status === 'undetermined' ? null : false;
  const deadlines = settings.learnedAt === null ? null : ppcDeadlines(settings.learnedAt, settings.improperPurpose);
  // A filed report stops its clock: nothing is counting down any more.
  const running = (dueBy: string | null, filed: Filing | null) => (dueBy === null || filed !== null ? null : countdown(dueBy, now));

  const finalFiled = latestFiling(filings, 'final');
  // A final report filed without a preliminary one served as both: the preliminary clock stops too.
  const preliminaryOwn = latestFiling(filings, 'preliminary');
  const preliminaryFiled = preliminaryOwn ?? finalFiled;
  const clocks: LegalClock[] = [
    {
      kind: 'ppc-preliminary',
      applies,
      dueBy: deadlines?.preliminaryTarget.dueBy ?? null,
      date: null,
      window: deadlines ? { from: deadlines.preliminaryTarget.from, to: deadlines.preliminaryTarget.to } : null,
      countdown: running(deadlines?.preliminaryTarget.dueBy ?? null, preliminaryFiled),
      filed: preliminaryFiled,
      ...(preliminaryOwn === null && finalFiled !== null ? { coveredByFinal: true } : {}),
      missing: deadlines ? null : 'learnedAt',
      source: RULES.appi.deadlines.preliminary.source,
    },
    {
      kind: 'ppc-final',
      applies,
      dueBy: deadlines?.final.dueBy ?? null,
      date: deadlines?.final.date ?? null,
      window: null,
      countdown: running(deadlines?.final.dueBy ?? null, finalFiled),
      filed: finalFiled,
      missing: deadlines ? null : 'learnedAt',
      source: deadlines?.final.basis.source ?? RULES.appi.deadlines.final.source,
    },
  ];

  if (settings.euResidents) {
    const gdprFiled = latestFiling(filings, 'gdpr');
    const gdpr = settings.awareAt === null ? null : gdprDeadline(settings.awareAt);
    clocks.push({
      kind: 'gdpr',
      // The rules list no exemption from the Art. 33 report itself, only from Art. 34's.
      applies: true,
      dueBy: gdpr?.dueAt ?? null,
      date: null,
      window: null,
      countdown: running(gdpr?.dueAt ?? null, gdprFiled),
      filed: gdprFiled,
      missing: gdpr ? null : 'awareAt',
      source: RULES.gdpr.supervisoryAuthority.source,
    });
  }
  return { assessment, deadlines, clocks };
}
