/**
 * What an unlocked workspace opens is closed on lock, every part of it: the event store
 * (no edits, no listeners, no keys), the incident screens' data, the contact engine (its
 * caches of opened rows, its bulk-index key, its import worker), sync, the due-task timer,
 * the error log's hold on the key. Afterwards nothing the session can reach holds a key.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EventStore } from '../data/event-store';
import { StoreClosedError } from '../data/event-store';
import { useContacts } from '../contacts/ui/contacts-store';
import { screenStoreStates } from '../incidents/open-incident';
import { people } from '../people/people-store';
import { useSync } from '../sync/ui/sync-store';
import { useIntake } from '../intake/intake-store';
import { dispatch } from '../data/dispatch';
import { useSession } from './session-store';
import { tables } from '../data/tables';

const PASS = 'correct horse battery staple';

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

/** Every object reachable from the roots through properties, arrays, maps and sets (closures are opaque). */
function reachable(roots: unknown[]): unknown[] {
  const seen = new Set<unknown>();
  const stack = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) || v instanceof CryptoKey) continue;
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else stack.push(...Object.values(v));
  }
  return [...seen];
}

const sessionState = () => [useSession.getState(), ...screenStoreStates(), useContacts.getState(), useSync.getState(), useIntake.getState()];

afterAll(() => vi.restoreAllMocks());

describe('locking the workspace', () => {
  it('disposes everything the unlock opened and leaves no key the session can reach', async () => {
    const intervals = new Set<unknown>();
    const setInterval = globalThis.setInterval;
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void, ms?: number) => {
      const id = setInterval(fn, ms);
      intervals.add(id);
      return id;
    }) as typeof globalThis.setInterval);
    const clearInterval = globalThis.clearInterval;
    vi.spyOn(globalThis, 'clearInterval').mockImplementation(((id: Parameters<typeof clearInterval>[0]) => {
      intervals.delete(id);
      clearInterval(id);
    }) as typeof globalThis.clearInterval);

    await useSession.getState().create(PASS, '山田 花子');
    const store = useSession.getState().store as EventStore;
    const life = useSession.getState().lifetime!;
    await until(() => useContacts.getState().engine !== null && people.use.getState().rows.length === 1);
    const engine = useContacts.getState().engine!;
    const bulkKey = engine.importKeys.bulkIndex;

    // Open: the store has listeners (screens, engine, header), a key is reachable, the due-task timer, the report inbox's host check and the alerts' round with the host and the reminders' hand-over to it (decision 024) run.
    expect(useSession.getState()).toMatchObject({ status: 'unlocked', me: { name: '山田 花子' } });
    expect(store.listenerCount).toBeGreaterThanOrEqual(3);
    expect(intervals.size).toBe(4);
    expect(reachable(sessionState()).some((v) => v instanceof CryptoKey)).toBe(true);
    expect(bulkKey.some((b) => b !== 0)).toBe(true);
    // The founder makes the report page's key: the inbox holds it while the workspace is open.
    await dispatch('intake.create-key', {});
    await until(() => useIntake.getState().state.key !== null);

    useSession.getState().lock('manual');
    expect(useSession.getState()).toMatchObject({ status: 'locked', lockReason: 'manual', store: null, identity: null, me: null, lifetime: null });
    await life.dispose();

    expect(life.isDisposed).toBe(true);
    expect(life.size).toBe(0);
    // The event store: closed, nobody listening, no key inside.
    expect(store.isClosed).toBe(true);
    expect(store.listenerCount).toBe(0);
    expect(() => store.keys).toThrow(StoreClosedError);
    await expect(store.table(tables.people).all()).rejects.toBeInstanceOf(StoreClosedError);
    // The screens' data, the contact engine and its key, sync: gone.
    for (const state of screenStoreStates()) expect(state).toMatchObject({ key: null, ready: false });
    expect(people.use.getState().rows).toEqual([]);
    expect(useContacts.getState()).toMatchObject({ engine: null, client: null, datasets: [] });
    expect(engine.isDisposed).toBe(true);
    expect(bulkKey.every((b) => b === 0)).toBe(true);
    expect(useSync.getState()).toMatchObject({ settings: null, status: null, roster: [] });
    // The report inbox: no intake key (its private key is a string, so the reachability scan below would not see it) and no report.
    expect(useIntake.getState().state.key).toBeNull();
    expect(useIntake.getState().state.reports.size).toBe(0);
    // No timer left running for a locked workspace.
    expect(intervals.size).toBe(0);
    // Nothing the session's stores can reach holds a key, nor does the store if a reference to it was kept.
    for (const [name, root] of Object.entries({ session: sessionState(), store })) {
      expect(reachable([root]).filter((v) => v instanceof CryptoKey), name).toEqual([]);
    }
    expect(reachable(sessionState())).not.toContain(engine);

    // Unlocking opens a fresh lifetime; locking it again closes that one too.
    expect(await useSession.getState().unlock(PASS)).toBe(true);
    const again = useSession.getState().lifetime!;
    expect(again).not.toBe(life);
    expect(intervals.size).toBe(4);
    useSession.getState().lock('idle');
    await again.dispose();
    expect(intervals.size).toBe(0);
  }, 60_000);
});
