/**
 * The list's number in its incident (the first two digits of every 照会番号). It comes from the
 * fold over `contacts.dataset-imported` that the reference-number work builds (`listNumberOf`);
 * until that is wired in here, no number is known and the vendor file's 照会番号 column stays
 * empty (the screen says so) — never a number made up by a second scheme.
 */
import type { OpenIncident } from '../../incidents/open-incident';

export type ListNumberOf = (datasetId: string) => number | null;

export function listNumberOf(_data: OpenIncident): ListNumberOf {
  return () => null;
}
