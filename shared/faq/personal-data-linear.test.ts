import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS } from '../incident/model';
import { personalDataAsWritten, personalDataIn } from './personal-data';

/**
 * An answer pasted very long into the approval screen is checked for a caller's details (and the
 * words found shown as written) in time that grows with its length, not with its square. Each
 * text below is one the check used to read again from every place in it: its e-mail rule read a
 * run without a space again from each of its characters, each finding was masked by copying the
 * whole text again, a finding was looked for again from the start of the text, and a run of
 * spaces in a finding was read again from each space when its line ends were made one space.
 * 20,000 characters took up to a second, 200,000 took 20 to 53 seconds each, and the screen
 * froze meanwhile; each case here failed on that module (personal-data-oracle.test.ts keeps it).
 * Now each takes well under a second; the timeout fails a rule that reads the text again from
 * every place.
 */
const N = 200_000;
const TIMEOUT = { timeout: 5_000 };

/** How many times `unit` fits in `length` characters. */
const fits = (unit: string, length = N) => Math.floor(length / unit.length);
/** `unit` as many times as fit in `length` characters. */
const many = (unit: string, length = N) => unit.repeat(fits(unit, length));
/** `word` `count` times, as the check finds one on each repeat. */
const times = (word: string, count: number) => Array.from({ length: count }, () => word);

/** What is recognisable after the long part: a phone number and an e-mail address, each found. */
const TAIL = ' 電話 03-1234-5678 メール hanako@example.jp まで';
const PHONE = '03-1234-5678';
const EMAIL = 'hanako@example.jp';

/** Different phone numbers, one after another: 090-0000-0000 090-0001-7919 … */
const phones = (count: number) => Array.from({ length: count }, (_, i) => `090-${String(i % 10_000).padStart(4, '0')}-${String((i * 7919) % 10_000).padStart(4, '0')}`);
const DIFFERENT = phones(fits('090-0000-0000 ', N / 2));

describe('checking a very long answer takes time in proportion to its length', () => {
  it.each([
    // [what, the long part, what the check finds in it and the tail, the words as written]
    // Read again from every character by the e-mail rule: a run without a space or an @.
    ['half-width digits', many('1'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['full-width digits', many('１'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['letters', many('a'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['kanji', many('漢'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['town words over and over', many('都区町'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['a town and a digit over and over', many('町1'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['digits and hyphens', many('1-'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['a building’s word over and over', many('ビル'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['the character the company’s numbers are masked with', many('\ufffc'), [PHONE, EMAIL], [PHONE, EMAIL]],
    ['一丁目 over and over', many('一丁目'), [PHONE, EMAIL, ...times('一丁目', fits('一丁目'))], ['一丁目', PHONE, EMAIL]],
    ['a town, then a lot of ever more numbers', `町${many('1-')}`, [PHONE, EMAIL, '1-1-1'], ['1-1-1', PHONE, EMAIL]],
    ['a town, then numbers joined by の', `町${many('1の')}`, [PHONE, EMAIL, '1の1の1の1'], ['1の1の1の1', PHONE, EMAIL]],
    ['a long name, @, then a domain with no two letters after a dot', `${many('x', N / 2)}@${many('b.', N / 2)}`, [PHONE, EMAIL], [PHONE, EMAIL]],
    // Each finding masked by copying the whole text again.
    ['phone numbers', many('090-1234-5678 '), [...times('090-1234-5678', fits('090-1234-5678 ')), PHONE, EMAIL], ['090-1234-5678', PHONE, EMAIL]],
    ['e-mail addresses', many('taro@example.jp '), [PHONE, ...times('taro@example.jp', fits('taro@example.jp ')), EMAIL], ['taro@example.jp', PHONE, EMAIL]],
    ['postcodes', many('〒123-4567 '), [PHONE, EMAIL, ...times('〒123-4567', fits('〒123-4567 '))], ['〒123-4567', PHONE, EMAIL]],
    ['addresses', many('東京都渋谷区神宮前1丁目2番3号 '), [PHONE, EMAIL, ...times('渋谷区神宮前1丁目2番3', fits('東京都渋谷区神宮前1丁目2番3号 '))], ['渋谷区神宮前1丁目2番3', PHONE, EMAIL]],
    // Each finding looked for again from the start of the text as written.
    ['a long text, then thousands of different phone numbers', `${many('あ', N / 2)}${DIFFERENT.join(' ')}`, [...DIFFERENT, PHONE, EMAIL], [...DIFFERENT, PHONE, EMAIL]],
    // A run of spaces in a finding, read again from each space for a line end in it.
    ['a building, a long run of spaces, then the room', `ビル${many(' ')}201号室`, [PHONE, EMAIL, `ビル${many(' ')}201号室`], [`ビル${many(' ')}201号室`, PHONE, EMAIL]],
    ['〒, a long run of spaces, then the postcode', `〒${many(' ')}123-4567`, [PHONE, EMAIL, `〒${many(' ')}123-4567`], [`〒${many(' ')}123-4567`, PHONE, EMAIL]],
  ])('%s', TIMEOUT, (_what, long, found, asWritten) => {
    const text = long + TAIL;
    const findings = personalDataIn(text, EMPTY_FACTS);
    // Compared as text first (a failing toEqual on thousands of findings is slow to tell), then told in full.
    if (JSON.stringify(findings) !== JSON.stringify(found)) expect(findings).toEqual(found);
    expect(personalDataAsWritten(text, findings)).toEqual(asWritten);
  });
});
