/**
 * What the 名寄せ panel says when a run ends without a result. Never the error's own text:
 * a worker's message is English internals and can quote a customer's record. The fault goes
 * to the error log once (scrubbed; a failed worker has already reported itself and is not
 * counted twice); a lock in the middle of a run is not a fault and says nothing (the screen
 * is going away). Another press of the button starts a fresh worker.
 */
import { isExpectedError, reportError } from '../../errors/report';
import { NayoseCancelled } from '../nayose-run';
import { type Said, say } from './labels';

export function nayoseOutcome(error: unknown): Said | null {
  if (error instanceof NayoseCancelled) return say('nayose.cancelled');
  if (isExpectedError(error)) return null;
  reportError(error, 'action');
  return say('nayose.failed');
}
