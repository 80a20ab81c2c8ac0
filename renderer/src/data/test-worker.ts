/**
 * A stand-in for the browser's Worker in unit tests (Node has none): the worker's side runs
 * on this thread, messages arrive a task later, cloned and with their bytes moved as a
 * Worker's would be. It can crash, garble a message, or never answer.
 */
import type { WorkerScope } from './worker-calls';

const later = (fn: () => void) => void setTimeout(fn, 0);

export class FakeWorker extends EventTarget {
  /** Every message the page posted, as posted. */
  readonly received: unknown[] = [];
  terminated = false;
  /** Listeners the page has on it now. */
  listeners = 0;
  /** The worker's side: what serveCalls listens on and answers through. */
  readonly scope: WorkerScope & EventTarget;

  constructor(serve?: (scope: WorkerScope) => void) {
    super();
    const scope = new EventTarget() as WorkerScope & EventTarget;
    scope.postMessage = (message: unknown, transfer: Transferable[]) => {
      const copy = structuredClone(message, { transfer });
      later(() => !this.terminated && this.dispatchEvent(new MessageEvent('message', { data: copy })));
    };
    this.scope = scope;
    serve?.(scope);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.received.push(message);
    const copy = structuredClone(message, { transfer });
    later(() => !this.terminated && this.scope.dispatchEvent(new MessageEvent('message', { data: copy })));
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker's script fails or throws where nothing catches it. */
  crash(message = 'Uncaught Error: boom'): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }

  /** A message arrives that cannot be read. */
  garble(): void {
    this.dispatchEvent(new Event('messageerror'));
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    this.listeners++;
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void {
    this.listeners--;
    super.removeEventListener(type, listener, options);
  }
}
