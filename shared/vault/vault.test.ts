import { describe, expect, it } from 'vitest';
import { fromBase64Url } from './bytes';
import { DecryptionError, openJson, sealJson } from './cipher';
import { deriveKek, TEST_KDF_COST, type KdfRunner } from './kdf';
import { changePassphrase, createVault, unlockVault, unwrapMasterKey, vaultFromMasterKey, WrongPassphraseError } from './vault';
import { blindIndex, blindPrefixes, normalizeForIndex } from './blind-index';
import { passphraseStrength } from './strength';

const PASS = '桜が咲く頃に会いましょう-2026';

describe('vault', () => {
  it('opens with the right passphrase and reads what it sealed', async () => {
    const { record, keys } = await createVault(PASS, TEST_KDF_COST);
    const sealed = await sealJson(keys.data, { name: '山田 花子' }, 'people:1');
    const again = await unlockVault(record, PASS);
    expect(await openJson(again.data, sealed, 'people:1')).toEqual({ name: '山田 花子' });
  });

  it('refuses a wrong passphrase with a clear error', async () => {
    const { record } = await createVault(PASS, TEST_KDF_COST);
    await expect(unlockVault(record, PASS + 'x')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('stores nothing from which the key or passphrase can be read', async () => {
    const { record } = await createVault(PASS, TEST_KDF_COST);
    const json = JSON.stringify(record);
    expect(json).not.toContain(PASS);
    expect(record.kdf).toMatchObject({ alg: 'argon2id', memorySize: TEST_KDF_COST.memorySize });
    expect(fromBase64Url(record.wrappedKey).byteLength).toBe(1 + 12 + 32 + 16);
  });

  it('changes the passphrase without changing the data key', async () => {
    const { record, keys } = await createVault(PASS, TEST_KDF_COST);
    const sealed = await sealJson(keys.data, { phone: '090-1234-5678' });
    const next = await changePassphrase(record, PASS, 'まったく新しい合言葉です', TEST_KDF_COST);
    expect(next.kdf.salt).not.toBe(record.kdf.salt);
    await expect(unlockVault(next, PASS)).rejects.toBeInstanceOf(WrongPassphraseError);
    const reopened = await unlockVault(next, 'まったく新しい合言葉です');
    expect(await openJson(reopened.data, sealed)).toEqual({ phone: '090-1234-5678' });
  });

  it('refuses to change the passphrase when the old one is wrong', async () => {
    const { record } = await createVault(PASS, TEST_KDF_COST);
    await expect(changePassphrase(record, 'not the passphrase', 'another long passphrase')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('seals with a fresh IV each time and binds the ciphertext to its place', async () => {
    const { keys } = await createVault(PASS, TEST_KDF_COST);
    const a = await sealJson(keys.data, 'same', 'events:1');
    const b = await sealJson(keys.data, 'same', 'events:1');
    expect(a).not.toEqual(b);
    await expect(openJson(keys.data, a, 'events:2')).rejects.toBeInstanceOf(DecryptionError);
    const tampered = a.slice();
    tampered[tampered.length - 1]! ^= 1;
    await expect(openJson(keys.data, tampered, 'events:1')).rejects.toBeInstanceOf(DecryptionError);
  });

  it('setting up, joining and changing the passphrase derive through the runner given (a worker, or main in the desktop app), once a passphrase', async () => {
    const asked: string[] = [];
    const elsewhere: KdfRunner = (passphrase, params, salt) => {
      asked.push(passphrase);
      return deriveKek(passphrase, params, salt);
    };
    const { record, keys } = await createVault(PASS, TEST_KDF_COST, elsewhere);
    expect(asked).toEqual([PASS]);
    // What the runner derived is the key the plain derivation gives: the vault opens without it.
    const sealed = await sealJson(keys.data, { name: '山田 花子' }, 'people:1');
    expect(await openJson((await unlockVault(record, PASS)).data, sealed, 'people:1')).toEqual({ name: '山田 花子' });

    const master = await unwrapMasterKey(record, PASS, elsewhere);
    expect(asked).toEqual([PASS, PASS]);
    const joined = await vaultFromMasterKey(master, '参加する人の別の合言葉', TEST_KDF_COST, 1_700_000_000_000, elsewhere);
    expect(asked).toEqual([PASS, PASS, '参加する人の別の合言葉']);
    expect(joined.record.createdAt).toBe(1_700_000_000_000);
    expect(await openJson(joined.keys.data, sealed, 'people:1')).toEqual({ name: '山田 花子' });
    expect(await openJson((await unlockVault(joined.record, '参加する人の別の合言葉')).data, sealed, 'people:1')).toEqual({ name: '山田 花子' });
    await expect(vaultFromMasterKey(master.slice(1), '参加する人の別の合言葉', TEST_KDF_COST, 0, elsewhere)).rejects.toThrow(/32 bytes/);

    const next = await changePassphrase(record, PASS, 'まったく新しい合言葉です', TEST_KDF_COST, elsewhere);
    expect(asked.slice(3)).toEqual([PASS, 'まったく新しい合言葉です']);
    expect(await openJson((await unlockVault(next, 'まったく新しい合言葉です')).data, sealed, 'people:1')).toEqual({ name: '山田 花子' });
    await expect(changePassphrase(record, 'not the passphrase', 'another long passphrase', TEST_KDF_COST, elsewhere)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('another workspace key cannot open the data', async () => {
    const one = await createVault(PASS, TEST_KDF_COST);
    const two = await createVault(PASS, TEST_KDF_COST);
    const sealed = await sealJson(one.keys.data, 'x');
    await expect(openJson(two.keys.data, sealed)).rejects.toBeInstanceOf(DecryptionError);
  });
});

describe('blind index', () => {
  it('gives the same index for the same phone, e-mail or kana however typed', async () => {
    const { keys } = await createVault(PASS, TEST_KDF_COST);
    const k = keys.index;
    expect(await blindIndex(k, 'phone', '０９０−１２３４−５６７８')).toBe(await blindIndex(k, 'phone', '09012345678'));
    expect(await blindIndex(k, 'phone', '+81 90 1234 5678')).toBe(await blindIndex(k, 'phone', '090-1234-5678'));
    expect(await blindIndex(k, 'email', 'Hanako@Example.JP ')).toBe(await blindIndex(k, 'email', 'hanako@example.jp'));
    expect(await blindIndex(k, 'kana', 'ヤマダ　ハナコ')).toBe(await blindIndex(k, 'kana', 'やまだはなこ'));
    expect(await blindIndex(k, 'kana', 'ﾔﾏﾀﾞ ﾊﾅｺ')).toBe(await blindIndex(k, 'kana', 'やまだはなこ'));
  });

  it('differs between kinds, values and workspaces, and hides the value', async () => {
    const one = await createVault(PASS, TEST_KDF_COST);
    const two = await createVault(PASS, TEST_KDF_COST);
    const a = await blindIndex(one.keys.index, 'phone', '09012345678');
    expect(a).not.toBe(await blindIndex(one.keys.index, 'customer-no', '09012345678'));
    expect(a).not.toBe(await blindIndex(one.keys.index, 'phone', '09012345679'));
    expect(a).not.toBe(await blindIndex(two.keys.index, 'phone', '09012345678'));
    expect(a).not.toContain('0901');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('indexes kana prefixes for search as you type', async () => {
    const { keys } = await createVault(PASS, TEST_KDF_COST);
    const prefixes = await blindPrefixes(keys.index, 'ヤマダ');
    expect(prefixes).toHaveLength(3);
    expect(prefixes[1]).toBe(await blindIndex(keys.index, 'kana-prefix', 'やま'));
  });

  it('normalises postcodes to seven digits', () => {
    expect(normalizeForIndex('postcode', '〒１０５−００１１')).toBe('1050011');
  });
});

describe('passphrase strength', () => {
  it('rates short, common and repetitive passphrases low', () => {
    expect(passphraseStrength('password12').acceptable).toBe(false);
    expect(passphraseStrength('password12').hints).toContain('common');
    expect(passphraseStrength('aaaaaaaaaaaa').hints).toContain('repetitive');
    expect(passphraseStrength('abc').hints).toContain('too-short');
    expect(passphraseStrength('abc').score).toBe(0);
  });

  it('rates long mixed and Japanese passphrases high', () => {
    expect(passphraseStrength('Tr0mb0ne-Kettle-Mist-42').score).toBeGreaterThanOrEqual(3);
    const ja = passphraseStrength(PASS);
    expect(ja.acceptable).toBe(true);
    expect(ja.score).toBe(4);
  });
});
