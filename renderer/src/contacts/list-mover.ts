/**
 * Moves customer lists between this laptop and the team, in the background while sync is
 * on (decision 012): shares every complete list that the current epoch's server does not
 * have yet (any laptop that has a list can, so the importer need not be online), and
 * receives every list whose import event is here but whose rows are not. A pass runs when
 * asked (sync connected, a list imported or announced) and again later while a list waits
 * for a laptop to share it or a transfer was interrupted. The person can pause a transfer
 * and resume it; what was stored stays.
 */
import type { ContactEngine } from './contact-engine';
import { ListRefusedError, receiveList, shareList, type ListTransport } from './list-share';
import { ListChannelClosed } from '../sync/list-channel';

export type TransferPhase = 'waiting' | 'receiving' | 'paused' | 'interrupted' | 'refused' | 'done';

export interface Transfer {
  phase: TransferPhase;
  /** Share of the packs stored, 0–100. */
  percent: number;
}

export interface ListMoverDeps {
  engine(): ContactEngine | null;
  /** The list channel of the current epoch, or null while sync is off. */
  transport(): Promise<ListTransport> | null;
  onChange(transfers: Readonly<Record<string, Transfer>>): void;
  /** A list arrived complete: the screens read the lists again. */
  onReceived(datasetId: string): void;
  onError(e: unknown): void;
  /** Between passes while something waits (ms). */
  retryMs?: number;
}

export class ListMover {
  private transfers: Record<string, Transfer> = {};
  private readonly paused = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The transfer under way, which pausing it stops. */
  private current: { id: string; abort: AbortController } | null = null;
  private disposed = false;

  constructor(private readonly deps: ListMoverDeps) {}

  get state(): Readonly<Record<string, Transfer>> {
    return this.transfers;
  }

  /** Runs a pass now (or right after the one under way). */
  kick(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((e: unknown) => this.deps.onError(e))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no pass is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  pause(datasetId: string): void {
    this.paused.add(datasetId);
    if (this.current?.id === datasetId) this.current.abort.abort();
    this.set(datasetId, { phase: 'paused', percent: this.transfers[datasetId]?.percent ?? 0 });
  }

  resume(datasetId: string): void {
    this.paused.delete(datasetId);
    this.set(datasetId, { phase: 'receiving', percent: this.transfers[datasetId]?.percent ?? 0 });
    this.kick();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.current?.abort.abort();
  }

  private set(datasetId: string, t: Transfer): void {
    this.transfers = { ...this.transfers, [datasetId]: t };
    this.deps.onChange(this.transfers);
  }

  private later(): void {
    clearTimeout(this.timer);
    if (!this.disposed) this.timer = setTimeout(() => this.kick(), this.deps.retryMs ?? 15_000);
  }

  private async pass(): Promise<void> {
    const engine = this.deps.engine();
    const opening = this.deps.transport();
    if (!engine || !opening || engine.isDisposed) return;
    const missing = await this.missing(engine);
    let tr: ListTransport;
    try {
      tr = await opening;
    } catch (e) {
      // The server is away or refused (a new room not written yet, an ended epoch): later.
      for (const id of missing) if (!this.paused.has(id)) this.set(id, { phase: this.transfers[id]?.phase === 'receiving' ? 'interrupted' : 'waiting', percent: this.transfers[id]?.percent ?? 0 });
      if (!(e instanceof ListChannelClosed)) this.deps.onError(e);
      this.later();
      return;
    }
    let retry = false;
    try {
      const complete = await engine.tables.datasets.where('state').equals('complete').primaryKeys();
      for (const id of complete) {
        if (this.disposed) return;
        // One list that fails to share (a damaged block here, a refused manifest) is told and
        // tried again later; it must not keep the other lists from being shared or received.
        const shared = await shareList(engine, id, tr).catch((e: unknown) => {
          if (e instanceof ListChannelClosed) throw e;
          this.deps.onError(e);
          return 'failed' as const;
        });
        if (shared === 'quota' || shared === 'failed') retry = true;
      }
      for (const id of missing) {
        if (this.disposed || this.paused.has(id)) continue;
        this.current = { id, abort: new AbortController() };
        const result = await receiveList(engine, id, tr, {
          signal: this.current.abort.signal,
          onProgress: (p) => this.set(id, { phase: 'receiving', percent: p.packs === 0 ? 0 : Math.floor((p.done / p.packs) * 100) }),
        }).catch((e: unknown) => {
          if (e instanceof ListRefusedError) return { status: 'refused' as const };
          if (e instanceof ListChannelClosed) throw e;
          // Anything else (a storage error here) stops this list only, until the next pass.
          this.deps.onError(e);
          return { status: 'failed' as const };
        });
        if (result.status === 'complete') {
          this.set(id, { phase: 'done', percent: 100 });
          this.deps.onReceived(id);
        } else if (result.status === 'waiting') {
          this.set(id, { phase: 'waiting', percent: 0 });
          retry = true;
        } else if (result.status === 'refused') {
          this.set(id, { phase: 'refused', percent: this.transfers[id]?.percent ?? 0 });
        } else if (result.status === 'failed') {
          this.set(id, { phase: 'interrupted', percent: this.transfers[id]?.percent ?? 0 });
          retry = true;
        }
      }
    } catch (e) {
      if (!(e instanceof ListChannelClosed)) throw e;
      for (const [id, t] of Object.entries(this.transfers)) if (t.phase === 'receiving') this.set(id, { ...t, phase: 'interrupted' });
      retry = true;
    } finally {
      this.current = null;
      tr.channel.close();
    }
    if (retry) this.later();
  }

  /** Lists whose import event is here and whose rows are not (every incident). */
  private async missing(engine: ContactEngine): Promise<string[]> {
    const out: string[] = [];
    for (const e of await engine.data.importEvents()) {
      const rec = await engine.tables.datasets.get(e.payload.datasetId);
      if (rec?.state === 'complete') continue;
      // A list being adopted from its file here is left to that.
      if (rec && rec.state !== 'receiving') continue;
      out.push(e.payload.datasetId);
    }
    return out;
  }
}
