/** English words of the access report (who looked at which customers, who exported what). */
export const enAccess = {
  access: {
    title: 'Access record',
    lead: 'Who looked at customers’ personal data, when and how much, and what they exported to files. Days with far more looking than calls and enquiries logged are highlighted.',
    empty: 'Nobody has looked at or exported customer data in this incident yet.',
    onlyDirection: 'Only members in direction can see the access record.',
    columns: { day: 'Day', person: 'Member', cards: 'Customer cards', lookups: 'Shown by lookups', work: 'Calls and enquiries logged', exports: 'Files exported', prints: 'Printed' },
    cards: '{n} {n|customer|customers} ({opened} {opened|opening|openings})',
    lookups: '{n} ({times} {times|lookup|lookups})',
    work: '{calls} {calls|call|calls} · {enquiries} {enquiries|enquiry|enquiries}',
    exportLine: '{kind}, {rows} {rows|customer|customers} — why: {reason}',
    noReason: '(no reason given)',
    kinds: { 'mailing-csv': 'Mailing list', 'email-csv': 'E-mail list', 'call-list': 'Call list', letters: 'Letters', 'validation-report': 'Import check report', 'vendor-csv': 'Printing vendor file' },
    unusual: {
      'cards-beyond-calls': 'Many more customer cards opened than calls and enquiries logged',
      'many-shown': 'A very large number of customers shown by lookups',
      'export-without-reason': 'A file exported without a reason',
    },
    unusualLabel: 'Needs a look',
    exports: {
      title: 'Files of customers (two people)',
      lead: 'A file of customers’ personal data is made once, by the person who asked for it, after someone else in direction or the contact lead has approved it.',
      none: 'Nobody has asked for a file of customers in this incident yet.',
      waitingTitle: 'Requests waiting for approval',
      columns: { requested: 'Asked', what: 'File', reason: 'Why', requester: 'Asked by', approver: 'Approved by', state: 'State', id: 'Export no.' },
      what: '{kind}, {rows} {rows|customer|customers}',
      phases: { waiting: 'Waiting for approval', approved: 'Approved (not made yet)', refused: 'Declined', withdrawn: 'Withdrawn', produced: 'Made', recorded: 'Made (before two-person approval)' },
      flags: {
        solo: 'Made without approval: nobody else in the team',
        'self-approval': 'Approved by the person who asked (not counted)',
        'produced-without-approval': 'Made before it was approved',
        'produced-again': 'Made more than once from one request',
        'produced-by-another': 'Made by someone other than the person who asked',
      },
    },
  },
};
