/**
 * The dashboard's background proof, off the screen's thread: a list's statuses folded
 * afresh from its events and compared with what is stored (fold-check.ts). A million
 * customers take a moment; the screen never waits for it.
 */
import { foldStatuses } from '../../../shared/contacts/events';
import type { Policy } from '../../../shared/contacts/fallback';
import type { HonbuEvent } from '../../../shared/events/event';
import { compareFold, type FoldInput } from './fold-check';

export interface FoldRequest {
  id: number;
  input: FoldInput;
  events: HonbuEvent[];
  policy: Policy;
}

self.onmessage = (ev: MessageEvent<FoldRequest>) => {
  const { id, input, events, policy } = ev.data;
  try {
    self.postMessage({ id, result: compareFold(input, foldStatuses(input.avail, events, policy)) });
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
