/** Japanese words of the access report (who looked at which customers, who exported what). */
export const jaAccess = {
  access: {
    title: 'アクセス記録',
    lead: '顧客の個人データを、だれが・いつ・どれだけ見て、何をファイルに出力したかの記録です。電話や受付の記録に比べて閲覧が多すぎる日は強調されます。',
    empty: 'この事案では、まだ顧客データの閲覧も出力もありません。',
    onlyDirection: 'アクセス記録は方針指導の担当者だけが見られます。',
    columns: { day: '日付', person: 'メンバー', cards: '顧客カード', lookups: '検索で表示', work: '電話・受付の記録', exports: 'ファイル出力', prints: '印刷' },
    cards: '{n} 人（{opened} 回）',
    lookups: '{n} 件（検索 {times} 回）',
    work: '電話 {calls} 件・受付 {enquiries} 件',
    exportLine: '{kind} {rows} 件 — 理由: {reason}',
    noReason: '（理由の記入なし）',
    kinds: { 'mailing-csv': '宛名リスト', 'email-csv': 'メール送信リスト', 'call-list': '架電リスト', letters: 'お詫び状', 'validation-report': '取り込みの検証結果', 'vendor-csv': '印刷会社用ファイル' },
    unusual: {
      'cards-beyond-calls': '電話・受付の記録に比べて顧客カードの閲覧が多い',
      'many-shown': '検索で表示した顧客が非常に多い',
      'export-without-reason': '理由のないファイル出力がある',
    },
    unusualLabel: '確認が必要',
    exports: {
      title: 'ファイル出力（2人の確認）',
      lead: '顧客の個人データのファイルは、依頼した人とは別の、方針指導または連絡窓口責任者の承認を受けてから、依頼した人が1回だけ作成できます。',
      none: 'この事案では、まだファイル出力の依頼はありません。',
      waitingTitle: '承認を待っている依頼',
      columns: { requested: '依頼', what: 'ファイル', reason: '理由', requester: '依頼した人', approver: '承認した人', state: '状態', id: '出力番号' },
      what: '{kind} {rows} 件',
      phases: { waiting: '承認待ち', approved: '承認済み（まだ作成していません）', refused: '見送り', withdrawn: '取り下げ', produced: '作成済み', recorded: '作成済み（2人の確認の導入前）' },
      flags: {
        solo: 'チームに2人目がいないため、承認なしで作成',
        'self-approval': '依頼した本人による承認（数えていません）',
        'produced-without-approval': '承認の前に作成された',
        'produced-again': '同じ依頼で2回以上作成された',
        'produced-by-another': '依頼した人以外が作成した',
      },
    },
  },
};
