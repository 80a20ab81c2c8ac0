/**
 * What the sender's tests share (test code only: nothing in the app imports it): events of the
 * kinds that grow large (a post batch naming rows, sealed intake reports) or stay small (a note),
 * and what a teammate's laptop makes of the items pushed to the room, parts joined once whole.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { encodeHlc } from '../../../shared/events/hlc';
import { openAssembled, openItem, type Chunk } from '../../../shared/sync/chunk';
import { PartAssembler } from '../../../shared/sync/parts';
import type { deriveEpochKeys } from '../../../shared/sync/epoch';
import type { Roster } from '../../../shared/sync/roster';

let n = 0;
export const at = () => encodeHlc({ wall: 1_760_000_000_000 + ++n, counter: 0, node: 'root' });
export const batch = (id: string, rows: number[]): HonbuEvent => ({
  id, incidentId: 'inc-1', at: at(), actor: 'p-root', type: 'contacts.batch-created',
  payload: { datasetId: 'ds-1', batchId: id, channel: 'post', rows },
});
export const note = (id: string): HonbuEvent => ({ id, incidentId: 'inc-1', at: at(), actor: 'p-root', type: 'incident.note-added', payload: { text: id } });

/** Intake reports whose sealed boxes are random (as real ones are): `n` bytes of them, beyond any deflate. */
export const reports = (id: string, n: number): HonbuEvent => {
  const box = (i: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(24 * 1024))).toString('base64url') + String(i);
  const count = Math.ceil(n / (32 * 1024));
  return {
    id, incidentId: null, at: at(), actor: 'p-root', type: 'intake.reports-received',
    payload: { intakeId: 'bGltaXQtZXhhY3RseS0wMQ', reports: Array.from({ length: count }, (_, i) => ({ reportId: `r${i}`, receivedAt: '2026-12-01T09:00:00.000Z', box: { v: 1, epk: 'A'.repeat(87), iv: 'B'.repeat(16), ct: box(i) } })) },
  };
};

/** What a teammate makes of the pushed items, in order: events, with parts joined once whole. */
export async function teammateReads(items: Chunk[], room: Awaited<ReturnType<typeof deriveEpochKeys>>, roster: Roster): Promise<string[]> {
  const assembler = new PartAssembler();
  const ids: string[] = [];
  // As the receiver: an event already stored is not stored again, whatever copy of it comes.
  const known = new Set<string>();
  const add = (events: HonbuEvent[]) => {
    for (const e of events) {
      if (known.has(e.id)) continue;
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
