/**
 * The bench's measures on the screens (bench/run.ts drives them): the dashboard's first
 * figures, one call result → the dashboard's figures, the undo of a bulk list and a burst
 * of contact events from another laptop → the dashboard current. Each ends once the
 * dashboard on screen shows the change and a frame has been painted.
 */
import { CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import { encodeHlc } from '../../../../shared/events/hlc';
import type { HonbuEvent } from '../../../../shared/events/event';
import type { ContactEngine } from '../contact-engine';
import { kpi, showScreen, until } from './screens';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
/** What the dashboard shows in figures (its KPIs and its by-phase and by-channel tables). */
const figures = () => document.querySelector('section[aria-labelledby="db-title"]')?.textContent ?? '';

export function liveApi(engine: ContactEngine, incidentId: string) {
  return {
    /** The dashboard mounted on a page just unlocked → its figures drawn. */
    dashboardFirst: () => showScreen(incidentId, 'dashboard', () => kpi('total') !== ''),

    /** One call result each (rows given) while the dashboard is on screen → its figures show it. */
    async outcomes(datasetId: string, rows: number[]) {
      const xs: number[] = [];
      const committed: number[] = [];
      for (const row of rows) {
        const before = kpi('reached');
        const t0 = performance.now();
        const e = await engine.recordOutcome(datasetId, row, 'reached', '', '');
        if (!e) continue;
        committed.push(performance.now() - t0);
        await until(() => kpi('reached') !== before);
        xs.push(performance.now() - t0);
      }
      return {
        n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(0, ...xs), committedP50: pct(committed, 50), committedP95: pct(committed, 95),
        // The first after unlock apart (its code and the tables it reads are cold), and the p95 of the others.
        first: xs[0] ?? NaN, p95AfterFirst: pct(xs.slice(1), 95),
        each: xs.map((x) => Math.round(x)),
      };
    },

    /** Undo of a bulk list (its event) → undone, and the dashboard's figures changed. */
    async undo(datasetId: string, eventId: string) {
      const before = figures();
      const t0 = performance.now();
      await engine.undo(datasetId, eventId);
      const undoMs = performance.now() - t0;
      await until(() => figures() !== before);
      return { ms: performance.now() - t0, undoMs };
    },

    /**
     * `count` contact events from another laptop arrive at once (as sync hands them over):
     * one result each, on rows spread over the list. `late`: stamped over the last ten
     * minutes, between this laptop's own events (a laptop back from being offline);
     * otherwise stamped now, after all of them.
     */
    async syncBurst(datasetId: string, rows: number[], late: boolean) {
      const now = Date.now();
      const node = late ? 'bench-peer-late' : 'bench-peer';
      const events: HonbuEvent[] = rows.map((row, i) => ({
        id: crypto.randomUUID(),
        incidentId,
        at: encodeHlc({ wall: late ? now - 600_000 + Math.floor((i * 600_000) / rows.length) : now, counter: late ? 0 : i, node }),
        actor: engine.store.actor,
        type: CONTACT_EVENT_TYPES.outcomesRecorded,
        payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [row], outcomes: [i % 4 === 0 ? 'failed' : 'reached'], reasons: [i % 4 === 0 ? 'unknown-address' : ''] },
      }));
      const before = figures();
      const reachedBefore = (await engine.totals(datasetId)).byPhase.reached;
      let refused = 0;
      const t0 = performance.now();
      const fresh = await engine.store.applyRemote(events, () => refused++);
      await engine.settled();
      const storedMs = performance.now() - t0;
      await until(() => figures() !== before);
      const ms = performance.now() - t0;
      const reachedAfter = (await engine.totals(datasetId)).byPhase.reached;
      return { ms, storedMs, events: events.length, stored: fresh.length, refused, reachedDelta: reachedAfter - reachedBefore };
    },
  };
}
