/**
 * A few deliveries at a time per target (decision 018, addendum): the company's SMTP server
 * is one lane, each webhook host another. A chat service that hangs until its timeout then
 * holds up only its own lane, not another team's mail — before, the host sent one delivery
 * at a time and a chat outage delayed every other alert by minutes.
 */
export class Lanes {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perLane = 3) {}

  async run<T>(lane: string, fn: () => Promise<T>): Promise<T> {
    while ((this.active.get(lane) ?? 0) >= this.perLane) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(lane) ?? [];
        q.push(resolve);
        this.waiting.set(lane, q);
      });
    }
    this.active.set(lane, (this.active.get(lane) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const n = (this.active.get(lane) ?? 1) - 1;
      if (n > 0) this.active.set(lane, n);
      else this.active.delete(lane);
      const q = this.waiting.get(lane);
      const next = q?.shift();
      if (q && q.length === 0) this.waiting.delete(lane);
      next?.();
    }
  }
}

/** The lane of a delivery: the SMTP server, or the webhook's host (scheme, name and port). */
export function laneOf(channel: 'email' | { url: string }): string {
  if (channel === 'email') return 'smtp';
  try {
    const u = new URL(channel.url);
    return `hook:${u.protocol}//${u.host}`;
  } catch {
    return 'hook:?';
  }
}
