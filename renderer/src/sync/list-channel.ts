/**
 * The laptop's side of the customer-list channel (server/list-channel.ts, decision 012):
 * one websocket at `<server>/lists`, opened with the current epoch's room credential, over
 * which sealed packs are put and got by hash, and manifests by slot. Requests are
 * pipelined; answers come back in order. A closed socket fails every open request with
 * ListChannelClosed (the caller retries later; nothing half-written is kept anywhere).
 */
import { LIST_OP, LIST_PATH, LIST_STATUS } from '../../../shared/contacts/list-wire';
import { credentialToken } from '../../../shared/sync/room';

export class ListChannelClosed extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(`list channel closed (${code}${reason ? `: ${reason}` : ''})`);
    this.name = 'ListChannelClosed';
  }
}

type Answer = { status: number; body: Uint8Array<ArrayBuffer> };
type SocketCtor = new (url: string) => WebSocket;

export interface ListChannelOptions {
  serverUrl: string;
  /** A workspace room of the current epoch (its name carries the credential's tag). */
  room: string;
  credential: Uint8Array;
  WebSocketPolyfill?: unknown;
  /** Tests and the bench: bytes received on this channel. */
  onBytes?: (n: number) => void;
}

/** What a list transfer needs: the channel, and the current epoch's list keys. */
export interface ListTransport {
  channel: ListChannel;
  epoch: number;
  lists: CryptoKey;
  listSlot: CryptoKey;
  deviceId: string;
}

export function listUrl(serverUrl: string): string {
  return serverUrl.replace(/\/+$/, '') + LIST_PATH;
}

export class ListChannel {
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private next = 1;
  private closedWith: ListChannelClosed | undefined;

  private constructor(private readonly ws: WebSocket) {}

  static open(o: ListChannelOptions): Promise<ListChannel> {
    const Ctor = (o.WebSocketPolyfill ?? globalThis.WebSocket) as SocketCtor;
    const ws = new Ctor(listUrl(o.serverUrl));
    ws.binaryType = 'arraybuffer';
    const channel = new ListChannel(ws);
    return new Promise((resolve, reject) => {
      let ready = false;
      ws.onopen = () => ws.send(JSON.stringify({ t: 'hello', token: credentialToken(o.credential), room: o.room }));
      ws.onerror = () => undefined;
      ws.onclose = (ev: CloseEvent) => {
        const err = new ListChannelClosed(ev.code, ev.reason);
        channel.closedWith = err;
        for (const p of channel.pending.values()) p.reject(err);
        channel.pending.clear();
        if (!ready) reject(err);
      };
      ws.onmessage = (ev: MessageEvent) => {
        if (typeof ev.data === 'string') {
          if (!ready && ev.data.includes('"ready"')) {
            ready = true;
            resolve(channel);
          }
          return;
        }
        const bytes = new Uint8Array(ev.data as ArrayBuffer);
        o.onBytes?.(bytes.byteLength);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const id = view.getUint32(1, true);
        const p = channel.pending.get(id);
        channel.pending.delete(id);
        p?.resolve({ status: view.getUint8(0), body: bytes.slice(5) });
      };
    });
  }

  private call(op: number, key: string, body?: Uint8Array): Promise<Answer> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.next++;
    const head = new Uint8Array(48);
    const view = new DataView(head.buffer);
    view.setUint8(0, op);
    view.setUint32(1, id, true);
    for (let i = 0; i < 43; i++) head[5 + i] = key.charCodeAt(i);
    const frame = body ? new Uint8Array(48 + body.byteLength) : head;
    if (body) {
      frame.set(head);
      frame.set(body, 48);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(frame);
    });
  }

  async get(hash: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const a = await this.call(LIST_OP.get, hash);
    return a.status === LIST_STATUS.ok ? a.body : undefined;
  }

  async put(hash: string, bytes: Uint8Array): Promise<'ok' | 'quota' | 'bad'> {
    const a = await this.call(LIST_OP.put, hash, bytes);
    return a.status === LIST_STATUS.ok ? 'ok' : a.status === LIST_STATUS.quota ? 'quota' : 'bad';
  }

  async getSlot(slot: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const a = await this.call(LIST_OP.getSlot, slot);
    return a.status === LIST_STATUS.ok ? a.body : undefined;
  }

  /** Write-once: 'taken' comes with the manifest already there. */
  async putSlot(slot: string, bytes: Uint8Array): Promise<{ status: 'ok' | 'quota' | 'bad' } | { status: 'taken'; existing: Uint8Array<ArrayBuffer> }> {
    const a = await this.call(LIST_OP.putSlot, slot, bytes);
    if (a.status === LIST_STATUS.taken) return { status: 'taken', existing: a.body };
    return { status: a.status === LIST_STATUS.ok ? 'ok' : a.status === LIST_STATUS.quota ? 'quota' : 'bad' };
  }

  close(): void {
    if (this.ws.readyState <= 1) this.ws.close(1000);
  }
}
