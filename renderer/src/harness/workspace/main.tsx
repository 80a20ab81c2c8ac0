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
import { mark, traceTo } from '../../data/trace';
import { readVaultRecord } from '../../data/workspace';
import { installErrorHandlers } from '../../errors/report';
import { useContacts } from '../../contacts/ui/contacts-store';
import { useNav, type IncidentTab } from '../../shell/nav-store';
import { database, useSession } from '../../vault/session-store';
import argon2Script from 'hash-wasm/dist/argon2.umd.min.js?raw';
import { deriveKek } from '../../../../shared/vault/kdf';
import { argon2ModuleIn, prepareFastArgon2id } from '../../../../shared/vault/argon2id-fast';
import { fromBase64Url } from '../../../../shared/vault/bytes';
import { seedWorkspace, type SeedOptions } from './seed';
import { until } from '../until';

installErrorHandlers(window, { where: () => 'bench' });

/** A person at the keyboard: the idle lock (15 minutes by default) must not close the workspace mid-run. */
const active = () => window.dispatchEvent(new Event('pointermove'));

const panelText = () => document.getElementById('incident-panel')?.textContent ?? '';
const kpi = (key: string) => document.querySelector(`[data-kpi="${key}"]`)?.textContent ?? '';

/** Trace: per sample, [name, ms since t0]. */
let traceT0 = 0;
let trace: [string, number][] = [];
const traces: [string, number][][] = [];
traceTo((step) => {
  if (traceT0 > 0) trace.push([step, performance.now() - traceT0]);
});
const traceStart = () => {
  trace = [];
  traceT0 = performance.now();
};
const traceEnd = () => {
  trace.push(['painted', performance.now() - traceT0]);
  traces.push(trace);
  traceT0 = 0;
};

/** Per sample, the time until the command's commit was on disk (the rest is the screen catching up). */
let committed: number[] = [];

const api = {
  /** The commit times of the samples since the last call, and a fresh start. */
  takeTraces() {
    return traces.splice(0);
  },

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

  /**
   * Argon2id alone, with this workspace's parameters, here on the page: as the unlock's worker
   * runs it, on memory made ready before (`ms`; the making ready, while a person types, is
   * `prepareMs`), and by hash-wasm on a fresh memory as before decision 070 (`freshMs`).
   */
  async kdf(passphrase: string) {
    const record = (await readVaultRecord(database()))!;
    const salt = fromBase64Url(record.kdf.salt);
    let t0 = performance.now();
    let written!: () => void;
    const whole = new Promise<void>((resolve) => (written = resolve));
    const fast = (await prepareFastArgon2id(argon2ModuleIn(argon2Script)!, record.kdf.memorySize, written))!;
    await whole;
    const prepareMs = performance.now() - t0;
    t0 = performance.now();
    (await fast(passphrase, record.kdf, salt))!.fill(0);
    const ms = performance.now() - t0;
    t0 = performance.now();
    await deriveKek(passphrase, record.kdf, salt);
    return { ms, prepareMs, freshMs: performance.now() - t0 };
  },

  /** Unlock → the incident screen on `tab` with its content drawn. */
  async unlock(passphrase: string, incidentId: string, tab: IncidentTab, ready: string) {
    useNav.getState().openIncident(incidentId, tab);
    traceStart();
    const t0 = performance.now();
    await useSession.getState().unlock(passphrase);
    const unlocked = performance.now() - t0;
    mark('unlocked');
    await until(() => document.querySelector(ready) !== null);
    traceEnd();
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
    traceStart();
    await dispatch('boards.add-task', { incidentId, phase: 'direction', title });
    committed.push(performance.now() - t0);
    mark('committed');
    await until(() => panelText().includes(title));
    traceEnd();
    return performance.now() - t0;
  },

  /** A fact changed on the overview that is on screen. */
  async changeFacts(incidentId: string, i: number) {
    active();
    const phone = `0120-77-${String(i).padStart(4, '0')}`;
    const t0 = performance.now();
    traceStart();
    await dispatch('incident.change-facts', { incidentId, changes: { deskPhone: phone } });
    committed.push(performance.now() - t0);
    mark('committed');
    await until(() => panelText().includes(phone));
    traceEnd();
    return performance.now() - t0;
  },

  /** A customer reached (a call result from the card) while the contacts dashboard is on screen. */
  async outcome(datasetId: string, row: number) {
    active();
    const engine = useContacts.getState().engine!;
    const before = kpi('reached');
    const t0 = performance.now();
    traceStart();
    const e = await engine.recordOutcome(datasetId, row, 'reached', '', '');
    committed.push(performance.now() - t0);
    mark('committed');
    if (!e) {
      traceT0 = 0;
      return null;
    }
    await until(() => kpi('reached') !== before);
    traceEnd();
    return performance.now() - t0;
  },
};

(window as unknown as { __honbuWorkspace: typeof api }).__honbuWorkspace = api;
