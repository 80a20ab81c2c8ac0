import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Incident } from './model';
import { historyIncidents, isoDate } from './history';

function incident(id: string, discoveredAt: string, drill = false): Incident {
  return {
    id, title: id, kind: 'personal-data', scenario: '', drill, summary: '', completedAt: null, excluded: false, published: false,
    facts: { ...EMPTY_FACTS, discoveredAt }, reportCount: 1, createdAt: '0', createdBy: 'p', updatedAt: '0', stamps: {},
  };
}

describe('history DB', () => {
  const list = [incident('b', '2026-02-01T00:00:00Z'), incident('drill', '2026-01-15T00:00:00Z', true), incident('a', '2026-01-01T00:00:00Z')];

  it('leaves drills out unless asked, oldest first', () => {
    expect(historyIncidents(list, { includeDrills: false }).map((i) => i.id)).toEqual(['a', 'b']);
    expect(historyIncidents(list, { includeDrills: true }).map((i) => i.id)).toEqual(['a', 'drill', 'b']);
  });

  it('dates in Japan time: 23:30 UTC is already the next day in Tokyo', () => {
    expect(isoDate('2026-03-31T23:30:00Z')).toBe('2026-04-01');
    expect(isoDate(null)).toBe('');
  });
});
