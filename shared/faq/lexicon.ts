/**
 * The words callers use about a leak, for the reading-aware analysis (morph.ts). Written
 * as people write them; the analyser turns each into base forms and readings when it
 * loads, so nothing here carries a hand-typed reading.
 */

/**
 * Words and phrases that ask the same thing, the first naming the group. Matched on base
 * forms (盗まれた → 盗む), phrases on consecutive content words (お詫びの品 → お詫び + 品),
 * and — through their readings — in kana (もれた, りゅうしゅつ).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['漏えい', '漏洩', '漏れる', '漏れ', '流出', '漏出', '外部流出', '盗む', '盗まれる', '抜き取る', '盗難'],
  ['自分', '私', 'わたし', 'わたくし', '僕', '自身', '本人', 'うち', 'わし', '我が家', '当方'],
  ['停止', '止める', '止め', '利用停止', '配信停止'],
  ['補償', '賠償', '弁償', '損害賠償', '慰謝料', '賠償金'],
  ['金券', '商品券', 'ギフト券', 'クオカード', 'QUOカード', 'お詫びの品', 'お詫びの金券', '図書カード'],
  ['退会', 'やめる', '辞める', '解約', '脱会', '会員をやめる'],
  ['削除', '消す', '消去'],
  ['原因', '理由', 'なぜ', 'どうして', '何故', 'なんで', '経緯'],
  ['クレジットカード', 'カード', 'クレジット', 'クレカ'],
  ['件数', '人数', '規模', '何人', '何名', '何件'],
  ['対象', '該当', '対象者', '該当者'],
  ['不審', '怪しい', '変', '身に覚えのない'],
  ['不通', '話し中', '通じない'],
  ['受付時間', '営業時間', '何時'],
  ['手紙', '封書', 'はがき', '葉書', 'お知らせ', '通知', 'お詫び状'],
  ['変更', '変える', '再設定'],
  ['再発防止', '対策', '再発防止策'],
  ['取材', '報道', '記者'],
  ['メール', 'ショートメッセージ', 'SMS'],
  ['ダイレクトメール', 'DM', 'メルマガ', 'メールマガジン', '広告メール', 'カタログ'],
];

/**
 * Concepts for grouping only (search keeps the words apart): words callers use for what
 * one FAQ answer covers, the first naming the concept. Written from the domain (DOMAIN.md
 * part 4: what people ask after a leak — which items, how many, since when, why, what to
 * do, the desk, the gift, leaving), not from any labelled set. A word here weighs more
 * than an ordinary word when enquiries are compared (grouping.ts), as do the synonym
 * groups above. Matched like the synonyms: base forms, compounds, and readings in kana.
 */
export const CONCEPT_GROUPS: readonly (readonly string[])[] = [
  // Which items leaked: one answer lists them all.
  ['項目', '住所', '電話番号', '生年月日', '誕生日', '年齢', 'メールアドレス', '氏名', '名前', '性別', '購入履歴', '口座', '口座番号', '銀行口座', 'マイナンバー', '学校名', '学年', '内容', '範囲', '一覧'],
  ['対象', '該当', '対象者', '該当者', '判定', '含まれる', '被害者'],
  ['退会', '削除', '消す', '消去', '登録解除', '抹消', 'アカウント削除', '退会手続き', '契約解除', '解除'],
  ['時期', 'いつ', 'いつ頃', '日時', '発生時期', '期間'],
  ['遅い', '遅れる', '遅すぎる', '早い', '公表', '発表', '把握', '気づく', '隠す', '隠蔽', '発覚', '判明'],
  ['原因', 'ハッキング', '不正アクセス', 'サイバー攻撃', '攻撃', 'ウイルス', 'ランサムウェア', '経路', '犯人', '持ち出す', '持ち出し', '内部', '手口', '管理'],
  ['件数', '被害者数', '総数', '何万人', 'なんけん', 'なんにん', 'なんめい'],
  ['対処', '注意', '気をつける', '防ぐ', '自衛', '二次被害', '対処法', '身を守る'],
  ['警察', '被害届', '通報', '捜査', '逮捕'],
  ['不通', '混む', '混雑', '話し中', 'お話し中', '通じない', '待たされる', '待たす', '待ち時間', '保留', '回線', 'フリーダイヤル'],
  ['受付時間', '受付', '土日', '祝日', '夜間', '休日', '平日', '営業日', '年末年始'],
  ['手紙', '郵便', '案内状', '書面', '通知書', 'ハガキ', '封筒', '封書'],
  ['本物', '偽物', 'にせもの', '真偽', '差出人'],
  ['不審', '迷惑', '詐欺', 'フィッシング', '非通知', 'セールス', 'しつこい', 'なりすまし', '架空請求', '勧誘', '無言電話', '業者', '名簿', '名簿業者', '営業電話'],
  ['再発防止', '強化', '防止', '再発', '二度と', 'セキュリティ対策', '改善'],
  ['取材', '新聞', '新聞社', 'テレビ', 'テレビ局', '雑誌', 'マスコミ', '広報', '会見', '記者会見', 'ニュース', 'メディア', '報道'],
  ['補償', '訴訟', '集団訴訟', '弁護士', '裁判', '誠意', 'お金'],
  ['クレジットカード', 'セキュリティコード', 'カード番号', '有効期限', '再発行', '不正利用', 'カード会社', '引き落とし'],
  ['金券', 'お詫び', 'ギフト', 'お詫び品', 'お詫びの品', '電子マネー', '図書カード', 'ギフトカード'],
  ['ダイレクトメール', '広告', '宣伝', 'チラシ', '配信', 'パンフレット', '郵便物', '送付物'],
  ['パスワード', 'ログイン', '暗証番号', 'ID'],
  ['子供', '子ども', '娘', '息子', 'お子様', '児童'],
  // Facets of the letter, the gift and the desk that each need their own answer.
  ['未着', '届かない', '発送状況', '不着'],
  ['故人', '亡くなる', '亡くす', '死亡', '遺族', '相続人', '死ぬ'],
  ['間違い', '間違う', '誤り', '宛名', '宛先', '旧住所', '転送', '誤字'],
  ['エラー', 'コード', 'ギフトコード', '無効', 'はじかれる', '使えない'],
  ['照会番号', '照会', '問い合わせ番号', '受付番号', '番号が違う'],
  ['折り返し', '折り返す', 'かけ直す', '連絡がない', 'コールバック'],
  ['責任者', '上司', '役員', '社長', '担当役員', '上の人'],
  ['返金', '返品', '払い戻し', '返す'],
  ['開示', '開示請求', '保有個人データ', '訂正'],
  ['怒り', '最低', '最悪', 'ふざける', '腹が立つ', '許せない', '裏切る', '不愉快', 'ひどい', '謝る'],
];

/**
 * Words every leak enquiry shares ("information", "please tell me", "I'm worried"):
 * an operator may search for them, but two questions sharing only these are not the
 * same question, so grouping weighs them low.
 */
export const GENERIC_WORDS: readonly string[] = [
  '情報', '個人', '個人情報', '件', '教える', '知る', '知りたい', '確認', '説明', 'お願い', '今回', '何', '来る', '届く',
  '必要', '心配', '大丈夫', '分かる', 'わかる', '会社', '御社', '今後', '具体', '詳しい',
];

/**
 * Verbs, adjectives and adverbs that carry no topic ("do", "be", "want", "please").
 * Compared on base forms.
 */
export const STOP_BASES: ReadonlySet<string> = new Set([
  'する', 'ある', 'いる', 'なる', 'できる', '出来る', 'くる', 'いう', '言う', 'おる', 'もらう', 'くれる', 'いただく', '頂く',
  'くださる', '下さる', 'ござる', '致す', 'いたす', 'しまう', 'おく', '思う', 'みる', '見る', 'いく', '行く', 'やる', 'いい',
  'よい', '良い', 'ない', '無い', 'ほしい', '欲しい', 'たい', 'もう', 'まだ', 'とりあえず', 'ちょっと', 'ずっと', 'とても', 'よく',
  'まず', '全然', '全く', '本当に', '一切', 'こう', 'そう', 'ああ', 'どう', 'こんな', 'そんな', 'どんな', 'この', 'その',
  'あの', 'どの', 'これ', 'それ', 'あれ', 'どれ', 'ここ', 'そこ', 'どこ', 'こと', 'もの', 'ため', 'よう', 'ところ',
]);

/**
 * Question adverbs are what tells "why?" from "how many?": they stay content words.
 * Other adverbs (もう, とても) say nothing about the topic.
 */
export const CONTENT_ADVERBS: ReadonlySet<string> = new Set(['なぜ', '何故', 'どうして', 'なんで', 'いつ', 'いくら', '二度と']);

/**
 * Words whose dictionary reading is not what callers mean, so they teach no reading:
 * IPADIC reads 何時 as いつ ("when"), but 「何時まで」 asks なんじ ("what time"); taught,
 * every 「いつ」 typed in kana would become opening hours.
 */
export const NO_READING: ReadonlySet<string> = new Set(['何時']);
