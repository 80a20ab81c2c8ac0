/**
 * A call-centre vendor's log reaches the whole team (decisions 031, 064, 065). The import
 * records enquiries in batches of at most VENDOR_BATCH enquiries and VENDOR_BATCH_BYTES of
 * their JSON (shared/faq/vendor-commands.ts): a question and an answer have no length limit,
 * and 500 calls with a few hundred Japanese characters of question and answer each (a normal
 * 対応内容 column) would make one event over the sync server's 1 MiB per record, which the
 * sender sets aside — kept on the importing laptop, never sent. Real sync server on 127.0.0.1,
 * real team laptops.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { importVendorEnquiries } from '../../shared/faq/vendor-commands';
import type { VendorEnquiry } from '../../shared/faq/vendor-rows';
import { EMPTY_CALLER } from '../../shared/faq/model';
import { SyncClient } from '../../renderer/src/sync/sync-client';
import { saveSyncSettings } from '../../renderer/src/sync/device-store';
import { EventTooLargeError } from '../../renderer/src/sync/sender';
import type { AnyDraft } from '../../shared/events/registry';
import type { CommandContext } from '../../shared/events/command';
import { allAppended, makeTeam, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let team: Team | undefined;
let dir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = team = dir = undefined;
});

const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).byteLength;

/** One row of the vendor's daily log: what the caller asked, and what the operator answered (about 250 and 450 characters). */
function row(i: number): VendorEnquiry {
  const question = `${i}件目：お客様より、先日届いた「個人情報の取扱いに関するお詫び」の書面について、自分の情報のうち何が漏えいしたのか、クレジットカード番号は含まれているのか、二次被害の恐れはあるのか、カードの再発行は必要か、再発行の費用は誰が負担するのかとのお問い合わせ。`.padEnd(250, '詳細確認中。');
  const answer = 'お詫びのうえ、漏えいした項目は氏名・住所・電話番号・購入履歴であり、カード番号は含まれていないことをご案内。不審な電話やメールにはご注意いただくようお願いし、専用窓口の受付時間と番号をお伝えした。再発行の希望があれば当社負担で手配する旨も説明。'.padEnd(450, '以上。');
  return {
    rowKey: `c:2026-12-01:${i.toString(16).padStart(13, '0')}:0`,
    line: i + 2,
    fields: {
      channel: 'phone',
      caller: EMPTY_CALLER,
      question,
      answerEntryId: null,
      answerText: answer,
      escalate: false,
      operator: `OP${String(i % 40).padStart(3, '0')}`,
      durationSec: 240,
      tags: [],
      at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(),
      category: '漏えい内容',
      source: { kind: 'vendor', fileDay: '2026-12-01', rowKey: `c:2026-12-01:${i.toString(16).padStart(13, '0')}:0` },
    },
  };
}

describe('a call-centre vendor’s log with ordinary answers', () => {
  it('every imported enquiry reaches the rest of the team (no event is set aside as too large)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-vendor-batch-'));
    store = await LevelStore.open(dir);
    server = await startSyncServer({ port: 0, dataDir: dir, store });
    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    const faults: unknown[] = [];
    await saveSyncSettings(alice.store, { serverUrl: server.url, fingerprint: null, room: team.room, root: team.root });
    alice.client = await SyncClient.start({ store: alice.store, device: alice.device, root: team.root, serverUrl: server.url, room: team.room, personName: alice.name, WebSocketPolyfill: WebSocket as never, onError: (err) => faults.push(err) });
    await team.connect(bob, server.url, { WebSocketPolyfill: WebSocket as never });
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);

    // The import handler's command, as 'faq.import-vendor-log' runs it for a part of 2,000 rows.
    const ctx: CommandContext = { now: Date.now(), newId: () => crypto.randomUUID(), actor: { personId: alice.personId, roles: ['direction'] } };
    const rows = Array.from({ length: 600 }, (_, i) => row(i));
    const result = importVendorEnquiries(ctx, new Map(), { incidentId: null, rows });
    if (!result.ok) throw new Error('refused');
    expect(result.value.added).toBe(600);
    const events = await team.append(alice, result.events as AnyDraft[]);
    const largest = Math.max(...events.map(bytes));

    let failure: unknown;
    try {
      await waitConverged([alice, bob], allAppended(team.laptops), 30_000);
    } catch (err) {
      failure = err;
    }
    const tooLarge = faults.filter((f): f is EventTooLargeError => f instanceof EventTooLargeError);
    expect(tooLarge.map((e) => `${e.eventType} ${e.bytes} bytes`), `largest event ${largest} bytes`).toEqual([]);
    expect(failure, String(failure)).toBeUndefined();
    const bobs = await bob.store.readEvents(undefined, ['faq.vendor-enquiries-imported']);
    expect(bobs.flatMap((e) => (e.payload as { enquiries: unknown[] }).enquiries)).toHaveLength(600);
  }, 90_000);
});
