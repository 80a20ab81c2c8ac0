/**
 * After the incident (DOMAIN.md part 6): a recurrence-prevention plan, and PDCA entries
 * reported from the field to the executives (004 §8-⑦). Both live on the incident row;
 * each point is last-writer-wins by clock. The points to weigh depend on what happened:
 * METI's five points (003) are written against insiders taking data out, so an external
 * attack, a lost laptop or a misdirected e-mail gets the points that fit it.
 */
import type { IncidentEvent } from './events';
import { METI_POINTS, PREVENTION_POINTS, type ClosingState, type PreventionMeasure, type PreventionPoint } from './model';

export { METI_POINTS, PREVENTION_POINTS, PDCA_STAGES } from './model';
export type { ClosingState, PdcaEntry, PdcaStage, PreventionMeasure, PreventionPoint } from './model';

export type PointSet = 'meti' | 'external' | 'device' | 'email' | 'exposure' | 'sharing';

const SETS: Record<PointSet, readonly PreventionPoint[]> = {
  meti: METI_POINTS,
  external: ['vulnerability', 'authentication', 'monitoring', 'contractor', 'minimise'],
  device: ['deviceEncryption', 'takeout', 'deviceRules', 'awareness', 'minimise'],
  email: ['sendingChecks', 'mailSystem', 'awareness', 'minimise'],
  exposure: ['accessSettings', 'publishReview', 'monitoring', 'awareness'],
  sharing: ['software', 'takeout', 'monitoring', 'awareness'],
};

/** Scenario id → the points it weighs; an unknown or custom scenario weighs METI's five. */
const SET_OF_SCENARIO: Record<string, PointSet> = {
  insider: 'meti',
  'unauthorised-access': 'external',
  'lost-device': 'device',
  'misdirected-email': 'email',
  'public-exposure': 'exposure',
  'file-sharing': 'sharing',
};

export function pointSetFor(scenario: string): PointSet {
  return SET_OF_SCENARIO[scenario] ?? 'meti';
}

/**
 * The points to show for an incident: its scenario's, then any other point someone
 * already filled in (nothing written is hidden).
 */
export function preventionPointsFor(scenario: string, saved: Partial<Record<PreventionPoint, PreventionMeasure>> = {}): { set: PointSet; points: PreventionPoint[]; extra: PreventionPoint[] } {
  const set = pointSetFor(scenario);
  const points = [...SETS[set]];
  const extra = PREVENTION_POINTS.filter((p) => !points.includes(p) && (saved[p]?.measures ?? '').trim() !== '');
  return { set, points, extra };
}

/** Folds one closing event into the incident's closing state (stamps: `prevention.<point>` → HLC). */
export function foldClosing(
  state: ClosingState,
  stamps: Record<string, string>,
  e: IncidentEvent,
): { state: ClosingState; stamps: Record<string, string> } {
  if (e.type === 'incident.prevention-planned') {
    const { point, measure } = e.payload;
    const key = `prevention.${point}`;
    if (stamps[key] !== undefined && stamps[key]! >= e.at) return { state, stamps };
    return { state: { ...state, prevention: { ...state.prevention, [point]: measure } }, stamps: { ...stamps, [key]: e.at } };
  }
  if (e.type === 'incident.pdca-reported') {
    const entry = { ...e.payload, at: e.at };
    if (state.pdca.some((p) => p.id === entry.id)) return { state, stamps };
    const pdca = [...state.pdca, entry].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { state: { ...state, pdca }, stamps };
  }
  return { state, stamps };
}
