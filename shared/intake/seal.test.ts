import { describe, expect, it } from 'vitest';
import { generateIntakeKeys, IntakeUnreadable, openIntake, sealIntake, type IntakeBox } from './seal';
import { checkBox, parseReport } from './report';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const report = JSON.stringify({ v: 1, what: '顧客名簿のUSBメモリを紛失しました', when: '昨日の夕方', where: '品川の営業所', howMany: '約300人', name: '山田', contact: 'yamada@example.jp', lang: 'ja' });

/** Flips one bit of a base64url field (decoded, flipped, encoded again). */
function flip(field: string, at = 0): string {
  const bytes = Uint8Array.from(atob(field.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (field.length % 4)) % 4)), (c) => c.charCodeAt(0));
  bytes[at] = bytes[at]! ^ 1;
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('intake encryption', () => {
  it('opens what was sealed to its key, and the box holds none of the words in clear', async () => {
    const keys = await generateIntakeKeys();
    const box = await sealIntake(keys.publicKey, ID, report);
    expect(checkBox(box)).toEqual({ ok: true, box });
    // Words that cannot occur by chance in base64url (its alphabet has no kana, kanji or '@'):
    // a bare "USB" did, once, inside a random ephemeral key.
    expect(JSON.stringify(box)).not.toMatch(/USBメモリ|山田|yamada@example|品川/);
    // Nor in the bytes the fields decode to (text sealed as base64 would show there).
    const decoded = Buffer.concat(['epk', 'iv', 'ct'].map((k) => Buffer.from((box as unknown as Record<string, string>)[k]!, 'base64url')));
    for (const word of ['顧客名簿', '山田', 'yamada@example.jp', '品川']) expect(decoded.includes(Buffer.from(word))).toBe(false);
    const text = await openIntake(keys.privateKey, ID, box);
    expect(parseReport(text)).toMatchObject({ what: '顧客名簿のUSBメモリを紛失しました', howMany: '約300人', contact: 'yamada@example.jp' });
  });

  it('seals each report afresh (a new ephemeral key and nonce each time)', async () => {
    const keys = await generateIntakeKeys();
    const a = await sealIntake(keys.publicKey, ID, report);
    const b = await sealIntake(keys.publicKey, ID, report);
    expect(a.epk).not.toBe(b.epk);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuses a tampered box, another intake id, and another key', async () => {
    const keys = await generateIntakeKeys();
    const other = await generateIntakeKeys();
    const box = await sealIntake(keys.publicKey, ID, report);
    const tampered: IntakeBox[] = [
      { ...box, ct: flip(box.ct, 3) },
      { ...box, ct: flip(box.ct, Math.floor((box.ct.length * 3) / 4) - 1) },
      { ...box, iv: flip(box.iv) },
      { ...box, epk: (await sealIntake(keys.publicKey, ID, 'x')).epk },
    ];
    for (const t of tampered) await expect(openIntake(keys.privateKey, ID, t)).rejects.toBeInstanceOf(IntakeUnreadable);
    await expect(openIntake(keys.privateKey, 'BBBBBBBBBBBBBBBBBBBBBB', box)).rejects.toBeInstanceOf(IntakeUnreadable);
    await expect(openIntake(other.privateKey, ID, box)).rejects.toBeInstanceOf(IntakeUnreadable);
    // A key that is not a P-256 point at all: unreadable, not a crash.
    await expect(openIntake(keys.privateKey, ID, { ...box, epk: 'A'.repeat(87) })).rejects.toBeInstanceOf(IntakeUnreadable);
  });

  it('checks the box shape the host accepts and says what is wrong', () => {
    expect(checkBox({ v: 1, epk: 'x', iv: 'y', ct: 'z' })).toMatchObject({ ok: false, reason: expect.stringContaining('epk') });
    expect(checkBox({ v: 2 })).toMatchObject({ ok: false });
    expect(checkBox([])).toMatchObject({ ok: false });
    expect(checkBox({ v: 1, epk: 'A'.repeat(87), iv: 'A'.repeat(16), ct: 'A'.repeat(40), what: 'in clear' })).toMatchObject({ ok: false, reason: expect.stringContaining('what') });
  });

  it('a box whose content is not a report reads as not a report', () => {
    expect(parseReport('not json')).toBeNull();
    expect(parseReport(JSON.stringify({ v: 1, what: '' }))).toBeNull();
  });

  it('the sealing function stands alone, as the page embeds its source', async () => {
    const keys = await generateIntakeKeys();
    const standalone = new Function(`return (${sealIntake.toString()})`)() as typeof sealIntake;
    const box = await standalone(keys.publicKey, ID, report);
    expect(await openIntake(keys.privateKey, ID, box)).toBe(report);
  });
});
