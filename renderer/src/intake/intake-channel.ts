/**
 * The laptop's side of the intake channel on the sync host (server/intake/channel.ts,
 * decision 019): opened with the current epoch's room credential like the customer-list
 * channel; one request at a time, each answered in order. A closed socket or an error
 * answer rejects with IntakeChannelError (the caller says so and tries again later).
 */
import { INTAKE_WS_PATH, type IntakeAnswer, type IntakeRequest } from '../../../shared/intake/wire';
import { credentialToken } from '../../../shared/sync/room';

export class IntakeChannelError extends Error {
  constructor(
    /** 'closed' (the host is away or refused the door) or the host's error word. */
    readonly reason: string,
    readonly code?: number,
  ) {
    super(`intake channel: ${reason}${code ? ` (${code})` : ''}`);
    this.name = 'IntakeChannelError';
  }
}

type SocketCtor = new (url: string) => WebSocket;

/** A host that neither answers nor closes within this long counts as away: the check ends and is tried again. */
export const INTAKE_ANSWER_MS = 20_000;

export interface IntakeChannelOptions {
  serverUrl: string;
  /** The current epoch's events room (its name carries the credential's tag). */
  room: string;
  credential: Uint8Array;
  WebSocketPolyfill?: unknown;
}

export class IntakeChannel {
  private waiting: { resolve: (a: IntakeAnswer) => void; reject: (e: Error) => void }[] = [];
  private closedWith: IntakeChannelError | undefined;

  private constructor(private readonly ws: WebSocket) {}

  static open(o: IntakeChannelOptions): Promise<IntakeChannel> {
    const Ctor = (o.WebSocketPolyfill ?? globalThis.WebSocket) as SocketCtor;
    const ws = new Ctor(o.serverUrl.replace(/\/+$/, '') + INTAKE_WS_PATH);
    const channel = new IntakeChannel(ws);
    return new Promise((resolve, reject) => {
      let ready = false;
      const late = setTimeout(() => {
        if (!ready) reject(new IntakeChannelError('timeout'));
        ws.close();
      }, INTAKE_ANSWER_MS);
      ws.onopen = () => ws.send(JSON.stringify({ t: 'hello', token: credentialToken(o.credential), room: o.room }));
      ws.onerror = () => undefined;
      ws.onclose = (ev: CloseEvent) => {
        const err = new IntakeChannelError('closed', ev.code);
        clearTimeout(late);
        channel.closedWith = err;
        for (const w of channel.waiting.splice(0)) w.reject(err);
        if (!ready) reject(err);
      };
      ws.onmessage = (ev: MessageEvent) => {
        let answer: IntakeAnswer;
        try {
          answer = JSON.parse(String(ev.data)) as IntakeAnswer;
        } catch {
          return;
        }
        if (!ready) {
          clearTimeout(late);
          if (answer.t === 'ready') {
            ready = true;
            resolve(channel);
          } else {
            reject(new IntakeChannelError(answer.t === 'error' ? answer.error : 'refused'));
            ws.close();
          }
          return;
        }
        channel.waiting.shift()?.resolve(answer);
      };
    });
  }

  /** Sends one request; resolves with its answer, rejects on an error answer or a closed socket. */
  async ask(request: IntakeRequest): Promise<IntakeAnswer> {
    if (this.closedWith) throw this.closedWith;
    const answer = await new Promise<IntakeAnswer>((resolve, reject) => {
      const late = setTimeout(() => {
        reject(new IntakeChannelError('timeout'));
        // Answers come in order: a late one would be taken for the next request's, so the channel ends here.
        this.ws.close();
      }, INTAKE_ANSWER_MS);
      this.waiting.push({
        resolve: (a) => (clearTimeout(late), resolve(a)),
        reject: (e) => (clearTimeout(late), reject(e)),
      });
      this.ws.send(JSON.stringify(request));
    });
    if (answer.t === 'error') throw new IntakeChannelError(answer.error);
    return answer;
  }

  close(): void {
    this.ws.close();
  }
}
