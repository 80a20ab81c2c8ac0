/** English: what the app says when something unexpected breaks (renderer/src/errors). */
import type { Dictionary } from './dictionary';

export const enErrors: Pick<Dictionary, 'errors'> = {
  errors: {
    notice: {
      title: 'Something unexpected went wrong',
      repeated: '({count} {count|time|times})',
      lead: 'The last action may not have finished. Nothing already saved has been lost, and what you typed is still on the screen.',
      whatToDo: 'What to do',
      retry: 'Check the screen and do the action again.',
      reload: 'If it keeps happening, press “Reload”. The workspace locks, and you enter your passphrase again.',
      support: 'If that does not help, press “Save the error log” and give the file to your support contact. It holds no names, addresses, contact details or other personal data.',
      close: 'Close and continue',
    },
    screen: {
      title: 'This screen could not be shown',
      lead: 'Nothing already saved has been lost. The other screens still work from the tabs and menu above.',
      appTitle: 'The app could not be shown',
      appLead: 'Nothing already saved has been lost. Press “Reload”. The workspace locks, and you enter your passphrase again.',
      again: 'Show it again',
      support: 'If it keeps happening, press “Save the error log” and give the file to your support contact. It holds no names, addresses, contact details or other personal data.',
    },
    reload: 'Reload',
    save: 'Save the error log',
    saved: 'The error log has been saved.',
    saveFailed: 'The error log could not be saved.',
    unreadable: {
      title: 'Some records on this laptop cannot be opened',
      lead: 'Some records were changed after they were saved, or are damaged. They are left out: what is shown comes from the records that open. Everything else works as usual.',
      incidentTitle: 'Some records of this incident cannot be opened',
      incident: 'Some records were changed after they were saved, or are damaged. They are left out: what is shown comes from the records that open. The tabs work as usual.',
      closing: 'The review and closing report is made from the whole record, so it is not shown while part of the record cannot be opened.',
      support: 'Press “Save the error log” and give the file to your administrator or support contact. It holds no personal data.',
      mark: 'Part of its record cannot be opened',
    },
    settings: {
      title: 'Error log',
      lead: 'A record of unexpected problems inside the app, kept encrypted on this laptop (the newest {keep}). When you ask support for help, give them the saved file. It holds no names, addresses, contact details or other personal data.',
      count: 'Entries: {count}',
      none: 'No entries.',
    },
  },
};
