import type { Dictionary } from './dictionary';

/** English: roles — who may do what, the roster's roles, refusals of commands and of synced edits. */
export const enRoles: Pick<Dictionary, 'permissions'> = {
  permissions: {
    roles: {
      direction: 'Direction',
      'contact-lead': 'Contact lead',
      operator: 'Operator (call centre)',
      statement: 'PR and statements',
      analyst: 'Analyst',
      observer: 'Observer (read only)',
    },
    refused: 'Only a member with the {roles} role may do this: “{what}”.',
    refusedObserver: 'You are an observer (read only), so you cannot do this: “{what}”.',
    lastDirection: 'This would leave nobody in the Direction role (the incident lead), so it cannot be removed. Give the Direction role to someone else first.',
    remoteRefused: 'An edit from {name} was not applied (“{what}”): only a member with the {roles} role may do this.',
    remoteRefusedTitle: 'Edits not applied because of roles',
    remoteRefusedLead: 'Edits from other laptops that their author’s role did not allow. If the role arrives later, they are applied then.',
    someone: 'an unknown member',
    or: ' or ',
    title: 'Roles',
    profileHint: 'These are the board phases you work on. What you may approve is decided by your role, which a member in the Direction role (the incident lead) assigns under Settings → Roles.',
    lead: 'Roles decide what each member may do. Only a member in the Direction role (the incident lead) can give or take roles. Whoever created the workspace holds the Direction role from the start.',
    scopeWorkspace: 'All incidents',
    scopeIncident: 'This incident only: {title}',
    none: 'No role (everyday work only)',
    add: 'Add role',
    addFor: 'Role to add for {name}',
    scope: 'Scope',
    assign: 'Assign',
    remove: 'Remove {role}',
    onlyDirectionAssigns: 'Only a member in the Direction role can change roles.',
    me: '(you)',
    whoMayApprove: 'Only a member in the Direction role may approve: {names}',
    whoMayApproveNobody: 'Only a member in the Direction role may approve.',
    whyDisabled: 'You do not hold the Direction role, so you cannot approve. Ask the incident lead.',
  },
};
