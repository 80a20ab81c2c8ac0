/**
 * The app's way to the host's alert API (decision 018): a websocket at `<server>/alerts`,
 * request and answer frames matched by id. A websocket because the app's CSP allows ws:
 * and wss: only — the renderer reaches no web address, webhooks included — and because it
 * goes to the same pinned host as the sync rooms.
 */
import { ALERT_SOCKET_PATH } from '../../../shared/alerts/job';

export interface AlertAnswer {
  status: number;
  body: unknown;
}

export interface AlertConnection {
  call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<AlertAnswer>;
  close(): void;
}

type SocketCtor = new (url: string) => WebSocket;

const CALL_MS = 15_000;
/**
 * How long the socket may take to open. A host that takes the connection and never answers
 * the upgrade makes the browser fire neither open nor error (Chromium: none in 90 s); the
 * round would hang, and no later round would start (alerts-store.ts runs one at a time).
 */
const OPEN_MS = 15_000;

export function openAlertConnection(serverUrl: string, Ctor: SocketCtor = WebSocket): Promise<AlertConnection> {
  return new Promise((resolve, reject) => {
    const ws = new Ctor(serverUrl.replace(/\/+$/, '') + ALERT_SOCKET_PATH);
    const waiting = new Map<number, { resolve: (a: AlertAnswer) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
    let next = 1;
    const failAll = (why: string) => {
      for (const w of waiting.values()) {
        clearTimeout(w.timer);
        w.reject(new Error(why));
      }
      waiting.clear();
    };
    const opening = setTimeout(() => {
      reject(new Error('alerts: host does not answer'));
      ws.close();
    }, OPEN_MS);
    ws.onerror = () => {
      clearTimeout(opening);
      reject(new Error('alerts: host unreachable'));
    };
    ws.onclose = () => failAll('alerts: connection closed');
    ws.onmessage = (ev: MessageEvent) => {
      let msg: { id?: number; status?: number; body?: unknown };
      try {
        msg = JSON.parse(String(ev.data)) as typeof msg;
      } catch {
        return;
      }
      const w = msg.id === undefined ? undefined : waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id!);
      clearTimeout(w.timer);
      w.resolve({ status: msg.status ?? 500, body: msg.body });
    };
    ws.onopen = () => {
      clearTimeout(opening);
      resolve({
        call(method, path, headers, body) {
          return new Promise<AlertAnswer>((res, rej) => {
            const id = next++;
            const timer = setTimeout(() => {
              waiting.delete(id);
              rej(new Error('alerts: no answer'));
            }, CALL_MS);
            waiting.set(id, { resolve: res, reject: rej, timer });
            ws.send(JSON.stringify({ id, method, path, headers, ...(body !== undefined ? { body } : {}) }));
          });
        },
        close: () => ws.close(),
      });
    };
  });
}
