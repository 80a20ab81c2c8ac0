/**
 * The inbox's writes through dispatch, as the screens run them: direction creates the key,
 * records fetched reports (still sealed in the store), files one as a first report through
 * the normal command and marks it handled once; a member without direction may do none of it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { sealIntake, openIntake } from '../../../shared/intake/seal';
import { parseReport } from '../../../shared/intake/report';
import { firstReportFromIntake } from '../../../shared/intake/first-report';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';
import { readIntake } from './handlers';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const WHAT = '顧客名簿を誤って社外に送信しました';

describe('the report inbox through dispatch', () => {
  it('direction records, files and marks a report; the store holds it sealed; others are refused', async () => {
    const db = new HonbuDb(`intake-dispatch-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, 'intake dispatch passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const founder = openDispatch({ store: ws.store, personId: ws.identity.personId });
    const intakeId = await dispatch('intake.create-key', {});
    await expect(dispatch('intake.create-key', {})).rejects.toMatchObject({ problems: [{ reason: 'exists' }] });
    const key = (await readIntake({ store: ws.store })).key!;
    expect(key.intakeId).toBe(intakeId);

    const box = await sealIntake(key.publicKey, intakeId, JSON.stringify({ v: 1, what: WHAT, when: '今朝', where: '本社', howMany: '約40人', name: '', contact: '内線 1234', lang: 'ja' }));
    const reports = [{ reportId: '0000000000aa-abcdefgh', receivedAt: '2026-12-01T01:00:00.000Z', box }];
    expect(await dispatch('intake.record-received', { intakeId, reports })).toBe(1);
    // Fetched again (the acknowledgement was lost): nothing new is recorded.
    await expect(dispatch('intake.record-received', { intakeId, reports })).rejects.toMatchObject({ problems: [{ reason: 'unchanged' }] });

    // Nothing of the report is in the store in clear: events are sealed, and the report inside is sealed again.
    const raw = JSON.stringify(await db.events.toArray());
    expect(raw).not.toContain(WHAT);
    expect(raw).not.toContain('内線 1234');

    const state = await readIntake({ store: ws.store });
    const content = parseReport(await openIntake(key.privateKey, intakeId, state.reports.get(reports[0]!.reportId)!.box))!;
    const prefill = firstReportFromIntake(content, reports[0]!.receivedAt, '山田 花子', { titlePrefix: '通報: ', anonymous: '匿名' });
    const incidentId = await dispatch('incident.file-first-report', { ...prefill, kind: 'personal-data', scenario: 'misdirected-email', drill: false });
    await dispatch('intake.mark-handled', { reportId: reports[0]!.reportId, outcome: 'first-report', incidentId });
    await expect(dispatch('intake.mark-handled', { reportId: reports[0]!.reportId, outcome: 'set-aside', incidentId: null })).rejects.toMatchObject({ problems: [{ reason: 'already-handled' }] });
    const first = (await ws.store.readEvents(incidentId)).find((e) => e.type === 'incident.first-reported');
    expect(first?.payload).toMatchObject({ title: `通報: ${WHAT}`, report: { what: WHAT, where: '本社', scope: '約40人', foundBy: '匿名 / 内線 1234', discoveredAt: '2026-12-01T01:00:00.000Z' } });
    expect((await readIntake({ store: ws.store })).reports.get(reports[0]!.reportId)?.handled).toMatchObject({ outcome: 'first-report', incidentId });
    founder.dispose();

    // A member given no direction: the role table refuses every intake write.
    const other = openDispatch({ store: ws.store, personId: 'p-analyst' });
    await expect(dispatch('intake.create-key', { replace: true })).rejects.toMatchObject({ problems: [expect.objectContaining({ reason: 'role-required' })] });
    await expect(dispatch('intake.record-received', { intakeId, reports: [{ ...reports[0]!, reportId: 'other' }] })).rejects.toMatchObject({ problems: [expect.objectContaining({ reason: 'role-required' })] });
    other.dispose();
  });
});
