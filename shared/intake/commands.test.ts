import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { CommandContext } from '../events/command';
import { recordReceived } from './commands';
import { intakeEvents, MAX_REPORT_BYTES_PER_EVENT, MAX_REPORTS_PER_EVENT, type ReceivedReport } from './events';
import { INTAKE_MAX_BODY } from './report';
import { EMPTY_INTAKE, foldIntake } from './state';

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

describe('reports fetched from the host: the edges of the bounds', () => {
  it('51 tiny reports are 50 + 1', () => {
    const got = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports: Array.from({ length: 51 }, (_, i) => report(i, 22)) });
    if (!got.ok) throw new Error('refused');
    expect(pieces(got.events).map((p) => p.length)).toEqual([50, 1]);
    expect(got.value).toBe(51);
  });

  it('a piece of exactly 256 KB of JSON stays one piece; one byte more is two', () => {
    // Two reports whose array JSON is exactly MAX_REPORT_BYTES_PER_EVENT.
    const one = utf8Length([report(0, 0)]) - 2; // a report with an empty ct
    const each = Math.floor((MAX_REPORT_BYTES_PER_EVENT - 3) / 2) - one; // ct chars per report, before the remainder
    const a = report(0, each);
    let b = report(1, each);
    const fill = MAX_REPORT_BYTES_PER_EVENT - utf8Length([a, b]);
    b = report(1, each + fill);
    expect(utf8Length([a, b])).toBe(MAX_REPORT_BYTES_PER_EVENT);
    // (beyond the host's 32 KiB; the command must still bound by size, not by the host's rule)
    const exact = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports: [a, b] });
    if (!exact.ok) throw new Error('refused');
    expect(pieces(exact.events).map((p) => p.length)).toEqual([2]);
    const over = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports: [a, report(1, each + fill + 1)] });
    if (!over.ok) throw new Error('refused');
    expect(pieces(over.events).map((p) => p.length)).toEqual([1, 1]);
  });

  it('full host-sized boxes: every event is valid for its schema and under 1 MiB with the envelope fields', () => {
    const reports = Array.from({ length: 200 }, (_, i) => report(i, INTAKE_MAX_BODY));
    const got = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports });
    if (!got.ok) throw new Error('refused');
    for (const e of got.events) {
      expect(v.safeParse(intakeEvents['intake.reports-received'], e.payload).success).toBe(true);
      expect(utf8Length(e)).toBeLessThan(1024 * 1024 - 4096);
    }
    expect(pieces(got.events).flat().map((r) => r.reportId)).toEqual(reports.map((r) => r.reportId));
  });

  it('a report over the byte bound alone goes alone, between its neighbours, in order', () => {
    const reports = [report(0, 100), report(1, 300 * 1024), report(2, 100)];
    const got = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports });
    if (!got.ok) throw new Error('refused');
    expect(pieces(got.events).map((p) => p.map((r) => r.reportId))).toEqual([['r0000'], ['r0001'], ['r0002']]);
  });

  it('a report fetched twice in one fetch, or already recorded, is recorded once', () => {
    const first = recordReceived(ctx, EMPTY_INTAKE, { intakeId: ID, reports: [report(0, 50), report(0, 50), report(1, 50)] });
    if (!first.ok) throw new Error('refused');
    expect(first.value).toBe(2);
    const state = foldIntake(first.events.map((e, i) => ({ ...e, id: `e${i}`, at: ctx.now, actor: 'p1', device: 'd', seq: i }) as never));
    const again = recordReceived(ctx, state, { intakeId: ID, reports: [report(1, 50), report(2, 50)] });
    if (!again.ok) throw new Error('refused');
    expect(again.value).toBe(1);
    expect(pieces(again.events).flat().map((r) => r.reportId)).toEqual(['r0002']);
  });
});
