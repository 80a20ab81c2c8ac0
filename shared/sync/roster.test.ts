import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { generateDeviceKey } from './device-key';
import { openEnvelope, sealEnvelope } from './envelope';
import { DEVICE_ADDED, DEVICE_REVOKED, Roster, type RosterRoot } from './roster';

let n = 0;
const ev = (signer: string, type: string, payload: unknown, actor = 'p-root'): HonbuEvent => ({
  id: `e${++n}`,
  incidentId: null,
  at: encodeHlc({ wall: 1_760_000_000_000 + n, counter: 0, node: signer }),
  actor,
  type,
  payload,
});
const add = (signer: string, deviceId: string, publicKey = `pk-${deviceId}`) =>
  ev(signer, DEVICE_ADDED, { deviceId, publicKey, personId: `p-${deviceId}`, personName: deviceId, roles: [] });
const root: RosterRoot = { deviceId: 'root', publicKey: 'pk-root', personId: 'p-root' };

describe('roster', () => {
  it('trusts the root by construction and devices added by trusted devices', () => {
    const r = new Roster(root);
    expect(r.trust('root')).toBe('trusted');
    expect(r.apply(add('mallory', 'b'), 'mallory')).toBe('untrusted-signer');
    expect(r.trust('b')).toBe('unknown');
    expect(r.apply(add('root', 'b'), 'root')).toBeNull();
    expect(r.apply(add('b', 'c'), 'b')).toBeNull();
    expect(r.device('c')).toMatchObject({ addedBy: 'b', revoked: false });
  });

  it('binds a device id to its first key and refuses a takeover', () => {
    const r = new Roster(root);
    r.apply(add('root', 'b'), 'root');
    expect(r.apply(add('root', 'b', 'pk-other'), 'root')).toBe('key-conflict');
    expect(r.apply(add('root', 'root', 'pk-evil'), 'root')).toBe('key-conflict');
  });

  it('revokes for good; only the root may retire the root', () => {
    const r = new Roster(root);
    r.apply(add('root', 'b'), 'root');
    r.apply(add('root', 'c'), 'root');
    expect(r.apply(ev('b', DEVICE_REVOKED, { deviceId: 'root' }), 'b')).toBe('root-revocation');
    const before = add('c', 'x');
    expect(r.apply(ev('b', DEVICE_REVOKED, { deviceId: 'c' }), 'b')).toBeNull();
    expect(r.trust('c')).toBe('revoked');
    expect(r.apply(add('root', 'c'), 'root')).toBeNull();
    expect(r.trust('c')).toBe('revoked');
    expect(r.apply(add('c', 'd'), 'c')).toBe('untrusted-signer');
    // What c signed before its revocation still counts, on every laptop alike.
    expect(r.apply(before, 'c')).toBeNull();
    expect(r.trust('x')).toBe('trusted');
  });

  it('builds the same roster from its events in any order', () => {
    const events = [add('root', 'b'), add('b', 'c'), add('c', 'd'), ev('root', DEVICE_REVOKED, { deviceId: 'b' }), add('b', 'late')];
    const signer = (e: HonbuEvent) => e.at.split('-').slice(2).join('-');
    const byId = (a: { deviceId: string }, b: { deviceId: string }) => a.deviceId.localeCompare(b.deviceId);
    const reference = Roster.fromEvents(root, events, signer).list().sort(byId);
    const reversed = Roster.fromEvents(root, [...events].reverse(), signer).list().sort(byId);
    expect(reversed.map((d) => d.deviceId).sort()).toEqual(['b', 'c', 'd', 'root']);
    expect(reversed.find((d) => d.deviceId === 'b')?.revoked).toBe(true);
    expect(reference).toEqual(reversed);
    expect(reference.find((d) => d.deviceId === 'late')).toBeUndefined();
  });
});

describe('envelope', () => {
  it('round-trips an event signed by a trusted device and hides its payload', async () => {
    const { key: device } = await generateDeviceKey('root');
    const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const r = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
    const e = ev('root', 'faq.enquiry-logged', { caller: { name: '山田 太郎', phone: '090-3141-5926' } });
    const env = await sealEnvelope(e, dataKey, device);
    expect(new TextDecoder('latin1').decode(env.ct)).not.toContain('090-3141-5926');
    expect(await openEnvelope(env, dataKey, r)).toEqual({ ok: true, event: e, device: 'root' });
    const flipped = new Uint8Array(env.sig);
    flipped[0] = flipped[0]! ^ 1;
    expect(await openEnvelope({ ...env, sig: flipped }, dataKey, r)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await openEnvelope({ ...env, device: 'other' }, dataKey, r)).toMatchObject({ ok: false, reason: 'unknown-device' });
    expect(await openEnvelope(null, dataKey, r)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
