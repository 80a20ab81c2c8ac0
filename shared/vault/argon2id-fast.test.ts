import { describe, expect, it } from 'vitest';
import { argon2ModuleIn, prepareFastArgon2id } from './argon2id-fast';
import type { KdfParams } from './kdf';
import { argon2Module, cost, hex, reference } from './argon2id-test-kit';

const module = argon2Module;

describe('Argon2id on memory made ready before the unlock derives what hash-wasm derives', () => {
  it('finds the module in hash-wasm’s argon2 script, and nothing in a script without it', () => {
    expect(module).not.toBeNull();
    expect([...module.subarray(0, 4)]).toEqual([0, 97, 115, 109]);
    expect(argon2ModuleIn('!function(){return {name:"blake2b",data:"AGFzbQ=="}}')).toBeNull();
  });

  it('for passphrases in many scripts and forms, costs, lanes and salts', async () => {
    const passphrases = [
      'correct horse battery staple',
      'ほんぶの合言葉は山と川',
      // Decomposed が: the same passphrase as composed, once normalised.
      'か\u3099ぎのあいことば１２３',
      '𠮷野家で𩸽を食べた夜',
      'pass word\twith tab',
      'a',
      'x'.repeat(300),
    ];
    // Lanes of odd lengths (1000 KiB over 4 lanes, 1030 over 3) and costs above the memory made ready.
    const costs = [cost(1024, 1, 1), cost(2048, 3, 1), cost(4096, 2, 2), cost(1000, 1, 4), cost(1030, 2, 3), cost(9000, 1, 1)];
    let i = 0;
    for (const pass of passphrases) {
      for (const c of costs) {
        const salt = new Uint8Array(i % 2 ? 32 : 8).map((_, k) => (k * 31 + i) & 255);
        i++;
        const fast = (await prepareFastArgon2id(module, 8192))!;
        expect(hex(await fast(pass, c, salt)), `${pass} ${JSON.stringify(c)}`).toBe(await reference(pass, c, salt));
      }
    }
  });

  it('at the cost every workspace is made with (64 MiB, 3 passes), once: a second call, even at once, answers null', async () => {
    const fast = (await prepareFastArgon2id(module, 64 * 1024))!;
    const salt = new Uint8Array(16).fill(7);
    const c = cost(64 * 1024, 3, 1);
    const [first, second] = await Promise.all([fast('本部の合言葉 2026', c, salt), fast('本部の合言葉 2026', c, salt)]);
    expect(hex(first)).toBe(await reference('本部の合言葉 2026', c, salt));
    expect(second).toBeNull();
    expect(await fast('本部の合言葉 2026', cost(1024, 1, 1), salt)).toBeNull();
  });

  it('a cost under or a little over the memory made ready (its pages rounded)', async () => {
    const salt = new Uint8Array(16).fill(4);
    for (const [ready, c] of [[256, cost(256, 1, 1)], [64 * 1024, cost(64 * 1024 + 1, 1, 1)], [64 * 1024, cost(1024, 1, 1)]] as const) {
      const fast = await prepareFastArgon2id(module, ready);
      expect(fast, `made ready for ${ready} KiB`).not.toBeNull();
      expect(hex(await fast!('十文字以上の合言葉です', c, salt)), JSON.stringify(c)).toBe(await reference('十文字以上の合言葉です', c, salt));
    }
  });

  it('derives the same whether asked before its memory is written or after', async () => {
    const salt = new Uint8Array(16).fill(9);
    const c = cost(64 * 1024, 1, 1);
    const want = await reference('押すのが早い人の合言葉', c, salt);
    // Asked at once: the writing stops, the derivation writes the rest.
    let early: boolean | undefined;
    const atOnce = (await prepareFastArgon2id(module, 64 * 1024, (done) => (early = done)))!;
    expect(hex(await atOnce('押すのが早い人の合言葉', c, salt))).toBe(want);
    await new Promise((r) => setTimeout(r, 20));
    expect(early).toBe(false);
    // Asked after: all of it written first.
    let written!: () => void;
    const whole = new Promise<boolean>((resolve) => (written = () => resolve(true)));
    const later = (await prepareFastArgon2id(module, 64 * 1024, (done) => done && written()))!;
    expect(await whole).toBe(true);
    expect(hex(await later('押すのが早い人の合言葉', c, salt))).toBe(want);
  });

  it('answers null for what hash-wasm refuses, for deriveKek to refuse it as before', async () => {
    const refused: [string, KdfParams, Uint8Array][] = [
      ['', cost(1024, 1, 1), new Uint8Array(16)],
      ['a passphrase', cost(1024, 1, 1), new Uint8Array(7)],
      ['a passphrase', cost(1024, 0, 1), new Uint8Array(16)],
      ['a passphrase', cost(15, 1, 2), new Uint8Array(16)],
      ['a passphrase', cost(1024.5, 1, 1), new Uint8Array(16)],
    ];
    for (const [pass, c, salt] of refused) expect(await (await prepareFastArgon2id(module, 1024))!(pass, c, salt)).toBeNull();
  });

  it('is null where the module does not compile', async () => {
    expect(await prepareFastArgon2id(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]), 1024)).toBeNull();
  });
});
