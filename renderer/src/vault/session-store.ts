/**
 * The workspace session: locked or unlocked, and the open store while unlocked. What the
 * unlocked workspace opens is its lifetime (session-lifetime.ts); locking disposes it,
 * which drops the keys and every decrypted value held by the app's stores.
 */
import Dexie from 'dexie';
import { create } from 'zustand';
import type { Person, ProfileFields } from '../../../shared/people/profile';
import { WrongPassphraseError } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { dispatch } from '../data/dispatch';
import type { EventStore } from '../data/event-store';
import { DEFAULT_PREFS, readPrefs, writePref, type Prefs } from '../data/prefs';
import {
  changeWorkspacePassphrase,
  createWorkspace,
  WorkspaceExistsError,
  readVaultRecord,
  unlockWorkspace,
  type Identity,
} from '../data/workspace';
import type { DisposableStore } from '../../../shared/lifecycle/disposable';
import { reportError } from '../errors/report';
import { useI18n } from '../i18n/i18n';
import { setMenuLanguage } from '../platform/platform';
import { joinTeam, type JoinRequestForm } from '../sync/ui/join-flow';
import { openSession } from './session-lifetime';
import { offThreadKdf, workerKdf } from './kdf-off-thread';
import { warmFormatters } from '../ui/format';
import { tables } from '../data/tables';
import { dropReadAhead } from '../data/table-reader';
import { readAheadFirstScreen } from '../incidents/open-incident';
import { useNav } from '../shell/nav-store';

export type SessionStatus = 'loading' | 'setup' | 'locked' | 'unlocked';
/** Why the workspace closed: locked by hand or after idle time, or erased in another window of the app. */
export type LockReason = 'manual' | 'idle' | 'erased' | null;

interface SessionState {
  status: SessionStatus;
  lockReason: LockReason;
  prefs: Prefs;
  store: EventStore | null;
  identity: Identity | null;
  me: Person | null;
  /** What the unlocked workspace opened; disposed on lock. */
  lifetime: DisposableStore | null;
  init(): Promise<void>;
  create(passphrase: string, name: string): Promise<void>;
  /** Joins a team with an invite code: a new workspace around the team's key, then unlocked. */
  join(form: JoinRequestForm): Promise<void>;
  /** Resolves false (and opens nothing) when the passphrase is wrong. */
  unlock(passphrase: string): Promise<boolean>;
  lock(reason: Exclude<LockReason, null>): void;
  /** Resolves false when the current passphrase is wrong. */
  changePassphrase(current: string, next: string): Promise<boolean>;
  saveProfile(fields: Partial<ProfileFields>): Promise<void>;
  /**
   * Deletes this laptop's workspace — every event, row, key and preference — without
   * exporting anything, and returns to the first-start screen. For a laptop the team has
   * revoked; the screen asks for a typed confirmation first.
   */
  wipe(): Promise<void>;
  setPref<K extends keyof Prefs>(key: K, value: Prefs[K]): Promise<void>;
}

let db: HonbuDb | null = null;
/** What the session does when another window erased the workspace (set below). */
let erasedElsewhere: () => void = () => undefined;
export function database(): HonbuDb {
  if (db) return db;
  const opened = new HonbuDb();
  // Another window of the app deleting the database (its erase): this window must never open
  // it again — its next write would make the erased workspace anew — and its session ends.
  // An upgrade by a newer version is left to Dexie (it closes, and opens again when used).
  opened.on('versionchange', (e: IDBVersionChangeEvent) => {
    if (e.newVersion !== null && e.newVersion > 0) return;
    opened.close({ disableAutoOpen: true });
    if (db === opened) db = null;
    erasedElsewhere();
    // Dexie's own handler after this one would close it again with auto-open on: the next write would make it anew.
    return false;
  });
  db = opened;
  return db;
}

export const useSession = create<SessionState>((set, get) => {
  let unlocking: Promise<unknown> = Promise.resolve();
  /** Setting up and joining, one at a time (the form sent twice): a second waits for the first, and does nothing once a workspace is open. */
  let settingUp: Promise<unknown> = Promise.resolve();
  function oneSetupAtATime(setUp: () => Promise<void>): Promise<void> {
    const run = settingUp.then(async () => {
      if (get().status === 'unlocked') return;
      try {
        await setUp();
      } catch (e) {
        // Set up meanwhile elsewhere (another tab of the workspace): its unlock screen, not an error.
        if (!(e instanceof WorkspaceExistsError)) throw e;
        set({ status: 'locked', lockReason: null });
      }
    });
    settingUp = run.catch(() => undefined);
    return run;
  }
  async function opened(ws: { store: EventStore; identity: Identity }) {
    const me = (await ws.store.table(tables.people).get(ws.identity.personId)) ?? null;
    const lifetime = openSession(database(), ws, {
      me,
      onMe: (fresh) => {
        if (get().store === ws.store) set({ me: fresh });
      },
      // The advance warning as set now (Settings), read at every check.
      dueNotifications: { advanceMinutes: () => get().prefs.reminderAdvanceMinutes },
    });
    set({ status: 'unlocked', lockReason: null, store: ws.store, identity: ws.identity, me, lifetime });
  }

  /**
   * Closes what the session opened. The session's new status and the cleared store are set
   * together (no screen renders "unlocked" without a store); the stores let go of their
   * data at once, sockets and workers finish closing in the background.
   */
  function close(next: Pick<SessionState, 'status'> & Partial<Pick<SessionState, 'lockReason'>>): Promise<void> {
    const lifetime = get().lifetime;
    dropReadAhead();
    set({ ...next, store: null, identity: null, me: null, lifetime: null });
    return lifetime ? lifetime.dispose() : Promise.resolve();
  }

  /** Unlock's work (useSession().unlock, one at a time). */
  async function unlockNow(passphrase: string): Promise<boolean> {
    try {
      // Argon2id in a worker; meanwhile the page builds the formats the first screen uses
      // and reads, still sealed, the rows that screen will open once the key is there.
      const lang = get().prefs.lang;
      const nav = useNav.getState();
      const whileDeriving = () => {
        warmFormatters(lang);
        readAheadFirstScreen(database(), nav.screen === 'incident' ? nav.incidentId : null, nav.tab);
      };
      await opened(await unlockWorkspace(database(), passphrase, undefined, offThreadKdf(whileDeriving)));
      return true;
    } catch (e) {
      // Nothing read ahead outlives an unlock that failed.
      dropReadAhead();
      if (e instanceof WrongPassphraseError) return false;
      throw e;
    }
  }

  erasedElsewhere = () => {
    close({ status: 'setup', lockReason: 'erased' }).catch(() => undefined);
  };

  return {
    status: 'loading',
    lockReason: null,
    prefs: { lang: 'ja', idleMinutes: 15, reminderAdvanceMinutes: DEFAULT_PREFS.reminderAdvanceMinutes },
    store: null,
    identity: null,
    me: null,
    lifetime: null,

    async init() {
      const prefs = await readPrefs(database());
      useI18n.getState().setLang(prefs.lang);
      setMenuLanguage(prefs.lang);
      const record = await readVaultRecord(database());
      set({ prefs, status: record ? 'locked' : 'setup' });
    },

    async create(passphrase, name) {
      // Argon2id in a worker, so the window does not freeze.
      return oneSetupAtATime(async () => opened(await createWorkspace(database(), passphrase, { name: name.trim() }, { derive: workerKdf() })));
    },

    async join(form) {
      return oneSetupAtATime(async () => opened(await joinTeam(database(), form, { derive: workerKdf() })));
    },

    unlock(passphrase) {
      // One unlock at a time (Enter pressed twice, the form sent twice): a second one waits
      // for the first and, if that opened the workspace, opens nothing more. Two would open
      // two sessions, the first never closed by a lock: its store and key left behind.
      const run = unlocking.then(() => (get().status === 'unlocked' ? true : unlockNow(passphrase)));
      unlocking = run.catch(() => undefined);
      return run;
    },

    lock(reason) {
      if (get().status !== 'unlocked') return;
      // Drop every decrypted value the screens hold, then the keys. A part that fails to
      // close is a fault for the one handler; the lock itself never waits or fails.
      close({ status: 'locked', lockReason: reason }).catch((e: unknown) => reportError(e, 'background'));
    },

    async changePassphrase(current, next) {
      try {
        await changeWorkspacePassphrase(database(), current, next, workerKdf());
        return true;
      } catch (e) {
        if (e instanceof WrongPassphraseError) return false;
        throw e;
      }
    },

    async saveProfile(fields) {
      await dispatch('people.save-profile', { fields });
    },

    async wipe() {
      // Everything closed first (sync before the store), so no arriving event writes to a
      // database being deleted.
      await close({ status: 'loading' });
      const old = database();
      db = null;
      old.close();
      // Nothing may stay readable: the whole database goes, not table by table.
      await Dexie.delete(old.name);
      set({ status: 'setup', lockReason: null });
    },

    async setPref(key, value) {
      // The screen follows at once; the write to disk follows it.
      set({ prefs: { ...get().prefs, [key]: value } });
      if (key === 'lang') {
        useI18n.getState().setLang(value as Prefs['lang']);
        setMenuLanguage(value as Prefs['lang']);
      }
      await writePref(database(), key, value);
    },
  };
});
