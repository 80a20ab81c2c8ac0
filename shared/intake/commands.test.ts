import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { CommandContext } from '../events/command';
import { recordReceived } from './commands';
import { intakeEvents, MAX_REPORT_BYTES_PER_EVENT, MAX_REPORTS_PER_EVENT, type ReceivedReport } from './events';
import { INTAKE_MAX_BODY } from './report';
import { EMPTY_INTAKE } from './state';

const ctx: CommandContext = { now: Date.parse('2026-12-01T10:00:00Z'), newId: () => 'id', actor: { personId: 'p1', roles: ['direction'] } };
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const report = (i: number, ctChars: number): ReceivedReport => ({
  reportId: `r${String(i).padStart(4, '0')}`,
  receivedAt: '2026-12-01T09:00:00.000Z',
  box: { v: 1, epk: 'A'.repeat(87), iv: 'A'.repeat(16), ct: 'A'.repeat(ctChars) },
});
const utf8Length = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).byteLength;
/** The reports of each event recorded. */
const pieces = (events: readonly { payload: unknown }[]) => events.map((e) => (e.payload as { reports: ReceivedReport[] }).reports);

describe('reports fetched from the host, recorded in pieces', () => {
  it('full boxes are recorded in events bounded by size, far below the sync server’s 1 MiB per record', () => {
    const reports = Array.from({ length: 50 }, (_, i) => report(i, INTAKE_MAX_BODY));
    const got = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports });
    if (!got.ok) throw new Error('refused');
    expect(got.value).toBe(50);
    expect(got.events.length).toBeGreaterThan(1);
    for (const e of got.events) {
      expect(e.type).toBe('intake.reports-received');
      expect(utf8Length(e)).toBeLessThan(1024 * 1024 / 2);
      expect(v.safeParse(intakeEvents['intake.reports-received'], e.payload).success).toBe(true);
    }
    for (const piece of pieces(got.events)) expect(utf8Length(piece)).toBeLessThanOrEqual(MAX_REPORT_BYTES_PER_EVENT);
    // Every report once, in the order fetched.
    expect(pieces(got.events).flat().map((r) => r.reportId)).toEqual(reports.map((r) => r.reportId));
  });

  it('short reports still go 50 to an event', () => {
    const reports = Array.from({ length: 120 }, (_, i) => report(i, 400));
    const got = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports });
    if (!got.ok) throw new Error('refused');
    expect(pieces(got.events).map((p) => p.length)).toEqual([MAX_REPORTS_PER_EVENT, MAX_REPORTS_PER_EVENT, 20]);
  });

  it('long and short reports side by side: a piece ends before it would go over', () => {
    const reports = Array.from({ length: 30 }, (_, i) => report(i, i % 3 === 0 ? INTAKE_MAX_BODY : 2_000));
    const got = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports });
    if (!got.ok) throw new Error('refused');
    const all = pieces(got.events);
    const sizes = all.map(utf8Length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_REPORT_BYTES_PER_EVENT);
    // Not cut needlessly: each piece but the last could not take the next report.
    all.slice(0, -1).forEach((_, i) => {
      const next = all[i + 1]![0]!;
      expect(sizes[i]! + utf8Length(next) + 1).toBeGreaterThan(MAX_REPORT_BYTES_PER_EVENT);
    });
    expect(all.flat()).toHaveLength(30);
  });
});
