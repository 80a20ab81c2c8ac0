/**
 * An event altered on disk (decision 040) is refused when read. The timeline of its incident
 * shows the rest and the incident is marked (data/unreadable.ts) so the screen says so
 * calmly: before, the timeline stayed "loading" for good — and with it the whole incident
 * screen, tabs included, when the timeline or closing tab was on show — and the refusal was
 * announced as an unexpected error.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import type { AnyDraft } from '../../../shared/events/registry';
import { dropTestLaptops, twoLaptops } from '../data/test-laptops';
import { useErrors } from '../errors/error-store';
import { forgetRefused, noteRefused, useUnreadable } from '../data/unreadable';
import { timeline, useTimeline } from './timeline-store';

afterEach(async () => {
  timeline.bind(null);
  forgetRefused();
  await dropTestLaptops();
});

const task = (id: string, incidentId: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId,
  payload: { tasks: [{ id, phase: 'containment', title: `作業 ${id}`, owner: '山田 太郎', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});

it('an event moved to this incident on disk: the timeline shows the rest, the incident is marked, with no unexpected-error notice', async () => {
  const { b } = await twoLaptops('timeline-unreadable');
  b.onRefused(noteRefused);
  await b.append([task('t1', 'i1')]);
  await b.append([task('t2', 'i2')]);
  const victim = (await b.database.events.toArray()).find((e) => e.incidentId === 'i1')!;
  await b.database.events.put({ ...victim, incidentId: 'i2' });
  const announced = useErrors.getState().count;
  timeline.bind(b);
  timeline.focus('i2');
  await timeline.loaded();
  expect(useTimeline.getState()).toMatchObject({ key: 'i2', ready: true });
  expect(useTimeline.getState().events.map((e) => e.incidentId)).toEqual(['i2']);
  expect(useTimeline.getState().events.some((e) => e.id === victim.id)).toBe(false);
  expect(useUnreadable.getState().places.has('i2')).toBe(true);
  expect(useErrors.getState().count).toBe(announced);
  // Another incident's timeline reads as before, unmarked.
  timeline.focus('i1');
  await timeline.loaded();
  expect(useTimeline.getState()).toMatchObject({ key: 'i1', ready: true });
  expect(useTimeline.getState().events).toHaveLength(0);
  expect(useUnreadable.getState().places.has('i1')).toBe(false);
});
