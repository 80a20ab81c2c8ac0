/**
 * Events handed from the event-reader worker to the page with their long lists of integers
 * (a batch's rows: a post batch of everyone names every customer) as written at rest
 * (int-lists.ts: a batch of everyone is a few runs), in Int32Arrays whose bytes are moved, and
 * opened on the page. Cloning an opened list between threads goes number by number, and an
 * opened list is written into memory twice, once in each thread: at 20M customers a late call
 * result waited 4.4 s for its replay so, about 1.5 s this way (decision 056).
 *
 * The page gets the same events as a read in place: every list is a plain array again before
 * anything folds it. Payloads come from JSON, which holds no typed arrays, so an Int32Array on
 * the page side can only be one of these lists.
 */
import { fitInts, ListReader, openWhenRead, planList, putList } from '../../../shared/vault/int-lists';
import { LONG_LIST } from '../../../shared/vault/packed-json';
import type { ReadableEvents } from './typed-events';

type Holder = Record<string | number, unknown>;

/**
 * Every object and array in each event's payload (the payload itself too), depth first, with a
 * stack of our own (no recursion limit): `visit` is asked of each, and true stops it going in.
 * The numbers and texts in a list are passed over without a call (a batch's hold millions).
 */
function walk(read: ReadableEvents, visit: (holder: Holder, key: string | number, value: unknown) => boolean): void {
  for (const e of read.events) {
    const stack: unknown[] = [e];
    let top = true;
    while (stack.length > 0) {
      const at = stack.pop();
      if (top) {
        // The event itself: only its payload is walked.
        top = false;
        if (!visit(at as Holder, 'payload', (at as Holder).payload)) stack.push((at as Holder).payload);
      } else if (Array.isArray(at)) {
        for (let i = 0; i < at.length; i++) {
          const v: unknown = at[i];
          if (v !== null && typeof v === 'object' && !visit(at as unknown as Holder, i, v)) stack.push(v);
        }
      } else if (at !== null && typeof at === 'object' && !ArrayBuffer.isView(at)) {
        for (const k of Object.keys(at)) {
          const v = (at as Holder)[k];
          if (v !== null && typeof v === 'object' && !visit(at as Holder, k, v)) stack.push(v);
        }
      }
    }
  }
}

/**
 * In the worker, before the events are posted: each long list of 32-bit integers in a payload
 * as written at rest, in an Int32Array of its own — those the read left so (packed at rest) as
 * they are, those it opened (sealed as JSON) written now. In place: the events are the worker's
 * own, made for this read. Returns the buffers to move, each once.
 */
export function listsToWire(read: ReadableEvents): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  walk(read, (holder, key, v) => {
    if (v instanceof Int32Array) {
      // Left written by the read: moved whole only when it is the whole of its buffer.
      if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      return true;
    }
    if (!Array.isArray(v) || v.length < LONG_LIST || typeof v[0] !== 'number' || !fitInts(v)) return false;
    const plan = planList(v);
    const written = new Int32Array(plan.size);
    putList(written, 0, v, plan);
    holder[key] = written;
    buffers.add(written.buffer);
    return true;
  });
  return [...buffers];
}

/** A list in runs at least this long is opened when first read; a shorter one is opened at once, as before. */
const OPEN_WHEN_READ = 65_536;

/** A list the worker handed over that does not open whole: never folded from. */
export class WireListDamaged extends Error {
  constructor() {
    super('event reader: a list handed over does not open');
    this.name = 'WireListDamaged';
  }
}

/**
 * On the page, as the worker's answer arrives: every Int32Array in a payload opened into a plain
 * array again (int-lists.ts `take`, which also notes whether it is ascending: a replay of a few
 * late results searches a batch's rows when they are, events.ts).
 */
export function listsFromWire(read: ReadableEvents): ReadableEvents {
  walk(read, (holder, key, v) => {
    if (!(v instanceof Int32Array)) return false;
    const damaged = () => new WireListDamaged();
    const reader = new ListReader(v, 0, damaged);
    // A long list in runs, held by an object (a batch's rows): checked now, opened when first
    // read. A replay of a few late results searches its runs instead (decision 058).
    const runs = typeof key === 'string' && !Array.isArray(holder) ? reader.runList(OPEN_WHEN_READ) : null;
    if (runs) {
      if (reader.at !== v.length) throw damaged();
      openWhenRead(holder, key as string, runs, () => new ListReader(v, 0, damaged).take());
      return true;
    }
    holder[key] = reader.take();
    if (reader.at !== v.length) throw new WireListDamaged();
    return true;
  });
  return read;
}
