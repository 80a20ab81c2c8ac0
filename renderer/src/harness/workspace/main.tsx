/**
 * The workspace bench page: the real app (App, its stores, the event store, IndexedDB,
 * WebCrypto) in headless Chromium, driven by bench/workspace.ts. Built only by the bench
 * into dist/workspace-harness; nothing in the app imports this folder.
 *
 * Each measure starts where a person starts (a command dispatched, an unlock asked) and
 * ends once what the screen shows has changed and a frame has been painted.
 */
import { createRoot } from 'react-dom/client';
import '../../styles.css';
import { App } from '../../App';
import { dispatch } from '../../data/dispatch';
import { readVaultRecord } from '../../data/workspace';
import { installErrorHandlers } from '../../errors/report';
import { useContacts } from '../../contacts/ui/contacts-store';
import { useNav, type IncidentTab } from '../../shell/nav-store';
import { database, useSession } from '../../vault/session-store';
import { deriveKek } from '../../../../shared/vault/kdf';
import { fromBase64Url } from '../../../../shared/vault/bytes';
import { seedWorkspace, type SeedOptions } from './seed';
import { until } from '../until';

installErrorHandlers(window, { where: () => 'bench' });

/** A person at the keyboard: the idle lock (15 minutes by default) must not close the workspace mid-run. */
const active = () => window.dispatchEvent(new Event('pointermove'));

const panelText = () => document.getElementById('incident-panel')?.textContent ?? '';
const kpi = (key: string) => document.querySelector(`[data-kpi="${key}"]`)?.textContent ?? '';

/** Per sample, the time until the command's commit was on disk (the rest is the screen catching up). */
let committed: number[] = [];

const api = {
  /** The commit times of the samples since the last call, and a fresh start. */
  takeCommitted() {
    const out = committed;
    committed = [];
    return out;
  },

  seed: (o: SeedOptions) => seedWorkspace(o),

  /** The app as it starts: the unlock screen. */
  async mount() {
    createRoot(document.getElementById('root')!).render(<App />);
    await until(() => useSession.getState().status === 'locked');
  },

  /** Argon2id alone, with this workspace's parameters: the part of unlocking no app code can shorten. */
  async kdf(passphrase: string) {
    const record = (await readVaultRecord(database()))!;
    const t0 = performance.now();
    await deriveKek(passphrase, record.kdf, fromBase64Url(record.kdf.salt));
    return performance.now() - t0;
  },

  /** Unlock → the incident screen on `tab` with its content drawn. */
  async unlock(passphrase: string, incidentId: string, tab: IncidentTab, ready: string) {
    useNav.getState().openIncident(incidentId, tab);
    const t0 = performance.now();
    await useSession.getState().unlock(passphrase);
    const unlocked = performance.now() - t0;
    await until(() => document.querySelector(ready) !== null);
    return { ms: performance.now() - t0, unlockCallMs: unlocked };
  },

  async tab(tab: IncidentTab, ready: string) {
    active();
    useNav.getState().setTab(tab);
    await until(() => document.querySelector(ready) !== null);
  },

  /** A task added on the board that is on screen. */
  async addTask(incidentId: string, i: number) {
    active();
    const title = `ベンチ追加 ${i}`;
    const t0 = performance.now();
    await dispatch('boards.add-task', { incidentId, phase: 'direction', title });
    committed.push(performance.now() - t0);
    await until(() => panelText().includes(title));
    return performance.now() - t0;
  },

  /** A fact changed on the overview that is on screen. */
  async changeFacts(incidentId: string, i: number) {
    active();
    const phone = `0120-77-${String(i).padStart(4, '0')}`;
    const t0 = performance.now();
    await dispatch('incident.change-facts', { incidentId, changes: { deskPhone: phone } });
    committed.push(performance.now() - t0);
    await until(() => panelText().includes(phone));
    return performance.now() - t0;
  },

  /** A customer reached (a call result from the card) while the contacts dashboard is on screen. */
  async outcome(datasetId: string, row: number) {
    active();
    const engine = useContacts.getState().engine!;
    const before = kpi('reached');
    const t0 = performance.now();
    const e = await engine.recordOutcome(datasetId, row, 'reached', '', '');
    committed.push(performance.now() - t0);
    if (!e) return null;
    await until(() => kpi('reached') !== before);
    return performance.now() - t0;
  },
};

(window as unknown as { __honbuWorkspace: typeof api }).__honbuWorkspace = api;
