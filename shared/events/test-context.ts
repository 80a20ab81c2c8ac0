/** A CommandContext for tests: a fixed clock, ids from a list (or numbered), an actor with roles. */
import type { AccessRole } from '../roles/model';
import type { CommandContext } from './command';

export function testContext(over: { now?: number; ids?: string[]; personId?: string; roles?: readonly AccessRole[] } = {}): CommandContext {
  const ids = [...(over.ids ?? [])];
  let n = 0;
  return {
    now: over.now ?? Date.parse('2026-11-22T03:00:00Z'),
    newId: () => ids.shift() ?? `id-${++n}`,
    actor: { personId: over.personId ?? 'p1', roles: over.roles ?? [] },
  };
}
