import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { generateDeviceKey } from './device-key';
import { openEnvelope, sealEnvelope } from './envelope';
import { deriveEpochKeys, newEpochKey } from './epoch';
import { DEVICE_ADDED, DEVICE_KEY_PUBLISHED, DEVICE_REVOKED, Roster, type RosterRoot } from './roster';

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

  it('takes a device’s X25519 key from its addition or from the device itself, and binds it', () => {
    const r = new Roster(root);
    const k1 = 'A'.repeat(43);
    const k2 = 'B'.repeat(43);
    r.apply(ev('root', DEVICE_ADDED, { deviceId: 'b', publicKey: 'pk-b', agreementKey: k1, personId: 'p-b', personName: 'b', roles: [] }), 'root');
    expect(r.device('b')?.agreementKey).toBe(k1);
    r.apply(add('root', 'c'), 'root');
    expect(r.device('c')?.agreementKey).toBeUndefined();
    // Nobody but the device chooses the key its epoch keys are sealed to.
    expect(r.apply(ev('b', DEVICE_KEY_PUBLISHED, { deviceId: 'c', agreementKey: k2 }), 'b')).toBe('untrusted-signer');
    expect(r.apply(ev('c', DEVICE_KEY_PUBLISHED, { deviceId: 'c', agreementKey: k2 }), 'c')).toBeNull();
    expect(r.device('c')?.agreementKey).toBe(k2);
    expect(r.apply(ev('c', DEVICE_KEY_PUBLISHED, { deviceId: 'c', agreementKey: k1 }), 'c')).toBe('key-conflict');
    expect(r.apply(ev('root', DEVICE_ADDED, { deviceId: 'b', publicKey: 'pk-b', agreementKey: k2, personId: 'p-b', personName: 'b2', roles: [] }), 'root')).toBe('key-conflict');
    expect(r.apply(ev('c', DEVICE_KEY_PUBLISHED, { deviceId: 'c', agreementKey: 'short' }), 'c')).toBe('malformed-roster-event');
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

describe('whose a device is (decision 063)', () => {
  /** `signer` adds device `deviceId` as person `personId`'s. */
  const addAs = (signer: string, deviceId: string, personId: string, extra: Record<string, unknown> = {}) =>
    ev(signer, DEVICE_ADDED, { deviceId, publicKey: `pk-${deviceId}`, personId, personName: deviceId, roles: [], ...extra });

  it('the founder’s first device and a person’s own further laptops are added; so is someone new, by any member', () => {
    const r = new Roster(root);
    // The founder's device names itself, as startTeam does, then adds a second laptop of hers.
    expect(r.apply(ev('root', DEVICE_ADDED, { deviceId: 'root', publicKey: 'pk-root', personId: 'p-root', personName: 'alice', roles: [] }), 'root')).toBeNull();
    expect(r.apply(addAs('root', 'root-2', 'p-root'), 'root')).toBeNull();
    // Invites: the founder brings in b, and b brings in c (new people).
    expect(r.apply(addAs('root', 'b', 'p-b'), 'root')).toBeNull();
    expect(r.apply(addAs('b', 'c', 'p-c'), 'b')).toBeNull();
    // c's own laptop adds c's second one.
    expect(r.apply(addAs('c', 'c-2', 'p-c'), 'c')).toBeNull();
    expect(r.device('c-2')).toMatchObject({ personId: 'p-c', addedBy: 'c' });
    expect(['root-2', 'b', 'c', 'c-2'].map((d) => r.trust(d))).toEqual(['trusted', 'trusted', 'trusted', 'trusted']);
  });

  it('refuses a device named as the founder’s, or as a person who has a laptop, by anyone but that person', () => {
    const r = new Roster(root);
    r.apply(addAs('root', 'b', 'p-b'), 'root');
    r.apply(addAs('root', 'c', 'p-c'), 'root');
    expect(r.apply(addAs('b', 'ghost', 'p-root', { roles: ['direction'] }), 'b')).toBe('person-of-another');
    expect(r.apply(addAs('b', 'ghost-c', 'p-c'), 'b')).toBe('person-of-another');
    expect(r.trust('ghost')).toBe('unknown');
    expect(r.trust('ghost-c')).toBe('unknown');
    expect(r.refused('ghost')).toBe(true);
    expect(r.refused('b')).toBe(false);
    // Nor can a member take the name of someone whose laptops are all revoked.
    r.apply(ev('root', DEVICE_REVOKED, { deviceId: 'c' }), 'root');
    expect(r.apply(addAs('b', 'ghost-c2', 'p-c'), 'b')).toBe('person-of-another');
    expect(r.list().filter((d) => d.personId === 'p-c').map((d) => d.deviceId)).toEqual(['c']);
  });

  it('a device in the roster is named again only by its own person or by who added it', () => {
    const r = new Roster(root);
    r.apply(addAs('root', 'b', 'p-b'), 'root');
    r.apply(addAs('root', 'c', 'p-c'), 'root');
    // The same addition applied twice is harmless; b cannot rename c, nor the founder's device.
    expect(r.apply(addAs('root', 'c', 'p-c'), 'root')).toBeNull();
    expect(r.apply(addAs('b', 'c', 'p-c', { personName: 'not c' }), 'b')).toBe('person-of-another');
    expect(r.apply(ev('b', DEVICE_ADDED, { deviceId: 'root', publicKey: 'pk-root', personId: 'p-root', personName: 'x', roles: ['direction'] }), 'b')).toBe('person-of-another');
    expect(r.device('c')?.personName).toBe('c');
    // Nor choose the X25519 key of a device added without one (before key epochs).
    expect(r.apply(addAs('b', 'c', 'p-c', { agreementKey: 'M'.repeat(43) }), 'b')).toBe('person-of-another');
    expect(r.device('c')?.agreementKey).toBeUndefined();
    expect(r.apply(addAs('c', 'c', 'p-c', { personName: 'c (renamed)' }), 'c')).toBeNull();
    expect(r.device('c')?.personName).toBe('c (renamed)');
  });

  it('a stored roster holding a device named as another person’s still loads, in any order; that device is simply not trusted', () => {
    const events = [addAs('root', 'b', 'p-b'), addAs('b', 'ghost', 'p-root'), addAs('root', 'c', 'p-c'), addAs('c', 'c-2', 'p-c'), ev('root', DEVICE_REVOKED, { deviceId: 'b' })];
    const signer = (e: HonbuEvent) => e.at.split('-').slice(2).join('-');
    const byId = (a: { deviceId: string }, b: { deviceId: string }) => a.deviceId.localeCompare(b.deviceId);
    const forward = Roster.fromEvents(root, events, signer);
    const reversed = Roster.fromEvents(root, [...events].reverse(), signer);
    expect(forward.list().map((d) => d.deviceId).sort()).toEqual(['b', 'c', 'c-2', 'root']);
    expect(forward.trust('ghost')).toBe('unknown');
    expect(forward.list().sort(byId)).toEqual(reversed.list().sort(byId));
  });
});

describe('envelope', () => {
  it('round-trips an event signed by a trusted device and hides its payload', async () => {
    const { key: device } = await generateDeviceKey('root');
    const dataKey = await deriveEpochKeys(3, newEpochKey());
    const r = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
    const e = ev('root', 'faq.enquiry-logged', { caller: { name: '山田 太郎', phone: '090-3141-5926' } });
    const env = await sealEnvelope(e, dataKey, device);
    expect(env).toMatchObject({ v: 2, e: 3, id: e.id, device: 'root' });
    expect(new TextDecoder('latin1').decode(env.ct)).not.toContain('090-3141-5926');
    expect(await openEnvelope(env, dataKey, r)).toEqual({ ok: true, event: e, device: 'root' });
    const flipped = new Uint8Array(env.sig);
    flipped[0] = flipped[0]! ^ 1;
    expect(await openEnvelope({ ...env, sig: flipped }, dataKey, r)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await openEnvelope({ ...env, device: 'other' }, dataKey, r)).toMatchObject({ ok: false, reason: 'unknown-device' });
    expect(await openEnvelope(null, dataKey, r)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('belongs to its epoch: a copy in another epoch’s room, or relabelled, or under another key, does not open', async () => {
    const { key: device } = await generateDeviceKey('root');
    const r = new Roster({ deviceId: 'root', publicKey: device.publicKey, personId: 'p-root' });
    const raw = newEpochKey();
    const [one, two, otherKey] = await Promise.all([deriveEpochKeys(1, raw), deriveEpochKeys(2, raw), deriveEpochKeys(1, newEpochKey())]);
    const env = await sealEnvelope(ev('root', 'faq.answer-used', { entryId: 'f1' }), one, device);
    expect(await openEnvelope(env, one, r)).toMatchObject({ ok: true });
    expect(await openEnvelope(env, two, r)).toMatchObject({ ok: false, reason: 'wrong-epoch' });
    // Relabelled as epoch 2: the signature covers the epoch.
    expect(await openEnvelope({ ...env, e: 2 }, two, r)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await openEnvelope(env, otherKey, r)).toMatchObject({ ok: false, reason: 'undecryptable' });
    expect(await openEnvelope({ ...env, v: 1 }, one, r)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('re-adding a laptop (decision 063)', () => {
  const key = (c: string) => c.repeat(43);

  it('the member who added a laptop before key epochs cannot give it an X25519 key of her choosing: the laptop’s own key is taken, and later epoch keys are sealed to it', () => {
    const r = new Roster(root);
    // Mallory (a member) invited nina before key epochs: nina's laptop has no X25519 key yet.
    expect(r.apply(ev('root', DEVICE_ADDED, { deviceId: 'mallory', publicKey: 'pk-m', agreementKey: key('M'), personId: 'p-mallory', personName: 'm', roles: [] }), 'root')).toBeNull();
    const first = { deviceId: 'nina', publicKey: 'pk-n', personId: 'p-nina', personName: 'nina', roles: [] };
    expect(r.apply(ev('mallory', DEVICE_ADDED, first, 'p-mallory'), 'mallory')).toBeNull();
    // Before nina's laptop publishes its own key, mallory "re-adds" it with a key she holds: refused.
    const swapped = r.apply(ev('mallory', DEVICE_ADDED, { ...first, agreementKey: key('X') }, 'p-mallory'), 'mallory');
    // Nina's laptop then publishes its real key.
    const published = r.apply(ev('nina', DEVICE_KEY_PUBLISHED, { deviceId: 'nina', agreementKey: key('N') }, 'p-nina'), 'nina');
    // Mallory is revoked: the next epoch key is sealed to every remaining laptop's X25519 key.
    r.apply(ev('root', DEVICE_REVOKED, { deviceId: 'mallory' }), 'root');
    expect({ swapped, published, ninasKey: r.device('nina')?.agreementKey }).toEqual({ swapped: 'person-of-another', published: null, ninasKey: key('N') });
  });

  it('its adder may apply its addition again, changing nothing — not rename it, nor change its roles', () => {
    const r = new Roster(root);
    r.apply(ev('root', DEVICE_ADDED, { deviceId: 'b', publicKey: 'pk-b', agreementKey: key('B'), personId: 'p-b', personName: 'b', roles: [] }), 'root');
    const payload = { deviceId: 'c', publicKey: 'pk-c', agreementKey: key('C'), personId: 'p-c', personName: 'c', roles: [] };
    const e = ev('b', DEVICE_ADDED, payload, 'p-b');
    expect(r.apply(e, 'b')).toBeNull();
    expect(r.apply(e, 'b')).toBeNull();
    expect(r.apply(ev('b', DEVICE_ADDED, payload, 'p-b'), 'b')).toBeNull();
    expect(r.apply(ev('b', DEVICE_ADDED, { ...payload, personName: 'c?' }, 'p-b'), 'b')).toBe('person-of-another');
    expect(r.apply(ev('b', DEVICE_ADDED, { ...payload, roles: ['direction'] }, 'p-b'), 'b')).toBe('person-of-another');
    expect(r.device('c')).toMatchObject({ personId: 'p-c', personName: 'c', roles: [], addedBy: 'b', agreementKey: key('C') });
  });

  it('the X25519 key a laptop lacked is given only by the laptop itself — not by another laptop of its person', () => {
    const r = new Roster(root);
    r.apply(ev('root', DEVICE_ADDED, { deviceId: 'b', publicKey: 'pk-b', agreementKey: key('B'), personId: 'p-b', personName: 'b', roles: [] }), 'root');
    const old = { deviceId: 'b-old', publicKey: 'pk-bo', personId: 'p-b', personName: 'b (old laptop)', roles: [] };
    expect(r.apply(ev('b', DEVICE_ADDED, old, 'p-b'), 'b')).toBeNull();
    expect(r.apply(ev('b', DEVICE_ADDED, { ...old, agreementKey: key('X') }, 'p-b'), 'b')).toBe('key-conflict');
    expect(r.device('b-old')?.agreementKey).toBeUndefined();
    // Its person may still rename it; the laptop gives its key itself, by its own addition too.
    expect(r.apply(ev('b', DEVICE_ADDED, { ...old, personName: 'b (spare)' }, 'p-b'), 'b')).toBeNull();
    expect(r.apply(ev('b-old', DEVICE_ADDED, { ...old, personName: 'b (spare)', agreementKey: key('O') }, 'p-b'), 'b-old')).toBeNull();
    expect(r.device('b-old')).toMatchObject({ personName: 'b (spare)', agreementKey: key('O') });
  });

  it('a refused ghost cannot come back as the person it was refused as, even re-added by its adder', () => {
    const r = new Roster(root);
    r.apply(ev('root', DEVICE_ADDED, { deviceId: 'm', publicKey: 'pk-m', personId: 'p-m', personName: 'm', roles: [] }), 'root');
    const ghost = { deviceId: 'g', publicKey: 'pk-g', personId: 'p-root', personName: 'alice', roles: ['direction'] };
    expect(r.apply(ev('m', DEVICE_ADDED, ghost, 'p-m'), 'm')).toBe('person-of-another');
    expect(r.apply(ev('m', DEVICE_ADDED, ghost, 'p-m'), 'm')).toBe('person-of-another');
    expect(r.trust('g')).toBe('unknown');
  });

  it('a revoked member’s name cannot be taken by another member’s new laptop, nor the founder’s by anyone else', () => {
    const r = new Roster(root);
    r.apply(ev('root', DEVICE_ADDED, { deviceId: 'b', publicKey: 'pk-b', personId: 'p-b', personName: 'b', roles: [] }), 'root');
    r.apply(ev('root', DEVICE_ADDED, { deviceId: 'c', publicKey: 'pk-c', personId: 'p-c', personName: 'c', roles: [] }), 'root');
    r.apply(ev('root', DEVICE_REVOKED, { deviceId: 'c' }), 'root');
    expect(r.apply(ev('b', DEVICE_ADDED, { deviceId: 'c2', publicKey: 'pk-c2', personId: 'p-c', personName: 'c', roles: [] }), 'b')).toBe('person-of-another');
    expect(r.apply(ev('root', DEVICE_ADDED, { deviceId: 'c3', publicKey: 'pk-c3', personId: 'p-c', personName: 'c', roles: [] }), 'root')).toBe('person-of-another');
    expect(r.apply(ev('b', DEVICE_ADDED, { deviceId: 'r2', publicKey: 'pk-r2', personId: 'p-root', personName: 'alice', roles: [] }), 'b')).toBe('person-of-another');
  });
});

describe('roster events belong to no incident', () => {
  it('an addition, revocation or key filed under an incident is refused (malformed-roster-event) and changes nothing', () => {
    const r = new Roster(root);
    r.apply(add('root', 'b'), 'root');
    const filed = (e: HonbuEvent): HonbuEvent => ({ ...e, incidentId: 'inc-1' });
    expect(r.apply(filed(add('root', 'c')), 'root')).toBe('malformed-roster-event');
    expect(r.apply(filed(ev('root', DEVICE_REVOKED, { deviceId: 'b' })), 'root')).toBe('malformed-roster-event');
    expect(r.apply(filed(ev('b', DEVICE_KEY_PUBLISHED, { deviceId: 'b', agreementKey: 'K'.repeat(43) })), 'b')).toBe('malformed-roster-event');
    expect(r.trust('c')).toBe('unknown');
    expect(r.device('b')).toMatchObject({ revoked: false });
    expect(r.device('b')?.agreementKey).toBeUndefined();
    // A person first named under an incident stays unbound: their real addition binds them.
    expect(r.apply(filed(ev('root', DEVICE_ADDED, { deviceId: 'ghost', publicKey: 'pk-g', personId: 'p-n', personName: 'n', roles: [] })), 'root')).toBe('malformed-roster-event');
    expect(r.apply(ev('b', DEVICE_ADDED, { deviceId: 'n', publicKey: 'pk-n', personId: 'p-n', personName: 'n', roles: [] }), 'b')).toBeNull();
  });

  it('a roster built from stored events leaves such an event out, as the live roster does', () => {
    const events = [add('root', 'b'), { ...add('root', 'c'), incidentId: 'inc-1' }, add('b', 'd')];
    const signer = (e: HonbuEvent) => e.at.split('-').slice(2).join('-');
    const live = new Roster(root);
    for (const e of events) live.apply(e, signer(e));
    const rebuilt = Roster.fromEvents(root, events, signer);
    expect(rebuilt.list().map((d) => d.deviceId).sort()).toEqual(['b', 'd', 'root']);
    expect(rebuilt.list()).toEqual(live.list());
  });
});
