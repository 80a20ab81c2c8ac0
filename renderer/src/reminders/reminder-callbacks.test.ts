import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_REPORT } from '../../../shared/incident/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { readReminderState } from './reminder-state';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const firstReport = { title: '会員情報の流出', kind: 'personal-data' as const, scenario: 'misdirected-email', drill: false, report: EMPTY_REPORT };
const enquiry = {
  enquiryId: 'q1',
  channel: 'phone' as const,
  caller: { name: '髙橋 𠮷子', phone: '０９０-１２３４-５６７８', email: '' },
  question: 'ポイントは使えなくなりますか',
  answerEntryId: null,
  answerText: '',
  escalate: true,
  operator: 'V-017',
  durationSec: 60,
  tags: [],
  at: '2026-12-01T10:00:00+09:00',
};

describe('My work reads the callbacks', () => {
  it('shows an overdue callback the person owns among their reminders and deadlines, and not once it is closed', async () => {
    const db = new HonbuDb(`callbacks-${crypto.randomUUID()}`);
    dbs.push(db);
    const { store } = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子', email: '' }, { cost: TEST_KDF_COST });
    await store.append([{ type: 'incident.first-reported', incidentId: 'i1', payload: firstReport }]);
    await store.append([{ type: 'faq.enquiry-logged', incidentId: 'i1', payload: enquiry }]);
    const before = Date.parse('2026-12-01T11:00:00+09:00');
    // Escalated but nobody took it: it reminds nobody (it waits at the top of the queue).
    expect((await readReminderState(store, store.actor, before, 60)).deadlines.filter((d) => d.subject.type === 'callback')).toEqual([]);

    await store.append([{ type: 'faq.escalation-owned', incidentId: 'i1', payload: { enquiryId: 'q1', ownerId: store.actor } }]);
    await store.append([{ type: 'faq.escalation-due-set', incidentId: 'i1', payload: { enquiryId: 'q1', dueAt: '2026-12-01T15:00:00.000+09:00' } }]);
    const mine = await readReminderState(store, store.actor, before, 60);
    expect(mine.deadlines.filter((d) => d.subject.type === 'callback')).toEqual([{ incidentId: 'i1', subject: { type: 'callback', enquiryId: 'q1' }, deadline: '2026-12-01T06:00:00.000Z' }]);
    expect(mine.due.filter((r) => r.subject.type === 'callback')).toEqual([]);

    // An hour past the due time: overdue, in the reminders due now.
    const late = await readReminderState(store, store.actor, Date.parse('2026-12-01T16:00:00+09:00'), 60);
    expect(late.due.filter((r) => r.subject.type === 'callback').map((r) => r.point)).toEqual(['overdue']);

    await store.append([{ type: 'faq.escalation-closed', incidentId: 'i1', payload: { enquiryId: 'q1', outcome: 'answered', attempts: 1, answer: '使えます', note: '' } }]);
    const done = await readReminderState(store, store.actor, Date.parse('2026-12-01T16:00:00+09:00'), 60);
    expect(done.due.filter((r) => r.subject.type === 'callback')).toEqual([]);
    expect(done.deadlines.filter((d) => d.subject.type === 'callback')).toEqual([]);
  });
});
