import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { parseDraft } from '../events/registry';
import { testContext } from '../events/test-context';
import { fileFirstReport } from '../incident/commands';
import { incidentsProjection } from '../incident/projections';
import { EMPTY_REPORT } from '../incident/model';
import { addScenarioTasks } from './commands';
import { planScenarioTasks } from './scenario-tasks';
import { BUILTIN_TEMPLATES } from './scenarios';
import { tasksProjection } from './tasks';

const lost = BUILTIN_TEMPLATES.find((t) => t.id === 'lost-device')!;
const access = BUILTIN_TEMPLATES.find((t) => t.id === 'unauthorised-access')!;
const discovered = '2026-11-20T00:00:00.000Z';
const later = Date.parse('2026-11-23T09:00:00.000Z');
let serial = 0;
/** Ids as the app makes them: never the same twice, whichever command asks. */
const ctxAt = (now: number) => testContext({ now, ids: Array.from({ length: 200 }, () => `id-${++serial}`) });

function stored(drafts: { type: string; incidentId: string | null; payload: unknown }[], at: string): HonbuEvent[] {
  return drafts.map((d, i) => ({ ...d, id: `${at}-${i}`, at: `${at}-${i}`, actor: 'p1' }) as HonbuEvent);
}

/** A lost-device incident as the app files it: its template's tasks on the boards. */
function lostDeviceIncident() {
  const report = { ...EMPTY_REPORT, discoveredAt: discovered, reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 10 };
  const r = fileFirstReport(ctxAt(Date.parse(discovered) + 60_000), null, { title: 'ノートPC紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report, template: lost });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { id: r.value, events: stored(r.events, '001') };
}

function fold(events: HonbuEvent[], id: string) {
  return { incident: foldAll(incidentsProjection, events).get(id)!, tasks: [...foldAll(tasksProjection, events).values()] };
}

describe('a scenario’s tasks added to an incident under way', () => {
  it('adds only the tasks not already on the board: the common ones are not there twice', () => {
    const { id, events } = lostDeviceIncident();
    const before = fold(events, id);
    expect(before.tasks.length).toBe(lost.tasks.length);
    const r = addScenarioTasks(ctxAt(later), before, { template: access, changeScenario: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const after = fold([...events, ...stored(r.events, '002')], id);
    const lostKeys = new Set(lost.tasks.map((t) => t.key));
    const expected = access.tasks.filter((t) => !lostKeys.has(t.key));
    expect(expected.length).toBeGreaterThan(0);
    expect(access.tasks.length - expected.length).toBeGreaterThan(0); // the template shares tasks with lost-device
    expect(r.value).toBe(expected.length);
    expect(after.tasks.length).toBe(lost.tasks.length + expected.length);
    // Each template key once on the board.
    const keys = after.tasks.map((t) => t.templateKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(after.tasks.filter((t) => t.templateKey && !lostKeys.has(t.templateKey)).map((t) => t.title).sort()).toEqual(expected.map((t) => t.title).sort());
    // The scenario follows: it decides the regulator report's points and the call tree.
    expect(after.incident.scenario).toBe('unauthorised-access');
  });

  it('counts due times from now, not from discovery days ago', () => {
    const plan = planScenarioTasks(access, [], later, () => 'x');
    access.tasks.forEach((t, i) => {
      const due = plan.add[i]!.dueAt;
      if (t.dueAfterHours === null) expect(due).toBeNull();
      else expect(Date.parse(due!)).toBe(later + t.dueAfterHours * 3_600_000);
    });
  });

  it('records which scenario they came from, in both languages, and each event passes the registry', () => {
    const { id, events } = lostDeviceIncident();
    const r = addScenarioTasks(ctxAt(later), fold(events, id), { template: access, changeScenario: true });
    if (!r.ok) throw new Error('refused');
    const added = r.events.find((e) => e.type === 'boards.tasks-added')!;
    expect((added.payload as { template: unknown }).template).toEqual({ id: access.id, version: access.version, name: access.name, nameEn: access.en!.name });
    for (const e of r.events) expect(parseDraft(e as never).ok).toBe(true);
  });

  it('leaves the scenario alone when asked to, and says when there is nothing to add', () => {
    const { id, events } = lostDeviceIncident();
    const r = addScenarioTasks(ctxAt(later), fold(events, id), { template: access, changeScenario: false });
    if (!r.ok) throw new Error('refused');
    expect(r.events.map((e) => e.type)).toEqual(['boards.tasks-added']);
    const after = fold([...events, ...stored(r.events, '002')], id);
    expect(after.incident.scenario).toBe('lost-device');
    // Adding the same scenario again (a second click, a colleague's laptop): nothing new.
    const again = addScenarioTasks(ctxAt(later + 1000), after, { template: access, changeScenario: false });
    expect(again).toEqual({ ok: false, problems: [{ field: 'template', reason: 'nothing-new' }] });
    // Its own scenario adds nothing either.
    expect(addScenarioTasks(ctxAt(later), after, { template: lost, changeScenario: true }).ok).toBe(false);
  });

  it('refuses a closed incident', () => {
    const { id, events } = lostDeviceIncident();
    const state = fold(events, id);
    const r = addScenarioTasks(ctxAt(later), { ...state, incident: { ...state.incident, completedAt: '2026-11-22T00:00:00.000Z' } }, { template: access, changeScenario: true });
    expect(r).toEqual({ ok: false, problems: [{ field: 'incident', reason: 'closed' }] });
  });
});
