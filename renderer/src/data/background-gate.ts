/**
 * Background IndexedDB work yields to the person's own work, at the store (decision 009,
 * addendum). IndexedDB answers one database's requests one after another: a merge of the
 * blind index, a dataset upgrade or the dashboard's fold check, run while a call result is
 * being recorded, made that result wait behind its transactions — seconds each on a busy
 * laptop. The event store knows when the person's work is under way (a command from its
 * first read to its commit, a write queued, events arriving from the team) and when it last
 * was; background work asks for a turn before each of its transactions and gets it only
 * once none is under way and none was for a quiet moment. A background transaction then
 * never starts while the person's work waits; one already running holds it for that one
 * transaction at most, so background work keeps each transaction small.
 */

/** How long no work of the person must have been under way before background work takes its next transaction. */
export const BACKGROUND_QUIET_MS = 750;
/**
 * How long a turn waits for that quiet moment at most: call results landing more often than
 * it (every 500 ms on a busy floor) would hold background work back for good — the fold
 * check, the merge, and an upgrade a rebuild the person asked for awaits. After this long it
 * takes the next moment none of the person's work is under way, quiet or not.
 */
export const BACKGROUND_PATIENCE_MS = 5_000;

export interface TurnOptions {
  /** Quiet needed since the person's work last ended (default BACKGROUND_QUIET_MS). */
  quietMs?: number;
  /** No turn before this moment (performance.now() clock): the first screens after unlock are read first. */
  notBefore?: number;
  /** After waiting this long, the turn is given as soon as no work of the person is under way (default BACKGROUND_PATIENCE_MS). */
  patienceMs?: number;
  /**
   * The person now waits for this work (a rebuild they asked for awaits an upgrade): the turn
   * is given as soon as none of their work is under way, with no quiet moment and no
   * `notBefore`. Looked at while waiting.
   */
  hurry?: () => boolean;
  /** Give up waiting (the engine disposed on lock): resolves at once. */
  stop?: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export class BackgroundGate {
  /** The person's commands and writes under way. */
  private busy = 0;
  /** When one last started or ended. */
  private lastBusy = Number.NEGATIVE_INFINITY;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** True while work of the person is under way. */
  get isBusy(): boolean {
    return this.busy > 0;
  }

  /** Marks the person's work under way until the returned function is called (once). */
  begin(): () => void {
    this.busy++;
    this.lastBusy = this.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.busy--;
      this.lastBusy = this.now();
      if (this.busy === 0) this.wake();
    };
  }

  /** Runs `work` as the person's: background work waits until it is done and a quiet moment has passed. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work();
    } finally {
      end();
    }
  }

  /**
   * Resolves when background work may start its next transaction: no work of the person
   * under way, none for `quietMs` (or, once it has waited `patienceMs`, none at that moment),
   * and not before `notBefore`; or at once once `stop()`.
   */
  async turn(options: TurnOptions = {}): Promise<void> {
    const quiet = options.quietMs ?? BACKGROUND_QUIET_MS;
    const patient = this.now() + (options.patienceMs ?? BACKGROUND_PATIENCE_MS);
    await sleep(0);
    for (;;) {
      if (options.stop?.()) return;
      if (this.busy > 0) {
        // Woken when the work ends; polled too, so a stop() meanwhile is seen.
        await Promise.race([new Promise<void>((ok) => this.wakers.add(ok)), sleep(Math.max(quiet, 50))]);
        continue;
      }
      if (options.hurry?.()) return;
      const now = this.now();
      const quietWait = now >= patient ? 0 : Math.min(quiet - (now - this.lastBusy), patient - now);
      const wait = Math.max(quietWait, (options.notBefore ?? Number.NEGATIVE_INFINITY) - now);
      if (wait <= 0) return;
      // A hurry meanwhile is seen within a moment.
      await sleep(options.hurry ? Math.min(wait, 100) : wait);
    }
  }

  /** Every turn waiting looks again (the work ended, or the store is closing). */
  wake(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const w of wakers) w();
  }
}
