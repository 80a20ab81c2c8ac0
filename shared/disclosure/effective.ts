/**
 * The assessment as the app can already make it: what nobody has set yet is derived from
 * the facts the app holds (the scenario says "unauthorised access", card numbers are among
 * the items), and says so — a derived value is shown as such and anyone can overrule it.
 * Everything that shows a legal deadline (the regulator panel, the header, the board tasks
 * for the PPC reports) goes through incidentClocks, so they cannot disagree.
 */
import type { Task } from '../boards/tasks';
import type { DataItem, Incident } from '../incident/model';
import { legalClocks, type ClockKind, type LegalClocks } from './clocks';
import { settingSet, settingsOf, type DisclosureRow, type FilingKind, type RegulatorSettings } from './regulator';
import { RULES, caseRule } from './rules';

export type Derivation =
  | { field: 'improperPurpose'; code: 'scenario'; scenario: string }
  | { field: 'financialHarmRisk'; code: 'items'; items: DataItem[] }
  | { field: 'learnedAt'; code: 'discovered' };

export interface EffectiveSettings {
  settings: RegulatorSettings;
  /** The fields whose value was derived rather than set by someone, and from what. */
  derived: Derivation[];
}

/** Scenario ids that are themselves one of case 3's examples of an improper purpose. */
function improperPurposeScenario(scenario: string, asOf: string): boolean {
  return caseRule(3).examples.some((ex) => ex.key === scenario && (ex.since === null || ex.since <= asOf));
}

export function effectiveSettings(row: Pick<DisclosureRow, 'settings' | 'stamps'> | null, incident: Pick<Incident, 'scenario' | 'facts'>): EffectiveSettings {
  const settings = settingsOf(row);
  const derived: Derivation[] = [];
  if (settings.learnedAt === null && incident.facts.discoveredAt !== null) {
    // Until someone says otherwise, the company learned of it when it was discovered; a time
    // cleared on the form falls back to it too (the legal clocks never stop for an empty field).
    settings.learnedAt = incident.facts.discoveredAt;
    derived.push({ field: 'learnedAt', code: 'discovered' });
  }
  if (!settingSet(row, 'improperPurpose') && settings.improperPurpose === null && improperPurposeScenario(incident.scenario, RULES.asOf.slice(0, 7))) {
    settings.improperPurpose = true;
    derived.push({ field: 'improperPurpose', code: 'scenario', scenario: incident.scenario });
  }
  const cardItems = incident.facts.itemsLeaked.filter((i) => (caseRule(2).items as readonly DataItem[]).includes(i));
  if (!settingSet(row, 'financialHarmRisk') && settings.financialHarmRisk === null && cardItems.length > 0) {
    settings.financialHarmRisk = true;
    derived.push({ field: 'financialHarmRisk', code: 'items', items: cardItems });
  }
  return { settings, derived };
}

/**
 * When the clock of a filing started: a report of that kind cannot be filed earlier. The
 * PPC reports run from when the company learned of the leak; the GDPR notification from
 * the earlier of that and when it became aware (either may be unknown).
 */
export function filingFloor(kind: FilingKind, settings: Pick<RegulatorSettings, 'learnedAt' | 'awareAt'>): string | null {
  const { learnedAt, awareAt } = settings;
  if (kind !== 'gdpr') return learnedAt;
  if (learnedAt === null || awareAt === null) return learnedAt ?? awareAt;
  return Date.parse(learnedAt) <= Date.parse(awareAt) ? learnedAt : awareAt;
}

export interface IncidentClocks extends LegalClocks {
  effective: EffectiveSettings;
}

/** The legal clocks of an incident: the one source of every deadline the app shows. */
export function incidentClocks(incident: Pick<Incident, 'scenario' | 'facts'>, row: Pick<DisclosureRow, 'settings' | 'stamps' | 'filings'> | null, now: string | number | Date): IncidentClocks {
  const effective = effectiveSettings(row, incident);
  return { ...legalClocks({ settings: effective.settings, facts: incident.facts, filings: row?.filings ?? [], now }), effective };
}

/**
 * Board tasks that are a legal duty, by the template task they came from. Tasks made
 * before tasks remembered their template are known by the built-in title.
 */
const LEGAL_TASKS: Record<string, ClockKind> = { 'ppc-preliminary': 'ppc-preliminary', 'ppc-final': 'ppc-final' };
const LEGACY_TITLES: Record<string, ClockKind> = { 個人情報保護委員会へ速報する: 'ppc-preliminary', 個人情報保護委員会へ確報する: 'ppc-final' };

export function legalClockOf(task: Pick<Task, 'templateKey' | 'title'>): ClockKind | null {
  if (task.templateKey !== undefined) return LEGAL_TASKS[task.templateKey] ?? null;
  return LEGACY_TITLES[task.title] ?? null;
}

export type DerivedTask<T> = T & { dueFrom?: ClockKind };

/**
 * Tasks with the due time of a legal duty taken from its clock, not from the template's
 * fixed hours: the board then shows the same date as the regulator panel, and it moves
 * when the assessment does (30 → 60 days). A task whose clock has no start keeps its own.
 */
export function withLegalDues<T extends Pick<Task, 'templateKey' | 'title' | 'dueAt'>>(tasks: readonly T[], clocks: Pick<LegalClocks, 'clocks'>): DerivedTask<T>[] {
  return tasks.map((task) => {
    const kind = legalClockOf(task);
    const clock = kind ? clocks.clocks.find((c) => c.kind === kind) : undefined;
    // The last minute of the due day: 24:00 would read as the next day's 0:00 on the board.
    return clock?.dueBy ? { ...task, dueAt: new Date(Date.parse(clock.dueBy) - 60_000).toISOString(), dueFrom: kind! } : task;
  });
}

/** withLegalDues over the tasks of several incidents (the due-time notifications read them all). */
export function tasksWithLegalDues<T extends Pick<Task, 'templateKey' | 'title' | 'dueAt' | 'incidentId'>>(
  tasks: readonly T[],
  incidents: readonly Pick<Incident, 'id' | 'scenario' | 'facts'>[],
  rows: readonly DisclosureRow[],
  now: number,
): DerivedTask<T>[] {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  return tasks.map((task) => {
    const incident = byId.get(task.incidentId);
    if (!incident || legalClockOf(task) === null) return task;
    return withLegalDues([task], incidentClocks(incident, rowOf.get(task.incidentId) ?? null, now))[0]!;
  });
}
