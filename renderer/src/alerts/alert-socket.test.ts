/**
 * A host that takes the connection and never answers: the round reads as offline within the
 * time allowed, with the socket closed, and the next round goes ahead (alerts-store.ts runs
 * one round at a time, so a round that never ended stopped all alerting on the laptop).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { emptyAlerts } from '../../../shared/alerts/model';
import { openAlertConnection } from './alert-socket';
import { AlertHostLink, type HostView } from './host-link';

afterEach(() => {
  vi.useRealTimers();
});

/** A socket to a host that never answers: no open, no error, no close until closed here. */
class SilentSocket {
  static made: SilentSocket[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    SilentSocket.made.push(this);
  }
  send(): void {}
  close(): void {
    this.closed = true;
  }
}

/** A socket to a host that answers: opens, and answers the status request. */
class AnsweringSocket extends SilentSocket {
  constructor(url: string) {
    super(url);
    setTimeout(() => this.onopen?.(), 10);
  }
  override send(data?: string): void {
    const { id } = JSON.parse(data ?? '{}') as { id: number };
    setTimeout(() => this.onmessage?.({ data: JSON.stringify({ id, status: 200, body: { email: 'ready', publicKey: 'host-key' } }) }), 10);
  }
}

it('a host that never opens the socket: offline within 15 s, the socket closed, and the next round runs', async () => {
  vi.useFakeTimers();
  let Socket: typeof SilentSocket = SilentSocket;
  const link = new AlertHostLink({
    door: async () => ({ serverUrl: 'ws://host.example:8080', room: 'w.tag.events', token: 'token' }),
    read: async () => emptyAlerts(),
    record: async () => undefined,
    connect: (url) => openAlertConnection(url, Socket as unknown as typeof WebSocket),
  });
  let first: HostView | undefined;
  void link.round().then((v) => (first = v));
  await vi.advanceTimersByTimeAsync(14_000);
  expect(first).toBeUndefined();
  await vi.advanceTimersByTimeAsync(1_000);
  expect(first).toEqual({ state: 'offline' });
  expect(SilentSocket.made[0]!.url).toBe('ws://host.example:8080/alerts');
  expect(SilentSocket.made[0]!.closed).toBe(true);

  // The host answers again: the next round reaches it.
  Socket = AnsweringSocket;
  let second: HostView | undefined;
  void link.round().then((v) => (second = v));
  await vi.advanceTimersByTimeAsync(100);
  expect(second).toEqual({ state: 'ok', status: { email: 'ready', publicKey: 'host-key' } });
});
