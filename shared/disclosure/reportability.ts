/**
 * Does this leak have to be reported to the PPC (施行規則7条)? The answer carries its
 * reasons as codes with parameters so the UI can say why in its own words, and lists what
 * is still unknown: an "undetermined" answer must not read as "not required".
 */
import type { DataItem, Facts } from '../incident/model';
import { RULES, caseRule, type AppiExemption, type ReportableCase } from './rules';

export interface ReportabilityInput {
  facts: Facts;
  /** Unauthorised access, an insider, web skimming…; null while not yet assessed. */
  improperPurpose: boolean | null;
  /** Risk of financial harm beyond what the items show (e.g. net-banking credentials). */
  financialHarmRisk?: boolean | null;
  encryptedAdvanced: boolean;
  allRecoveredUnseen: boolean;
}

export type ReasonCode =
  | 'case-1'
  | 'case-2'
  | 'case-3'
  | 'case-4'
  | 'case-4-not-met'
  | 'exempt-encrypted'
  | 'exempt-recovered'
  | 'my-number-involved';

export type ReasonParam = string | number | boolean | readonly string[];

export interface Reason {
  code: ReasonCode;
  params: Record<string, ReasonParam>;
  source: string;
}

export type UnknownCode = 'count-unknown' | 'max-count-unknown' | 'improper-purpose-unknown' | 'financial-harm-unknown' | 'items-unknown';

export interface Unknown {
  code: UnknownCode;
  /** The case this unknown could still turn on. */
  case: ReportableCase | null;
  params: Record<string, ReasonParam>;
}

/**
 * required — a case applies and no exemption; exempt — a case applies but an exemption
 * removes the duty; undetermined — no case yet but an unknown could still make one;
 * not-required — no case and nothing left unknown.
 */
export type ReportabilityStatus = 'required' | 'exempt' | 'undetermined' | 'not-required';

export interface Assessment {
  required: boolean;
  status: ReportabilityStatus;
  cases: ReportableCase[];
  exemptions: AppiExemption[];
  reasons: Reason[];
  unknowns: Unknown[];
  /** Facts worth telling the PPC form about, which change no conclusion. */
  notes: Reason[];
  rulesVersion: string;
}

/** The larger of the two counts, since a possible leak (おそれ) counts; null when neither is known. */
export function peopleCount(facts: Pick<Facts, 'confirmedCount' | 'maxCount'>): { count: number; basis: 'confirmed' | 'maximum' } | null {
  const { confirmedCount: c, maxCount: m } = facts;
  if (c === null && m === null) return null;
  if (m === null || (c !== null && c > m)) return { count: c!, basis: 'confirmed' };
  return { count: m, basis: 'maximum' };
}

function assessCase4(facts: Facts, reasons: Reason[], unknowns: Unknown[]): boolean {
  const rule = caseRule(4);
  const people = peopleCount(facts);
  if (people === null) {
    unknowns.push({ code: 'count-unknown', case: 4, params: { threshold: rule.threshold } });
    return false;
  }
  if (people.count > rule.threshold) {
    reasons.push({ code: 'case-4', params: { count: people.count, threshold: rule.threshold, basis: people.basis }, source: rule.source });
    return true;
  }
  // A confirmed count under the threshold says nothing about how many it could reach.
  if (facts.maxCount === null) {
    unknowns.push({ code: 'max-count-unknown', case: 4, params: { confirmed: people.count, threshold: rule.threshold } });
    return false;
  }
  reasons.push({ code: 'case-4-not-met', params: { count: people.count, threshold: rule.threshold, basis: people.basis }, source: rule.source });
  return false;
}

function matchingItems(facts: Facts, items: readonly DataItem[]): DataItem[] {
  return facts.itemsLeaked.filter((item) => items.includes(item));
}

export function assessReportability(input: ReportabilityInput): Assessment {
  const { facts } = input;
  const cases: ReportableCase[] = [];
  const reasons: Reason[] = [];
  const unknowns: Unknown[] = [];
  const notes: Reason[] = [];

  if (facts.itemsLeaked.length === 0) unknowns.push({ code: 'items-unknown', case: null, params: {} });

  const case1 = caseRule(1);
  const sensitive = matchingItems(facts, case1.items);
  if (sensitive.length > 0) {
    cases.push(1);
    reasons.push({ code: 'case-1', params: { items: sensitive }, source: case1.source });
  }

  const case2 = caseRule(2);
  const financial = matchingItems(facts, case2.items);
  if (financial.length > 0 || input.financialHarmRisk === true) {
    cases.push(2);
    reasons.push({
      code: 'case-2',
      params: financial.length > 0 ? { basis: 'items', items: financial } : { basis: 'assessment', items: [] },
      source: case2.source,
    });
  } else if (input.financialHarmRisk === null) {
    unknowns.push({ code: 'financial-harm-unknown', case: 2, params: {} });
  }

  const case3 = caseRule(3);
  if (input.improperPurpose === true) {
    cases.push(3);
    reasons.push({ code: 'case-3', params: {}, source: case3.source });
  } else if (input.improperPurpose === null) {
    unknowns.push({ code: 'improper-purpose-unknown', case: 3, params: {} });
  }

  if (assessCase4(facts, reasons, unknowns)) cases.push(4);

  const exemptions: AppiExemption[] = [];
  const exemptionRule = (key: AppiExemption) => RULES.appi.exemptions.find((e) => e.key === key)!;
  if (input.encryptedAdvanced) {
    exemptions.push('encrypted');
    reasons.push({ code: 'exempt-encrypted', params: {}, source: exemptionRule('encrypted').source });
  }
  if (input.allRecoveredUnseen) {
    exemptions.push('recovered');
    reasons.push({ code: 'exempt-recovered', params: {}, source: exemptionRule('recovered').source });
  }

  if (facts.itemsLeaked.includes('myNumber')) {
    notes.push({ code: 'my-number-involved', params: {}, source: RULES.appi.report.form.source });
  }

  // An unknown about a case that already applies changes nothing, so it is not shown.
  const relevantUnknowns = unknowns.filter((u) => u.case === null || !cases.includes(u.case));
  // An exemption removes the duty whatever the case, so it outranks the unknowns too.
  const status: ReportabilityStatus =
    exemptions.length > 0 ? 'exempt' : cases.length > 0 ? 'required' : relevantUnknowns.length > 0 ? 'undetermined' : 'not-required';

  return {
    required: status === 'required',
    status,
    cases,
    exemptions,
    reasons,
    unknowns: relevantUnknowns,
    notes,
    rulesVersion: RULES.version,
  };
}
