/**
 * What the incident screens read follows the change notices: after the first read, a commit
 * — here or from another laptop — makes each part's store read only the rows it touched,
 * and the timeline take the events it is handed. Nothing reads a whole table or opens the
 * incident's events again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstReportArgs } from '../data/test-drafts';
import { encodeHlc, hlcTime } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { tasks as taskStore } from '../boards/tasks-store';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import type { EventStore } from '../data/event-store';
import type { TableRef } from '../data/tables';
import { createWorkspace } from '../data/workspace';
import { enquiries } from '../faq/faq-store';
import { incidentList } from './incidents-store';
import { bindWorkspaceStores, focusIncident, partsLoaded, partsFor, screenStoreStates } from './open-incident';
import { useTimeline } from './timeline-store';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 5));
  }
}

/** Records every read the screens' stores make, by table and kind. */
function watchReads(store: EventStore) {
  const reads: string[] = [];
  const table = store.table.bind(store);
  vi.spyOn(store, 'table').mockImplementation(((ref: TableRef) => {
    const r = table(ref);
    return {
      get: (id: string) => (reads.push(`${ref.name} get ${id}`), r.get(id)),
      getMany: (ids: readonly string[]) => (reads.push(`${ref.name} getMany ${[...ids].sort().join(',')}`), r.getMany(ids)),
      all: () => (reads.push(`${ref.name} all`), r.all()),
      where: (index: never, value: string | number) => (reads.push(`${ref.name} where ${index}`), r.where(index, value)),
    };
  }) as EventStore['table']);
  const events = vi.spyOn(store, 'readEvents');
  return { reads, events };
}

async function incidentWithHistory() {
  const db = new HonbuDb(`open-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  const session = openDispatch({ store: ws.store, personId: ws.identity.personId });
  const id = await dispatch('incident.file-first-report', firstReportArgs());
  for (let i = 0; i < 5; i++) {
    await dispatch('faq.log-enquiry', {
      incidentId: id,
      fields: { channel: 'phone', caller: { name: `問合せ ${i}`, phone: '', email: '' }, question: '漏れていますか', answerEntryId: null, answerText: '', escalate: false, operator: '佐藤', durationSec: 60, tags: [], at: '2026-11-21T00:00:00.000Z' },
    });
  }
  return { ws, id, session };
}

describe('the incident screens\' stores after a commit', () => {
  it('read nothing again: each takes the rows the commit wrote, and the timeline the events it is handed', async () => {
    const { ws, id, session } = await incidentWithHistory();
    const binding = bindWorkspaceStores(ws.store);
    focusIncident(id);
    const every = [...new Set([...partsFor('faq'), ...partsFor('timeline')])];
    await partsLoaded(every);
    await until(() => incidentList.use.getState().ready);
    const before = useTimeline.getState().events.length;
    expect(before).toBeGreaterThan(5);
    const { reads, events } = watchReads(ws.store);

    const taskId = await dispatch('boards.add-task', { incidentId: id, phase: 'direction', title: '報道対応の窓口を決める' });
    await until(() => taskStore.use.getState().rows.some((t) => t.id === taskId) && useTimeline.getState().events.length === before + 1);
    // The commit handed over the row it wrote: nothing is read or opened again.
    expect(reads.filter((r) => !r.startsWith('people'))).toEqual([]);

    reads.length = 0;
    await dispatch('incident.change-facts', { incidentId: id, changes: { deskPhone: '0120-000-111' } });
    await until(() => incidentList.use.getState().rows[0]!.facts.deskPhone === '0120-000-111');
    expect(reads.filter((r) => !r.startsWith('people'))).toEqual([]);

    // From another laptop, stamped before the last change here: put in its place by the clock.
    reads.length = 0;
    const [first] = useTimeline.getState().events;
    const late = {
      id: crypto.randomUUID(),
      incidentId: id,
      at: encodeHlc({ wall: hlcTime(first!.at) + 1, counter: 0, node: 'peer' }),
      actor: 'peer-person',
      type: 'faq.enquiry-logged',
      payload: { enquiryId: 'e-peer', channel: 'email', caller: { name: '', phone: '', email: '' }, question: '届いた手紙について', answerEntryId: null, answerText: '', escalate: false, operator: '鈴木', durationSec: 0, tags: [], at: '2026-11-20T01:00:00.000Z' },
    } as AnyEvent;
    await ws.store.applyRemote([late]);
    await until(() => enquiries.use.getState().rows.some((e) => e.id === 'e-peer') && useTimeline.getState().events.some((e) => e.id === late.id));
    expect(reads).toEqual([]);
    const timeline = useTimeline.getState().events;
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    expect(timeline[0]!.id).toBe(first!.id);

    // Not one read of a whole table, nor of the incident's events, in all of it.
    expect(events).not.toHaveBeenCalled();
    session.dispose();
    binding.dispose();
    for (const state of screenStoreStates()) expect(state).toMatchObject({ ready: false });
  });
});
