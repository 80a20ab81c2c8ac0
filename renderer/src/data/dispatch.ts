/**
 * The one way the screens change state: `dispatch('part.verb-noun', args)`. Each part
 * declares its handlers in renderer/src/<part>/handlers.ts as a typed map (Actual Budget's
 * loot-core does the same: one `Handlers` type merged from every app, and `send(name,
 * args)` typed by it); this file merges them, so a wrong name or wrong arguments do not
 * compile. A refused command throws CommandRefused (show its problems; nothing was
 * written); any other error is unexpected and goes on up.
 */
import type { CommandContext, Problem } from '../../../shared/events/command';
import { accessHandlers, type AccessHandlers } from '../access/handlers';
import { alertsHandlers, type AlertsHandlers } from '../alerts/handlers';
import { boardsHandlers, type BoardsHandlers } from '../boards/handlers';
import { contactsHandlers, type ContactsHandlers } from '../contacts/handlers';
import { giftHandlers, type GiftHandlers } from '../contacts/gift-handlers';
import { nayoseHandlers, type NayoseHandlers } from '../contacts/nayose-handlers';
import { directoryHandlers, type DirectoryHandlers } from '../directory/handlers';
import { disclosureHandlers, type DisclosureHandlers } from '../disclosure/handlers';
import { escalationHandlers, type EscalationHandlers } from '../faq/escalation-handlers';
import { faqHandlers, type FaqHandlers } from '../faq/handlers';
import { faqHandoverHandlers, type FaqHandoverHandlers } from '../faq/handover-handlers';
import { vendorHandlers, type VendorHandlers } from '../faq/vendor-handlers';
import { incidentHandlers, type IncidentHandlers } from '../incidents/handlers';
import { intakeHandlers, type IntakeHandlers } from '../intake/handlers';
import { lettersHandlers, type LettersHandlers } from '../letters/handlers';
import { outgoingHandlers, type OutgoingHandlers } from '../outgoing/handlers';
import { remindersHandlers, type RemindersHandlers } from '../reminders/handlers';
import { rolesHandlers, type RolesHandlers } from '../roles/handlers';
import { settingsHandlers, type SettingsHandlers } from '../settings/handlers';
import { syncHandlers, type SyncHandlers } from '../sync/handlers';
import { StoreClosedError, type EventStore } from './event-store';
import { CommandRefused, handlerContext, type HandlerContext } from './handler';
import { currentRoleBook, guardWithRoles } from '../roles/role-book';
import { mark } from './trace';

export { CommandRefused } from './handler';
/** A write refused because this laptop was revoked from its team (it may still read). */
export { ReadOnlyError } from './event-store';

export type Handlers = IncidentHandlers & BoardsHandlers & ContactsHandlers & DisclosureHandlers & FaqHandlers & OutgoingHandlers & SettingsHandlers & SyncHandlers & RolesHandlers & AccessHandlers & IntakeHandlers & DirectoryHandlers & AlertsHandlers & RemindersHandlers & LettersHandlers & GiftHandlers & NayoseHandlers & EscalationHandlers & FaqHandoverHandlers & VendorHandlers;
export type CommandName = keyof Handlers;
export type ArgsOf<K extends CommandName> = Parameters<Handlers[K]>[1];
export type ValueOf<K extends CommandName> = Awaited<ReturnType<Handlers[K]>>;

/** The handlers as a mapped type over their names, so a lookup by a generic name stays typed (TypeScript #47109). */
type Table = { [K in CommandName]: (h: HandlerContext, args: ArgsOf<K>) => Promise<ValueOf<K>> };

const HANDLERS: Table = merge(incidentHandlers, boardsHandlers, contactsHandlers, disclosureHandlers, faqHandlers, outgoingHandlers, settingsHandlers, syncHandlers, rolesHandlers, accessHandlers, intakeHandlers, directoryHandlers, alertsHandlers, remindersHandlers, lettersHandlers, giftHandlers, nayoseHandlers, escalationHandlers, faqHandoverHandlers, vendorHandlers);

/** Merges the parts' maps; a name defined twice is a bug, caught when the module loads (loot-core's App.method does the same). */
function merge(...maps: object[]): Table {
  const table: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in table) throw new Error(`dispatch: "${name}" is defined twice`);
      table[name] = handler;
    }
  }
  return table as Table;
}

export interface DispatchSession {
  store: EventStore;
  /** The person using this laptop: the actor of every command. */
  personId: string;
  now?: () => number;
  newId?: () => string;
}

let session: DispatchSession | null = null;

/**
 * Binds dispatch to the unlocked workspace; dispose() unbinds it (on lock), after which
 * every dispatch fails until the next unlock.
 */
export function openDispatch(s: DispatchSession): { dispose(): void } {
  session = s;
  // Every local write is judged by the role table, whichever path it takes (commands, the contact engine).
  const guard = guardWithRoles(s.store, s.personId);
  return {
    dispose() {
      guard.dispose();
      if (session === s) session = null;
    },
  };
}

async function contextOf(s: DispatchSession, args: unknown): Promise<CommandContext> {
  // Roles are read at the moment of the command, in the incident it acts on: a role given or taken on another laptop counts at once.
  const incidentId = typeof args === 'object' && args !== null && typeof (args as { incidentId?: unknown }).incidentId === 'string' ? (args as { incidentId: string }).incidentId : null;
  const book = await currentRoleBook(s.store);
  return { now: (s.now ?? Date.now)(), newId: s.newId ?? (() => crypto.randomUUID()), actor: { personId: s.personId, roles: book.rolesOf(s.personId, incidentId) } };
}

export async function dispatch<K extends CommandName>(name: K, args: ArgsOf<K>): Promise<ValueOf<K>> {
  const s = session;
  // Work of a session just locked ends here; like the closed store, it is not a fault.
  if (!s) throw new StoreClosedError();
  const handler = HANDLERS[name];
  // The person's own work from its first read to its commit: background work waits for it.
  return (await s.store.asPerson(async () => {
    const c = await contextOf(s, args);
    mark('context');
    return handler(handlerContext(s.store, c), args);
  })) as ValueOf<K>;
}

/**
 * For forms that list problems: [] when the command went through or there was nothing to
 * change, otherwise what stopped it. Anything else is unexpected and is thrown on.
 */
export async function problemsOf(command: Promise<unknown>): Promise<Problem[]> {
  try {
    await command;
    return [];
  } catch (err) {
    if (err instanceof CommandRefused) return err.problems.filter((p) => p.reason !== 'unchanged');
    throw err;
  }
}
