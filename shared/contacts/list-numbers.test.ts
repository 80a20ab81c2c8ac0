import { describe, expect, it } from 'vitest';
import { importDataset } from './commands';
import { clashedNumbers, formatListNo, listNumberOf, listNumbers, nextListNumber, type ListImport } from './list-numbers';

const imp = (datasetId: string, at: string, listNo?: number): ListImport => ({ datasetId, at, id: `e-${datasetId}`, ...(listNo === undefined ? {} : { listNo }) });

describe('list numbers', () => {
  it('gives lists imported before numbers existed 01, 02, … in event order, whatever order the events are read in', () => {
    const events = [imp('c', '0003'), imp('a', '0001'), imp('b', '0002')];
    const of = listNumberOf(events);
    expect(['a', 'b', 'c'].map(of)).toEqual([1, 2, 3]);
    expect(listNumberOf([...events].reverse())('c')).toBe(3);
  });

  it('keeps the number chosen at import, and a new list takes the smallest free one', () => {
    const events = [imp('a', '0001', 1), imp('b', '0002', 3), imp('c', '0003')];
    expect(listNumbers(events).byDataset).toEqual(new Map([['a', 1], ['b', 3], ['c', 2]]));
    expect(nextListNumber(events)).toBe(4);
    expect(nextListNumber([])).toBe(1);
  });

  it('a number chosen after older lists leaves their numbers as they were', () => {
    const old = [imp('a', '0001'), imp('b', '0002')];
    const next = nextListNumber(old)!;
    const after = listNumbers([...old, imp('n', '0009', next)]).byDataset;
    expect([after.get('a'), after.get('b'), after.get('n')]).toEqual([1, 2, 3]);
  });

  it('two laptops offline chose the same number: the earlier import keeps it, the other takes the smallest free, the rest stay', () => {
    // Laptop X imported x (02) then y (03); laptop Y, offline, imported z and chose 02 as well, earlier on the clock.
    const events = [imp('a', '0001', 1), imp('x', '0005', 2), imp('y', '0006', 3), imp('z', '0004', 2)];
    const n = listNumbers(events);
    expect(n.byDataset.get('z')).toBe(2);
    expect(n.byDataset.get('x')).toBe(4);
    expect(n.byDataset.get('y')).toBe(3);
    expect(n.moved).toEqual(new Map([['x', { chose: 2, now: 4 }]]));
    expect(n.byNumber.get(4)).toBe('x');
  });

  it('the same clock on two events is decided by the event id, as the store orders them', () => {
    const a: ListImport = { datasetId: 'a', at: '0001', id: 'e2', listNo: 1 };
    const b: ListImport = { datasetId: 'b', at: '0001', id: 'e1', listNo: 1 };
    expect(listNumbers([a, b]).byDataset).toEqual(new Map([['b', 1], ['a', 2]]));
  });

  it('with all 99 numbers taken there is no next number, and a clash beyond that leaves a list without one', () => {
    const full = Array.from({ length: 99 }, (_, i) => imp(`d${i}`, String(i).padStart(4, '0'), i + 1));
    expect(nextListNumber(full)).toBeUndefined();
    const n = listNumbers([...full, imp('late', '9999', 5)]);
    expect(n.byDataset.has('late')).toBe(false);
    expect(n.moved.get('late')).toEqual({ chose: 5, now: undefined });
  });

  it('ignores a number outside 01–99 (a broken laptop) and gives the list a free one', () => {
    expect(listNumberOf([imp('a', '0001', 0), imp('b', '0002', 100)])('b')).toBe(2);
  });

  it('formats as two digits', () => {
    expect(formatListNo(1)).toBe('01');
    expect(formatListNo(42)).toBe('42');
  });
});

describe('importDataset command', () => {
  const payload = { datasetId: 'n', contentHash: 'h', rows: 1, mapping: { fields: {}, extra: [] }, header: ['a'], encoding: 'utf-8' as const, fileName: 'x.csv', channelOrder: ['post' as const], maxRetries: 1, segments: [] };
  const ctx = { newId: () => 'id', now: () => '2026-12-02T00:00:00.000Z' } as unknown as Parameters<typeof importDataset>[0];

  it('puts the smallest free number in the event', () => {
    const r = importDataset(ctx, { incidentId: 'inc', lists: [imp('a', '0001', 1), imp('b', '0002', 3)] }, payload);
    expect(r.ok && r.value).toBe(2);
    expect(r.ok && (r.events[0]!.payload as { listNo?: number }).listNo).toBe(2);
  });

  it('refuses a 100th list, saying why', () => {
    const full = Array.from({ length: 99 }, (_, i) => imp(`d${i}`, String(i).padStart(4, '0'), i + 1));
    expect(importDataset(ctx, { incidentId: 'inc', lists: full }, payload)).toEqual({ ok: false, problems: [{ field: 'lists', reason: 'lists-full', params: { max: 99 } }] });
  });
});

describe('numbers two lists chose', () => {
  it('name, per number, the lists that chose it and print another number now', () => {
    const n = listNumbers([
      { datasetId: 'a', listNo: 1, at: '1', id: 'e1' },
      { datasetId: 'x', listNo: 1, at: '2', id: 'e2' },
      { datasetId: 'b', listNo: 2, at: '3', id: 'e3' },
    ]);
    expect(clashedNumbers(n)).toEqual(new Map([[1, [{ datasetId: 'x', now: 3 }]]]));
    expect(clashedNumbers(listNumbers([{ datasetId: 'a', listNo: 1, at: '1', id: 'e1' }]))).toEqual(new Map());
  });
});
