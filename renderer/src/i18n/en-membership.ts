import type { Dictionary } from './dictionary';

/** English: who sees which incident, and the operator's three screens (decision 016). */
export const enMembership: Pick<Dictionary, 'membership'> = {
  membership: {
    noneTitle: 'You are not in any incident yet',
    noneLead: 'An incident appears here once direction gives you a role in it. If you need to join one, ask a member in direction.',
    askWho: 'Ask (direction): {names}',
    notMember: 'You are not in this incident, so it cannot be shown. If you need it, ask a member in direction.',
    back: 'Back to the incident list',
    operatorTitle: 'Call centre screens',
    operatorLead: 'As an operator you take enquiries, search the FAQ and look up customers in the incidents you are in — nothing else.',
    operatorTabs: 'Operator screens',
    tabs: { enquiry: 'Take an enquiry', faq: 'Search the FAQ', lookup: 'Look up a customer', talk: 'Talk script' },
    dismiss: 'Close',
    notForOperator: 'This is not available on the operator screens. If you need it, ask a member in direction.',
  },
};
