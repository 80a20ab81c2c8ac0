/**
 * A stranger's and an attacker's pass over the two-person export (break13): sequences two
 * laptops, a late event or a modified client can produce, folded the way every laptop folds.
 */
import { describe, expect, it } from 'vitest';
import type { AnyDraft } from '../events/registry';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import type { AccessRole } from '../roles/model';
import { approveExport, closeExport, produceExport, requestExport, type ExportRequest } from './commands';
import { exportState, exportsProjection, type ExportRow } from './exports';

let tick = 0;
function stamp(drafts: AnyDraft[], actor: string): HonbuEvent[] {
  return drafts.map((d) => ({ ...d, id: `atk${++tick}`, at: encodeHlc({ wall: Date.parse('2026-12-02T14:30:00Z') + tick * 1000, counter: 0, node: 'n' }), actor }) as HonbuEvent);
}
const WANT: ExportRequest = { incidentId: 'inc-x', kind: 'letters', format: '', datasetId: 'ds-x', batchId: 'bt-x', rows: 42, reason: '郵送のため宛名を印刷会社に渡す' };
const as = (personId: string, roles: AccessRole[] = []) => testContext({ personId, roles, ids: ['ex-9'] });
const files = [{ fileName: 'letters.pdf', rows: 42 }];

class Laptop {
  events: HonbuEvent[] = [];
  row(): ExportRow | undefined {
    return foldAll(exportsProjection, this.events).get('ex-9');
  }
  do(r: { ok: boolean; events?: AnyDraft[] }, actor: string): HonbuEvent[] {
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
    const made = stamp(r.events!, actor);
    this.events.push(...made);
    return made;
  }
}
const why = (r: { ok: boolean; problems?: { reason: string }[] }) => (r.ok ? [] : r.problems!.map((p) => p.reason));

describe('attacks on the two-person export', () => {
  it('a request withdrawn after its approval can no longer be produced', () => {
    const l = new Laptop();
    l.do(requestExport(as('rin'), { members: 3 }, WANT), 'rin');
    l.do(approveExport(as('sho', ['contact-lead']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'sho');
    // The requester changes their mind: the screen offers "withdraw" while approved.
    l.do(closeExport(as('rin'), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'rin');
    expect(exportState(l.row()!).phase).toBe('withdrawn');
    expect(why(produceExport(as('rin'), l.row(), { incidentId: 'inc-x', exportId: 'ex-9', files }))).toEqual(['export-withdrawn']);
  });

  it('a second approver declining after the first approved closes the request too', () => {
    const l = new Laptop();
    l.do(requestExport(as('rin'), { members: 3 }, WANT), 'rin');
    l.do(approveExport(as('sho', ['contact-lead']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'sho');
    l.do(closeExport(as('tae', ['direction']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'tae');
    expect(exportState(l.row()!)).toMatchObject({ phase: 'refused', closedBy: 'tae' });
  });

  it('a withdrawal made on one laptop and a production on the requester’s other laptop after it: the file is marked', () => {
    const l = new Laptop();
    l.do(requestExport(as('rin'), { members: 3 }, WANT), 'rin');
    l.do(approveExport(as('sho', ['contact-lead']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'sho');
    const before = l.row()!;
    l.do(closeExport(as('rin'), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'rin');
    // The second laptop had not seen the withdrawal: it produces (stamped later).
    const second = produceExport(as('rin'), before, { incidentId: 'inc-x', exportId: 'ex-9', files });
    expect(second.ok).toBe(true);
    const made = stamp((second as { events: AnyDraft[] }).events, 'rin');
    const all = [...l.events, ...made];
    for (const order of [all, [...all].reverse()]) {
      const s = exportState(foldAll(exportsProjection, order).get('ex-9')!);
      expect(s.phase).toBe('produced');
      expect(s.flags).toContain('produced-without-approval');
    }
  });

  it('an approval written in another incident does not approve this incident’s export, whatever arrives first', () => {
    const l = new Laptop();
    l.do(requestExport(as('rin'), { members: 3 }, WANT), 'rin');
    // sho leads contacts in incident Y only: his laptop (or a modified client) writes an approval
    // there naming X's export; every laptop accepts it, judged in Y.
    const forged = stamp([{ type: 'access.export-approved', incidentId: 'inc-y', payload: { exportId: 'ex-9' } }], 'sho');
    const made = stamp([{ type: 'access.exported', incidentId: 'inc-y', payload: { exportId: 'ex-9', kind: 'letters', datasetId: 'ds-x', batchId: 'bt-x', rows: 42, reason: 'r', fileName: 'x.pdf' } }], 'rin');
    for (const order of [[...l.events, ...forged, ...made], [...forged, ...made, ...l.events]]) {
      const row = foldAll(exportsProjection, order).get('ex-9')!;
      expect(row.incidentId).toBe('inc-x');
      expect(exportState(row)).toMatchObject({ phase: 'waiting', approvedBy: null });
      expect(why(produceExport(as('rin'), row, { incidentId: 'inc-x', exportId: 'ex-9', files }))).toEqual(['export-waiting']);
    }
  });

  it('a reason of spaces or invisible characters is no reason', () => {
    for (const reason of ['   ', '\u3000\u3000', '\u200b', '\u200b\u200c\u200d\u2060', ' \ufeff\u00a0', '\u200b \u3000']) {
      expect(why(requestExport(as('rin'), { members: 3 }, { ...WANT, reason })), JSON.stringify(reason)).toEqual(['required']);
    }
    expect(requestExport(as('rin'), { members: 3 }, { ...WANT, reason: '\u200b再送' }).ok).toBe(true);
  });

  it('producing with another member’s export id is refused, and a forged one does not count as the requester’s', () => {
    const l = new Laptop();
    l.do(requestExport(as('rin'), { members: 3 }, WANT), 'rin');
    l.do(approveExport(as('sho', ['contact-lead']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'sho');
    expect(why(produceExport(as('sho', ['contact-lead']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9', files }))).toEqual(['not-requester']);
    const forged = stamp([{ type: 'access.exported', incidentId: 'inc-x', payload: { exportId: 'ex-9', kind: 'letters', datasetId: 'ds-x', batchId: 'bt-x', rows: 42, reason: 'r', fileName: 'x.pdf' } }], 'sho');
    const s = exportState(foldAll(exportsProjection, [...l.events, ...forged]).get('ex-9')!);
    expect(s).toMatchObject({ phase: 'approved', produced: null });
    expect(s.flags).toContain('produced-by-another');
  });

  it('two laptops of the requester both produce: the record says produced again, on every laptop', () => {
    const l = new Laptop();
    l.do(requestExport(as('rin'), { members: 3 }, WANT), 'rin');
    l.do(approveExport(as('sho', ['contact-lead']), l.row(), { incidentId: 'inc-x', exportId: 'ex-9' }), 'sho');
    const row = l.row()!;
    const a = stamp((produceExport(as('rin'), row, { incidentId: 'inc-x', exportId: 'ex-9', files }) as { events: AnyDraft[] }).events, 'rin');
    const b = stamp((produceExport(as('rin'), row, { incidentId: 'inc-x', exportId: 'ex-9', files: [{ fileName: 'other.pdf', rows: 42 }] }) as { events: AnyDraft[] }).events, 'rin');
    const all = [...l.events, ...a, ...b];
    const one = exportState(foldAll(exportsProjection, all).get('ex-9')!);
    expect(exportState(foldAll(exportsProjection, [...all].reverse()).get('ex-9')!)).toEqual(one);
    expect(one.flags).toContain('produced-again');
    expect(one.produced!.fileName).toBe('letters.pdf');
  });
});

describe('a backdated request under an approved export id (found by a stranger)', () => {
  const EX = 'a5c2d3e4-1b2c-4d5e-8f90-123456789abc';
  const mine = (personId: string, roles: AccessRole[] = []) => testContext({ personId, roles, ids: [EX] });
  const ref = { incidentId: 'inc-x', exportId: EX };
  it("does not take the approval: the request the app made (its event carries the export's id) names the export, in either order", () => {
    const l = new Laptop();
    const asked = requestExport(mine('rin'), { members: 3 }, WANT);
    if (!asked.ok) throw new Error('refused');
    // As the store appends it: the request's event id is the export's id (boundEventId).
    const rinAsks = { ...stamp(asked.events, 'rin')[0]!, id: EX };
    l.events.push(rinAsks);
    l.do(approveExport(mine('sho', ['contact-lead']), foldAll(exportsProjection, l.events).get(EX), ref), 'sho');
    // Mal writes a request under the same export id, a moment before Rin's: the whole list.
    const malAsks: HonbuEvent = {
      id: crypto.randomUUID(),
      at: encodeHlc({ wall: Date.parse('2026-12-01T00:00:00Z'), counter: 0, node: 'm' }),
      actor: 'mal',
      type: 'access.export-requested',
      incidentId: 'inc-x',
      payload: { exportId: EX, kind: 'mailing-csv', format: 'utf-8-bom', datasetId: 'ds-x', batchId: null, rows: 2_000_000, reason: '確認', solo: false },
    };
    for (const events of [[...l.events, malAsks], [malAsks, ...l.events]]) {
      const row = foldAll(exportsProjection, events).get(EX)!;
      expect(row.request).toMatchObject({ by: 'rin', rows: 42, kind: 'letters' });
      expect(exportState(row)).toMatchObject({ phase: 'approved', requestedBy: 'rin', approvedBy: 'sho' });
      expect(why(produceExport(mine('mal'), row, { ...ref, files: [{ fileName: 'all.csv', rows: 2_000_000 }] }))).not.toEqual([]);
    }
  });
});
