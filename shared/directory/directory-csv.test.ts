import { describe, expect, it } from 'vitest';
import { encodeCsv, UnencodableError } from '../export/csv';
import { sniffEncoding } from '../contacts/validate';
import { CSV_COLUMNS, directoryCsv, readDirectoryCsv, type CsvWords } from './directory-csv';
import { CONTACT_CATEGORIES, type DirectoryPerson } from './model';

// The screens pass the dictionaries' words; these stand in for them.
const JA: CsvWords = {
  columns: { id: 'ID', name: '氏名', organisation: '所属', title: '役職', category: '区分', phone1: '電話1', phone2: '電話2', phone3: '電話3', email1: 'メール1', email2: 'メール2', email3: 'メール3', chat: 'チャット', deputy: '代理', hours: '対応時間' },
  categories: Object.fromEntries(CONTACT_CATEGORIES.map((c, i) => [c, `区分${i}`])) as CsvWords['categories'],
};
const EN: CsvWords = {
  columns: Object.fromEntries(CSV_COLUMNS.map((c) => [c, `en-${c}`])) as CsvWords['columns'],
  categories: Object.fromEntries(CONTACT_CATEGORIES.map((c) => [c, `cat ${c}`])) as CsvWords['categories'],
};

const p = (id: string, over: Partial<DirectoryPerson>): DirectoryPerson => ({
  id,
  name: '',
  organisation: '',
  title: '',
  category: 'other',
  phones: [],
  emails: [],
  chat: '',
  deputyId: null,
  hours: '',
  updatedAt: '1',
  updatedBy: 'p1',
  ...over,
});

const LIST: DirectoryPerson[] = [
  p('id-ceo', { name: '髙橋 一郎', organisation: '本社', title: '代表取締役社長', category: 'executive', phones: ['090-1111-2222', '03-1234-5678'], emails: ['ceo@example.co.jp'], chat: '@takahashi', deputyId: 'id-coo', hours: '24時間' }),
  p('id-coo', { name: '佐藤 花子', organisation: '本社', title: '取締役, 管理本部長', category: 'executive', phones: ['080-3333-4444'], emails: ['coo@example.co.jp', 'hanako@example.jp'], hours: '平日 9-18' }),
  p('id-law', { name: '"桜" 法律事務所 田中', organisation: '桜法律事務所', title: '弁護士', category: 'legal', phones: ['+81 3 5555 6666'], hours: '平日 ９：００～１８：００' }),
  // A cell that starts like a formula must come back as typed.
  p('id-card', { name: 'カード会社 不正対策窓口', organisation: '=ACME カード', category: 'card-company', phones: ['0120-000-111'], chat: '-', hours: '' }),
];

function decode(bytes: Uint8Array): string {
  const { encoding } = sniffEncoding(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

describe('contact list CSV', () => {
  for (const encoding of ['utf-8-bom', 'shift_jis'] as const) {
    it(`comes back field by field from ${encoding}`, () => {
      const bytes = encodeCsv(directoryCsv(LIST, JA), encoding);
      if (encoding === 'utf-8-bom') expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      else expect(sniffEncoding(bytes).encoding).toBe('shift_jis');
      const read = readDirectoryCsv(decode(bytes), [JA, EN], LIST, () => 'new');
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.people.map((x) => x.id)).toEqual(LIST.map((x) => x.id));
      LIST.forEach((orig, i) => {
        const back = read.people[i]!;
        expect(back.isNew).toBe(false);
        for (const field of ['name', 'organisation', 'title', 'category', 'phones', 'emails', 'chat', 'deputyId', 'hours'] as const) {
          // Hours are stored as typed, except full-width forms which cleanPerson leaves alone too.
          expect(back.fields[field], `${orig.name} ${field}`).toEqual(orig[field]);
        }
      });
    });
  }

  it('writes the header in the language chosen and reads either language back', () => {
    const text = directoryCsv(LIST.slice(0, 2), EN);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.map((c) => `en-${c}`).join(','));
    const read = readDirectoryCsv(text, [JA, EN], [], () => 'x');
    expect(read.ok && read.people[0]!.fields.category).toBe('executive');
    // Nobody in the list yet: the rows are new people, ids kept, the deputy found by name in the file.
    expect(read.ok && read.people.map((x) => [x.id, x.isNew, x.fields.deputyId])).toEqual([
      ['id-ceo', true, 'id-coo'],
      ['id-coo', true, null],
    ]);
  });

  it('refuses to write a name Shift_JIS cannot hold, saying whose and where', () => {
    const list = [p('a', { name: '𠮷田 太郎', phones: ['03-1111-2222'] })];
    let err: unknown;
    try {
      encodeCsv(directoryCsv(list, JA), 'shift_jis');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnencodableError);
    expect((err as UnencodableError).found[0]).toMatchObject({ char: '𠮷', record: 2, field: 2 });
    // UTF-8 holds it.
    const read = readDirectoryCsv(decode(encodeCsv(directoryCsv(list, JA), 'utf-8-bom')), [JA], [], () => 'x');
    expect(read.ok && read.people[0]!.fields.name).toBe('𠮷田 太郎');
  });

  it('imports a list typed in Excel: no id column, names for deputies, empty lines skipped', () => {
    const text = '氏名,区分,電話1,代理,対応時間\r\n山田 太郎,区分0,０９０－１２３４－５６７８,鈴木 次郎,平日 9-18\r\n\r\n鈴木 次郎,,03-1111-2222,,24時間\r\n';
    let n = 0;
    const read = readDirectoryCsv(text, [JA, EN], [], () => `new-${++n}`);
    expect(read).toEqual({
      ok: true,
      people: [
        { id: 'new-1', isNew: true, fields: { name: '山田 太郎', organisation: '', title: '', category: 'executive', phones: ['090-1234-5678'], emails: [], chat: '', deputyId: 'new-2', hours: '平日 9-18' } },
        { id: 'new-2', isNew: true, fields: { name: '鈴木 次郎', organisation: '', title: '', category: 'other', phones: ['03-1111-2222'], emails: [], chat: '', deputyId: null, hours: '24時間' } },
      ],
    });
  });

  it('names the line and column of every bad cell and imports nothing', () => {
    const text = [
      '氏名,区分,電話1,電話2,メール1,代理,対応時間',
      '山田 太郎,区分0,03-1111-2222,not a phone,yamada@example.jp,,平日 9-18',
      ',区分1,03-1111-2222,,,,',
      '鈴木 次郎,社長,03-1111-2222,,suzuki-at-example,誰か,朝から晩まで',
      '"佐藤\n花子",,03-1111-2222,,,,',
      '高橋,,,,,,,extra',
    ].join('\r\n');
    const read = readDirectoryCsv(text, [JA, EN], [], () => 'x');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((x) => [x.line, x.column, x.reason])).toEqual([
      [2, 4, 'invalid-phone'],
      [3, 1, 'required'],
      [4, 2, 'unknown-category'],
      [4, 5, 'invalid-email'],
      [4, 6, 'deputy-not-found'],
      [4, 7, 'invalid-hours'],
      [5, 1, 'line-break'],
      // The quoted line break: the next record starts on line 7.
      [7, 8, 'too-many-cells'],
    ]);
  });

  it('refuses a header it does not know, a file without a name column, and a cut-short quote', () => {
    const unknown = readDirectoryCsv('氏名,好きな食べ物\r\n山田,寿司\r\n', [JA, EN], [], () => 'x');
    expect(!unknown.ok && unknown.problems.map(({ field, reason, params, line, column }) => ({ field, reason, params, line, column }))).toEqual([{ field: 'header', reason: 'unknown-column', params: { name: '好きな食べ物' }, line: 1, column: 2 }]);
    const noName = readDirectoryCsv('電話1\r\n03-1111-2222\r\n', [JA, EN], [], () => 'x');
    expect(!noName.ok && noName.problems.map((x) => x.reason)).toEqual(['no-name-column']);
    const cut = readDirectoryCsv('氏名\r\n山田\r\n"佐藤', [JA, EN], [], () => 'x');
    expect(!cut.ok && cut.problems.map(({ field, reason, line, column }) => ({ field, reason, line, column }))).toEqual([{ field: 'file', reason: 'unclosed-quote', line: 3, column: 0 }]);
    const ambiguous = readDirectoryCsv('氏名,代理\r\n山田,田中\r\n田中,\r\n田中,\r\n', [JA, EN], [], () => `${Math.random()}`);
    expect(!ambiguous.ok && ambiguous.problems.map((x) => [x.line, x.column, x.reason])).toEqual([[2, 2, 'deputy-ambiguous']]);
  });
});

describe('a list a stranger sends', () => {
  it('reads a list separated by tabs (Excel "Unicode text") or semicolons, with full-width digits and a guarded +81', () => {
    const tsv = '氏名\t電話1\tメール1\t対応時間\r\n田中 一郎\t０９０－１２３４－５６７８\ttanaka@company.example\t平日９時〜１８時\r\n"鈴木, 次郎"\t\'+81 3 1234 5678\t\t\r\n';
    const semi = '氏名;電話1;代理\n田中 一郎;090-1234-5678;\n鈴木 次郎;03-1234-5678;田中 一郎\n';
    for (const text of [tsv, semi]) {
      let n = 0;
      const r = readDirectoryCsv(text, [JA], [], () => `id-${++n}`);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(r.people.map((x) => x.fields.name)).toEqual(text === tsv ? ['田中 一郎', '鈴木, 次郎'] : ['田中 一郎', '鈴木 次郎']);
      expect(r.people[0]!.fields.phones).toEqual(['090-1234-5678']);
    }
    let n = 0;
    const r = readDirectoryCsv(tsv, [JA], [], () => `id-${++n}`);
    expect(r.ok && r.people[1]!.fields.phones).toEqual(['+81 3 1234 5678']);
  });
});
