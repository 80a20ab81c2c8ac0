/**
 * A room link's backoff after a refusal, against a fake WebSocket (no server): the waits
 * double, one refusal counts once, the link never stays down while wanted, and a destroyed
 * link opens no socket. Written with a reviewer who broke the first version.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoomLink, type RoomLinkHandlers } from './room-link';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = performance.now();
const now = () => Math.round(performance.now() - t0);

type Mode = 'ok' | 'unreachable';
class FakeWS {
  static all: FakeWS[] = [];
  static mode: Mode = 'ok';
  static created: number[] = [];
  binaryType = '';
  readyState = 0;
  identifier?: number;
  listeners: Record<string, ((e: unknown) => void)[]> = {};
  clientClosed = false;
  constructor(readonly url: string) {
    FakeWS.all.push(this);
    FakeWS.created.push(now());
    const mode = FakeWS.mode;
    setTimeout(() => {
      if (mode === 'unreachable') {
        this.readyState = 3;
        this.emit('error', new Error('ECONNREFUSED'));
        this.emit('close', { code: 1006, reason: '' });
        return;
      }
      this.readyState = 1;
      this.emit('open', {});
    }, 5);
  }
  addEventListener(n: string, f: (e: unknown) => void) {
    (this.listeners[n] ??= []).push(f);
  }
  removeEventListener(n: string, f: (e: unknown) => void) {
    this.listeners[n] = (this.listeners[n] ?? []).filter((g) => g !== f);
  }
  emit(n: string, e: unknown) {
    for (const f of [...(this.listeners[n] ?? [])]) f(e);
  }
  send() {}
  /** A message for another document: resolves the provider's connection attempt (status connected). */
  firstMessage() {
    this.emit('message', { data: new Uint8Array([1, 0x78, 0]) });
  }
  close() {
    this.clientClosed = true; // the close event lands later, when the test says so
  }
  serverClose(code: number, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close', { code, reason });
  }
}

const handlers: RoomLinkHandlers = { remote() {}, cached() {}, synced() {}, message() {}, refused() {}, status() {} };
const epoch = { epoch: 1, credential: new Uint8Array(32).fill(7) } as never;
let link: RoomLink | undefined;
afterEach(() => {
  link?.destroy();
  link = undefined;
  FakeWS.all = [];
  FakeWS.created = [];
  FakeWS.mode = 'ok';
  vi.restoreAllMocks();
});
const open = () => RoomLink.open(epoch, handlers, { serverUrl: 'ws://x', WebSocketPolyfill: FakeWS as never, connect: true });
const last = () => FakeWS.all[FakeWS.all.length - 1]!;
/** The link's socket open and past its first message (the provider counts it connected). */
const connected = async () => {
  await sleep(30);
  last().firstMessage();
};
const openConnected = async () => {
  const opened = await open();
  await connected();
  return opened;
};
/** Ms until a socket after the `n` made so far is opened (6 s at most). */
const untilSocketAfter = async (n: number) => {
  const at = now();
  while (FakeWS.all.length === n && now() - at < 6000) await sleep(20);
  return now() - at;
};
const denyMembership = (l: RoomLink) => (l.provider as unknown as { permissionDeniedHandler(r: string): void }).permissionDeniedHandler('not a member');

describe('a room link refused by the server', () => {
  it('a full disk (the close message, then 4503): tries again after 1 s, then after 2 s', async () => {
    link = await open();
    const waits: number[] = [];
    for (let i = 0; i < 2; i++) {
      const n = FakeWS.all.length;
      await connected();
      (link as unknown as { provider: { forwardClose(e: unknown): void } }).provider.forwardClose({ event: { code: 1000, reason: 'storage failed' } });
      last().serverClose(4503, 'storage failed; retry later');
      waits.push(await untilSocketAfter(n));
    }
    // 1 s and 2 s, each ±15 %.
    expect(waits[0]).toBeGreaterThanOrEqual(800);
    expect(waits[0]).toBeLessThan(1600);
    expect(waits[1]).toBeGreaterThanOrEqual(1650);
    expect(waits[1]).toBeLessThan(2800);
  }, 20_000);

  it('"not a member", then the socket closes late without a code: the link still connects again', async () => {
    link = await openConnected();
    expect(link.connected).toBe(true);
    denyMembership(link);
    await sleep(1500); // the link's 1 s wait ends while the socket still says "connected"
    last().serverClose(1006);
    await sleep(2500);
    expect(FakeWS.all.length).toBeGreaterThan(1);
  }, 20_000);

  it('"not a member" arrives twice (authentication, then the close): counted once, the wait is 1 s', async () => {
    link = await openConnected();
    denyMembership(link);
    await sleep(20);
    last().serverClose(4403, 'not a member');
    const waited = await untilSocketAfter(1);
    expect(waited).toBeGreaterThanOrEqual(800);
    expect(waited).toBeLessThan(1600);
  }, 20_000);

  it('"not a member" whose close never arrives: the link connects again after about 1 s, not after the provider gives up on the socket', async () => {
    link = await openConnected();
    denyMembership(link);
    expect(link.connected).toBe(false);
    expect(await untilSocketAfter(1)).toBeLessThan(1600);
  }, 20_000);

  it('disconnected on purpose just after the connection dropped: stays disconnected, and connects again when asked', async () => {
    link = await openConnected();
    last().serverClose(1006);
    await sleep(100);
    link.disconnect();
    await sleep(1500);
    expect(FakeWS.all).toHaveLength(1);
    link.connect();
    await sleep(100);
    expect(FakeWS.all).toHaveLength(2);
  }, 20_000);

  it("the provider's own retries (the server was unreachable) open nothing while the link waits after a refusal", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99); // the provider's jitter at its top
    FakeWS.mode = 'unreachable';
    link = await open();
    await sleep(2500);
    FakeWS.mode = 'ok';
    while (last().readyState !== 1) await sleep(10);
    last().serverClose(4429, 'too many connections from this address'); // before any message
    const at = now();
    await sleep(3000);
    const made = FakeWS.created.filter((t) => t >= at).map((t) => t - at);
    expect(made).toHaveLength(1);
    expect(made[0]).toBeGreaterThanOrEqual(900);
  }, 20_000);

  it('after a connection that stayed up 30 s, the next refusal waits 1 s again, not 2 s', async () => {
    link = await open();
    const refuse = async () => {
      const n = FakeWS.all.length;
      await connected();
      last().serverClose(4429, 'too many connections');
      return untilSocketAfter(n);
    };
    expect(await refuse()).toBeLessThan(1600);
    // The next connection is up "30 s" before it is refused.
    const real = Date.now.bind(Date);
    await connected();
    vi.spyOn(Date, 'now').mockImplementation(() => real() + 31_000);
    expect(await refuse()).toBeLessThan(1600);
  }, 20_000);

  it('a link destroyed right after its connection dropped opens no socket again', async () => {
    link = await openConnected();
    last().serverClose(1006);
    link.destroy();
    await sleep(1200);
    expect(FakeWS.all).toHaveLength(1);
  }, 20_000);
});
