/**
 * Undo guards kept sparse, one record per million rows: whatever lists guard and changes
 * clear, over folds written and read back, every row's guard is what a plain map of them
 * says, the records stay sorted, and a record left guarding nothing is deleted.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { dropTestDatabases, openTestEngine } from './test-engine';
import { GUARD_ROWS, UndoGuards } from './undo-guards';

afterEach(dropTestDatabases);

describe('undo guards', () => {
  it('equal a plain map of them over folds written and read back', async () => {
    const { engine } = await openTestEngine();
    const t = engine.tables;
    const size = 3 * GUARD_ROWS + 12_345;
    const model = new Map<number, number>();
    let r = 12345;
    const rnd = () => ((r = (r * 48271) % 2147483647) / 2147483647);
    // Rows bunched near the regions' edges as well as anywhere.
    const row = () => (rnd() < 0.3 ? GUARD_ROWS * Math.floor(rnd() * 4) + Math.floor(rnd() * 6) - 3 : Math.floor(rnd() * size));
    const named: number[] = [];
    for (let fold = 0; fold < 40; fold++) {
      const g = new UndoGuards(size);
      const rows = Array.from({ length: 1 + Math.floor(rnd() * 60) }, row).filter((x) => x >= 0 && x < size);
      await g.load(t, 'list', rows);
      for (const x of rows) {
        named.push(x);
        if (rnd() < 0.5) {
          g.touch(x);
          model.delete(x);
        } else {
          const slot = 1 + Math.floor(rnd() * 255);
          if (rnd() < 0.5) g.touch(x);
          g.guard(x, slot);
          model.set(x, slot);
        }
        expect(g.slotOf(x)).toBe(model.get(x) ?? 0);
      }
      const { puts, deletes } = g.changed();
      await t.guards.bulkPut(puts);
      await t.guards.bulkDelete(deletes);
      const check = new UndoGuards(size);
      await check.load(t, 'list', 'all');
      for (const x of named) expect(check.slotOf(x), `row ${x} after fold ${fold}`).toBe(model.get(x) ?? 0);
      for (const rec of await t.guards.toArray()) {
        expect(rec.rows.length).toBeGreaterThan(0);
        expect([...rec.rows].every((x, i) => i === 0 || rec.rows[i - 1]! < x)).toBe(true);
        expect([...rec.rows].every((x) => Math.floor(x / GUARD_ROWS) === rec.block)).toBe(true);
        expect([...rec.slots].every((s) => s > 0)).toBe(true);
      }
    }
    // Everything cleared: no record is left.
    const g = new UndoGuards(size);
    await g.load(t, 'list', 'all');
    for (const x of model.keys()) g.touch(x);
    const { puts, deletes } = g.changed();
    expect(puts).toEqual([]);
    await t.guards.bulkDelete(deletes);
    expect(await t.guards.count()).toBe(0);
  });

  it('refuses a row whose region was not read (a fold would miss its guard)', () => {
    const g = new UndoGuards(10);
    expect(() => g.touch(3)).toThrow('not read');
  });
});
