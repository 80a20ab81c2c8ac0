import { describe, expect, it } from 'vitest';
import { packKeys, unpackKeys } from './index-build';

describe('index keys for the index worker', () => {
  it('pack and unpack losslessly, whatever the values hold', () => {
    const keys = [
      { no: 'C1', phone: '+819011112222', email: 'a@b.jp', kana: 'やまだ', postcode: '1000001', name: '山田花子', given: '花子', givenKana: 'はなこ' },
      { no: 'C\u00012', phone: '', email: '', kana: '', postcode: '', name: '𠮷野\u0002', given: '', givenKana: '' },
    ];
    expect(unpackKeys(packKeys(keys))).toEqual(keys);
  });
});
