import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { EventStore } from './event-store';
import { tables } from './tables';
import { dropTestLaptops, twoLaptops } from './test-laptops';

afterEach(dropTestLaptops);
const laptops = () => twoLaptops('remote');

const task = (id: string, title: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId: 'i1',
  payload: { tasks: [{ id, phase: 'containment', title, owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});

describe('events from another laptop', () => {
  it('are stored once and folded so both laptops end with the same projections', async () => {
    const { a, b } = await laptops();
    await a.append([task('t1', 'ロック'), task('t2', '遺失届')]);
    await a.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { status: 'doing' } } }]);
    await b.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't2', changes: { owner: '佐藤' } } }]);

    const fromA = await a.readEvents();
    const fromB = await b.readEvents();
    // Out of order and twice over: a flaky network does both.
    expect(await b.applyRemote([...fromA].reverse())).toHaveLength(3);
    expect(await b.applyRemote(fromA)).toHaveLength(0);
    expect(await a.applyRemote(fromB)).toHaveLength(1);

    const rows = async (s: EventStore) => (await s.table(tables.tasks).all()).sort((x, y) => x.id.localeCompare(y.id));
    expect(await rows(b)).toEqual(await rows(a));
    expect((await rows(a)).map((r) => r)).toMatchObject([
      { id: 't1', status: 'doing' },
      { id: 't2', owner: '佐藤' },
    ]);
    expect((await a.readEvents()).map((e) => e.id).sort()).toEqual((await b.readEvents()).map((e) => e.id).sort());
  });

  it('moves the local clock past what it has seen, so a later local edit wins', async () => {
    const { a, b } = await laptops();
    await a.append([task('t1', 'x')]);
    // A's clock runs three hours ahead of B's.
    const future = (await a.readEvents()).map((e) => ({ ...e, at: e.at.replace(/^\d{16}/, String(1_700_000_000_000 + 3 * 3_600_000).padStart(16, '0')) }));
    await b.applyRemote(future);
    const [mine] = await b.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { title: 'y' } } }]);
    expect(mine!.at > future[0]!.at).toBe(true);
    expect((await b.table(tables.tasks).get('t1'))?.title).toBe('y');
  });

  it('still stores events from a laptop whose clock is days ahead, without jumping our clock', async () => {
    const { a, b } = await laptops();
    await a.append([task('t1', 'x')]);
    const far = (await a.readEvents()).map((e) => ({ ...e, at: e.at.replace(/^\d{16}/, String(1_800_000_000_000).padStart(16, '0')) }));
    expect(await b.applyRemote(far)).toHaveLength(1);
    const [mine] = await b.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { title: 'y' } } }]);
    expect(mine!.at < far[0]!.at).toBe(true);
    expect(await b.table(tables.tasks).get('t1')).toMatchObject({ title: 'x' });
  });
});

describe('a malformed event from another laptop', () => {
  it('is refused with its reason, and neither stored nor folded', async () => {
    const { a, b } = await laptops();
    await a.append([task('t1', 'ロック')]);
    await a.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { status: 'doing' } } }]);
    const fromA = await a.readEvents();
    const [added, changed] = fromA;
    const forged = { ...changed!, id: crypto.randomUUID(), payload: { taskId: 't1', changes: { status: 'finished' } } };
    const future = { ...changed!, id: crypto.randomUUID(), type: 'boards.task-archived' };
    const refused: { id: string | undefined; reason: string }[] = [];

    const applied = await b.applyRemote([added, forged, future, changed], (r) => refused.push(r));

    expect(applied.map((e) => e.id)).toEqual([added!.id, changed!.id]);
    expect(refused).toEqual([
      { id: forged.id, reason: 'boards.task-changed payload.changes.status: expected ("todo" | "doing" | "blocked" | "done")' },
      { id: future.id, reason: 'type: "boards.task-archived" is not an event type this version knows' },
    ]);
    expect((await b.readEvents()).map((e) => e.id).sort()).toEqual([added!.id, changed!.id].sort());
    expect(await b.table(tables.tasks).all()).toEqual(await a.table(tables.tasks).all());
  });

  it('under an old type name is taken, and stored under the current one', async () => {
    const { a, b } = await laptops();
    await a.append([{ type: 'incident.decision-recorded', incidentId: 'i1', payload: { decisionId: 'd1', phase: 'direction', what: '公表する', why: '件数が多い', decidedBy: '社長' } }]);
    const [sent] = await a.readEvents();
    const asOldLaptopsSentIt = { ...sent!, type: 'decision.recorded' };
    expect(await b.applyRemote([asOldLaptopsSentIt])).toHaveLength(1);
    expect((await b.readEvents()).map((e) => e.type)).toEqual(['incident.decision-recorded']);
    expect(await b.table(tables.decisions).all()).toEqual(await a.table(tables.decisions).all());
  });
});
