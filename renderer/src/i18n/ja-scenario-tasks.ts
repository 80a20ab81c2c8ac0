/** Adding a scenario's tasks to an incident under way (boards/ScenarioTasksDialog.tsx). */
export const jaScenarioTasks = {
  scenarioTasks: {
    open: 'シナリオが変わったとき…',
    title: 'シナリオのタスクを追加',
    why: '状況がわかって、シナリオが変わったとき（例：紛失と思われた端末が、実は不正アクセスだった）、そのシナリオのタスクをボードに加えます。',
    template: 'シナリオ',
    current: '（現在のシナリオ）',
    toAdd: '追加するタスク {n} 件',
    noneToAdd: 'このシナリオのタスクは、すべてボードにあります',
    due: '期限 {at}',
    already: 'すでにボードにある {n} 件（共通のタスク）は追加しません。',
    dueFromNow: '期限は今から数えます。法令上の報告期限は、届出の画面の時計のまま変わりません。',
    changeScenario: 'インシデントのシナリオも「{to}」に変える（現在：「{from}」）',
    add: '{n} 件を追加',
    changeOnly: 'シナリオだけ変える',
    cancel: 'やめる',
    added: 'タスク {n} 件を追加しました。',
    problems: {
      closed: '対応完了のインシデントには追加できません。対応を再開するときは、「振り返り・完了」タブで「対応完了日」を空にして保存してから追加してください。',
      'nothing-new': '追加するタスクはありません。',
      'not-found': 'インシデントが見つかりません。一覧から開き直してください。',
      other: '追加できませんでした。もう一度お試しください。',
    },
  },
};
