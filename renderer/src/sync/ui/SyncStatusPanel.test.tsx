import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../sync-client';
import type { SyncSettings } from '../device-store';
import { SyncStatusPanel } from './SyncStatusPanel';

const settings = { serverUrl: 'ws://127.0.0.1:4455' } as SyncSettings;
const status = (over: Partial<SyncStatus>): SyncStatus => ({ state: 'connected', lastSyncAt: null, pending: 3, held: 0, receiving: 0, rejected: 0, peers: [], epoch: 0, ...over });
const render = (s: SyncStatus) => renderToStaticMarkup(<SyncStatusPanel settings={settings} status={s} roster={[]} deviceId="me" />);

describe('the sync status when the server refuses this laptop', () => {
  it('says the server’s disk is full, that the work stays here and goes later, and whom to tell', () => {
    const html = render(status({ refusal: 'storage failed; retry later', refusedAs: 'storage' }));
    expect(html).toContain('サーバーのディスクがいっぱいか、故障しています');
    expect(html).toContain('ここでの変更はこのPCに残っていて');
    // Never the server's own words.
    expect(html).not.toContain('storage failed');
  });

  it('says nothing of a refusal once the server accepts again', () => {
    expect(render(status({}))).not.toContain('同期サーバーが');
  });
});

describe('edits from other laptops refused by role', () => {
  it('names who sent it, what it was and which role may, in words (no ids or codes)', () => {
    const roster = [{ deviceId: 'dev-bob', personId: 'p-bob', personName: '佐藤 次郎', publicKey: 'k', roles: [], addedBy: null, revoked: false, revokedBy: null, revokedAt: null }];
    const html = renderToStaticMarkup(
      <SyncStatusPanel
        settings={settings}
        status={status({ rejected: 1, roleRefused: [{ id: 'e1', person: 'p-bob', device: 'dev-bob', kind: 'disclosure.statement-approved', needs: ['direction'] }] })}
        roster={roster}
        deviceId="me"
      />,
    );
    expect(html).toContain('佐藤 次郎さんからの変更「声明の承認」は反映していません：方針指導の役割を持つ人だけが行えます。');
    expect(html).not.toContain('disclosure.statement-approved');
    expect(html).not.toContain('p-bob');
  });
});
