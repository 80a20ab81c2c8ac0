/**
 * A plain Yjs/Hocuspocus client, as an attacker (or a curious member) would write it: no
 * SyncClient, no checks, just a document, a room name and whatever token it has.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { deriveEpochKeys, epochZeroKey, keyOf, type EpochKeys } from '../../shared/sync/epoch';
import { credentialToken, roomName } from '../../shared/sync/room';
import { readKeyring } from '../../renderer/src/sync/device-store';
import { NodeWebSocket, sleep, type Laptop, type Team } from './team';

export interface Intruder {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Every close the server sent: the document's close message and the socket's close code. */
  closes: { code: number; reason: string }[];
  denied: string[];
  synced(): boolean;
  destroy(): void;
}

export function intrude(url: string, name: string, token: string | null): Intruder {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: NodeWebSocket, delay: 200, minDelay: 200, maxDelay: 500 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token });
  provider.attach();
  const closes: Intruder['closes'] = [];
  const denied: string[] = [];
  provider.on('close', ({ event }: { event: { code: number; reason: string } }) => closes.push({ code: event.code, reason: String(event.reason) }));
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => denied.push(reason));
  return {
    doc,
    provider,
    closes,
    denied,
    synced: () => provider.synced,
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

/**
 * The room of an epoch as a member's laptop computes it: its name, token (credential)
 * and keys. Without `epoch`, the newest one `laptop` holds (by default the first laptop's).
 */
export async function teamRoom(team: Team, laptop: Laptop = team.laptops[0]!, epoch?: number): Promise<{ name: string; token: string; keys: EpochKeys }> {
  const ring = await readKeyring(laptop.store);
  const wanted = epoch ?? ring.at(-1)?.epoch ?? 0;
  const entry = ring.find((e) => e.epoch === wanted);
  if (wanted !== 0 && !entry) throw new Error(`${laptop.name} holds no key for epoch ${wanted}`);
  const keys = await deriveEpochKeys(wanted, entry ? keyOf(entry) : await epochZeroKey(team.keys.index));
  return { name: await roomName('w', keys.credential, 'events'), token: credentialToken(keys.credential), keys };
}

export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
