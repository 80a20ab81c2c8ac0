import { describe, expect, it } from 'vitest';
import { decodePack, encodePack, groupPacks, manifestSlot, openManifest, openPack, PackError, type PackRecord, sealManifest, sealPack } from './list-pack';

const aes = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const records = (): PackRecord[] => [
  { kind: 'block', id: 'ds:000000', sealed: new Uint8Array([1, 2, 3, 250]) },
  { kind: 'status', id: 'ds:000000', avail: new Uint8Array([7, 0, 3]), segment: new Uint16Array([0, 1, 65535]) },
  { kind: 'index', id: 'ds|no|0a|000000', entries: new Uint32Array([0xdeadbeef, 1, 2, 3, 4, 0xffffffff]) },
];

describe('customer-list packs', () => {
  it('read back record by record, field by field', () => {
    expect(decodePack(encodePack(records()))).toEqual(records());
  });

  it('group records into packs of about the target size, in order', () => {
    const many: PackRecord[] = Array.from({ length: 10 }, (_, i) => ({ kind: 'block', id: `ds:${i}`, sealed: new Uint8Array(400) }));
    const packs = groupPacks(many, 1000);
    expect(packs.map((p) => p.length)).toEqual([2, 2, 2, 2, 2]);
    expect(packs.flat()).toEqual(many);
  });

  it('open only with the right hash, key, place and list; a record of another list is refused', async () => {
    const key = await aes();
    const { sealed, ref } = await sealPack(key, 1, 'ds', 0, records());
    expect(await openPack(key, 1, 'ds', 0, ref, sealed)).toEqual(records());
    const flipped = sealed.slice();
    flipped[20]! ^= 1;
    await expect(openPack(key, 1, 'ds', 0, ref, flipped)).rejects.toMatchObject({ reason: 'hash' });
    // A pack sealed elsewhere (other key, other position, other epoch), announced with its true hash: the seal refuses it.
    const other = await sealPack(await aes(), 1, 'ds', 0, records());
    await expect(openPack(key, 1, 'ds', 0, other.ref, other.sealed)).rejects.toMatchObject({ reason: 'seal' });
    await expect(openPack(key, 1, 'ds', 1, ref, sealed)).rejects.toMatchObject({ reason: 'seal' });
    await expect(openPack(key, 2, 'ds', 0, ref, sealed)).rejects.toBeInstanceOf(PackError);
    const foreign = await sealPack(key, 1, 'ds', 0, [{ kind: 'block', id: 'other:000000', sealed: new Uint8Array(3) }]);
    await expect(openPack(key, 1, 'ds', 0, foreign.ref, foreign.sealed)).rejects.toMatchObject({ reason: 'foreign-record' });
  });

  it('a manifest opens only for its list and epoch; slots differ per list and key', async () => {
    const key = await aes();
    const m = { v: 1 as const, datasetId: 'ds', incidentId: 'inc', rows: 3, fileSize: 10, meta: { fileName: 'a.csv' }, packs: [], from: 'dev' };
    const sealed = await sealManifest(key, 0, m);
    expect(await openManifest(key, 0, 'ds', sealed)).toEqual(m);
    await expect(openManifest(key, 0, 'other', sealed)).rejects.toMatchObject({ reason: 'seal' });
    await expect(openManifest(key, 1, 'ds', sealed)).rejects.toMatchObject({ reason: 'seal' });
    const hmac = () => crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const k1 = await hmac();
    expect(await manifestSlot(k1, 'ds')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await manifestSlot(k1, 'ds')).not.toBe(await manifestSlot(k1, 'ds2'));
    expect(await manifestSlot(k1, 'ds')).not.toBe(await manifestSlot(await hmac(), 'ds'));
  });

  it('sealed with the slot key, the same records in the same place give the same bytes (stored once); anything else differs and still opens', async () => {
    const key = await aes();
    const ivKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const one = await sealPack(key, 1, 'ds', 0, records(), ivKey);
    const two = await sealPack(key, 1, 'ds', 0, records(), ivKey);
    expect(two.sealed).toEqual(one.sealed);
    expect(two.ref).toEqual(one.ref);
    const changed = records();
    changed[1] = { ...changed[1]!, avail: new Uint8Array([7, 0, 2]) } as PackRecord;
    const others = [await sealPack(key, 1, 'ds', 1, records(), ivKey), await sealPack(key, 2, 'ds', 0, records(), ivKey), await sealPack(key, 1, 'ds', 0, changed, ivKey), await sealPack(key, 1, 'ds', 0, records())];
    const ivs = new Set([one, ...others].map((p) => p.sealed.slice(1, 13).join(',')));
    expect(ivs.size).toBe(5);
    expect(await openPack(key, 1, 'ds', 0, one.ref, one.sealed)).toEqual(records());
    expect(await openPack(key, 1, 'ds', 0, others[2]!.ref, others[2]!.sealed)).toEqual(changed);
  });
});
