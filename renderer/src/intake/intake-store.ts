/**
 * The intake inbox for the screens (decision 019): the intake events folded (state.ts),
 * kept current from change notices, and the host checked for new reports — now and then
 * while the workspace is open (only on a laptop whose person may record reports), and
 * whenever someone asks. Reports stay sealed here; the inbox opens them in memory to show.
 */
import { create } from 'zustand';
import * as v from 'valibot';
import { INTAKE_EVENT_TYPES } from '../../../shared/intake/events';
import { intakeBoxSchema } from '../../../shared/intake/report';
import { EMPTY_INTAKE, foldIntake, type IntakeState } from '../../../shared/intake/state';
import { INTAKE_FETCH_MAX } from '../../../shared/intake/wire';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import { mayWrite } from '../../../shared/roles/table';
import { CommandRefused, dispatch } from '../data/dispatch';
import type { EventStore } from '../data/event-store';
import { StoreClosedError } from '../data/store-contract';
import { reportError } from '../errors/report';
import { useRoles } from '../roles/roles-store';
import { currentSyncClient } from '../sync/ui/sync-store';
import { IntakeChannel, IntakeChannelError } from './intake-channel';

/** How the last look at the host went, for the inbox and settings to say in words. */
export type HostCheck = { kind: 'never' } | { kind: 'checking' } | { kind: 'ok'; at: number; added: number } | { kind: 'no-team' } | { kind: 'unreachable' } | { kind: 'no-intake' } | { kind: 'not-owner' };

interface IntakeView {
  state: IntakeState;
  loaded: boolean;
  host: HostCheck;
}

export const useIntake = create<IntakeView>(() => ({ state: EMPTY_INTAKE, loaded: false, host: { kind: 'never' } }));

const POLL_MS = 60_000;
/**
 * After a check that could not reach the host, the next ones come sooner than the poll: a
 * team just started has no room on the host until its first events arrive there, and a key
 * made in that moment would otherwise wait a minute before its page is served.
 */
export const RETRY_MS = [2_000, 5_000, 15_000, 30_000] as const;

let bound = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;

function stopRetrying(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  retries = 0;
}

function afterCheck(host: HostCheck): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  // Only a host that could not be reached is tried again soon (with no team there is nothing to reach).
  if (host.kind !== 'unreachable') return void (retries = 0);
  if (bound === 0 || retries >= RETRY_MS.length) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (mayRecordReports()) void checkIntakeHost().catch(() => undefined);
  }, RETRY_MS[retries++]);
}

/** Binds the inbox to the workspace until disposed (on lock: every report and key read goes). */
export function bindIntake(store: EventStore): Disposable {
  let disposed = false;
  const read = () =>
    store.readEvents(undefined, [...INTAKE_EVENT_TYPES]).then(
      (events) => !disposed && useIntake.setState({ state: foldIntake(events), loaded: true }),
      (err: unknown) => {
        if (!(err instanceof StoreClosedError)) reportError(err);
      },
    );
  void read();
  bound++;
  const stop = store.subscribe((notice) => {
    if (notice.events.some((e) => e.type.startsWith('intake.'))) void read();
  });
  const timer = setInterval(() => {
    if (mayRecordReports()) void checkIntakeHost().catch(() => undefined);
  }, POLL_MS);
  return toDisposable(() => {
    disposed = true;
    stop();
    clearInterval(timer);
    if (--bound === 0) stopRetrying();
    useIntake.setState({ state: EMPTY_INTAKE, loaded: false, host: { kind: 'never' } });
  });
}

/** Whether the person using this laptop may record and handle reports (the role table says who). */
export function mayRecordReports(): boolean {
  const { book, me } = useRoles.getState();
  return !!book && !!me && mayWrite(book.rolesOf(me, null), 'intake.reports-received');
}

const fetched = v.object({ reportId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), receivedAt: v.pipe(v.string(), v.isoTimestamp()), box: intakeBoxSchema });

let running: Promise<HostCheck> | null = null;

/**
 * Registers the current key with the host (so the page is served) and brings every waiting
 * report into the workspace: recorded first, then removed from the host — a report is never
 * only on the way. One check at a time.
 */
export function checkIntakeHost(): Promise<HostCheck> {
  running ??= check()
    .then((host) => {
      afterCheck(host);
      return host;
    })
    .finally(() => (running = null));
  return running;
}

async function check(): Promise<HostCheck> {
  const key = useIntake.getState().state.key;
  const client = currentSyncClient();
  const done = (host: HostCheck) => {
    useIntake.setState({ host });
    return host;
  };
  if (!key) return done({ kind: 'never' });
  if (!client) return done({ kind: 'no-team' });
  useIntake.setState({ host: { kind: 'checking' } });
  let channel: IntakeChannel | undefined;
  try {
    channel = await IntakeChannel.open(await client.intakeDoor());
    await channel.ask({ t: 'register', intakeId: key.intakeId, publicKey: key.publicKey, secret: key.secret });
    let added = 0;
    for (;;) {
      const answer = await channel.ask({ t: 'fetch', intakeId: key.intakeId, secret: key.secret });
      if (answer.t !== 'reports') break;
      // Anything not shaped like a stored box is left on the host (and not acknowledged): it could not be recorded anyway.
      const reports = answer.reports.flatMap((r) => {
        const ok = v.safeParse(fetched, r);
        return ok.success ? [ok.output] : [];
      });
      if (reports.length > 0) {
        try {
          added += await dispatch('intake.record-received', { intakeId: key.intakeId, reports });
        } catch (err) {
          if (!(err instanceof CommandRefused)) throw err;
        }
        await channel.ask({ t: 'ack', intakeId: key.intakeId, secret: key.secret, ids: reports.map((r) => r.reportId) });
      }
      if (answer.reports.length < INTAKE_FETCH_MAX || reports.length === 0) break;
    }
    return done({ kind: 'ok', at: Date.now(), added });
  } catch (err) {
    if (err instanceof IntakeChannelError) {
      if (err.reason === 'no-intake') return done({ kind: 'no-intake' });
      if (err.reason === 'not-owner') return done({ kind: 'not-owner' });
      return done({ kind: 'unreachable' });
    }
    if (err instanceof StoreClosedError) return done({ kind: 'never' });
    throw err;
  } finally {
    channel?.close();
  }
}
