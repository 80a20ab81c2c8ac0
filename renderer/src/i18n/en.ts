import { enGifts } from './en-gifts';
import type { Dictionary } from './dictionary';
import { enDisclosure } from './en-disclosure';
import { enContacts } from './en-contacts';
import { enFaq } from './en-faq';
import { enIncident } from './en-incident';
import { enEvents } from './en-events';
import { enOutgoing } from './en-outgoing';
import { enSync } from './en-sync';
import { enErrors } from './en-errors';
import { enRoles } from './en-roles';
import { enAccess } from './en-access';
import { enIntake } from './en-intake';
import { enMembership } from './en-membership';
import { enDirectory } from './en-directory';
import { enAlerts } from './en-alerts';
import { enReminders } from './en-reminders';
import { enLetters } from './en-letters';
import { enNayose } from './en-nayose';
import { enScenarioTasks } from './en-scenario-tasks';
import { enKpi } from './en-kpi';
import { enTalk } from './en-talk';
import { enCallbacks } from './en-callbacks';
import { enFaqbook } from './en-faqbook';
import { enVendorlog } from './en-vendorlog';
import { enExec } from './en-exec';

/** English, the second language: the same keys as ja.ts (the type checks it). */
export const en: Dictionary = {
  ...enIncident,
  ...enDisclosure,
  ...enFaq,
  ...enContacts,
  ...enSync,
  ...enEvents,
  ...enOutgoing,
  ...enErrors,
  ...enRoles,
  ...enAccess,
  ...enIntake,
  ...enMembership,
  ...enDirectory,
  ...enAlerts,
  ...enReminders,
  ...enLetters,
  ...enGifts,
  ...enNayose,
  ...enScenarioTasks,
  ...enKpi,
  ...enTalk,
  ...enCallbacks,
  ...enFaqbook,
  ...enVendorlog,
  ...enExec,
  app: {
    name: 'Honbu',
    subtitle: 'Honbu — personal-data leak response HQ',
    loading: 'Loading…',
  },
  lang: {
    label: 'Language',
    ja: '日本語',
    en: 'English',
    switchTo: '日本語に切り替え',
  },
  setup: {
    title: 'Create the workspace',
    lead: 'This creates the response HQ workspace on this laptop. Everything is stored encrypted with your passphrase.',
    warning: 'If you forget the passphrase the data cannot be recovered. Write it down and keep it somewhere safe.',
    erasedElsewhere: 'This workspace was erased in another window.',
    name: 'Your name',
    nameHint: 'Used as the "who" of every record.',
    passphrase: 'Passphrase',
    passphraseHint: 'At least {min} characters. A few words together are easy to remember and strong.',
    confirm: 'Passphrase (again)',
    create: 'Create workspace',
    creating: 'Creating… (generating keys)',
    mismatch: 'The two passphrases do not match.',
    weak: 'This passphrase is too weak. Make it longer and harder to guess.',
    nameRequired: 'Enter your name.',
  },
  strength: {
    label: 'Passphrase strength',
    levels: ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'],
    hints: {
      'too-short': 'Too short.',
      common: 'Contains a commonly used password.',
      repetitive: 'Too many repeated or consecutive characters.',
      'add-variety': 'Mix in capitals, digits, symbols or Japanese, or make it longer.',
    },
  },
  unlock: {
    title: 'Unlock the workspace',
    lead: 'Enter the passphrase.',
    passphrase: 'Passphrase',
    submit: 'Unlock',
    working: 'Checking…',
    wrong: 'Wrong passphrase. Nothing has been opened. Please try again.',
    lockedIdle: 'Locked after a period without activity.',
    locked: 'Locked.',
    forgot: {
      summary: 'Forgot the passphrase?',
      cannot: 'Without the passphrase nobody can open the data on this laptop. There is no way to recover the passphrase.',
      team: 'If you work in a team, ask the person leading it for a new invite. Erase this laptop’s workspace, then join again with the invite: the team’s records come back from the other laptops.',
      title: 'Erase this laptop’s workspace',
      lead: 'Records that only this laptop holds (records not yet sent, or a workspace that never joined a team) are lost and cannot be brought back. The data on the team’s other laptops is not affected.',
      wipe: 'Erase the workspace',
    },
  },
  shell: {
    nav: 'Main menu',
    incidents: 'Incidents',
    templates: 'Templates',
    directory: 'Emergency contacts',
    settings: 'Settings',
    inbox: 'Report inbox',
    'my-work': 'My work',
    about: 'About Honbu',
    lock: 'Lock',
    lockTitle: 'Lock the workspace (close the data)',
    signedInAs: 'Working as {name}',
  },
  incidents: {
    title: 'Incidents',
    emptyTitle: 'No incidents yet',
    emptyLead: 'When you suspect a leak, file a first report straight away. What you know so far is enough.',
    createFirst: 'File a first report',
    comingSoon: 'The first-report form is not in this version yet.',
  },
  settings: {
    title: 'Settings',
    contents: 'On this page',
    language: 'Language',
    idle: 'Auto-lock',
    idleLabel: 'Lock automatically after this long without activity',
    idleMinutes: '{n} min',
    saved: 'Saved.',
    profile: 'Your profile',
    profileLead: 'Used for the HQ roster and as the "who" of records. Contact details are stored encrypted.',
    name: 'Name',
    roles: 'Board phases I work on',
    phone: 'Phone (emergency contact)',
    email: 'E-mail',
    location: 'Work location (home address if working from home)',
    saveProfile: 'Save profile',
    passphrase: 'Change passphrase',
    passphraseLead: 'No data needs re-encrypting; this takes a moment.',
    current: 'Current passphrase',
    next: 'New passphrase',
    confirm: 'New passphrase (again)',
    change: 'Change passphrase',
    changed: 'Passphrase changed. Use the new one from now on.',
    wrongCurrent: 'The current passphrase is wrong. Nothing was changed.',
    invalid: {
      required: 'Enter the {field}.',
      'too-long': 'The {field} is too long.',
      invalid: 'The {field} does not look right.',
    },
  },
  roles: {
    direction: 'Direction',
    containment: 'Containment',
    analysis: 'Analysis & tracking',
    countermeasures: 'Countermeasures',
    counter: 'Enquiry counter',
    statement: 'Public statement',
  },
  about: {
    title: 'About Honbu',
    lead: 'A desktop app for the response HQ of a personal-data leak.',
    version: 'Version',
    runtime: 'Runtime',
    web: 'Browser (no Electron)',
    dataPath: 'Data location',
    dataPathWeb: 'Inside this browser profile (IndexedDB)',
    encryption:
      'Data is stored encrypted with AES-256-GCM under a key derived with Argon2id. Customers’ names, phone numbers, e-mail addresses and addresses never reach the disk in clear.',
    close: 'Close',
  },
  common: {
    close: 'Close',
    cancel: 'Cancel',
    save: 'Save',
    error: 'Something went wrong: {message}',
  },
};
