/** Japanese: roles — who may do what, the roster's roles, refusals of commands and of synced edits. */
export const jaRoles = {
  permissions: {
    roles: {
      direction: '方針指導',
      'contact-lead': '顧客連絡リーダー',
      operator: 'オペレーター（コールセンター）',
      statement: '広報・公表文',
      analyst: '分析',
      observer: '閲覧のみ',
    },
    /** A command refused on this laptop: what was asked and who may do it. */
    refused: '「{what}」は{roles}の役割を持つ人だけが行えます。',
    refusedObserver: 'あなたは閲覧のみの役割のため、「{what}」は行えません。',
    lastDirection: '方針指導が一人もいなくなるため、この役割は外せません。先に別の人に方針指導を割り当ててください。',
    /** An edit from another laptop that its author's role did not allow: not applied. */
    remoteRefused: '{name}さんからの変更「{what}」は反映していません：{roles}の役割を持つ人だけが行えます。',
    remoteRefusedTitle: '役割の範囲外のため反映しなかった変更',
    remoteRefusedLead: '他のPCから届いた変更のうち、送った人の役割では行えないものです。役割が後から届けば、その時点で反映されます。',
    someone: '不明なメンバー',
    or: '・',
    title: '役割',
    profileHint: 'ここで選ぶ担当は、ボードで受け持つ班です。承認などができるかどうかは「役割」で決まり、方針指導が割り当てます。',
    lead: '何ができるかは役割で決まります。役割を割り当てたり外したりできるのは方針指導だけです。ワークスペースを作った人は最初から方針指導です。',
    scopeWorkspace: 'すべてのインシデント',
    scopeIncident: 'このインシデントのみ: {title}',
    none: '役割なし（通常の作業のみ）',
    add: '役割を追加',
    addFor: '{name}さんに追加する役割',
    scope: '範囲',
    assign: '割り当てる',
    remove: '{role}を外す',
    onlyDirectionAssigns: '役割を変えられるのは方針指導だけです。',
    me: '（あなた）',
    /** Approvals: who may, and why the button is disabled. */
    whoMayApprove: '承認できるのは方針指導の役割を持つ人です：{names}',
    whoMayApproveNobody: '承認できるのは方針指導の役割を持つ人です。',
    whyDisabled: 'あなたには方針指導の役割がないため、承認できません。方針指導に依頼してください。',
  },
};
