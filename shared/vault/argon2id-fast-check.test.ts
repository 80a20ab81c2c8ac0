/**
 * Before its first use the module is checked against hash-wasm's own function on a small cost:
 * a module found in the script that no longer derives what hash-wasm derives (a later version
 * whose exports mean something else) is not used, and `deriveKek` derives the unlock instead.
 */
import script from 'hash-wasm/dist/argon2.umd.min.js?raw';
import { expect, it, vi } from 'vitest';
import { argon2ModuleIn, prepareFastArgon2id } from './argon2id-fast';

const disagree = vi.hoisted(() => ({ on: false }));
vi.mock('hash-wasm', async (original) => {
  const real = await original<typeof import('hash-wasm')>();
  return {
    ...real,
    // hash-wasm's own answer, one bit changed: as if the module and the function no longer agreed.
    argon2id: async (options: Parameters<typeof real.argon2id>[0]) => {
      const out = (await real.argon2id({ ...options, outputType: 'binary' })) as Uint8Array;
      if (disagree.on) out[0]! ^= 1;
      return out;
    },
  };
});

it('is used when it agrees with hash-wasm, and not when it does not', async () => {
  const module = argon2ModuleIn(script)!;
  expect(await prepareFastArgon2id(module, 1024)).not.toBeNull();
  disagree.on = true;
  expect(await prepareFastArgon2id(module, 1024)).toBeNull();
});
