import { describe, expect, it } from 'vitest';
import { generateAgreementKey } from './agreement';
import { randomBytes, toBase64Url } from '../vault/bytes';
import {
  answerJoin,
  checkOffer,
  hostExchange,
  inviteFromFields,
  inviteIdOf,
  inviteQr,
  isAnswerTo,
  JOINER_CLOCK_SKEW_MS,
  joinRequest,
  newInviteCode,
  normaliseInviteCode,
  openAnswer,
  openJoinRequest,
  parseInviteQr,
  type InvitePayload,
  type InviteRecord,
  type JoinDevice,
} from './invite';

const root = { deviceId: 'root', publicKey: 'pk', personId: 'p' };
const fp = toBase64Url(randomBytes(32));
const bundle = (expiresAt = 10_000): InvitePayload => ({
  masterKey: toBase64Url(randomBytes(32)),
  keyring: [{ epoch: 1, key: toBase64Url(randomBytes(32)), eventId: 'ev-1', revoked: ['eve'] }],
  serverUrl: 'wss://sync.example:4455',
  fingerprint: fp,
  room: 'r1',
  root,
  invitedBy: 'root',
  roles: ['counter'],
  expiresAt,
});
const device = async (): Promise<JoinDevice> => ({
  deviceId: 'd',
  publicKey: 'pk-d',
  agreementKey: (await generateAgreementKey()).key.publicKey,
  personId: 'p-d',
  personName: '佐々木',
});

/** Both sides of one exchange, as the lobby would carry the records. */
async function exchange(code: string, typed = code) {
  const host = await hostExchange(code);
  const hostPub = await checkOffer(typed, host.offer);
  if (!hostPub) throw new Error('offer did not check');
  const joiner = await joinRequest(typed, hostPub, await device());
  return { host, joiner };
}

describe('the invite exchange', () => {
  it('hands the bundle to the joiner who typed the code, however they typed it', async () => {
    const code = newInviteCode();
    const { host, joiner } = await exchange(code, code.toLowerCase().replace(/-/g, ' '));
    expect(host.offer.inviteId).toBe(await inviteIdOf(code));
    const opened = await openJoinRequest(host, joiner.request);
    expect(opened.device).toMatchObject({ deviceId: 'd', personName: '佐々木' });
    const b = bundle();
    const answer = await answerJoin(host, opened.joinerPub, b);
    expect(isAnswerTo(joiner, answer)).toBe(true);
    expect(await openAnswer(joiner, answer, 1_000)).toEqual(b);
    expect(normaliseInviteCode('o1l-i')).toBe('0111');
  });

  it('keeps the key off the wire: records show neither the master key nor the joiner’s name', async () => {
    const code = newInviteCode();
    const { host, joiner } = await exchange(code);
    const b = bundle();
    const answer = await answerJoin(host, (await openJoinRequest(host, joiner.request)).joinerPub, b);
    const wire = JSON.stringify([host.offer, joiner.request, answer]);
    expect(wire).not.toContain(b.masterKey);
    expect(wire).not.toContain(b.keyring[0]!.key);
    expect(wire).not.toContain('佐々木');
    expect(wire).not.toContain(normaliseInviteCode(code));
  });

  it('with another code: the offer does not check, a request is refused, and an answer does not open', async () => {
    const code = newInviteCode();
    const other = newInviteCode();
    const host = await hostExchange(code);
    expect(await checkOffer(other, host.offer)).toBeNull();
    // A joiner with the wrong code who still answers the host's key: its MAC does not check.
    const wrong = await joinRequest(other, host.offer.data.split('.')[0]!, await device());
    await expect(openJoinRequest(host, { ...wrong.request, inviteId: host.inviteId })).rejects.toMatchObject({ reason: 'wrong-code' });
    // A watcher who copies a good request but swaps in its own key: the MAC covers it.
    const { joiner } = await exchange(code);
    const forged = await joinRequest(code, (await hostExchange(code)).eph.publicKey, await device());
    const [, mac, sealed] = joiner.request.data.split('.');
    await expect(openJoinRequest(host, { ...joiner.request, data: [forged.eph.publicKey, mac, sealed].join('.') })).rejects.toMatchObject({ reason: 'wrong-code' });
    expect(await checkOffer('short', host.offer).catch((e: unknown) => e)).toMatchObject({ reason: 'wrong-code' });
  });

  it('refuses garbage join requests without throwing anything else', async () => {
    const host = await hostExchange(newInviteCode());
    const junk: unknown[] = [
      null,
      { v: 2, kind: 'join', inviteId: host.inviteId, data: 'x' },
      { v: 2, kind: 'join', inviteId: host.inviteId, data: 'a.b.c' },
      { v: 2, kind: 'offer', inviteId: host.inviteId, data: host.offer.data },
      { v: 2, kind: 'join', inviteId: 'other', data: 'a.b.c' },
    ];
    for (const j of junk) await expect(openJoinRequest(host, j as InviteRecord)).rejects.toHaveProperty('reason');
  });

  it('an answer sealed for one joiner does not open for another, and a bundle the server says expired is refused', async () => {
    const code = newInviteCode();
    const host = await hostExchange(code);
    const hostPub = (await checkOffer(code, host.offer))!;
    const [a, b] = await Promise.all([joinRequest(code, hostPub, await device()), joinRequest(code, hostPub, await device())]);
    const answer = await answerJoin(host, (await openJoinRequest(host, a.request)).joinerPub, bundle(5_000));
    expect(isAnswerTo(b, answer)).toBe(false);
    await expect(openAnswer(b, answer, 0)).rejects.toMatchObject({ reason: 'malformed' });
    // Expired on the server's clock (`expiresAt`) by more than the skew a joiner's clock may have.
    await expect(openAnswer(a, answer, 5_000 + JOINER_CLOCK_SKEW_MS + 1)).rejects.toMatchObject({ reason: 'expired' });
    // Within it, the joiner's own clock does not decide: the server already kept the invite's time.
    await expect(openAnswer(a, answer, 5_001)).resolves.toMatchObject({ room: 'r1' });
  });
});

describe('the QR text and the invite fields', () => {
  const qr = inviteQr({ serverUrl: 'wss://sync.example.jp:8443/honbu', code: '7k2qd-9xw4m-abcde-fghjk' });

  it('carries server, code and the certificate fingerprint to pin', () => {
    const withFp = inviteQr({ serverUrl: 'wss://192.168.1.20:4455', code: '7K2QD-9XW4M-ABCDE-FGHJK', fingerprint: fp });
    expect(parseInviteQr(withFp)).toEqual({ serverUrl: 'wss://192.168.1.20:4455', code: '7K2QD9XW4MABCDEFGHJK', fingerprint: fp });
    expect(() => parseInviteQr(withFp.replace(fp, 'not-a-fingerprint'))).toThrow();
    expect(() => parseInviteQr('https://evil')).toThrow();
  });

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
