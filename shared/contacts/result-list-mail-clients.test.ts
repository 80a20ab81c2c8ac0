/** Bounces pasted as mail clients copy them (a stranger's cases). */
import { describe, expect, it } from 'vitest';
import { parseResultList } from './result-list';

const keys = (text: string) => {
  const p = parseResultList(text, 'bounce', { header: false });
  return { keys: p.items.map((i) => i.key), details: p.items.map((i) => i.detail), problems: p.problems.map((x) => `${x.code}@${x.line}`) };
};

describe('bounces as a mail client copies them', () => {
  it.each([
    ['backslash-escaped quote in the name (RFC 5322, as Thunderbird/Gmail copy it)', '"Yamada \\"Hana\\" Hanako" <hana@example.jp>\r\n"鈴木 一郎" <suzuki@example.jp>\r\n', ['hana@example.jp', 'suzuki@example.jp']],
    ['doubled quote in the name', '"山田 ""はな"" 花子" <hana@example.jp>\r\n', ['hana@example.jp']],
    ['comma in the name', '"Sato, Hanako" <sato@example.jp>\r\n"鈴木 一郎" <suzuki@example.jp>\r\n', ['sato@example.jp', 'suzuki@example.jp']],
    ['tab before the address', '"山田 花子"\t<hana@example.jp>\r\n', ['hana@example.jp']],
    ['angle brackets in the name', '"山田 <営業部>" <hana@example.jp>\r\n', ['hana@example.jp']],
    ['unquoted name', '山田 花子 <hana@example.jp>\r\n鈴木 一郎 <suzuki@example.jp>\r\n', ['hana@example.jp', 'suzuki@example.jp']],
    ['with a reason after a comma', '"Sato, Hanako" <sato@example.jp>,hard\r\n"鈴木" <suzuki@example.jp>,soft\r\n', ['sato@example.jp', 'suzuki@example.jp']],
    ['two addresses on one line, comma (as a To: line is copied)', '"山田 花子" <hana@example.jp>, "鈴木 一郎" <suzuki@example.jp>\r\n', ['hana@example.jp', 'suzuki@example.jp']],
    ['two addresses on one line, semicolon (Outlook)', '"山田 花子" <hana@example.jp>; "鈴木 一郎" <suzuki@example.jp>\r\n', ['hana@example.jp', 'suzuki@example.jp']],
    ['a quoted name then a bare address', '"山田 花子" hana@example.jp\r\n"鈴木 一郎" <suzuki@example.jp>\r\n', ['hana@example.jp', 'suzuki@example.jp']],
    ['quoted address in name (Outlook: "a@b" <a@b>)', '"hana@example.jp" <hana@example.jp>\r\n', ['hana@example.jp']],
    ['unquoted name with a comma', 'Sato, Hanako <sato@example.jp>\r\n', ['sato@example.jp']],
    ['mailto inside angle brackets', '"山田" <mailto:hana@example.jp>\r\n', ['hana@example.jp']],
  ] as const)('%s', (_n, text, want) => {
    const got = keys(text);
    expect(got.keys).toEqual(want);
    expect(got.problems).toEqual([]);
  });

  it('returned-mail lists are unaffected', () => {
    const p = parseResultList('"C001",宛所不明\r\n"C002" <x@example.jp>,転居\r\n', 'returned-mail', { header: false });
    expect(p.items[0]!.key).toBe('C001');
    expect(p.problems.map((x) => x.code)).toEqual(['malformed-quote']);
  });

  it('a detail spanning lines whose inner line looks like a name and address is not rewritten', () => {
    const text = 'hana@example.jp,"550 rejected\n""Postmaster"" <pm@example.jp> said no"\r\n';
    const p = parseResultList(text, 'bounce', { header: false });
    expect(p.items[0]!.detail).toBe('550 rejected\n"Postmaster" <pm@example.jp> said no');
  });

  it('a name spanning lines is refused where it breaks, not read as something else', () => {
    expect(keys('"山田\r\n花子" <hana@example.jp>\r\n').problems).toEqual(['malformed-quote@1']);
  });

  it('a long line of quotes or of one letter is read in one pass (no runaway matching): refused or read, never hung', () => {
    expect(keys('"' + '""'.repeat(200_000) + ' x\r\n').problems.length).toBe(1);
    const letters = keys('<' + 'a'.repeat(200_000) + '\r\n');
    expect(letters.keys.length + letters.problems.length).toBeLessThanOrEqual(1);
  }, 20_000);
});

describe('a reason that quotes an address (a reviewer’s cases)', () => {
  it('stays the reason of one bounce', () => {
    expect(keys('a@x.jp,452 4.2.2 Mailbox full for <a@x.jp>\r\n')).toEqual({ keys: ['a@x.jp'], details: ['452 4.2.2 Mailbox full for <a@x.jp>'], problems: [] });
    expect(keys('a@x.jp\t550 5.1.1 <a@x.jp> unknown\r\n').keys).toEqual(['a@x.jp']);
    expect(keys('a@x.jp,soft <a@x.jp>\r\n').keys).toEqual(['a@x.jp']);
  });

  it('a line of many spaces before an address is read in one pass', () => {
    expect(keys(' '.repeat(20_000) + '<a@x.jp>\r\n').keys).toEqual(['a@x.jp']);
    expect(keys('a@x.jp,' + ' '.repeat(20_000) + 'x\r\n').keys).toEqual(['a@x.jp']);
  }, 20_000);
});
