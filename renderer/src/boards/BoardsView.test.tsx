import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/boards/tasks';
import type { OpenIncident } from '../incidents/open-incident';
import { BoardsView, FIRST_DRAW_CARDS } from './BoardsView';

const task = (n: number): Task => ({
  id: `t${n}`,
  incidentId: 'i1',
  phase: 'direction',
  title: `作業 ${n}`,
  owner: '',
  dueAt: null,
  status: 'todo',
  notes: '',
  checklist: [],
  source: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'p1',
  stamps: {},
});

describe('the board as it first appears (unlock → the incident screen)', () => {
  it('draws a window’s worth of cards per column first, not all 600, and still shows the full count', () => {
    const tasks = Array.from({ length: 600 }, (_, i) => task(i));
    const data = { incident: { id: 'i1' }, tasks } as unknown as OpenIncident;
    const html = renderToStaticMarkup(<BoardsView data={data} />);
    const cards = html.match(/data-task-id=/g) ?? [];
    expect(cards.length).toBe(FIRST_DRAW_CARDS);
    expect(cards.length).toBeLessThan(600);
    // The column's count is the whole column's, not the cards drawn so far.
    expect(html).toMatch(/<span class="count">600<\/span>/);
    // The first cards, in the column's order.
    expect(html).toContain('data-task-id="t0"');
    expect(html).not.toContain(`data-task-id="t${FIRST_DRAW_CARDS}"`);
  });
});
