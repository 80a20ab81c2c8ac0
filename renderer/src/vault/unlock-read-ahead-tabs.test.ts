/**
 * Two tabs on one workspace (web mode) never hear each other's commits: a tab sees what the
 * other wrote only when it reads the table again. Rows this tab read ahead of its unlock must
 * not stand in for that read once the other tab has written. And one tab unlocking twice at
 * once opens one session, which the lock closes whole.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { firstReportArgs } from '../data/test-drafts';
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import { tasks } from '../boards/tasks-store';
import { dispatch } from '../data/dispatch';
import type { EventStore } from '../data/event-store';
import { focusIncident, partsLoaded, readAheadFirstScreen } from '../incidents/open-incident';
import { useNav } from '../shell/nav-store';
import { database, useSession } from './session-store';

const PASS = 'correct horse battery staple';
const tick = () => new Promise((r) => setTimeout(r, 20));

/** The other tab: its own page, so its own modules (nothing it holds in memory is this tab's). */
async function otherTabAddsTask(incidentId: string, title: string): Promise<void> {
  vi.resetModules();
  const { HonbuDb } = await import('../data/db');
  const { unlockWorkspace } = await import('../data/workspace');
  const other = new HonbuDb(database().name);
  const tab = await unlockWorkspace(other, PASS);
  try {
    await tab.store.append([
      {
        type: 'boards.tasks-added',
        incidentId,
        payload: { tasks: [{ id: crypto.randomUUID(), phase: 'direction', title, owner: '', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
      },
    ]);
  } finally {
    await tab.store.close();
    other.close();
  }
}

describe('rows read ahead of the unlock, and another tab', () => {
  it('shows a task another tab added while this tab was deriving its key', async () => {
    await useSession.getState().create(PASS, '山田 花子');
    const id = await dispatch('incident.file-first-report', firstReportArgs());
    useSession.getState().lock('manual');
    useNav.getState().openIncident(id, 'board');

    // What the unlock does while Argon2id runs: the board's rows are read, sealed.
    readAheadFirstScreen(database(), id, 'board');
    await tick();
    // Meanwhile, in the other tab: a task added.
    await otherTabAddsTask(id, '別のタブで足した作業');
    await tick();

    expect(await useSession.getState().unlock(PASS)).toBe(true);
    focusIncident(id);
    await partsLoaded(['tasks']);
    // As a fresh page shows it.
    expect(tasks.use.getState().rows.map((t) => t.title)).toContain('別のタブで足した作業');
    expect(tasks.use.getState().rows.length).toBe(BUILTIN_TEMPLATES[0]!.tasks.length + 1);
    useSession.getState().lock('manual');
  }, 60_000);

  it('shows an incident another tab changed after this tab unlocked onto it but moved on before its board read it', async () => {
    const id = useNav.getState().incidentId!;
    // Unlocking onto the incident's board: its rows are read ahead…
    const unlocking = useSession.getState().unlock(PASS);
    // …but the person opens another screen before the board mounts (its rows are not taken).
    expect(await unlocking).toBe(true);
    focusIncident(null);
    await tick();
    // The other tab adds a task; this tab has committed nothing since.
    await otherTabAddsTask(id, 'あとで別のタブで足した作業');
    await tick();
    // Back to the incident: its board must show the other tab's task, as a fresh page does.
    focusIncident(id);
    await partsLoaded(['tasks']);
    expect(tasks.use.getState().rows.map((t) => t.title)).toContain('あとで別のタブで足した作業');
    useSession.getState().lock('manual');
  }, 60_000);
});

describe('two unlocks at once', () => {
  it('opens one session: after the lock no store of either is left holding the key', async () => {
    const stores = new Set<EventStore>();
    const stop = useSession.subscribe((s) => s.store && stores.add(s.store));
    // Enter pressed twice, or the form sent twice: both derive the key.
    const [a, b] = await Promise.all([useSession.getState().unlock(PASS), useSession.getState().unlock(PASS)]);
    expect([a, b]).toEqual([true, true]);
    useSession.getState().lock('manual');
    stop();
    expect(stores.size).toBeGreaterThan(0);
    for (const s of stores) {
      await expect(s.append([{ type: 'boards.template-saved', incidentId: null, payload: { template: BUILTIN_TEMPLATES[0]! } }])).rejects.toThrow();
    }
  }, 60_000);
});
