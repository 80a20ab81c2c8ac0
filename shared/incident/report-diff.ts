/** What changed between two reports (or two sets of facts): shown beside every new version. */
import type { DataItem, Facts, ReportField, ReportFields } from './model';

export interface FieldChange<K extends string = string> {
  field: K;
  before: unknown;
  after: unknown;
  /** For item lists: what was added and removed. */
  added?: DataItem[];
  removed?: DataItem[];
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  return a === b;
}

function diffRecords<K extends string>(before: Record<K, unknown>, after: Record<K, unknown>, fields: readonly K[]): FieldChange<K>[] {
  const changes: FieldChange<K>[] = [];
  for (const field of fields) {
    const a = before[field];
    const b = after[field];
    if (same(a, b)) continue;
    const change: FieldChange<K> = { field, before: a, after: b };
    if (Array.isArray(a) && Array.isArray(b)) {
      change.added = (b as DataItem[]).filter((x) => !(a as DataItem[]).includes(x));
      change.removed = (a as DataItem[]).filter((x) => !(b as DataItem[]).includes(x));
    }
    changes.push(change);
  }
  return changes;
}

/**
 * Changes from the previous report to this one, over the fields the new report states.
 * A blank field in a follow-up means "nothing new", not "erased", so it is not a change.
 */
export function diffReports(previous: ReportFields, next: ReportFields, fields: readonly ReportField[]): FieldChange<ReportField>[] {
  const stated = fields.filter((f) => {
    const v = next[f];
    return Array.isArray(v) ? v.length > 0 || (previous[f] as unknown[]).length === 0 : v !== null && v !== '';
  });
  return diffRecords(previous, next, stated);
}

export function diffFacts(before: Facts, after: Facts): FieldChange<keyof Facts>[] {
  return diffRecords(before, after, Object.keys(after) as (keyof Facts)[]);
}
