/**
 * The dashboard's background proof, off the screen's thread: a list's statuses folded
 * afresh from its events and compared with what is stored (fold-check.ts). A million
 * customers take a moment; the screen never waits for it.
 */
import { foldStatuses } from '../../../shared/contacts/events';
import type { Policy } from '../../../shared/contacts/fallback';
import type { HonbuEvent } from '../../../shared/events/event';
import { serveCalls } from '../data/worker-calls';
import { compareFold, type FoldCheck, type FoldInput } from './fold-check';

export interface FoldRequest {
  input: FoldInput;
  events: HonbuEvent[];
  policy: Policy;
}

export type FoldCalls = { check: { args: FoldRequest; result: FoldCheck } };

serveCalls<FoldCalls>({
  check: ({ input, events, policy }) => compareFold(input, foldStatuses(input.avail, events, policy)),
});
