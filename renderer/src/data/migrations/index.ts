/**
 * Numbered schema versions. Each entry lists the Dexie stores as they are from that
 * version on; an upgrade function moves data when a version needs it. Never edit a
 * shipped version: add the next one (and its test in migrations.test.ts).
 */
import type { Transaction } from 'dexie';
import { joinStatusRecords } from '../../contacts/status-join';
import { LEGACY_TYPES } from '../../../../shared/events/registry';

export interface Migration {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    stores: {
      // Vault record, workspace identity. No personal data.
      meta: 'key',
      // Device preferences (language, idle lock). No personal data.
      prefs: 'key',
      // Append-only; the payload is sealed. [incidentId+at] serves the timeline.
      events: 'id, at, [incidentId+at], type',
      people: 'id',
      incidents: 'id, updatedAt',
    },
  },
  {
    // The incident workspace: report versions, role-board tasks, decisions, scenario templates.
    version: 2,
    stores: {
      incidents: 'id, updatedAt, drill',
      reports: 'id, incidentId',
      tasks: 'id, incidentId, status',
      decisions: 'id, incidentId, at',
      templates: 'id',
    },
  },
  {
    // Enquiries and the FAQ; disclosure decision, statements, regulator contacts.
    version: 3,
    stores: {
      enquiries: 'id, incidentId, day',
      faq: 'id, incidentId',
      statements: 'id, incidentId',
      disclosure: 'id',
      'contacts-log': 'id, incidentId',
    },
  },
  {
    // Bulk customer lists (renderer/src/contacts): sealed row blocks, blind-index
    // segments, compact statuses and running totals. Keys are ids and ordinals only.
    version: 4,
    stores: {
      'contact-datasets': 'id, incidentId, state',
      'contact-blocks': 'id, datasetId',
      'contact-index': 'id, datasetId',
      'contact-status': 'id, datasetId',
      'contact-totals': 'id',
    },
  },
  {
    // Documents that go out: the company profile (one row) and notices to individuals
    // (versions, like statements). New tables only: no old event folds into them.
    version: 5,
    stores: {
      company: 'id',
      notices: 'id, incidentId',
    },
  },
  {
    // The local error log (renderer/src/errors): unexpected errors, scrubbed, sealed with the
    // workspace key. Only the id and the time are in clear: the time orders and prunes it.
    version: 6,
    stores: {
      errors: 'id, at',
    },
  },
  {
    // Event types renamed so each prefix is the folder that owns it (decision record 008):
    // the clear `type` of stored events is rewritten; payloads are sealed and untouched
    // (the type is not part of their AAD). No table changes.
    version: 7,
    stores: {},
    upgrade: async (tx) => {
      await tx
        .table('events')
        .where('type')
        .anyOf(Object.keys(LEGACY_TYPES))
        .modify((e: { type: string }) => {
          e.type = LEGACY_TYPES[e.type] ?? e.type;
        });
    },
  },
  {
    // Folds that ran in views over every event became projections (issue 11 §3): the facts
    // another laptop overwrote unseen (one row per incident and fact) and the unfilled-facts
    // overrides; for the contact tracker, its batches and the reached-over-time chart (one
    // record of cell changes per contact event: counts only, like contact-totals). The two
    // sealed tables are built from the stored events after the next unlock (the key is
    // needed: EventStore.buildPendingProjections); the contact tables by the dataset upgrade
    // to version 3 (renderer/src/contacts/upgrades.ts).
    version: 8,
    stores: {
      'fact-edits': 'id, incidentId',
      'release-overrides': 'id, incidentId',
      'contact-batches': 'id, datasetId',
      'contact-series': 'id, datasetId',
    },
    upgrade: async (tx) => {
      await tx.table('meta').put({ key: 'pending-projections', value: ['fact-edits', 'release-overrides'] });
    },
  },
  {
    // The access audit (issue 13): per member, incident and day, the customers looked at and
    // the files exported, beside the calls logged. Built from the stored events after the next
    // unlock: phone results and enquiries logged before the audit existed count as work done.
    version: 9,
    stores: {
      'access-days': 'id, incidentId, day',
    },
    upgrade: async (tx) => {
      const pending = ((await tx.table('meta').get('pending-projections'))?.value as string[] | undefined) ?? [];
      await tx.table('meta').put({ key: 'pending-projections', value: [...new Set([...pending, 'access-days'])] });
    },
  },
  {
    // The two-person export (issue 13 §4): one row per export — request, approval, the file
    // made. Built from the stored events after the next unlock, so the exports recorded before
    // (one `access.exported` each) are listed too.
    version: 10,
    stores: {
      'access-exports': 'id, incidentId',
    },
    upgrade: async (tx) => {
      const pending = ((await tx.table('meta').get('pending-projections'))?.value as string[] | undefined) ?? [];
      await tx.table('meta').put({ key: 'pending-projections', value: [...new Set([...pending, 'access-exports'])] });
    },
  },
  {
    // The emergency contact list, its call trees and each incident's calling checklist
    // (shared/directory). New tables only: no event stored before folds into them.
    version: 11,
    stores: {
      'directory-people': 'id',
      'call-trees': 'id',
      'call-checks': 'id, incidentId',
    },
  },
  {
    // The FAQ handed over to the call-centre vendor (decision 034): one row per handover.
    // A new table only: no event stored before folds into it.
    version: 12,
    stores: {
      'faq-handovers': 'id, incidentId',
    },
  },
  {
    // The call-centre vendor's daily report, one row per incident and day (decision 031).
    // A new table only: no event stored before folds into it.
    version: 13,
    stores: {
      'call-report-days': 'id, incidentId',
    },
  },
  {
    // Event packs (decision 038): the payloads of a batch's events of one incident and type
    // sealed as one value. A new table only: events stored before keep their own seal and
    // are read as they were.
    version: 14,
    stores: {
      'event-packs': 'id',
    },
  },
  {
    // Status records of 25,000 rows instead of 1,000 (decision 044): the records of every list
    // are joined in place. A list still being received from another laptop keeps its
    // per-block records, which are checked against its rows and joined when it is complete.
    version: 15,
    stores: {},
    upgrade: async (tx) => {
      const status = tx.table('contact-status');
      const receiving = new Set(
        ((await tx.table('contact-datasets').toArray()) as { id: string; state: string }[]).filter((d) => d.state === 'receiving').map((d) => d.id),
      );
      for (const datasetId of (await status.orderBy('datasetId').uniqueKeys()) as string[]) {
        if (!receiving.has(datasetId)) await joinStatusRecords(status, datasetId, 1_000, 25_000);
      }
    },
  },
  {
    // Undo snapshots of applied lists and their rows' guards (decision 045). New tables only: a
    // list applied before has no snapshot, and its undo replays through the list's events as before.
    version: 16,
    stores: {
      'contact-undo': 'id, datasetId, eventId',
      'contact-guards': 'id, datasetId',
    },
  },
  {
    // The applied-lists screen's figures kept by the fold (decision 046). A new table only: a
    // customer list folded before has none, and the screen reads its events once and keeps them.
    version: 17,
    stores: {
      'contact-applied': 'id',
    },
  },
  {
    // The words a commit changed in few rows of a status record, kept apart from the record
    // (decision 051). A new table only: every record written before is whole, with no delta.
    version: 18,
    stores: {
      'contact-status-delta': 'id, datasetId',
    },
  },
  {
    // FAQ entries keep when each question was attached (decision 030, addendum 5): folded again
    // from the events at the next unlock, so an entry folded before answers as on a laptop that
    // folds it afresh.
    version: 19,
    stores: {},
    upgrade: async (tx) => {
      const pending = ((await tx.table('meta').get('pending-projections'))?.value as string[] | undefined) ?? [];
      await tx.table('meta').put({ key: 'pending-projections', value: [...new Set([...pending, 'faq'])] });
    },
  },
  {
    // A task belongs to the incident of its earliest addition, which defines it; a tick outside its
    // checklist changes nothing (decision 068): the tasks are folded again from the events at the
    // next unlock, so a row an earlier fold let another incident change, or grew past its
    // checklist, reads as on a laptop that folds it afresh. The saved templates too: a template
    // keeps every save's clock to number its versions the same on every laptop (decision 037,
    // addendum), which a row folded before does not hold.
    version: 20,
    stores: {},
    upgrade: async (tx) => {
      const pending = ((await tx.table('meta').get('pending-projections'))?.value as string[] | undefined) ?? [];
      await tx.table('meta').put({ key: 'pending-projections', value: [...new Set([...pending, 'tasks', 'templates'])] });
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
