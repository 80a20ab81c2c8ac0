/** English words of the access report (who looked at which customers, who exported what). */
export const enAccess = {
  access: {
    title: 'Access record',
    lead: 'Who looked at customers’ personal data, when and how much, and what they exported to files. Days with far more looking than calls and enquiries logged are highlighted.',
    empty: 'Nobody has looked at or exported customer data in this incident yet.',
    onlyDirection: 'Only members in direction can see the access record.',
    columns: { day: 'Day', person: 'Member', cards: 'Customer cards', lookups: 'Shown by lookups', work: 'Calls and enquiries logged', exports: 'Files exported', prints: 'Printed' },
    cards: '{n} customers ({opened} openings)',
    lookups: '{n} ({times} lookups)',
    work: '{calls} calls · {enquiries} enquiries',
    exportLine: '{kind}, {rows} customers — why: {reason}',
    noReason: '(no reason given)',
    kinds: { 'mailing-csv': 'Mailing list', 'email-csv': 'E-mail list', 'call-list': 'Call list', letters: 'Letters', 'validation-report': 'Import check report' },
    unusual: {
      'cards-beyond-calls': 'Many more customer cards opened than calls and enquiries logged',
      'many-shown': 'A very large number of customers shown by lookups',
      'export-without-reason': 'A file exported without a reason',
    },
    unusualLabel: 'Needs a look',
  },
};
