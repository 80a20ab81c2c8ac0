/**
 * Calls to a worker, both sides: the page calls a named function of the worker and gets a
 * promise of its answer (`WorkerCalls`); the worker serves them (`serveCalls`). Every worker
 * of the app talks this way: the event reader (event-reader.ts), the fold check and the
 * import (contacts/), the index worker the import starts, 名寄せ, and Argon2id at unlock.
 *
 * - Typed per call name: a `CallMap` says what each call is sent, answers and reports on
 *   the way (progress); bytes listed in `transfer` are moved, not copied, either way.
 * - Answers may come in any order: each settles the call it answers, by id.
 * - A worker that fails (its script does not load, it crashes, a message cannot be read)
 *   fails every call waiting on it with one `WorkerFailed`, reported once through the app's
 *   one handler for unexpected errors (`report`); later calls are refused with it too.
 * - It is a Disposable: on lock (`dispose()`) the worker is ended, its listeners removed, and
 *   every call waiting is refused with `StoreClosedError`, which callers take as expected.
 * - Where no worker can start (unit tests in Node), calls are refused with `WorkerUnavailable`
 *   and the caller does the work in place.
 *
 * The worker is started on the first call (or `warm()`), from the `start` given: it must
 * be `new Worker(new URL('./x.ts', import.meta.url), …)` written where it is used, for
 * the bundler to find the script.
 */
import type { Disposable } from '../../../shared/lifecycle/disposable';
import { StoreClosedError } from './store-contract';

/** The calls a worker serves: for each name, what it is sent, what it answers, and its progress reports. */
export type CallMap = Record<string, { args: unknown; result: unknown; progress?: unknown }>;

type Name<C extends CallMap> = keyof C & string;
type ProgressOf<C extends CallMap, K extends Name<C>> = C[K] extends { progress: infer P } ? P : never;

/** Page to worker. */
type Request = { id: number; call: string; args: unknown } | { id: number; cancel: true };
/** Worker to page. */
type Reply = { id: number; value: unknown } | { id: number; error: string } | { id: number; progress: unknown };

/** No worker could start here (Node, or the constructor refused): do the work in place. */
export class WorkerUnavailable extends Error {
  constructor(worker: string) {
    super(`${worker}: no worker`);
    this.name = 'WorkerUnavailable';
  }
}

/** The worker itself failed: its script did not load, it crashed, or a message could not be read. */
export class WorkerFailed extends Error {
  constructor(worker: string, what: string) {
    super(`${worker}: the worker stopped (${what})`);
    this.name = 'WorkerFailed';
  }
}

/** The call ran in the worker and threw: its message. */
export class WorkerCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCallError';
  }
}

export interface CallOptions<P> {
  /** Buffers moved to the worker instead of copied (they are unusable here afterwards). */
  transfer?: Transferable[];
  onProgress?: (progress: P) => void;
  /** Aborting asks the worker to stop the call (its handler's signal); the call still settles with its answer. */
  signal?: AbortSignal;
}

export interface WorkerCallsOptions {
  /** Named in errors (never data). */
  name: string;
  /** The app's one handler for unexpected errors (errors/report.ts), told once of a failed worker. */
  report: (error: Error) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: unknown) => void;
}

const settled = (p: Pending, done: () => void): Pending => ({
  resolve: (v) => (done(), p.resolve(v)),
  reject: (e) => (done(), p.reject(e)),
  onProgress: p.onProgress,
});

export class WorkerCalls<C extends CallMap> implements Disposable {
  private worker: Worker | null = null;
  /** Why calls are refused from now on: the worker failed, could not start, or was disposed. */
  private refusal: Error | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly start: () => Worker,
    private readonly options: WorkerCallsOptions,
  ) {}

  /** Starts the worker now (ahead of the first call), if it is not running. */
  warm(): void {
    this.ensure();
  }

  /** Calls waiting for an answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Whether a worker is running. */
  get running(): boolean {
    return this.worker !== null;
  }

  call<K extends Name<C>>(name: K, args: C[K]['args'], opts: CallOptions<ProgressOf<C, K>> = {}): Promise<C[K]['result']> {
    const worker = this.ensure();
    if (!worker) return Promise.reject(this.refusal!);
    const id = ++this.seq;
    return new Promise<C[K]['result']>((resolve, reject) => {
      try {
        worker.postMessage({ id, call: name, args } satisfies Request, opts.transfer ?? []);
      } catch (e) {
        // Arguments that cannot be cloned: this call only.
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      const call: Pending = { resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress as ((p: unknown) => void) | undefined };
      const signal = opts.signal;
      if (!signal) return void this.pending.set(id, call);
      const cancel = () => this.worker?.postMessage({ id, cancel: true } satisfies Request);
      signal.addEventListener('abort', cancel, { once: true });
      this.pending.set(id, settled(call, () => signal.removeEventListener('abort', cancel)));
      if (signal.aborted) cancel();
    });
  }

  /**
   * Ends the worker and refuses every call waiting and every later one with `reason`
   * (by default the lock's StoreClosedError). Not a failure: nothing is reported.
   */
  dispose(reason: Error = new StoreClosedError()): void {
    this.stop(reason);
    // Locked now, even if the worker had failed before: later calls are refused as locked
    // (expected), not with the old failure.
    this.refusal = reason;
  }

  private ensure(): Worker | null {
    if (this.worker || this.refusal) return this.worker;
    let worker: Worker;
    try {
      // Throws where there is no Worker (Node).
      worker = this.start();
    } catch {
      this.refusal = new WorkerUnavailable(this.options.name);
      return null;
    }
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onMessageError);
    this.worker = worker;
    return worker;
  }

  private readonly onMessage = (ev: MessageEvent<unknown>) => {
    // Only a reply to a call waiting settles it: anything else (a stray or malformed message) is ignored.
    const reply = ev.data as Partial<Record<'id' | 'value' | 'error' | 'progress', unknown>> | null;
    if (typeof reply !== 'object' || reply === null || typeof reply.id !== 'number') return;
    const call = this.pending.get(reply.id);
    if (!call) return;
    if ('progress' in reply) {
      call.onProgress?.(reply.progress);
      return;
    }
    if (!('value' in reply) && !('error' in reply)) return;
    this.pending.delete(reply.id);
    if ('error' in reply) call.reject(new WorkerCallError(typeof reply.error === 'string' ? reply.error : 'the call failed'));
    else call.resolve(reply.value);
  };

  private readonly onError = (ev: Event) => {
    // Handled here: not left to reach the window as well.
    ev.preventDefault();
    this.fail(new WorkerFailed(this.options.name, (ev as ErrorEvent).message || 'error'));
  };

  private readonly onMessageError = () => this.fail(new WorkerFailed(this.options.name, 'a message could not be read'));

  private fail(error: WorkerFailed): void {
    if (!this.worker) return;
    this.stop(error);
    this.options.report(error);
  }

  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = null;
    this.refusal ??= reason;
    if (worker) {
      worker.removeEventListener('message', this.onMessage);
      worker.removeEventListener('error', this.onError);
      worker.removeEventListener('messageerror', this.onMessageError);
      worker.terminate();
    }
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(reason);
  }
}

// ---- The worker's side -------------------------------------------------------------------

/** What a handler is given besides its arguments. */
export interface CallContext<P> {
  /** Reports progress to the caller's onProgress. */
  progress(p: P): void;
  /** Aborted when the caller's signal is. */
  signal: AbortSignal;
  /** Buffers of the answer to move instead of copy. */
  transfer(...buffers: Transferable[]): void;
}

export type CallHandlers<C extends CallMap> = {
  [K in Name<C>]: (args: C[K]['args'], ctx: CallContext<ProgressOf<C, K>>) => C[K]['result'] | Promise<C[K]['result']>;
};

/** Where a worker listens and answers: its `self`. */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** Serves `handlers` to the page's WorkerCalls: in a worker, `serveCalls<MyCalls>({ … })`. */
export function serveCalls<C extends CallMap>(handlers: CallHandlers<C>, scope: WorkerScope = self as unknown as WorkerScope): void {
  const running = new Map<number, AbortController>();
  scope.addEventListener('message', (ev: MessageEvent<unknown>) => {
    // Only a request is served: anything else is ignored rather than left to crash the worker.
    const msg = ev.data as Request;
    if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'number') return;
    if ('cancel' in msg) {
      running.get(msg.id)?.abort();
      return;
    }
    const { id } = msg;
    const ctl = new AbortController();
    const transfer: Transferable[] = [];
    running.set(id, ctl);
    const ctx: CallContext<unknown> = {
      progress: (progress) => scope.postMessage({ id, progress } satisfies Reply, []),
      signal: ctl.signal,
      transfer: (...buffers) => void transfer.push(...buffers),
    };
    void (async () => {
      try {
        // Its own calls only: not what every object inherits ('constructor', 'toString').
        const handler = (Object.hasOwn(handlers, msg.call) ? handlers[msg.call as Name<C>] : undefined) as ((args: unknown, ctx: CallContext<unknown>) => unknown) | undefined;
        if (typeof handler !== 'function') throw new Error(`no call ${String(msg.call)}`);
        const value = await handler(msg.args, ctx);
        scope.postMessage({ id, value } satisfies Reply, transfer);
      } catch (e) {
        scope.postMessage({ id, error: messageOf(e) } satisfies Reply, []);
      } finally {
        running.delete(id);
      }
    })();
  });
}

/** The text of whatever a handler threw: not every thrown value is an Error, nor can every one be turned into text. */
function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  try {
    return String(e);
  } catch {
    return 'the call failed';
  }
}
