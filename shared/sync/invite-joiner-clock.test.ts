/**
 * A new laptop whose clock is hours off (a borrowed laptop, a time zone set to UTC while the
 * clock shows Tokyo time: 9 hours ahead) still opens the answer the host admitted it with.
 *
 * The server enforces the invite's lifetime on its own clock (room-life.ts: the room and its
 * records are deleted at expiry, so an answer can only be read while the invite lives), and
 * the host admits the joiner — appends and signs its `sync.device-added` — before it answers.
 * The bundle's `expiresAt` is on the server's clock, so the joiner refuses it only when its
 * own clock is past it by more than a day (JOINER_CLOCK_SKEW_MS): refusing an admitted joiner
 * would leave a trusted laptop in the roster that nobody holds.
 */
import { describe, expect, it } from 'vitest';
import { generateAgreementKey } from './agreement';
import { randomBytes, toBase64Url } from '../vault/bytes';
import { answerJoin, checkOffer, hostExchange, joinRequest, newInviteCode, openAnswer, openJoinRequest, type InvitePayload } from './invite';

describe('a joiner whose laptop clock is hours off', () => {
  it('opens the answer the host admitted it with, within the invite’s life on the server', async () => {
    const serverNow = 1_780_000_000_000;
    const code = newInviteCode();
    const host = await hostExchange(code);
    const hostPub = await checkOffer(code, host.offer);
    const joiner = await joinRequest(code, hostPub!, {
      deviceId: 'new-laptop',
      publicKey: 'pk',
      agreementKey: (await generateAgreementKey()).key.publicKey,
      personId: 'p-new',
      personName: '佐々木',
    });
    const opened = await openJoinRequest(host, joiner.request);
    // The host answers two minutes after opening a 30-minute invite (server time).
    const bundle: InvitePayload = {
      masterKey: toBase64Url(randomBytes(32)),
      keyring: [],
      serverUrl: 'wss://sync.example:4455',
      fingerprint: null,
      room: 'r1',
      root: { deviceId: 'root', publicKey: 'pk-root', personId: 'p-root' },
      invitedBy: 'root',
      roles: [],
      expiresAt: serverNow + 30 * 60_000,
    };
    const answer = await answerJoin(host, opened.joinerPub, bundle);
    // The joiner reads it at once; its clock says 9 hours later (time zone set wrong).
    const joinerClock = serverNow + 2 * 60_000 + 9 * 60 * 60_000;
    await expect(openAnswer(joiner, answer, joinerClock)).resolves.toMatchObject({ room: 'r1' });
  });
});
