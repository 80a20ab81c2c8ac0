/**
 * Operator mode through dispatch (decision 016): once direction gives a member only the
 * operator role in one incident, that member's commands are judged by the role table —
 * enquiries and the record of what it looked at pass; first reports, board edits, export
 * records (so exports) are refused before anything is written, in its incident and elsewhere.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import type { EnquiryFields } from '../../../shared/faq/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';
import { tables } from '../data/tables';
import { currentRoleBook } from './role-book';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const report = { ...EMPTY_REPORT, discoveredAt: '2026-11-20T00:00:00.000Z', reporter: '山田', itemsLeaked: ['name' as const], confirmedCount: 10 };
const enquiry: EnquiryFields = {
  channel: 'phone',
  caller: { name: '', phone: '', email: '' },
  question: '漏れていますか',
  answerEntryId: null,
  answerText: '',
  escalate: false,
  operator: 'オラ',
  durationSec: 60,
  tags: [],
  at: '2026-11-21T00:00:00.000Z',
};

async function workspaceWithOperator() {
  const db = new HonbuDb(`operator-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'operator test passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  const founder = openDispatch({ store: ws.store, personId: ws.identity.personId });
  const file = (title: string, drill = false) =>
    dispatch('incident.file-first-report', { title, kind: 'personal-data', scenario: 'lost-device', drill, report, template: BUILTIN_TEMPLATES[0] });
  const mine = await file('USBメモリの紛失');
  const other = await file('誤送信');
  const drill = await file('訓練：標的型メール', true);
  await dispatch('roles.assign-role', { personId: 'ola', role: 'operator', incidentId: mine });
  founder.dispose();
  return { db, ws, mine, other, drill };
}

describe('operator mode, in commands', () => {
  it('sees only its incident: not the other one, not the drill', async () => {
    const { ws, mine, other, drill } = await workspaceWithOperator();
    const book = await currentRoleBook(ws.store);
    expect(book.operatorMode('ola')).toBe(true);
    expect([mine, other, drill].filter((id) => book.isMember('ola', id))).toEqual([mine]);
    expect([mine, other, drill].every((id) => book.isMember(ws.identity.personId, id))).toBe(true);
  });

  it('logs an enquiry and records its lookups in its incident', async () => {
    const { ws, mine } = await workspaceWithOperator();
    const ola = openDispatch({ store: ws.store, personId: 'ola' });
    const id = await dispatch('faq.log-enquiry', { incidentId: mine, fields: enquiry });
    expect(await ws.store.table(tables.enquiries).get(id)).toMatchObject({ incidentId: mine, question: '漏れていますか' });
    await dispatch('access.record-lookup', { incidentId: mine, hits: [{ datasetId: 'd1', row: 3 }] });
    ola.dispose();
  });

  it('is refused, before anything is written, what the role table does not give it', async () => {
    const { db, ws, mine, other } = await workspaceWithOperator();
    const ola = openDispatch({ store: ws.store, personId: 'ola' });
    const before = await db.events.count();
    const refusal = (kind: string) => ({ problems: [expect.objectContaining({ field: 'role', reason: 'role-required', params: expect.objectContaining({ kind }) })] });
    const exportArgs = { kind: 'mailing-csv', format: 'utf-8-bom', datasetId: 'd1', batchId: null, rows: 10, reason: '発送' } as const;
    // A file of customers starts with a request: refused, so no file can follow.
    await expect(dispatch('access.request-export', { incidentId: mine, ...exportArgs })).rejects.toMatchObject(refusal('access.export-requested'));
    await expect(dispatch('boards.add-task', { incidentId: mine, phase: 'containment', title: '端末のロック' })).rejects.toMatchObject(refusal('boards.tasks-added'));
    await expect(dispatch('incident.change-facts', { incidentId: mine, changes: { deskPhone: '0120-000-000' } })).rejects.toMatchObject(refusal('incident.facts-changed'));
    await expect(
      dispatch('incident.file-first-report', { title: '新規', kind: 'personal-data', scenario: 'lost-device', drill: false, report, template: BUILTIN_TEMPLATES[0] }),
    ).rejects.toMatchObject(refusal('incident.first-reported'));
    // Outside its incident it holds nothing, and nothing is not everyday work for an operator.
    await expect(dispatch('faq.log-enquiry', { incidentId: other, fields: enquiry })).rejects.toMatchObject(refusal('faq.enquiry-logged'));
    await expect(dispatch('access.request-export', { incidentId: other, ...exportArgs })).rejects.toMatchObject(refusal('access.export-requested'));
    expect(await db.events.count()).toBe(before);
    ola.dispose();
  });
});
