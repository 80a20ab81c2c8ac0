/**
 * How many people the workspace has, for the two-person export: the distinct people of the
 * team's devices that are not revoked (the signed roster), or one on a laptop not in a team.
 * One member means nobody could approve: the export is then marked "no second person".
 */
import { originDevice } from '../../../shared/sync/envelope';
import { isRosterEvent, Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { readSyncSettings } from '../sync/device-store';

export async function teamMembers(store: EventStore): Promise<number> {
  const settings = await readSyncSettings(store);
  if (!settings) return 1;
  // Stored roster events were verified when they arrived (or are our own), as for the epochs.
  const roster = Roster.fromEvents(settings.root, (await store.readEvents(null)).filter(isRosterEvent), originDevice);
  return Math.max(1, new Set(roster.list().filter((d) => !d.revoked).map((d) => d.personId)).size);
}
