import { describe, expect, it } from 'vitest';
import type { AnyDraft } from '../events/registry';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import type { AccessRole } from '../roles/model';
import { mayWrite, rolesThatMay } from '../roles/table';
import { approveExport, closeExport, produceExport, requestExport, type ExportRequest } from './commands';
import { exportState, exportsProjection, shortExportId, type ExportRow } from './exports';

let tick = 0;
/** Stamps a command's drafts as the store would: a clock that only goes forward, the actor. */
function stored(drafts: AnyDraft[], actor: string): HonbuEvent[] {
  return drafts.map((d) => {
    tick++;
    return { ...d, id: `ev${tick}`, at: encodeHlc({ wall: Date.parse('2026-12-01T01:00:00Z') + tick * 1000, counter: 0, node: 'd' }), actor } as HonbuEvent;
  });
}

const ASK: ExportRequest = { incidentId: 'inc', kind: 'mailing-csv', format: 'shift_jis', datasetId: 'list', batchId: 'b1', rows: 120, reason: '印刷会社へ宛名を渡すため' };
const ctx = (personId: string, roles: AccessRole[] = []) => testContext({ personId, roles, ids: ['exp-1'] });

/** A laptop's view: the events so far, and the export's row folded from them. */
class Log {
  events: HonbuEvent[] = [];
  row(): ExportRow | undefined {
    return foldAll(exportsProjection, this.events).get('exp-1');
  }
  run(r: { ok: boolean; events?: AnyDraft[] }, actor: string) {
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
    this.events.push(...stored(r.events!, actor));
  }
}

function requested(members = 3): Log {
  const log = new Log();
  log.run(requestExport(ctx('ann'), { members }, ASK), 'ann');
  return log;
}

const reasons = (r: { ok: boolean; problems?: { reason: string }[] }) => (r.ok ? [] : r.problems!.map((p) => p.reason));

describe('the two-person export', () => {
  it('a request needs a reason, and its value is the export id', () => {
    expect(reasons(requestExport(ctx('ann'), { members: 3 }, { ...ASK, reason: '   ' }))).toEqual(['required']);
    const r = requestExport(ctx('ann'), { members: 3 }, ASK);
    expect(r.ok && r.value).toBe('exp-1');
    expect(r.ok && r.events[0]!.payload).toMatchObject({ exportId: 'exp-1', reason: '印刷会社へ宛名を渡すため', solo: false, rows: 120 });
    expect(exportState(requested().row()!).phase).toBe('waiting');
  });

  it('the requester may not approve their own request, even holding a role that may approve', () => {
    const log = requested();
    expect(reasons(approveExport(ctx('ann', ['direction']), log.row(), { incidentId: 'inc', exportId: 'exp-1' }))).toEqual(['self-approval']);
  });

  it('a member whose role may not approve is refused; direction and the contact lead may', () => {
    const log = requested();
    for (const roles of [[], ['operator'], ['analyst'], ['statement'], ['observer']] as AccessRole[][]) {
      expect(reasons(approveExport(ctx('bob', roles), log.row(), { incidentId: 'inc', exportId: 'exp-1' }))).toEqual(['role-required']);
    }
    expect(rolesThatMay('access.export-approved')).toEqual(['direction', 'contact-lead']);
    expect(mayWrite(['operator'], 'access.export-approved')).toBe(false);
    expect(approveExport(ctx('bob', ['contact-lead']), log.row(), { incidentId: 'inc', exportId: 'exp-1' }).ok).toBe(true);
    expect(approveExport(ctx('cho', ['direction']), log.row(), { incidentId: 'inc', exportId: 'exp-1' }).ok).toBe(true);
  });

  it('nothing can be produced before approval, nor by anyone but the requester', () => {
    const log = requested();
    const files = [{ fileName: 'a.csv', rows: 120 }];
    expect(reasons(produceExport(ctx('ann'), log.row(), { incidentId: 'inc', exportId: 'exp-1', files }))).toEqual(['export-waiting']);
    log.run(approveExport(ctx('bob', ['contact-lead']), log.row(), { incidentId: 'inc', exportId: 'exp-1' }), 'bob');
    expect(reasons(produceExport(ctx('bob', ['direction']), log.row(), { incidentId: 'inc', exportId: 'exp-1', files }))).toEqual(['not-requester']);
  });

  it('is produced once: a second production is refused, a new request is needed', () => {
    const log = requested();
    log.run(approveExport(ctx('bob', ['contact-lead']), log.row(), { incidentId: 'inc', exportId: 'exp-1' }), 'bob');
    const files = [{ fileName: 'a-sjis.csv', rows: 119 }, { fileName: 'a-utf8-rest.csv', rows: 1 }];
    log.run(produceExport(ctx('ann'), log.row(), { incidentId: 'inc', exportId: 'exp-1', files }), 'ann');
    const state = exportState(log.row()!);
    expect(state).toMatchObject({ phase: 'produced', requestedBy: 'ann', approvedBy: 'bob', flags: [] });
    expect(state.produced).toMatchObject({ rows: 120, fileName: 'a-sjis.csv', files });
    expect(reasons(produceExport(ctx('ann'), log.row(), { incidentId: 'inc', exportId: 'exp-1', files }))).toEqual(['export-produced']);
    expect(reasons(closeExport(ctx('ann'), log.row(), { incidentId: 'inc', exportId: 'exp-1' }))).toEqual(['export-produced']);
  });

  it('a refused or withdrawn request cannot be approved or produced', () => {
    const refused = requested();
    refused.run(closeExport(ctx('bob', ['contact-lead']), refused.row(), { incidentId: 'inc', exportId: 'exp-1' }), 'bob');
    expect(exportState(refused.row()!)).toMatchObject({ phase: 'refused', closedBy: 'bob' });
    expect(reasons(approveExport(ctx('cho', ['direction']), refused.row(), { incidentId: 'inc', exportId: 'exp-1' }))).toEqual(['export-refused']);
    expect(reasons(produceExport(ctx('ann'), refused.row(), { incidentId: 'inc', exportId: 'exp-1', files: [{ fileName: 'a.csv', rows: 1 }] }))).toEqual(['export-refused']);

    const withdrawn = requested();
    // An operator may not refuse someone else's request, but the requester may always withdraw theirs.
    expect(reasons(closeExport(ctx('op', ['operator']), withdrawn.row(), { incidentId: 'inc', exportId: 'exp-1' }))).toEqual(['role-required']);
    withdrawn.run(closeExport(ctx('ann'), withdrawn.row(), { incidentId: 'inc', exportId: 'exp-1' }), 'ann');
    expect(withdrawn.events.at(-1)!.type).toBe('access.export-withdrawn');
    expect(exportState(withdrawn.row()!).phase).toBe('withdrawn');
  });

  it('with no second member in the team the request may be produced at once, and is marked so', () => {
    const log = requested(1);
    expect(exportState(log.row()!)).toMatchObject({ phase: 'approved', approvedBy: null, flags: ['solo'] });
    log.run(produceExport(ctx('ann'), log.row(), { incidentId: 'inc', exportId: 'exp-1', files: [{ fileName: 'a.csv', rows: 120 }] }), 'ann');
    expect(exportState(log.row()!)).toMatchObject({ phase: 'produced', flags: ['solo'] });
  });

  it('every laptop reads the same from synced events in any order, and marks what broke the rules', () => {
    const log = requested();
    // Forged or concurrent: the requester "approves" and produces twice, nobody else approved first.
    const self = stored([{ type: 'access.export-approved', incidentId: 'inc', payload: { exportId: 'exp-1' } }], 'ann');
    const made = stored([{ type: 'access.exported', incidentId: 'inc', payload: { exportId: 'exp-1', kind: 'mailing-csv', datasetId: 'list', batchId: 'b1', rows: 120, reason: 'x', fileName: 'a.csv' } }], 'ann');
    const again = stored([{ type: 'access.exported', incidentId: 'inc', payload: { exportId: 'exp-1', kind: 'mailing-csv', datasetId: 'list', batchId: 'b1', rows: 120, reason: 'x', fileName: 'b.csv' } }], 'ann');
    const late = stored([{ type: 'access.export-approved', incidentId: 'inc', payload: { exportId: 'exp-1' } }], 'bob');
    const all = [...log.events, ...self, ...made, ...again, ...late];
    const forward = exportState(foldAll(exportsProjection, all).get('exp-1')!);
    const backward = exportState(foldAll(exportsProjection, [...all].reverse()).get('exp-1')!);
    expect(backward).toEqual(forward);
    expect(forward.phase).toBe('produced');
    expect(forward.produced!.fileName).toBe('a.csv');
    expect([...forward.flags].sort()).toEqual(['produced-again', 'produced-without-approval', 'self-approval']);
  });

  it('an export recorded before the two-person export is still read', () => {
    const old = stored([{ type: 'access.exported', incidentId: 'inc', payload: { exportId: 'old-1', kind: 'call-list', datasetId: 'list', batchId: 'b1', rows: 3, reason: '', fileName: 'c.csv' } }], 'ann');
    const row = foldAll(exportsProjection, old).get('old-1')!;
    expect(exportState(row)).toMatchObject({ phase: 'recorded', requestedBy: null, flags: [] });
    expect(row.productions[0]).toMatchObject({ fileName: 'c.csv', rows: 3, files: [{ fileName: 'c.csv', rows: 3 }] });
  });

  it('shows a short export id', () => {
    expect(shortExportId('3f2a9c1e-77aa-4b0e-9d1c-0123456789ab')).toBe('3F2A9C1E');
  });
});
