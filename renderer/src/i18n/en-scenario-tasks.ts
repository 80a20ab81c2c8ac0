/** Adding a scenario's tasks to an incident under way (boards/ScenarioTasksDialog.tsx). */
export const enScenarioTasks = {
  scenarioTasks: {
    open: 'When the scenario changes…',
    title: 'Add a scenario’s tasks',
    why: 'When the situation turns out different (for example, a laptop thought lost was in fact accessed without authority), add that scenario’s tasks to the boards.',
    template: 'Scenario',
    current: '(current scenario)',
    toAdd: '{n} {n|task|tasks} to add',
    noneToAdd: 'Every task of this scenario is already on the boards',
    due: 'due {at}',
    already: '{n} {n|task|tasks} already on the boards (common to every scenario) are not added again.',
    dueFromNow: 'Due times count from now. The legal reporting deadlines keep their clocks on the regulator screen.',
    changeScenario: 'Also change the incident’s scenario to “{to}” (now: “{from}”)',
    add: 'Add {n} {n|task|tasks}',
    changeOnly: 'Change the scenario only',
    cancel: 'Cancel',
    added: '{n} {n|task|tasks} added.',
    problems: {
      closed: 'This incident is closed: tasks cannot be added. To take it up again, clear "Completed on" on the Closing tab, save, then add them.',
      'nothing-new': 'There is nothing to add.',
      'not-found': 'The incident was not found. Open it again from the list.',
      other: 'The tasks could not be added. Please try again.',
    },
  },
};
