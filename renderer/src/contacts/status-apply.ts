/**
 * Folds contact events into the compact status blocks and running totals inside the
 * event append (EventStore AppendHook): the same transaction writes the event, the
 * changed status blocks and the new totals. An undo refolds the whole dataset from its
 * events, which is the reference fold itself.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { applyContactEvent, CONTACT_EVENT_TYPES, type EventUndone, type StatusAccess } from '../../../shared/contacts/events';
import { cellOf, initialStatus, type Policy, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { AppendHook, EventStore } from '../data/event-store';
import { BLOCK_ROWS, blockId, type ContactTables, type StatusRecord, type TotalsRecord } from './tables';

export interface DatasetPolicy {
  policy: Policy;
  rows: number;
  incidentId: string;
}

/** Status access over blocks loaded on demand, remembering which blocks changed. */
export class BlockStatus implements StatusAccess {
  readonly blocks = new Map<number, StatusRecord>();
  readonly dirty = new Set<number>();
  constructor(
    readonly size: number,
    private readonly cells: Int32Array,
  ) {}

  async load(t: ContactTables, datasetId: string, rows: Iterable<number> | 'all'): Promise<void> {
    const wanted = new Set<number>();
    if (rows === 'all') for (let b = 0; b * BLOCK_ROWS < this.size; b++) wanted.add(b);
    else for (const r of rows) wanted.add(Math.floor(r / BLOCK_ROWS));
    const missing = [...wanted].filter((b) => !this.blocks.has(b));
    const recs = await t.status.bulkGet(missing.map((b) => blockId(datasetId, b)));
    recs.forEach((r, i) => r && this.blocks.set(missing[i]!, r));
  }

  private at(row: number): [StatusRecord, number] {
    const b = Math.floor(row / BLOCK_ROWS);
    const rec = this.blocks.get(b);
    if (!rec) throw new Error(`contacts: status block ${b} not loaded`);
    return [rec, row - b * BLOCK_ROWS];
  }

  get(row: number): number {
    const [rec, i] = this.at(row);
    return rec.words[i]!;
  }

  set(row: number, word: number): void {
    const [rec, i] = this.at(row);
    const base = rec.segment[i]! * TOTAL_CELLS;
    this.cells[base + cellOf(rec.words[i]!)]! -= 1;
    this.cells[base + cellOf(word)]! += 1;
    rec.words[i] = word;
    this.dirty.add(rec.block);
  }

  avail(row: number): number {
    const [rec, i] = this.at(row);
    return rec.avail[i]!;
  }

  /** Back to the import state: every word its initial status. */
  reset(policy: Policy): void {
    for (const b of this.blocks.keys()) {
      const rec = this.blocks.get(b)!;
      rec.avail.forEach((a, i) => {
        const w = initialStatus(a, policy.order);
        if (rec.words[i] !== w) this.set(b * BLOCK_ROWS + i, w);
      });
    }
  }
}

function rowsTouched(e: HonbuEvent): number[] | 'all' | null {
  const p = e.payload as { rows?: number[] };
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated:
    case CONTACT_EVENT_TYPES.outcomesRecorded:
    case CONTACT_EVENT_TYPES.customersExcluded:
    case CONTACT_EVENT_TYPES.batchCancelled:
      return p.rows ?? [];
    case CONTACT_EVENT_TYPES.noticePublished:
    case CONTACT_EVENT_TYPES.eventUndone:
      return 'all';
    default:
      return null;
  }
}

/**
 * The hook for appending contact events of one dataset. `history` reads the dataset's
 * earlier events (for an undo's refold); it runs inside the append lock.
 */
export function statusHook(
  t: ContactTables,
  store: EventStore,
  datasetId: string,
  info: DatasetPolicy,
): AppendHook {
  return {
    tables: ['contact-status', 'contact-totals'],
    async prepare(events) {
      const totals = await t.totals.get(datasetId);
      if (!totals) throw new Error('contacts: dataset has no totals (not imported?)');
      const cells = Int32Array.from(totals.cells);
      const access = new BlockStatus(info.rows, cells);
      for (const e of events) {
        const touched = rowsTouched(e);
        if (!touched) continue;
        await access.load(t, datasetId, touched);
        if (e.type === CONTACT_EVENT_TYPES.eventUndone) {
          const history = (await store.readEvents(info.incidentId)).filter(
            (x) => (x.payload as { datasetId?: string }).datasetId === datasetId,
          );
          const undone = new Set([...history, ...events].filter((x) => x.type === CONTACT_EVENT_TYPES.eventUndone).map((x) => (x.payload as EventUndone).eventId));
          access.reset(info.policy);
          for (const x of history) if (!undone.has(x.id)) applyContactEvent(access, x, info.policy);
          continue;
        }
        applyContactEvent(access, e, info.policy);
      }
      const changed = [...access.dirty].map((b) => access.blocks.get(b)!);
      const next: TotalsRecord = { id: datasetId, cells };
      return async () => {
        await t.status.bulkPut(changed);
        await t.totals.put(next);
      };
    },
  };
}
