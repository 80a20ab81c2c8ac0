import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { fileFirstReport } from './commands';
import { duplicatesOfKept, intakeDuplicates, withoutDuplicates } from './duplicates';
import { EMPTY_REPORT, type Incident } from './model';
import { incidentsProjection } from './projections';

const report = { ...EMPTY_REPORT, discoveredAt: '2026-12-01T01:00:00.000Z', what: '名簿の誤送信', reporter: '山田' };

/** A first report filed from intake report `r` on a laptop whose clock stamps `at`. */
function filed(incidentId: string, at: string, r: string | undefined): HonbuEvent[] {
  const result = fileFirstReport({ now: Date.parse('2026-12-02T00:00:00Z'), newId: () => incidentId, actor: { personId: 'p', roles: ['direction'] } }, null, { title: '通報: 誤送信', kind: 'personal-data', scenario: '', drill: false, report, ...(r ? { intakeReportId: r } : {}) });
  if (!result.ok) throw new Error('refused');
  return result.events.map((d, i) => ({ ...d, id: `${incidentId}-e${i}`, at, actor: 'p' }) as HonbuEvent);
}

function fold(events: HonbuEvent[]): Incident[] {
  return [...foldAll(incidentsProjection, events).values()];
}

describe('one incident per intake report', () => {
  it('the first report carries the intake report it came from', () => {
    const [row] = fold(filed('inc-a', '0001', 'rep-1'));
    expect(row!.intakeReportId).toBe('rep-1');
  });

  it('two laptops filing the same report keep the earlier first report, in whatever order the events arrive', () => {
    const a = filed('inc-a', '0000000002000-0000-devA', 'rep-1');
    const b = filed('inc-b', '0000000001000-0000-devB', 'rep-1');
    for (const events of [[...a, ...b], [...b, ...a]]) {
      const dup = intakeDuplicates(fold(events));
      expect([...dup]).toEqual([['inc-a', 'inc-b']]);
      expect(withoutDuplicates(fold(events), dup).map((i) => i.id)).toEqual(['inc-b']);
      expect(duplicatesOfKept('inc-b', dup)).toEqual(['inc-a']);
    }
  });

  it('the same clock is decided by the id, so every laptop picks the same', () => {
    const dup = intakeDuplicates(fold([...filed('inc-z', '0005', 'rep-1'), ...filed('inc-m', '0005', 'rep-1')]));
    expect([...dup]).toEqual([['inc-z', 'inc-m']]);
  });

  it('other reports and incidents not from the intake are never duplicates', () => {
    const rows = fold([...filed('inc-a', '0001', 'rep-1'), ...filed('inc-b', '0002', 'rep-2'), ...filed('inc-c', '0003', undefined), ...filed('inc-d', '0004', undefined)]);
    expect(intakeDuplicates(rows).size).toBe(0);
  });

  it('three laptops: two duplicates of one kept incident', () => {
    const dup = intakeDuplicates(fold([...filed('inc-a', '0003', 'rep-1'), ...filed('inc-b', '0001', 'rep-1'), ...filed('inc-c', '0002', 'rep-1')]));
    expect(duplicatesOfKept('inc-b', dup).sort()).toEqual(['inc-a', 'inc-c']);
  });
});
