/**
 * Lifetimes, in the shape of VS Code's `DisposableStore`: whatever a session opens (a
 * subscription, an engine, a worker, a client, a timer) is added to the store of that
 * session, and locking disposes the store. Nothing is closed by hand in one place and
 * forgotten in another.
 *
 * - Disposal runs once: a second call does nothing (a lock that races a wipe, say).
 * - Reverse order: what was opened last closes first, so a part never outlives what it
 *   depends on (the sync client stops before the event store it writes into closes).
 * - Every part is disposed even when one throws; the errors are collected and thrown
 *   together (AggregateError) once all have run.
 * - A part may finish asynchronously (a socket that closes, a worker that ends): its
 *   synchronous part runs at once, in order, and `dispose()` resolves when every part has
 *   finished. The screens drop what they hold immediately; nothing waits for the network.
 */

export interface Disposable {
  dispose(): void | Promise<unknown>;
}

/** A disposable that runs `fn` once. */
export function toDisposable(fn: () => void | Promise<unknown>): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      return fn();
    },
  };
}

export class DisposableStore implements Disposable {
  private readonly parts: Disposable[] = [];
  private disposal: Promise<void> | null = null;

  get isDisposed(): boolean {
    return this.disposal !== null;
  }

  /** How many parts are held (for tests and diagnostics). */
  get size(): number {
    return this.parts.length;
  }

  /**
   * Adds a part and returns it. A part added after disposal (a slow start that lost the
   * race with a lock) is disposed at once: it must not outlive its session. Callers that
   * go on after an await check `isDisposed`.
   */
  add<T extends Disposable>(part: T): T {
    if (this.disposal !== null) {
      // Not awaited: a failure here reaches the window's one handler for unexpected errors.
      void part.dispose();
      return part;
    }
    this.parts.push(part);
    return part;
  }

  /** Disposes every part, last added first; resolves when all have finished. */
  dispose(): Promise<void> {
    this.disposal ??= this.disposeAll();
    return this.disposal;
  }

  private async disposeAll(): Promise<void> {
    const errors: unknown[] = [];
    const waiting: Promise<unknown>[] = [];
    for (const part of this.parts.splice(0).reverse()) {
      try {
        const result = part.dispose();
        if (result instanceof Promise) waiting.push(result.catch((e: unknown) => errors.push(e)));
      } catch (e) {
        errors.push(e);
      }
    }
    await Promise.all(waiting);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `lifecycle: ${errors.length} parts failed to dispose`);
  }
}
