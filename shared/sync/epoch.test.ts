import { describe, expect, it } from 'vitest';
import { generateAgreementKey } from './agreement';
import { deriveEpochKeys, epochZeroKey, keyringEntry, newEpochKey, openEpoch, parseKeyring, sealEpoch } from './epoch';
import { sealJson, openJson } from '../vault/cipher';
import { roomTag } from './room';

const hmacKey = () => crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);

describe('epoch keys', () => {
  it('epoch 0 follows from the workspace key; each epoch key gives its own room and envelope key', async () => {
    const workspace = await hmacKey();
    expect(await epochZeroKey(workspace)).toEqual(await epochZeroKey(workspace));
    expect(await epochZeroKey(workspace)).not.toEqual(await epochZeroKey(await hmacKey()));
    const [zero, one] = await Promise.all([deriveEpochKeys(0, await epochZeroKey(workspace)), deriveEpochKeys(1, newEpochKey())]);
    expect(await roomTag(zero.credential)).not.toBe(await roomTag(one.credential));
    const sealed = await sealJson(zero.envelope, { x: 1 }, 'a');
    await expect(openJson(one.envelope, sealed, 'a')).rejects.toThrow();
    // Presence and envelopes use different keys of the same epoch.
    await expect(openJson(zero.presence, sealed, 'a')).rejects.toThrow();
    expect(await openJson(zero.envelope, sealed, 'a')).toEqual({ x: 1 });
  });

  it('a new epoch key opens only for the devices it was sealed to', async () => {
    const [alice, bob, eve] = await Promise.all([generateAgreementKey(), generateAgreementKey(), generateAgreementKey()]);
    const key = newEpochKey();
    const sealed = await sealEpoch(4, key, [
      { deviceId: 'alice', agreementKey: alice.key.publicKey },
      { deviceId: 'bob', agreementKey: bob.key.publicKey },
    ]);
    expect(sealed.boxes.map((b) => b.deviceId)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(sealed)).not.toContain(keyringEntry(4, key, 'x').key);
    expect(await openEpoch(sealed, 'alice', alice.key)).toEqual(key);
    expect(await openEpoch(sealed, 'bob', bob.key)).toEqual(key);
    // Eve has no box; taking Bob's box with her own key gets nothing either.
    expect(await openEpoch(sealed, 'eve', eve.key)).toBeNull();
    expect(await openEpoch(sealed, 'bob', eve.key)).toBeNull();
    // A box moved to another device's name, or to another epoch, does not open.
    const moved = { ...sealed, boxes: [{ deviceId: 'alice', box: sealed.boxes[1]!.box }] };
    expect(await openEpoch(moved, 'alice', alice.key)).toBeNull();
    expect(await openEpoch({ ...sealed, epoch: 5 }, 'alice', alice.key)).toBeNull();
  });

  it('reads a keyring back only when every entry is well-formed', () => {
    const good = [keyringEntry(2, newEpochKey(), 'e2'), keyringEntry(1, newEpochKey(), 'e1')];
    expect(parseKeyring(good).map((e) => e.epoch)).toEqual([1, 2]);
    expect(() => parseKeyring('x')).toThrow(/not a list/);
    expect(() => parseKeyring([{ ...good[0], epoch: 0 }])).toThrow(/bad epoch/);
    expect(() => parseKeyring([{ ...good[0], key: 'short' }])).toThrow(/bad key/);
    expect(() => parseKeyring([{ ...good[0], eventId: null }])).toThrow(/without its event/);
  });
});
