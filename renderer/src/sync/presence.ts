/**
 * Who is online and on which board, over Yjs awareness. The state each laptop publishes
 * is sealed under the workspace key: the relay forwards it but cannot read names.
 */
import type { Awareness } from 'y-protocols/awareness';
import { fromBase64Url, toBase64Url } from '../../../shared/vault/bytes';
import { openJson, sealJson } from '../../../shared/vault/cipher';

export interface Peer {
  deviceId: string;
  personName: string;
  board: string | null;
}

interface PresenceState {
  deviceId: string;
  personName: string;
  board: string | null;
}

const AAD = 'honbu/sync/v1/presence';

export class Presence {
  private board: string | null = null;
  private readonly opened = new Map<number, Peer>();
  private seq = 0;

  constructor(
    private readonly awareness: Awareness,
    private readonly key: CryptoKey,
    private readonly deviceId: string,
    private readonly personName: string,
    private readonly changed: () => void,
  ) {
    awareness.on('change', this.onChange);
    void this.publish();
  }

  setBoard(board: string | null): void {
    this.board = board;
    void this.publish();
  }

  /**
   * Publishes again after a reconnect: peers dropped our state when we went away and
   * ignore a re-send with the same awareness clock, so the clock must move on.
   */
  republish(): void {
    void this.publish();
  }

  peers(): Peer[] {
    return [...this.opened.values()].filter((p) => p.deviceId !== this.deviceId);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.awareness.setLocalState(null);
  }

  private async publish(): Promise<void> {
    const seq = ++this.seq;
    const state: PresenceState = { deviceId: this.deviceId, personName: this.personName, board: this.board };
    const sealed = toBase64Url(await sealJson(this.key, state, AAD));
    // A later call may have finished first; the newest board wins.
    if (seq === this.seq) this.awareness.setLocalState({ s: sealed });
  }

  private readonly onChange = (): void => {
    void this.refresh();
  };

  private async refresh(): Promise<void> {
    const next = new Map<number, Peer>();
    await Promise.all(
      [...this.awareness.getStates()].map(async ([clientId, raw]) => {
        const s = (raw as { s?: unknown }).s;
        if (typeof s !== 'string') return;
        try {
          const p = await openJson<PresenceState>(this.key, fromBase64Url(s), AAD);
          next.set(clientId, { deviceId: String(p.deviceId), personName: String(p.personName), board: p.board ?? null });
        } catch {
          // Not sealed with our key: not one of us, not shown.
        }
      }),
    );
    this.opened.clear();
    for (const [k, v] of next) this.opened.set(k, v);
    this.changed();
  }
}
