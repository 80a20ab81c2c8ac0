/** Japanese: who sees which incident, and the operator's three screens (decision 016). */
export const jaMembership = {
  membership: {
    noneTitle: 'まだ参加しているインシデントはありません',
    noneLead: 'インシデントは、方針指導から役割を割り当てられると表示されます。参加が必要な場合は、方針指導の担当者に依頼してください。',
    askWho: '依頼先（方針指導）: {names}',
    notMember: 'このインシデントには参加していないため、表示できません。必要な場合は方針指導の担当者に依頼してください。',
    back: 'インシデント一覧に戻る',
    operatorTitle: 'コールセンター用の画面',
    operatorLead: 'あなたはオペレーターとして、参加しているインシデントの問い合わせ受付・FAQの検索・顧客の照会だけを行えます。',
    operatorTabs: 'オペレーターの画面',
    tabs: { enquiry: '問い合わせ受付', faq: 'FAQ検索', lookup: '顧客照会', talk: 'トークスクリプト' },
    dismiss: '閉じる',
    notForOperator: 'オペレーターの画面では、この操作はできません。必要な場合は方針指導の担当者に依頼してください。',
  },
};
