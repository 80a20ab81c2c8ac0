/**
 * A record made with main's native Argon2id opens in a browser (WebAssembly), and one made in a
 * browser opens through main (the app writes records in a worker since decision 004, addendum 5;
 * main derives for the unlock and the invite): at decision 004's cost, the only one main accepts, with passphrases outside Shift_JIS
 * and in decomposed kana.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST, kekFromBytes, type KdfRunner } from '../../shared/vault/kdf';
import { changePassphrase, createVault, unlockVault, unwrapMasterKey, vaultFromMasterKey, WrongPassphraseError } from '../../shared/vault/vault';
import { deriveKdfBytes } from './kdf';

/** What offThreadKdf does with main's answer: the bytes through kekFromBytes. */
const inMain: KdfRunner = async (passphrase, params, salt) =>
  kekFromBytes(await deriveKdfBytes({ passphrase, salt, memorySize: params.memorySize, iterations: params.iterations, parallelism: params.parallelism }));

describe('records made through main and through WebAssembly open either way', () => {
  it('setup and join in main open in WebAssembly; a change in WebAssembly opens in main', async () => {
    const pass = '🔑 𠮷野家で会う 비밀 パスワード'.normalize('NFD');
    const { record } = await createVault(pass, DEFAULT_KDF_COST, inMain);
    const master = await unwrapMasterKey(record, pass.normalize('NFC'));
    const joined = await vaultFromMasterKey(master, '参加する人の別の合言葉です', DEFAULT_KDF_COST, 0, inMain);
    expect([...(await unwrapMasterKey(joined.record, '参加する人の別の合言葉です'))]).toEqual([...master]);
    const changed = await changePassphrase(joined.record, '参加する人の別の合言葉です', 'まったく新しい合言葉です');
    await unlockVault(changed, 'まったく新しい合言葉です', inMain);
    await expect(unlockVault(changed, '参加する人の別の合言葉です', inMain)).rejects.toBeInstanceOf(WrongPassphraseError);
  }, 60_000);
});
