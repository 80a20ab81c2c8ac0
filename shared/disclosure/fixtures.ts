/**
 * Test fixtures: dictionary words the UI would supply, and an event builder. Only tests
 * import this; it lives here so every disclosure test speaks the same words.
 */
import type { HonbuEvent } from '../events/event';
import { EMPTY_FACTS, type DataItem, type Facts } from '../incident/model';
import { PLACEHOLDERS, type Placeholder, type RenderLabels } from '../incident/render';
import type { DraftLabels } from './ppc-report';

export const RENDER_LABELS: RenderLabels = {
  items: {
    name: '氏名',
    address: '住所',
    phone: '電話番号',
    birthDate: '生年月日',
    gender: '性別',
    email: 'メールアドレス',
    creditCard: 'クレジットカード番号',
    bankAccount: '口座番号',
    myNumber: 'マイナンバー',
    sensitive: '要配慮個人情報',
    other: 'その他',
  } satisfies Record<DataItem, string>,
  placeholders: Object.fromEntries(PLACEHOLDERS.map((p) => [p, `〈${p}〉`])) as Record<Placeholder, string>,
  missing: '［未確定：{name}］',
  listSeparator: '、',
};

export const DRAFT_LABELS: DraftLabels = {
  render: RENDER_LABELS,
  locale: 'ja-JP',
  timeZone: 'Asia/Tokyo',
  countTemplate: '{{confirmedCount}}人（最大{{maxCount}}人）',
  countMaxUnknown: '{{confirmedCount}}人（最大件数は調査中で不明）',
  countConfirmedUnknown: '確定件数は調査中で不明（最大{{maxCount}}人）',
  lines: {
    occurredAt: '発生日時：',
    discoveredAt: '発覚日時：',
    foundBy: '発見者：',
    discovery: '発覚の経緯：',
    course: '事案の経過：',
    cases: '報告対象事態：',
    entrustment: '委託関係：',
    medium: '媒体：',
    subjects: '本人の区分：',
    items: '項目：',
    causedBy: '主体：',
  },
  caseName: '施行規則7条{n}号',
  noCase: '該当なし',
  media: { electronic: '電子媒体', paper: '紙媒体', both: '電子媒体・紙媒体' },
  subjects: { customers: '顧客', employees: '従業員', other: 'その他' },
  causers: { self: '報告者（自社）', contractor: '委託先', unknown: '調査中' },
  contractor: '委託先 {name}',
  client: '委託元 {name}',
  noEntrustment: 'なし',
  jointFiling: '（連名で報告）',
  notSelected: '未選択',
};

/** Every fact known: the state in which a statement should pass its checklist. */
export const FULL_FACTS: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: 12000,
  maxCount: 20000,
  itemsLeaked: ['name', 'address', 'email', 'creditCard'],
  itemsNotLeaked: ['bankAccount', 'myNumber'],
  services: '公式オンラインショップ',
  discoveredAt: '2026-11-20T01:00:00.000Z',
  occurredAt: '2026-11-10T00:00:00.000Z',
  deskPhone: '0120-000-123',
  deskHours: '9:00〜18:00（土日祝を含む）',
  nextUpdateAt: '2026-11-27T06:00:00.000Z',
};

export function ev(at: string, type: string, payload: unknown, incidentId: string | null = 'i1', actor = 'p1'): HonbuEvent {
  return { id: `${type}-${at}`, incidentId, at, actor, type, payload };
}

/** Deterministic shuffles (reverse and rotations) for order-independence checks. */
export function orders<T>(items: readonly T[]): T[][] {
  const out: T[][] = [[...items].reverse()];
  for (let i = 1; i < items.length; i++) out.push([...items.slice(i), ...items.slice(0, i)]);
  return out;
}
