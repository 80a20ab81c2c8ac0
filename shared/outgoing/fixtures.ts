/** Labels and facts for the outgoing-text tests: the Japanese marker the letters carried. */
import { EMPTY_FACTS, type DataItem, type Facts } from '../incident/model';
import type { Placeholder, RenderLabels, RenderOptions } from '../incident/render';

const NAMES: Record<Placeholder, string> = {
  title: '件名',
  confirmedCount: '確定件数',
  maxCount: '最大件数（可能性）',
  itemsLeaked: '漏えいした項目',
  itemsNotLeaked: '漏えいしていない項目',
  otherItems: '「その他」の内容',
  services: '対象サービス・顧客層',
  discoveredAt: '発見日時',
  occurredAt: '発生日時',
  deskPhone: '問い合わせ窓口の電話番号',
  deskHours: '窓口の受付時間',
  nextUpdateAt: '次回の更新予定',
};

export const LABELS: RenderLabels = {
  items: {
    name: '氏名', address: '住所', phone: '電話番号', birthDate: '生年月日', gender: '性別', email: 'メールアドレス',
    creditCard: 'クレジットカード情報', bankAccount: '銀行口座情報', myNumber: 'マイナンバー', sensitive: '要配慮個人情報', other: 'その他',
  } satisfies Record<DataItem, string>,
  placeholders: NAMES,
  missing: '［未確定：{name}］',
  listSeparator: '、',
};

export const OPTS: RenderOptions = { labels: LABELS, locale: 'ja-JP', timeZone: 'Asia/Tokyo' };

/** Everything a letter quotes is known except the desk's phone number. */
export const FACTS: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: 12000,
  maxCount: 20000,
  itemsLeaked: ['name', 'address', 'email'],
  deskPhone: '',
  deskHours: '9:00〜18:00',
  services: 'オンラインショップ',
};
