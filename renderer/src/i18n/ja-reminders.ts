/** 期限のリマインダーと「私の対応」の言葉。 */
export const jaReminders = {
  reminders: {
    notifyTitle: {
      advance: '本部: 期限が近づいています',
      due: '本部: 期限です',
      overdue: '本部: 期限を過ぎています',
      escalation: '本部: 期限を過ぎた未完了のタスクがあります',
    },
    what: {
      task: '{title}（{phase}）',
      update: '次回の公表',
      clock: {
        'ppc-preliminary': '個人情報保護委員会への速報',
        'ppc-final': '個人情報保護委員会への確報',
        gdpr: 'GDPR 第33条の通知（72時間）',
      },
    },
    when: {
      advance: '期限 {at}',
      due: '期限 {at}',
      overdue: '期限 {at} を過ぎています',
      escalation: '期限 {at} を過ぎて未完了（担当: {owner}）',
    },
    unassigned: '未定',
    advance: '期限の事前通知',
    advanceLabel: '自分の期限を何分前に知らせるか',
    advanceNone: '事前には知らせない（期限の時刻に知らせる）',
    advanceMinutes: '{n} 分前',
    advanceHint: '自分が担当のタスク、次回の公表予定の前に、この端末のデスクトップ通知で知らせます。期限を過ぎても完了しないタスクは、{n} 分後に方針指導（事案の責任者）にも知らせます。',
  },
  myWork: {
    title: '私の対応',
    intro: '自分がメンバーのすべての事案について、自分が対応すべき期限を早い順に表示します。',
    dueNow: '今お知らせしていること',
    dueNowEmpty: '今お知らせしていることはありません。',
    upcoming: '自分の期限（早い順）',
    upcomingEmpty: '自分が担当の期限はありません。タスクの担当者欄に自分の名前が入ると、ここに表示されます。',
    acknowledge: '確認しました',
    open: '事案を開く',
    incident: '事案',
    deadline: '期限',
    what: '対応',
    drill: '訓練',
    acknowledged: '確認しました。この通知は表示されなくなります。',
    failed: '記録できませんでした。もう一度お試しください。',
    point: {
      advance: 'まもなく期限',
      due: '期限です',
      overdue: '期限超過',
      escalation: '期限超過（担当者以外へのお知らせ）',
    },
  },
} as const;
