/**
 * Reads events of some types in a worker (event-read-worker.ts), for the store's large reads
 * (a customer list's contact events): opening 30,000 sealed events on the screen's thread
 * took seconds in which a call result could neither be stored nor shown. One worker per
 * unlocked store, ended on lock. Where no worker can start (tests in Node) or it fails, the
 * caller reads in place: the events are the same either way.
 */
import type { AnyEvent } from '../../../shared/events/registry';

interface Pending {
  resolve: (events: AnyEvent[]) => void;
  reject: (e: Error) => void;
}

/** The worker could not serve: read in place instead. */
export class ReaderUnavailable extends Error {}

export class EventReader {
  private worker: Worker | null = null;
  private broken = false;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly dbName: string) {}

  read(key: CryptoKey, incidentId: string | null | undefined, types: readonly string[]): Promise<AnyEvent[]> {
    const worker = this.start();
    if (!worker) return Promise.reject(new ReaderUnavailable('no worker'));
    const id = ++this.seq;
    return new Promise<AnyEvent[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, dbName: this.dbName, key, incidentId, types: [...types] });
    });
  }

  /** Ends the worker; reads still waiting are refused (the store is closing). */
  dispose(reason: Error): void {
    this.worker?.terminate();
    this.worker = null;
    this.broken = true;
    this.failAll(reason);
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    if (typeof Worker === 'undefined') {
      this.broken = true;
      return null;
    }
    try {
      const worker = new Worker(new URL('./event-read-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (ev: MessageEvent<{ id: number; events?: AnyEvent[]; error?: string }>) => {
        const call = this.pending.get(ev.data.id);
        this.pending.delete(ev.data.id);
        if (ev.data.events) call?.resolve(ev.data.events);
        else call?.reject(new ReaderUnavailable(ev.data.error ?? 'no result'));
      };
      // A script that fails to load or a crash: every read waiting (and later ones) runs in place.
      worker.onerror = (ev) => {
        ev.preventDefault();
        this.worker?.terminate();
        this.worker = null;
        this.broken = true;
        this.failAll(new ReaderUnavailable('the worker stopped'));
      };
      this.worker = worker;
      return worker;
    } catch {
      this.broken = true;
      return null;
    }
  }

  private failAll(reason: Error): void {
    for (const call of this.pending.values()) call.reject(reason);
    this.pending.clear();
  }
}
