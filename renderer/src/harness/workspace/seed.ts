/**
 * Fills a workspace for `npm run bench` (bench/workspace.ts): one incident with the given
 * number of events — tasks and their changes, fact edits, enquiries and their edits,
 * contact batches with one result per customer — and a customer list of the given size.
 * Events are made by the app's pure commands (contact events as the tracker makes them)
 * and appended in chunks, as a long day of many laptops would leave them.
 */
import { BUILTIN_TEMPLATES } from '../../../../shared/boards/scenarios';
import { addTask, changeTask } from '../../../../shared/boards/commands';
import { PHASES, TASK_STATUSES } from '../../../../shared/boards/model';
import type { CommandContext, CommandResult } from '../../../../shared/events/command';
import type { AnyDraft } from '../../../../shared/events/registry';
import { changeFacts, fileFirstReport } from '../../../../shared/incident/commands';
import { EMPTY_REPORT } from '../../../../shared/incident/model';
import { editEnquiry, logEnquiry } from '../../../../shared/faq/commands';
import { ENQUIRY_CHANNELS } from '../../../../shared/faq/model';
import { ContactEngine } from '../../contacts/contact-engine';
import { ImportClient } from '../../contacts/import-client';
import { HonbuDb } from '../../data/db';
import { createWorkspace } from '../../data/workspace';

export interface SeedOptions {
  events: number;
  passphrase: string;
  /** Where the page fetches the customer list (the bench serves a generated file). */
  listUrl: string;
}

export interface Seeded {
  incidentId: string;
  datasetId: string;
  rows: number;
  events: number;
  byKind: Record<string, number>;
  importMs: number;
  ms: number;
}

const OWNERS = ['佐藤', '鈴木', '高橋', '田中', '伊藤'];
const CHUNK = 1_000;
/** Customers per post batch; each gets one result event (a returned letter or a delivery). */
const BATCH_ROWS = 40;

function drafts<V>(r: CommandResult<V>): { events: AnyDraft[]; value: V } {
  if (!r.ok) throw new Error(`seed: refused ${JSON.stringify(r.problems)}`);
  return { events: r.events, value: r.value };
}

export async function seedWorkspace(o: SeedOptions): Promise<Seeded> {
  const t0 = performance.now();
  const db = new HonbuDb();
  const ws = await createWorkspace(db, o.passphrase, { name: 'ベンチ 太郎', roles: ['direction'] });
  const ctx: CommandContext = { now: Date.now(), newId: () => crypto.randomUUID(), actor: { personId: ws.identity.personId, roles: ['direction'] } };
  const byKind: Record<string, number> = {};
  let total = 1;
  const count = (kind: string, n: number) => {
    byKind[kind] = (byKind[kind] ?? 0) + n;
    total += n;
  };

  const first = drafts(
    fileFirstReport(ctx, null, {
      title: 'ベンチ用：会員サイトへの不正アクセス',
      kind: 'personal-data',
      scenario: BUILTIN_TEMPLATES[0]!.id,
      drill: false,
      report: { ...EMPTY_REPORT, discoveredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), reporter: 'ベンチ', itemsLeaked: ['name', 'address'], confirmedCount: 1000 },
      template: BUILTIN_TEMPLATES[0]!,
    }),
  );
  await ws.store.append(first.events);
  count('incident', first.events.length);
  const incidentId = first.value;

  const engine = await ContactEngine.open(ws.store);
  const client = new ImportClient(engine);
  const file = await (await fetch(o.listUrl)).blob();
  const importT0 = performance.now();
  const peek = await client.peek(file, undefined, 1);
  const imported = await client.start(file, { incidentId, mapping: peek.guess }).done;
  if (!imported.ok) throw new Error('seed: the customer list did not import');
  const importMs = performance.now() - importT0;
  const datasetId = imported.datasetId;
  count('contacts', 1);

  const tasks: string[] = [];
  const enquiries: string[] = [];
  let plain: AnyDraft[] = [];
  let contact: AnyDraft[] = [];
  const flushPlain = async () => {
    if (plain.length > 0) await ws.store.append(plain);
    plain = [];
  };
  const flushContact = async () => {
    // The contact projection folds them in the same transaction (status-projection.ts).
    if (contact.length > 0) await ws.store.append(contact);
    contact = [];
  };
  const add = async (kind: string, events: AnyDraft[]) => {
    plain.push(...events);
    count(kind, events.length);
    if (plain.length >= CHUNK) await flushPlain();
  };
  const addContact = async (events: AnyDraft[]) => {
    contact.push(...events);
    count('contacts', events.length);
    if (contact.length >= CHUNK) await flushContact();
  };

  for (let i = 0; i < 400; i++) {
    const r = drafts(addTask(ctx, null, { incidentId, phase: PHASES[i % PHASES.length]!, title: `対応タスク ${i + 1}` }));
    tasks.push(r.value);
    await add('tasks', r.events);
  }

  let nextRow = 0;
  let k = 0;
  while (total < o.events) {
    k++;
    // Three events in ten are contact events; the rest split 4 : 1 : 1.5 : 0.5.
    const r = ((Math.imul(k, 2654435761) >>> 0) / 4294967296) * 0.7;
    if ((byKind.contacts ?? 0) < 0.3 * total) {
      // A post batch, sent, and one result per customer in it.
      const rows = Array.from({ length: BATCH_ROWS }, (_, i) => (nextRow + i) % imported.rows);
      nextRow += BATCH_ROWS;
      const batchId = crypto.randomUUID();
      await addContact([
        { type: 'contacts.batch-created', incidentId, payload: { datasetId, batchId, channel: 'post', rows } },
        { type: 'contacts.batch-sent', incidentId, payload: { datasetId, batchId, sentAt: new Date().toISOString() } },
        ...rows.map((row, i): AnyDraft => ({
          type: 'contacts.outcomes-recorded',
          incidentId,
          payload: { datasetId, channel: 'post', source: 'returned-mail', batchId, rows: [row], outcomes: [i % 4 === 0 ? 'failed' : 'reached'], reasons: [i % 4 === 0 ? 'unknown-address' : ''] },
        })),
      ]);
    } else if (r < 0.4) {
      const taskId = tasks[k % tasks.length]!;
      const changes = k % 3 === 0 ? { status: TASK_STATUSES[k % TASK_STATUSES.length]! } : k % 3 === 1 ? { owner: OWNERS[k % OWNERS.length]! } : { notes: `進捗メモ ${k}` };
      await add('tasks', drafts(changeTask(ctx, null, { incidentId, taskId, changes })).events);
    } else if (r < 0.5) {
      await add('facts', drafts(changeFacts(ctx, null, { incidentId, changes: { confirmedCount: 1000 + k } })).events);
    } else if (r < 0.65) {
      const e = drafts(
        logEnquiry(ctx, null, {
          incidentId,
          fields: {
            channel: ENQUIRY_CHANNELS[k % ENQUIRY_CHANNELS.length]!, caller: { name: `問合せ者 ${k}`, phone: `090-0000-${String(k % 10000).padStart(4, '0')}`, email: '' },
            question: `自分の情報は漏れていますか（${k}）`, answerEntryId: null, answerText: '確認中です', escalate: k % 50 === 0, operator: OWNERS[k % OWNERS.length]!,
            durationSec: 120 + (k % 300), tags: [], at: new Date(Date.now() - (k % 72) * 3_600_000).toISOString(),
          },
        }),
      );
      enquiries.push(e.value);
      await add('enquiries', e.events);
    } else if (enquiries.length > 0) {
      await add('enquiries', drafts(editEnquiry(ctx, null, { incidentId, enquiryId: enquiries[k % enquiries.length]!, changes: { answerText: `回答済み ${k}` } })).events);
    }
  }
  await flushPlain();
  await flushContact();
  client.terminate();
  engine.dispose();
  await ws.store.close();
  db.close();
  return { incidentId, datasetId, rows: imported.rows, events: total, byKind, importMs, ms: performance.now() - t0 };
}
