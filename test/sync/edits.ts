/**
 * Random but realistic edits: tasks added and changed, live facts, enquiries logged and
 * edited, all carrying the fixture's personal data so the disk scan has something to miss.
 */
import type { AnyDraft } from '../../shared/events/registry';
import { EMPTY_REPORT } from '../../shared/incident/model';
export { seededRandom as rng } from '../../shared/testing/seeded-random';

export const INCIDENT = 'inc-1';

/** Personal data that must never reach the server's disk in clear. */
export const PERSONAL = {
  names: ['山田 太郎', '佐々木 花子', 'Yamamoto Kenji'],
  phones: ['090-3141-5926', '080-2718-2818'],
  emails: ['taro.yamada@example.jp', 'hanako.sasaki@example.co.jp'],
  addresses: ['東京都千代田区丸の内1-9-1', '大阪府大阪市北区梅田3-1-1'],
};
export const PERSONAL_STRINGS = Object.values(PERSONAL).flat();


export const firstReport = (): AnyDraft => ({
  type: 'incident.first-reported',
  incidentId: INCIDENT,
  payload: { title: 'USBメモリ紛失', kind: 'personal-data', scenario: 'lost-device', drill: true, report: { ...EMPTY_REPORT, reporter: PERSONAL.names[0]! } },
});

/**
 * Rows every laptop edits, so concurrent edits collide on the same fields (the
 * interesting case). They are created once, before the laptops go offline: like the app,
 * where a row is added once under a fresh id and only changed afterwards.
 */
const TASK_IDS = Array.from({ length: 40 }, (_, i) => `task-${i}`);
const ENQUIRY_IDS = Array.from({ length: 40 }, (_, i) => `enq-${i}`);

const newTask = (id: string, title: string, owner: string, notes: string) => ({
  id,
  phase: 'containment' as const,
  title,
  owner,
  dueAt: null,
  status: 'todo' as const,
  notes,
  checklist: ['確認'],
  source: '',
});

const newEnquiry = (enquiryId: string, name: string, phone: string, email: string, question: string, operator: string, n: number) => ({
  enquiryId,
  channel: 'phone' as const,
  caller: { name, phone, email },
  question,
  answerEntryId: null,
  answerText: '',
  escalate: false,
  operator,
  durationSec: n,
  tags: [],
  at: '2026-11-21T01:00:00.000Z',
});

/** The shared rows, added by one laptop while everyone is online. */
export function seedRows(): AnyDraft[] {
  return [
    { type: 'boards.tasks-added', incidentId: INCIDENT, payload: { tasks: TASK_IDS.map((id, i) => newTask(id, `初動 ${i}`, PERSONAL.names[i % 3]!, PERSONAL.addresses[i % 2]!)) } },
    ...ENQUIRY_IDS.map((id, i): AnyDraft => ({
      type: 'faq.enquiry-logged',
      incidentId: INCIDENT,
      payload: newEnquiry(id, PERSONAL.names[i % 3]!, PERSONAL.phones[i % 2]!, PERSONAL.emails[i % 2]!, `${PERSONAL.addresses[i % 2]} の件`, 'seed', i),
    })),
  ];
}

let fresh = 0;

export function randomEdit(rand: () => number, who: string): AnyDraft {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const n = Math.floor(rand() * 1000);
  const r = rand();
  if (r < 0.15) {
    return {
      type: 'boards.tasks-added',
      incidentId: INCIDENT,
      payload: { tasks: [newTask(`${who}-task-${++fresh}`, `${who} タスク ${n}`, pick(PERSONAL.names), pick(PERSONAL.addresses))] },
    };
  }
  if (r < 0.5) {
    return {
      type: 'boards.task-changed',
      incidentId: INCIDENT,
      payload: { taskId: pick(TASK_IDS), changes: rand() < 0.5 ? { status: pick(['todo', 'doing', 'done']) } : { owner: pick(PERSONAL.names), notes: `${who} ${n}` } },
    };
  }
  if (r < 0.65) {
    return { type: 'incident.facts-changed', incidentId: INCIDENT, payload: { changes: rand() < 0.5 ? { confirmedCount: n } : { deskPhone: pick(PERSONAL.phones) } } };
  }
  if (r < 0.8) {
    return {
      type: 'faq.enquiry-logged',
      incidentId: INCIDENT,
      payload: newEnquiry(`${who}-enq-${++fresh}`, pick(PERSONAL.names), pick(PERSONAL.phones), pick(PERSONAL.emails), `${pick(PERSONAL.addresses)} に届いた通知について ${n}`, who, n),
    };
  }
  return { type: 'faq.enquiry-edited', incidentId: INCIDENT, payload: { enquiryId: pick(ENQUIRY_IDS), changes: { answerText: `${who} 回答 ${n}`, escalate: rand() < 0.2 } } };
}
