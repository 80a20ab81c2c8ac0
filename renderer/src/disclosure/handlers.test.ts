/**
 * The disclosure fixes of issue 18 as the screens reach them (dispatch → handler → pure
 * command → append, every draft parsed by the registry): the handler gives the filing
 * check the moment the screen shows, and the fields added by those fixes survive the
 * registry's schemas instead of being stripped on the way to the store.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPANY_ROW_ID, EMPTY_COMPANY } from '../../../shared/company/profile';
import { blankDecision } from '../../../shared/disclosure/commands';
import { VIEWPOINTS } from '../../../shared/disclosure/regulator';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { tables } from '../data/tables';
import { dispatch, openDispatch, problemsOf } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';

const NOW = Date.parse('2026-12-02T03:00:00Z');
const DISCOVERED = '2026-12-01T16:40:31.250Z';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function withIncident() {
  const db = new HonbuDb(`disclosure-handlers-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'disclosure handlers passphrase', { name: '社長 一郎' }, { cost: TEST_KDF_COST });
  const session = openDispatch({ store: ws.store, personId: ws.identity.personId, now: () => NOW });
  const incidentId = await dispatch('incident.file-first-report', {
    title: '不正アクセス',
    kind: 'personal-data',
    scenario: 'unauthorized-access',
    drill: false,
    report: { ...EMPTY_REPORT, discoveredAt: DISCOVERED, reporter: '山田', itemsLeaked: ['name'], confirmedCount: 10 },
  });
  return { ws, session, incidentId };
}

describe('filing a report, through dispatch', () => {
  it('is refused before the moment the company learned of it, which is the discovery until someone sets it', async () => {
    const { session, incidentId } = await withIncident();
    const typo = await problemsOf(dispatch('disclosure.file-report', { incidentId, kind: 'preliminary', filedAt: '2025-12-01T17:00:00.000Z', reference: 'R-1' }));
    expect(typo).toEqual([{ field: 'filedAt', reason: 'before-learned', params: { at: '2025-12-01T17:00:00.000Z', learned: DISCOVERED } }]);
    // Set by hand, the learned-at time is the floor instead.
    await dispatch('disclosure.change-settings', { incidentId, changes: { learnedAt: '2026-12-01T20:00:00.000Z' } });
    const early = await problemsOf(dispatch('disclosure.file-report', { incidentId, kind: 'preliminary', filedAt: '2026-12-01T18:00:00.000Z', reference: 'R-1' }));
    expect(early.map((p) => [p.reason, p.params?.learned])).toEqual([['before-learned', '2026-12-01T20:00:00.000Z']]);
    // The GDPR clock starts at the earlier of learned and aware.
    await dispatch('disclosure.change-settings', { incidentId, changes: { awareAt: '2026-12-01T17:30:00.000Z' } });
    expect(await problemsOf(dispatch('disclosure.file-report', { incidentId, kind: 'gdpr', filedAt: '2026-12-01T18:00:00.000Z', reference: '' }))).toEqual([]);
    expect(await problemsOf(dispatch('disclosure.file-report', { incidentId, kind: 'preliminary', filedAt: '2026-12-01T20:00:00.000Z', reference: 'R-1' }))).toEqual([]);
    session.dispose();
  });
});

describe('fields added by the issue-18 fixes survive the registry', () => {
  it('the disclosure decision keeps what was decided, so screens can say it in their own language', async () => {
    const { ws, session, incidentId } = await withIncident();
    const me = ws.identity.personId;
    const draft = {
      ...blankDecision(),
      publish: false,
      why: '二次被害のおそれが低いため',
      deciderId: me,
      viewpoints: Object.fromEntries(VIEWPOINTS.map((v) => [v, { note: '', rating: 'low' }])) as ReturnType<typeof blankDecision>['viewpoints'],
    };
    await dispatch('disclosure.record-decision', { incidentId, draft, timelineWhat: { publish: '公表の判断: 公表する', notPublish: '公表の判断: 公表しない' } });
    const decisions = await ws.store.table(tables.decisions).where('incidentId', incidentId);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ what: '公表の判断: 公表しない', disclosurePublish: false });
    session.dispose();
  });

  it('the company profile keeps the representative in English', async () => {
    const { ws, session } = await withIncident();
    await dispatch('company.save-profile', { draft: { ...EMPTY_COMPANY, name: '株式会社さくら', representativeTitleEn: 'President and CEO', representativeEn: 'Ichiro Sakura' } });
    expect(await ws.store.table(tables.company).get(COMPANY_ROW_ID)).toMatchObject({ representativeTitleEn: 'President and CEO', representativeEn: 'Ichiro Sakura' });
    session.dispose();
  });
});
