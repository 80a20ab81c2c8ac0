import type { Dictionary } from './dictionary';

export const enReminders: Pick<Dictionary, 'reminders' | 'myWork'> = {
  reminders: {
    notifyTitle: {
      advance: 'Honbu: a deadline is coming up',
      due: 'Honbu: a deadline is now',
      overdue: 'Honbu: a deadline has passed',
      escalation: 'Honbu: a task is past its deadline and not done',
    },
    what: {
      task: '{title} ({phase})',
      update: 'Next public update',
      clock: {
        'ppc-preliminary': 'Preliminary report to the PPC',
        'ppc-final': 'Final report to the PPC',
        gdpr: 'GDPR Article 33 notification (72 hours)',
      },
    },
    when: {
      advance: 'due {at}',
      due: 'due {at}',
      overdue: 'was due {at}',
      escalation: 'was due {at}, not done (owner: {owner})',
    },
    manyTitle: 'Honbu: {n} deadline reminders',
    manyBody: 'Open “My work” to see them.',
    unassigned: 'nobody yet',
    advance: 'Advance warning',
    advanceLabel: 'How long before my deadlines to warn me',
    advanceNone: 'Not before (at the deadline only)',
    advanceMinutes: '{n} minutes before',
    advanceHint: 'A desktop notification on this laptop before the tasks you own and before the next public update. A task still not done {n} minutes after its deadline is also shown to direction (the incident lead).',
  },
  myWork: {
    title: 'My work',
    intro: 'Your deadlines across every incident you are a member of, earliest first.',
    dueNow: 'Reminders now',
    dueNowEmpty: 'No reminders right now.',
    upcoming: 'My deadlines (earliest first)',
    upcomingEmpty: 'No deadlines of yours. A task shows here once your name is in its owner field.',
    acknowledge: 'Got it',
    open: 'Open incident',
    incident: 'Incident',
    deadline: 'Deadline',
    what: 'What',
    actions: 'Actions',
    owner: 'owner: {owner}',
    drill: 'Drill',
    acknowledged: 'Acknowledged. This reminder will not show again.',
    failed: 'Could not record that. Please try again.',
    point: {
      advance: 'Due soon',
      due: 'Due now',
      overdue: 'Overdue',
      escalation: 'Overdue (to you as lead)',
    },
  },
};
