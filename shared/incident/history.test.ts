import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Incident } from './model';
import { encodeHlc } from '../events/hlc';
import { historyIncidents, isoDate } from './history';

function incident(id: string, discoveredAt: string | null, drill = false, filed = '2026-01-01T00:00:00Z'): Incident {
  return {
    id, title: id, kind: 'personal-data', scenario: '', drill, summary: '', completedAt: null, excluded: false, published: false,
    facts: { ...EMPTY_FACTS, discoveredAt }, reportCount: 1, createdAt: stamp(filed), createdBy: 'p', updatedAt: stamp(filed), stamps: {},
  };
}

/** The clock stamp an incident row carries for when it was filed (its first event's). */
const stamp = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'n1' });

describe('history DB', () => {
  const list = [incident('b', '2026-02-01T00:00:00Z'), incident('drill', '2026-01-15T00:00:00Z', true), incident('a', '2026-01-01T00:00:00Z')];

  it('leaves drills out unless asked, oldest first', () => {
    expect(historyIncidents(list, { includeDrills: false }).map((i) => i.id)).toEqual(['a', 'b']);
    expect(historyIncidents(list, { includeDrills: true }).map((i) => i.id)).toEqual(['a', 'drill', 'b']);
  });

  it('an incident without a discovery time is placed by when it was filed, not first of all', () => {
    const withUndated = [...list, incident('undated', null, false, '2026-01-20T00:00:00Z')];
    expect(historyIncidents(withUndated, { includeDrills: false }).map((i) => i.id)).toEqual(['a', 'undated', 'b']);
    // A discovery time typed as the form gives it (local, no zone) reads as a time too.
    const local = incident('local', '2026-01-10T09:00');
    expect(historyIncidents([...withUndated, local], { includeDrills: false }).map((i) => i.id)).toEqual(['a', 'local', 'undated', 'b']);
  });

  it('dates in Japan time: 23:30 UTC is already the next day in Tokyo', () => {
    expect(isoDate('2026-03-31T23:30:00Z')).toBe('2026-04-01');
    expect(isoDate(null)).toBe('');
  });
});
