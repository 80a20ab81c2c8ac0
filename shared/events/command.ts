/**
 * Commands: every change a person asks for is a pure function that checks the request
 * against the current state and returns the events to append, or the problems that stop
 * it (what and where). Ids and time come from the context, never from crypto or the
 * clock, so commands are tested on plain data. The renderer reaches them through one
 * dispatch (renderer/src/data/dispatch.ts); see docs/decisions/007-commands-and-dispatch.md.
 */
import type { AccessRole } from '../roles/model';
import type { AnyDraft } from './registry';

export interface CommandContext {
  /** Milliseconds since the epoch, for checks like "not in the future". */
  now: number;
  /** A fresh id (uuid) for a new row. */
  newId(): string;
  /** Who asks: their person id and the access roles they hold where the command acts (shared/roles). */
  actor: { personId: string; roles: readonly AccessRole[] };
}

/** Why a command was refused: the field (or `section.<key>`, `viewpoints.<key>`) and a reason the screen words. */
export interface Problem {
  field: string;
  reason: string;
  params?: Record<string, string | number>;
}

export type CommandResult<V = undefined> = { ok: true; events: AnyDraft[]; value: V } | { ok: false; problems: Problem[] };

/** Accepted: these events (one append, so they land together), and what the caller gets back. */
export function accept(events: AnyDraft[]): CommandResult;
export function accept<V>(events: AnyDraft[], value: V): CommandResult<V>;
export function accept<V>(events: AnyDraft[], value?: V): CommandResult<V | undefined> {
  return { ok: true, events, value };
}

export function refuse(problems: Problem[]): { ok: false; problems: Problem[] } {
  return { ok: false, problems };
}

/** Nothing changed: refused with one `unchanged` problem, which screens do not show as an error. */
export function unchanged(field: string): { ok: false; problems: Problem[] } {
  return refuse([{ field, reason: 'unchanged' }]);
}
