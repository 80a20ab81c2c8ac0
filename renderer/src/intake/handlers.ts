/**
 * The intake part's commands as dispatch handlers (decision 019). The handler does the
 * crypto a pure command cannot (a new key pair and secret); the commands check the inbox
 * as folded from the intake events. One at a time on this laptop, so a double click files
 * or records once.
 */
import * as intake from '../../../shared/intake/commands';
import { INTAKE_EVENT_TYPES, type ReceivedReport } from '../../../shared/intake/events';
import { generateIntakeKeys } from '../../../shared/intake/seal';
import { foldIntake, type IntakeState } from '../../../shared/intake/state';
import { toBase64Url } from '../../../shared/vault/bytes';
import type { Handler, HandlerContext } from '../data/handler';

export type IntakeHandlers = {
  /** Value: the new intake id. `replace`: a new key (and page address) in place of the current one. */
  'intake.create-key': Handler<{ replace?: boolean }, string>;
  /** Value: how many of these reports were new. */
  'intake.record-received': Handler<{ intakeId: string; reports: readonly ReceivedReport[] }, number>;
  'intake.mark-handled': Handler<{ reportId: string; outcome: 'first-report' | 'set-aside'; incidentId: string | null }>;
};

export async function readIntake(h: Pick<HandlerContext, 'store'>): Promise<IntakeState> {
  return foldIntake(await h.store.readEvents(undefined, [...INTAKE_EVENT_TYPES]));
}

let chain: Promise<unknown> = Promise.resolve();
function serial<V>(work: () => Promise<V>): Promise<V> {
  const next = chain.then(work, work);
  chain = next.catch(() => undefined);
  return next;
}

const random = (n: number) => toBase64Url(crypto.getRandomValues(new Uint8Array(n)));

export const intakeHandlers: IntakeHandlers = {
  'intake.create-key': (h, args) =>
    serial(async () => {
      const keys = await generateIntakeKeys();
      return h.run(intake.createIntakeKey(h.ctx, await readIntake(h), { ...keys, intakeId: random(16), secret: random(32), replace: args.replace }));
    }),
  'intake.record-received': (h, args) => serial(async () => h.run(intake.recordReceived(h.ctx, await readIntake(h), args))),
  'intake.mark-handled': (h, args) => serial(async () => h.run(intake.markHandled(h.ctx, await readIntake(h), args))),
};
