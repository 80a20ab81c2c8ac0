/**
 * The session's sync manager: starts the SyncClient once the workspace is unlocked (if
 * this laptop is in a team), stops it on lock, and exposes its status and the roster to
 * the screens. Sync never blocks anything: every action here works on the local store
 * first and the client sends it when it can.
 */
import { create } from 'zustand';
import type { RosterDevice } from '../../../../shared/sync/roster';
import { dispatch } from '../../data/dispatch';
import type { EventStore } from '../../data/event-store';
import type { Identity } from '../../data/workspace';
import { loadOrCreateDeviceKey, readSyncSettings, startTeam, type SyncSettings } from '../device-store';
import { SyncClient, type SyncStatus } from '../sync-client';
import { reportError } from '../../errors/report';
import { trustSyncServer } from '../../platform/platform';

export interface SyncMe {
  identity: Identity;
  personName: string;
  roles: string[];
}

interface SyncState {
  /** Null when this workspace is not in a team (or is locked). */
  settings: SyncSettings | null;
  status: SyncStatus | null;
  roster: RosterDevice[];
  deviceId: string | null;
  /** Starts sync for an unlocked workspace when its settings say so. */
  attach(store: EventStore, me: SyncMe): Promise<void>;
  /** Stops sync (lock): the client, its socket and the status go. */
  detach(): Promise<void>;
  /** The creator turns sync on with the server's address (and its certificate's fingerprint when this laptop hosts it). */
  startTeam(serverUrl: string, fingerprint?: string | null): Promise<void>;
  revoke(deviceId: string): Promise<void>;
  /** Tells the others which board this person has open (null: none). */
  setBoard(board: string | null): void;
}

let client: SyncClient | null = null;
let store: EventStore | null = null;
let me: SyncMe | null = null;
let board: string | null = null;
let cleanups: (() => void)[] = [];
/** Bumped on every attach/detach, so a slow start that lost the race does not resurrect a client. */
let generation = 0;

/** ws:// or wss:// with a host: the only addresses a sync server can have. */
/** The running sync client, if any (the customer-list mover opens its channel through it). */
export function currentSyncClient(): SyncClient | null {
  return client;
}

export function isServerUrl(text: string): boolean {
  try {
    const u = new URL(text.trim());
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Follows the browser's view of the network: when the laptop loses it, go offline at once
 * (instead of waiting for the socket to time out) and reconnect when it is back.
 */
function followNetwork(c: SyncClient): () => void {
  if (typeof window === 'undefined') return () => {};
  const onOffline = () => c.disconnect();
  const onOnline = () => c.connect();
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  return () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
}

export const useSync = create<SyncState>((set) => {
  /** Stops whatever runs now; anything started before this call and still under way gives up. */
  function teardown(): Promise<void> {
    generation++;
    const old = client;
    client = null;
    store = null;
    me = null;
    for (const c of cleanups.splice(0)) c();
    set({ settings: null, status: null, roster: [], deviceId: null });
    return old ? old.stop() : Promise.resolve();
  }

  async function connect(settings: SyncSettings, gen: number): Promise<void> {
    if (!store || !me || gen !== generation) return;
    const device = await loadOrCreateDeviceKey(store, me.identity.deviceId);
    // A server with its own certificate (a laptop hosting): only that certificate is accepted.
    if (settings.fingerprint && settings.serverUrl.startsWith('wss:')) await trustSyncServer(settings.serverUrl, settings.fingerprint);
    if (gen !== generation) return;
    const started = await SyncClient.start({
      store,
      device,
      root: settings.root,
      serverUrl: settings.serverUrl,
      room: settings.room,
      personName: me.personName,
      // The browser knows at once when the network is gone; start offline then.
      connect: typeof navigator === 'undefined' || navigator.onLine !== false,
      onError: (e) => reportError(e, 'background'),
    });
    if (gen !== generation) {
      await started.stop();
      return;
    }
    client = started;
    if (board !== null) started.setBoard(board);
    // A laptop the team has revoked may still read, never write: its edits would be refused
    // by every other laptop, so the store refuses them here, where the user can be told.
    const roster = () => {
      const list = started.roster.list();
      store?.refuseLocalEdits(list.some((d) => d.deviceId === device.deviceId && d.revoked) ? 'revoked' : null);
      set({ roster: list });
    };
    cleanups = [started.subscribe((status) => set({ status })), started.roster.subscribe(roster), followNetwork(started)];
    roster();
    set({ settings, status: started.status(), deviceId: device.deviceId });
  }

  return {
    settings: null,
    status: null,
    roster: [],
    deviceId: null,

    async attach(s, who) {
      const stopping = teardown();
      store = s;
      me = who;
      const gen = generation;
      await stopping;
      const settings = await readSyncSettings(s);
      if (settings) await connect(settings, gen);
    },

    detach: teardown,

    async startTeam(serverUrl, fingerprint = null) {
      if (!store || !me) throw new Error('sync: locked');
      if (!isServerUrl(serverUrl)) throw new Error('sync: not a ws:// or wss:// address');
      const { settings } = await startTeam(store, { ...me.identity, personName: me.personName, roles: me.roles }, serverUrl.trim(), fingerprint);
      await connect(settings, generation);
    },

    async revoke(deviceId) {
      if (!store) throw new Error('sync: locked');
      await dispatch('sync.revoke-device', { deviceId });
    },

    setBoard(next) {
      board = next;
      client?.setBoard(next);
    },
  };
});

/** The session's store and identity while a team is active (for invites). */
export function syncContext(): { store: EventStore; me: SyncMe; settings: SyncSettings } | null {
  const settings = useSync.getState().settings;
  return store && me && settings ? { store, me, settings } : null;
}
