import { describe, expect, it } from 'vitest';
import { randomBytes } from '../vault/bytes';
import { createInvite, inviteFromFields, inviteIdOf, inviteQr, normaliseInviteCode, openInvite, openJoinRequest, parseInviteQr, sealJoinRequest } from './invite';

const root = { deviceId: 'root', publicKey: 'pk', personId: 'p' };
const make = (now = 1_000) =>
  createInvite({ masterKey: randomBytes(32), serverUrl: 'wss://sync.example:4455', room: 'r1', root, invitedBy: 'root', roles: ['counter'], now, ttlMs: 60_000 });

describe('invite', () => {
  it('opens with the code, however it is typed, and not with another', async () => {
    const { code, offer } = await make();
    expect(offer.inviteId).toBe(await inviteIdOf(code));
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(await openInvite(offer, typed, 2_000)).toMatchObject({ room: 'r1', roles: ['counter'], root });
    expect(normaliseInviteCode('o1l-i')).toBe('0111');
    const other = (await make()).code;
    await expect(openInvite(offer, other, 2_000)).rejects.toMatchObject({ reason: 'wrong-code' });
    await expect(openInvite(offer, 'short', 2_000)).rejects.toMatchObject({ reason: 'wrong-code' });
  });

  it('expires, and the sealed offer never shows the key', async () => {
    const master = randomBytes(32);
    const { code, offer } = await createInvite({ masterKey: master, serverUrl: 'ws://x', room: 'r', root, invitedBy: 'root', roles: [], now: 0, ttlMs: 10 });
    await expect(openInvite(offer, code, 11)).rejects.toMatchObject({ reason: 'expired' });
    const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    expect(JSON.stringify(offer)).not.toContain(hex(master));
  });

  it('a join request opens only with the same code; the QR carries server and code', async () => {
    const { code, offer, qr } = await make();
    const device = { deviceId: 'd', publicKey: 'pk-d', personId: 'p-d', personName: '佐々木' };
    const req = await sealJoinRequest(offer.inviteId, code, device);
    expect(await openJoinRequest(req, code)).toEqual(device);
    await expect(openJoinRequest(req, (await make()).code)).rejects.toMatchObject({ reason: 'wrong-code' });
    expect(parseInviteQr(qr)).toEqual({ serverUrl: 'wss://sync.example:4455', code: normaliseInviteCode(code) });
    expect(() => parseInviteQr('https://evil')).toThrow();
  });
});

describe('the invite fields', () => {
  const qr = inviteQr({ serverUrl: 'wss://sync.example.jp:8443/honbu', code: '7k2qd-9xw4m-abcde-fghjk' });

  it('accept the QR text pasted into the code field or the server field', () => {
    const expected = { serverUrl: 'wss://sync.example.jp:8443/honbu', code: '7K2QD9XW4MABCDEFGHJK' };
    expect(inviteFromFields('', qr)).toEqual(expected);
    expect(inviteFromFields(qr, '')).toEqual(expected);
    expect(inviteFromFields(`  ${qr}\n`, 'whatever was typed')).toEqual(expected);
    expect(inviteFromFields('', `"${qr}"`)).toEqual(expected);
    expect(inviteFromFields('', qr.replace('honbu-invite:', 'HONBU-INVITE:'))).toEqual(expected);
  });

  it('leave typed fields alone and refuse a broken QR text', () => {
    expect(inviteFromFields('ws://192.168.1.20:8787', '7K2QD-9XW4M-ABCDE-FGHJK')).toBeNull();
    expect(inviteFromFields('', 'honbu-invite:v1?server=ws%3A%2F%2Fa')).toBeNull();
    expect(inviteFromFields('', 'honbu-invite:v2?server=x&code=y')).toBeNull();
  });
});
