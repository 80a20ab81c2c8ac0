/**
 * What the sender's tests share: events of the sizes that matter (a note, a post batch, intake
 * reports whose random boxes no deflate shrinks) stamped in order, and what a teammate's laptop
 * makes of the items pushed to a room.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { encodeHlc } from '../../../shared/events/hlc';
import { openAssembled, openItem, type Chunk } from '../../../shared/sync/chunk';
import type { EpochKeys } from '../../../shared/sync/epoch';
import { PartAssembler } from '../../../shared/sync/parts';
import type { Roster } from '../../../shared/sync/roster';

let n = 0;
const at = () => encodeHlc({ wall: 1_760_000_000_000 + ++n, counter: 0, node: 'root' });

/** A type the app never writes: the sender carries any event as it is. */
export const note = (id: string): HonbuEvent => ({ id, incidentId: 'inc-1', at: at(), actor: 'p-root', type: 'incident.note-added', payload: { text: id } }) as HonbuEvent;

export const batch = (id: string, rows: number[]): HonbuEvent => ({
  id,
  incidentId: 'inc-1',
  at: at(),
  actor: 'p-root',
  type: 'contacts.batch-created',
  payload: { datasetId: 'ds-1', batchId: id, channel: 'post', rows },
});

/** Intake reports whose sealed boxes are random (as real ones are): about `bytes` of them, beyond any deflate. */
export const reports = (id: string, bytes: number): HonbuEvent => {
  const box = (i: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(24 * 1024))).toString('base64url') + String(i);
  return {
    id,
    incidentId: null,
    at: at(),
    actor: 'p-root',
    type: 'intake.reports-received',
    payload: {
      intakeId: 'bGltaXQtZXhhY3RseS0wMQ',
      reports: Array.from({ length: Math.ceil(bytes / (32 * 1024)) }, (_, i) => ({ reportId: `r${i}`, receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: box(i) } })),
    },
  };
};

/**
 * What a teammate reading only these items (one room) makes of them, in order: event ids, parts
 * joined once whole, `REFUSED <reason>` for what does not open. `once` (the default): as the
 * receiver stores them, an event already read is not listed again, whatever copy of it comes;
 * without it, every whole event pushed is listed (a part only until its event is whole).
 */
export async function teammateReads(items: Chunk[], room: EpochKeys, roster: Roster, { once = true } = {}): Promise<string[]> {
  const assembler = new PartAssembler();
  const ids: string[] = [];
  const known = new Set<string>();
  const add = (events: HonbuEvent[]) => {
    for (const e of events) {
      if (once && known.has(e.id)) continue;
      ids.push(e.id);
      known.add(e.id);
    }
  };
  for (const c of items) {
    const r = await openItem(c, room, roster);
    if (!r.ok) ids.push(`REFUSED ${r.reason}`);
    else if (!r.part) add(r.events);
    else if (!known.has(r.part.eventId)) {
      const got = await assembler.add(r.device, room.epoch, r.part);
      if ('refused' in got) ids.push(`REFUSED ${got.refused}`);
      else if (got.done) {
        const whole = openAssembled(got.plaintext, r.part.eventId, r.device, room, roster);
        if (whole.ok) add(whole.events);
        else ids.push(`REFUSED ${whole.reason}`);
      }
    }
  }
  return ids;
}
