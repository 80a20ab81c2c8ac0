/**
 * Each commit tells its listeners what it changed: the events (opened), where they came
 * from, and per table the rows it wrote — so a screen's store re-reads only those.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import type { ChangeNotice } from './change-notice';
import { tables } from './tables';
import { dropTestLaptops, twoLaptops } from './test-laptops';

afterEach(dropTestLaptops);
const laptops = () => twoLaptops('notice');

const task = (id: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId: 'i1',
  payload: { tasks: [{ id, phase: 'containment', title: id, owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});
const tableIds = (n: ChangeNotice) => Object.fromEntries([...n.touched].map(([table, ids]) => [table, [...ids].sort()]));

describe('change notices', () => {
  it('name the tables and rows each commit touched, with its events and where they came from', async () => {
    const { a, b } = await laptops();
    const heard: ChangeNotice[] = [];
    a.subscribe((n) => heard.push(n));
    const [added] = await a.append([task('t1'), task('t2')]);
    await a.append([
      { type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't2', changes: { owner: '佐藤' } } },
      { type: 'incident.facts-changed', incidentId: 'i1', payload: { changes: { deskPhone: '0120-000-000' } } },
    ]);
    expect(heard.map((n) => n.origin)).toEqual(['local', 'local']);
    expect(heard[0]!.events[0]).toEqual(added);
    expect(tableIds(heard[0]!)).toEqual({ tasks: ['t1', 't2'] });
    // The facts row of an incident that has no incident row yet is still a row of fact-edits.
    expect(tableIds(heard[1]!)).toEqual({ tasks: ['t2'], incidents: ['i1'], 'fact-edits': ['i1:deskPhone'] });

    const heardB: ChangeNotice[] = [];
    b.subscribe((n) => heardB.push(n));
    await b.applyRemote(await a.readEvents());
    expect(heardB).toHaveLength(1);
    expect(heardB[0]!.origin).toBe('remote');
    expect(heardB[0]!.events.map((e) => e.type)).toEqual(['boards.tasks-added', 'boards.tasks-added', 'boards.task-changed', 'incident.facts-changed']);
    expect(tableIds(heardB[0]!)).toEqual({ tasks: ['t1', 't2'], incidents: ['i1'], 'fact-edits': ['i1:deskPhone'] });
  });

  it('name what a derived write touched, with no events', async () => {
    const { a } = await laptops();
    const heard: ChangeNotice[] = [];
    a.subscribe((n) => heard.push(n));
    await a.writeDerived({ tables: ['contact-totals'], prepare: async () => ({ write: async () => undefined, touched: [['contact-totals', ['d1']]] }) });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.events).toEqual([]);
    expect(tableIds(heard[0]!)).toEqual({ 'contact-totals': ['d1'] });
  });

  it('hand over the rows they wrote, as a read would return them, so a screen need not read them again', async () => {
    const { a } = await laptops();
    const heard: ChangeNotice[] = [];
    a.subscribe((n) => heard.push(n));
    await a.append([task('t1')]);
    await a.append([{ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { owner: '佐藤' } } }]);
    const written = heard[1]!.rows!.get('tasks')!;
    expect([...written.keys()]).toEqual(['t1']);
    expect(written.get('t1')).toEqual(await a.table(tables.tasks).get('t1'));
    expect(written.get('t1')).toMatchObject({ owner: '佐藤' });
    // Bulk tables are not handed over: their ids are in `touched` only.
    await a.writeDerived({ tables: ['contact-totals'], prepare: async () => ({ write: async () => undefined, touched: [['contact-totals', ['d1']]] }) });
    expect(heard[2]!.rows?.get('contact-totals')).toBeUndefined();
  });
});
