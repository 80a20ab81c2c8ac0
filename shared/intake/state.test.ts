import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { createIntakeKey, markHandled, recordReceived } from './commands';
import { firstReportFromIntake } from './first-report';
import { EMPTY_INTAKE, foldIntake, inboxOrder } from './state';
import type { CommandContext } from '../events/command';

const ctx: CommandContext = { now: Date.parse('2026-12-01T10:00:00Z'), newId: () => 'id', actor: { personId: 'p1', roles: ['direction'] } };
const box = { v: 1 as const, epk: 'A'.repeat(87), iv: 'A'.repeat(16), ct: 'A'.repeat(40) };
let clock = 0;
const stamp = (drafts: { type: string; incidentId: string | null; payload: unknown }[]): HonbuEvent[] =>
  drafts.map((d) => ({ ...d, id: `e${++clock}`, at: `${String(1_000_000 + clock).padStart(16, '0')}-0000-a`, actor: 'p1' }));

describe('intake inbox', () => {
  it('records a key once, reports once each, and a report is handled once', () => {
    const k = createIntakeKey(ctx, EMPTY_INTAKE, { intakeId: 'AAAAAAAAAAAAAAAAAAAAAA', publicKey: 'pk', privateKey: 'sk', secret: 's' });
    if (!k.ok) throw new Error('refused');
    let events = stamp(k.events);
    let state = foldIntake(events);
    expect(state.key?.intakeId).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(createIntakeKey(ctx, state, { intakeId: 'BBBBBBBBBBBBBBBBBBBBBB', publicKey: 'pk', privateKey: 'sk', secret: 's' })).toMatchObject({ ok: false });

    const reports = [
      { reportId: 'r1', receivedAt: '2026-12-01T09:00:00.000Z', box },
      { reportId: 'r2', receivedAt: '2026-12-01T09:30:00.000Z', box },
    ];
    const got = recordReceived(ctx, state, { intakeId: 'AAAAAAAAAAAAAAAAAAAAAA', reports: [...reports, reports[0]!] });
    if (!got.ok) throw new Error('refused');
    expect(got.value).toBe(2);
    events = [...events, ...stamp(got.events)];
    state = foldIntake(events);
    expect(recordReceived(ctx, state, { intakeId: 'AAAAAAAAAAAAAAAAAAAAAA', reports })).toMatchObject({ ok: false, problems: [{ reason: 'unchanged' }] });
    expect(inboxOrder(state).map((r) => r.reportId)).toEqual(['r2', 'r1']);

    const done = markHandled(ctx, state, { reportId: 'r2', outcome: 'first-report', incidentId: 'inc1' });
    if (!done.ok) throw new Error('refused');
    state = foldIntake([...events, ...stamp(done.events)]);
    expect(state.reports.get('r2')?.handled).toMatchObject({ outcome: 'first-report', incidentId: 'inc1' });
    expect(inboxOrder(state).map((r) => r.reportId)).toEqual(['r1', 'r2']);
    expect(markHandled(ctx, state, { reportId: 'r2', outcome: 'set-aside', incidentId: null })).toMatchObject({ ok: false, problems: [{ reason: 'already-handled' }] });
    expect(markHandled(ctx, state, { reportId: 'nope', outcome: 'set-aside', incidentId: null })).toMatchObject({ ok: false, problems: [{ reason: 'not-found' }] });
  });

  it('prefills a first report from what the reporter wrote', () => {
    const r = firstReportFromIntake(
      { v: 1, what: '\n顧客名簿を誤送信しました\n宛先は取引先', when: '今朝9時', where: '本社', howMany: '約120名', name: '', contact: '内線1234', lang: 'ja' },
      '2026-12-01T09:00:00.000Z',
      '佐藤',
      { titlePrefix: '通報: ', anonymous: '匿名' },
    );
    expect(r.title).toBe('通報: 顧客名簿を誤送信しました');
    expect(r.report).toMatchObject({ discoveredAt: '2026-12-01T09:00:00.000Z', reporter: '佐藤', foundBy: '匿名 / 内線1234', when: '今朝9時', where: '本社', scope: '約120名' });
  });
});
