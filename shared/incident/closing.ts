/**
 * After the incident (DOMAIN.md part 6): a recurrence-prevention plan on the five points
 * of METI's handbook (003), and PDCA entries reported from the field to the executives
 * (004 §8-⑦). Both live on the incident row; each point is last-writer-wins by clock.
 */
import type { HonbuEvent } from '../events/event';

/** 秘密情報の保護ハンドブック (METI, 2016-09), as quoted by 003. */
export const PREVENTION_POINTS = ['access', 'takeout', 'detect', 'awareness', 'morale'] as const;
export type PreventionPoint = (typeof PREVENTION_POINTS)[number];

export interface PreventionMeasure {
  measures: string;
  owner: string;
  dueAt: string | null;
}

export const PDCA_STAGES = ['plan', 'do', 'check', 'act'] as const;
export type PdcaStage = (typeof PDCA_STAGES)[number];

export interface PdcaEntry {
  id: string;
  stage: PdcaStage;
  text: string;
  /** The field team member reporting (004 §8-⑦: PDCA is run in the field). */
  reportedBy: string;
  /** The executive it is reported to. */
  reportedTo: string;
  at: string;
}

export type PreventionPlanned = HonbuEvent<'incident.prevention-planned', { point: PreventionPoint; measure: PreventionMeasure }>;
export type PdcaReported = HonbuEvent<'incident.pdca-reported', Omit<PdcaEntry, 'at'>>;

export interface ClosingState {
  prevention: Partial<Record<PreventionPoint, PreventionMeasure>>;
  pdca: PdcaEntry[];
}

/** Folds one closing event into the incident's closing state (stamps: `prevention.<point>` → HLC). */
export function foldClosing(
  state: ClosingState,
  stamps: Record<string, string>,
  e: HonbuEvent,
): { state: ClosingState; stamps: Record<string, string> } {
  if (e.type === 'incident.prevention-planned') {
    const { point, measure } = (e as PreventionPlanned).payload;
    const key = `prevention.${point}`;
    if (stamps[key] !== undefined && stamps[key]! >= e.at) return { state, stamps };
    return { state: { ...state, prevention: { ...state.prevention, [point]: measure } }, stamps: { ...stamps, [key]: e.at } };
  }
  if (e.type === 'incident.pdca-reported') {
    const entry = { ...(e as PdcaReported).payload, at: e.at };
    if (state.pdca.some((p) => p.id === entry.id)) return { state, stamps };
    const pdca = [...state.pdca, entry].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { state: { ...state, pdca }, stamps };
  }
  return { state, stamps };
}
