/**
 * One incident per intake report (decision 019, addendum). Two laptops offline can each file
 * the same intake report as a first report; once they sync, both incidents exist. Every
 * laptop keeps the same one — the earliest first report by event clock, then by id — and
 * shows the others as duplicates of it. Pure: read from the incident rows.
 */
import type { Incident } from './model';

type Row = Pick<Incident, 'id' | 'createdAt' | 'intakeReportId'>;

/** Whether `a` is kept before `b`: the earlier first report (its clock), then the smaller id. */
function before(a: Row, b: Row): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}

/** The incident kept for each intake report that was filed more than once: duplicate id → kept id. */
export function intakeDuplicates(incidents: Iterable<Row>): Map<string, string> {
  const kept = new Map<string, Row>();
  const all: Row[] = [];
  for (const i of incidents) {
    if (!i.intakeReportId) continue;
    all.push(i);
    const k = kept.get(i.intakeReportId);
    if (!k || before(i, k)) kept.set(i.intakeReportId, i);
  }
  const out = new Map<string, string>();
  for (const i of all) {
    const k = kept.get(i.intakeReportId!)!;
    if (k.id !== i.id) out.set(i.id, k.id);
  }
  return out;
}

/** The incidents to list: duplicates left out (each is reached from the one kept). */
export function withoutDuplicates<T extends Row>(incidents: readonly T[], duplicates: ReadonlyMap<string, string>): T[] {
  return duplicates.size === 0 ? [...incidents] : incidents.filter((i) => !duplicates.has(i.id));
}

/** The duplicates of a kept incident. */
export function duplicatesOfKept(kept: string, duplicates: ReadonlyMap<string, string>): string[] {
  return [...duplicates].filter(([, k]) => k === kept).map(([d]) => d);
}
