/**
 * Which contact-list entry a person's e-mail reminders go to: never one removed from the
 * list (the table keeps it, with its address, as a mark), and the one with the person's own
 * address over a namesake's. Found by a stranger's probe: both went to the wrong mailbox.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { EMPTY_PERSON } from '../../../shared/directory/model';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';
import { readReminderWants } from './reminder-wants';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup(profile: { name: string; email?: string }) {
  const db = new HonbuDb(`reminder-entry-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', profile, { cost: TEST_KDF_COST });
  const life = openDispatch({ store: ws.store, personId: ws.identity.personId });
  return { ws, life };
}

it('a removed contact-list entry does not receive the person’s reminders', async () => {
  const { ws, life } = await setup({ name: '佐藤 一郎' });
  // The old entry (an address the person no longer has) is removed and a new one made.
  await dispatch('directory.import-people', { people: [{ id: 'a-old', fields: { ...EMPTY_PERSON, name: '佐藤 一郎', emails: ['sato.old@previous-employer.example'] } }] });
  await dispatch('directory.remove-person', { personId: 'a-old' });
  await dispatch('directory.import-people', { people: [{ id: 'b-new', fields: { ...EMPTY_PERSON, name: '佐藤 一郎', emails: ['sato@company.example'] } }] });
  await dispatch('reminders.set-channels', { email: true, chatChannelIds: [] });
  const w = await readReminderWants(ws.store, ws.identity.personId, Date.UTC(2026, 11, 2), 60);
  expect(w.route.email?.emails).toEqual(['sato@company.example']);
  life.dispose();
});

it('with only a removed entry, no reminder address at all', async () => {
  const { ws, life } = await setup({ name: '佐藤 一郎' });
  await dispatch('directory.import-people', { people: [{ id: 'a-old', fields: { ...EMPTY_PERSON, name: '佐藤 一郎', emails: ['sato.old@previous-employer.example'] } }] });
  await dispatch('reminders.set-channels', { email: true, chatChannelIds: [] });
  await dispatch('directory.remove-person', { personId: 'a-old' });
  const w = await readReminderWants(ws.store, ws.identity.personId, Date.UTC(2026, 11, 2), 60);
  expect(w.route.email).toBeNull();
  life.dispose();
});

it('the entry with the person’s own address wins over a namesake', async () => {
  const { ws, life } = await setup({ name: '佐藤 一郎', email: 'sato@company.example' });
  await dispatch('directory.import-people', {
    people: [
      { id: 'a-namesake', fields: { ...EMPTY_PERSON, name: '佐藤 一郎', organisation: '印刷委託先', category: 'printing', emails: ['sato@printer-vendor.example'] } },
      { id: 'b-me', fields: { ...EMPTY_PERSON, name: '佐藤 一郎', organisation: '情報システム部', emails: ['sato@company.example'] } },
    ],
  });
  await dispatch('reminders.set-channels', { email: true, chatChannelIds: [] });
  const w = await readReminderWants(ws.store, ws.identity.personId, Date.UTC(2026, 11, 2), 60);
  expect(w.route.email?.emails).toEqual(['sato@company.example']);
  life.dispose();
});
