/**
 * A realistic incident for the executives' page tests (tests only): a web-shop breach on day
 * three — facts known, a 1,000-customer list partly contacted, enquiries over three days with
 * two escalated, the preliminary report filed, tasks overdue in two phases, decisions taken,
 * a statement published and the next update announced.
 */
import type { Task } from '../boards/tasks';
import { totalsFromCells, TOTAL_CELLS, type Totals } from '../contacts/fallback';
import type { Channel } from '../contacts/model';
import { DEFAULT_SETTINGS, type DisclosureRow } from '../disclosure/regulator';
import type { Statement } from '../disclosure/statement-events';
import type { Enquiry } from '../faq/model';
import type { Decision } from '../incident/decisions';
import { EMPTY_FACTS, type Incident } from '../incident/model';
import { encodeHlc } from '../events/hlc';
import type { ExecInput, ReachInput } from './summary';

export const NOW = Date.parse('2026-12-03T10:00:00+09:00');

export const INCIDENT: Incident = {
  id: 'inc-1',
  title: 'ECサイト不正アクセス（髙島屋﨑店・𠮷田様ご指摘）',
  kind: 'personal-data',
  scenario: 'unauthorised-access',
  drill: false,
  summary: '',
  completedAt: null,
  excluded: false,
  published: false,
  facts: {
    ...EMPTY_FACTS,
    confirmedCount: 12_345,
    maxCount: 48_000,
    itemsLeaked: ['name', 'address', 'phone', 'email'],
    itemsNotLeaked: ['creditCard', 'bankAccount'],
    discoveredAt: '2026-12-01T09:30:00+09:00',
    nextUpdateAt: '2026-12-04T15:00:00+09:00',
  },
  reportCount: 2,
  createdAt: '2026-12-01T09:40:00+09:00',
  createdBy: 'p1',
  updatedAt: '2026-12-03T09:00:00+09:00',
  stamps: {},
};

export const DISCLOSURE: Pick<DisclosureRow, 'settings' | 'stamps' | 'filings'> = {
  settings: { ...DEFAULT_SETTINGS, learnedAt: '2026-12-01T09:30:00+09:00', improperPurpose: true, euResidents: true, awareAt: '2026-12-01T09:30:00+09:00' },
  stamps: {},
  filings: [{ kind: 'preliminary', filedAt: '2026-12-02T16:00:00+09:00', reference: 'R-1', note: '', at: '0001', recordedBy: 'p1' }],
};

const task = (id: string, phase: Task['phase'], title: string, dueAt: string | null, status: Task['status'] = 'todo'): Task =>
  ({ id, incidentId: 'inc-1', phase, title, owner: '佐藤', dueAt, status, notes: '', checklist: [], source: 'template', createdAt: '2026-12-01T09:40:00+09:00', updatedAt: '', updatedBy: 'p1', stamps: {} }) as Task;

export const TASKS: Task[] = [
  task('t1', 'containment', '侵入経路を遮断する', '2026-12-02T12:00:00+09:00'),
  task('t2', 'containment', 'ログを保全する', '2026-12-03T09:00:00+09:00', 'doing'),
  task('t3', 'statement', 'お詫び文を公表する', '2026-12-02T18:00:00+09:00'),
  task('t4', 'analysis', '影響範囲を調べる', '2026-12-01T18:00:00+09:00', 'done'),
  task('t5', 'counter', '窓口を開設する', '2026-12-05T09:00:00+09:00'),
  task('t6', 'direction', '対策本部を設置する', null),
];

const decision = (id: string, iso: string, what: string): Decision => ({
  id,
  incidentId: 'inc-1',
  phase: 'direction',
  what,
  why: '被害拡大防止',
  decidedBy: '社長 山田',
  at: encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'n1' }),
  recordedBy: 'p1',
});
export const DECISIONS: Decision[] = [
  decision('d1', '2026-12-01T10:00:00Z', 'サイトを停止する'),
  decision('d3', '2026-12-03T00:00:00Z', 'お詫びの品を送る'),
  decision('d2', '2026-12-02T01:00:00Z', '第1報を公表する'),
  decision('d4', '2026-11-30T10:00:00Z', '初動会議を開く'),
];

/** An event's clock stamp at `iso`, as stored events and series records carry them. */
export const stamp = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'n1' });

export const STATEMENTS = [
  { id: 'inc-1:1', incidentId: 'inc-1', version: 1, state: 'published', publishedAt: stamp('2026-12-02T17:00:00+09:00') },
  { id: 'inc-1:2', incidentId: 'inc-1', version: 2, state: 'draft', publishedAt: null },
] as Statement[];

const enquiry = (id: string, at: string, question: string, escalate = false): Enquiry =>
  ({ id, incidentId: 'inc-1', channel: 'phone', caller: { name: '', phone: '', email: '' }, question, answerEntryId: null, answerText: '', escalate, operator: 'A01', durationSec: 120, tags: [], at, loggedAt: at, loggedBy: 'p1', updatedAt: at, stamps: {} }) as Enquiry;
export const ENQUIRIES: Enquiry[] = [
  enquiry('e1', '2026-12-01T10:00:00+09:00', '私の情報は漏れましたか'),
  enquiry('e2', '2026-12-01T23:30:00+09:00', '自分の個人情報は流出したのか'),
  // 00:30 in Tokyo on the 2nd, still the 1st in UTC: counted on the 2nd.
  enquiry('e3', '2026-12-01T15:30:00Z', 'クレジットカードは大丈夫ですか', true),
  enquiry('e4', '2026-12-02T11:00:00+09:00', 'カード番号は漏れていますか'),
  enquiry('e5', '2026-12-03T09:00:00+09:00', '退会したい', true),
  enquiry('e6', '2026-12-03T09:10:00+09:00', '私の情報は漏れましたか'),
];

const CHANNELS: Channel[] = ['email', 'phone', 'post', 'notice'];
function cells(fill: [number, number][]): Int32Array {
  const c = new Int32Array(TOTAL_CELLS);
  for (const [i, n] of fill) c[i] = n;
  return c;
}
/** Cell index = phase × 4 + channel slot (shared/contacts/fallback). 16+: excluded. */
const nowCells = cells([[0, 300], [1, 100], [4, 50], [8, 320], [9, 150], [10, 40], [14, 30], [16, 10]]);
const startCells = cells([[0, 790], [1, 200], [16, 10]]);
const midCells = cells([[0, 500], [1, 150], [4, 90], [8, 200], [9, 50], [16, 10]]);
const T = (c: Int32Array): Totals => totalsFromCells(c, CHANNELS);

export const REACH: ReachInput[] = [
  {
    name: '会員名簿 2026-12-01',
    channels: CHANNELS,
    totals: T(nowCells),
    series: [
      { at: stamp('2026-12-01T12:00:00+09:00'), totals: T(startCells) },
      { at: stamp('2026-12-02T12:00:00+09:00'), totals: T(midCells) },
      { at: stamp('2026-12-03T09:00:00+09:00'), totals: T(nowCells) },
    ],
  },
];

export function execInput(over: Partial<ExecInput> = {}): ExecInput {
  return { incident: INCIDENT, disclosure: DISCLOSURE, tasks: TASKS, decisions: DECISIONS, statements: STATEMENTS, enquiries: ENQUIRIES, escalationEvents: [], groups: [], reach: REACH, now: NOW, ...over };
}
