/**
 * The events that make something others then act on carry its id (boundEventId): an
 * incident's first report the incident's, an export request the export's. The role book and
 * the export fold go by them, so a second "first report" or "request" under another id — a
 * modified client reaching for an incident or an approval — counts for nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { boundEventId } from '../../../shared/events/registry';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from './db';
import { dispatch, openDispatch } from './dispatch';
import { firstReportArgs } from './test-drafts';
import { createWorkspace } from './workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('ids bound to what an event makes', () => {
  it("a first report filed here is stored under the incident's own id", async () => {
    const db = new HonbuDb(`bound-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    openDispatch({ store: ws.store, personId: ws.identity.personId });
    const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
    const [first] = await ws.store.readEvents(incidentId, ['incident.first-reported']);
    expect(first!.id).toBe(incidentId);
    // Everything else of the incident keeps ids of its own.
    expect((await ws.store.readEvents(incidentId)).filter((e) => e.id === incidentId)).toHaveLength(1);
  });

  it('binds only the two events that make something, and only to an id an event may carry', () => {
    const uuid = '0b7c9d2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
    expect(boundEventId({ type: 'access.export-requested', incidentId: 'x', payload: { exportId: uuid } } as never)).toBe(uuid);
    expect(boundEventId({ type: 'incident.first-reported', incidentId: uuid, payload: {} } as never)).toBe(uuid);
    expect(boundEventId({ type: 'incident.first-reported', incidentId: 'inc-1', payload: {} } as never)).toBeUndefined();
    expect(boundEventId({ type: 'incident.facts-changed', incidentId: uuid, payload: {} } as never)).toBeUndefined();
  });
});
