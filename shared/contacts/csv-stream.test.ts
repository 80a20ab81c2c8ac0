import { describe, expect, it } from 'vitest';
import { parseCsv } from '../export/csv';
import { CsvRecordStream, CsvStreamError } from './csv-stream';

function parseInChunks(text: string, cuts: number[]) {
  const s = new CsvRecordStream();
  const out: { cells: string[]; line: number }[] = [];
  let last = 0;
  for (const c of cuts) {
    out.push(...s.push(text.slice(last, c)));
    last = c;
  }
  out.push(...s.push(text.slice(last), true));
  return out;
}

const TEXT =
  'no,name,memo\r\n' +
  '1,山田 花子,"改行\r\nあり"\r\n' +
  '2,"佐藤, 一郎","引用""符"""\r\n' +
  '\r\n' +
  '3,鈴木,"a\r\nb\r\nc"\r\n' +
  '4,"",end\r\n';

describe('CSV record stream', () => {
  it('gives the same records and physical lines wherever the chunks are cut', () => {
    const whole = parseInChunks(TEXT, []);
    expect(whole.map((r) => r.cells)).toEqual(parseCsv(TEXT).filter((r) => !(r.length === 1 && r[0] === '')));
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 6, 9]);
    for (let a = 1; a < TEXT.length; a++) {
      for (const b of [a + 1, a + 3, a + 7]) {
        if (b >= TEXT.length) continue;
        expect(parseInChunks(TEXT, [a, b]), `cuts at ${a},${b}`).toEqual(whole);
      }
    }
  });

  it('handles LF-only files, a missing final newline and a leading BOM', () => {
    const out = parseInChunks('\ufeffa,b\n1,"x\ny"\n2,z', [5]);
    expect(out).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['1', 'x\ny'], line: 2 },
      { cells: ['2', 'z'], line: 4 },
    ]);
  });

  it('reports an unterminated quote with its line and column', () => {
    const s = new CsvRecordStream();
    try {
      s.push('a,b,c\n1,2,3\n4,"never closed,6\n7,8,9\n');
      s.push('', true);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(CsvStreamError);
      expect((e as CsvStreamError).issue).toMatchObject({ code: 'unterminated-quote', line: 3, column: 2 });
    }
  });

  it('reports text after a closing quote as a malformed quote', () => {
    expect(() => parseInChunks('a,b\n1,"x"y\n', [])).toThrow(/malformed-quote at line 2, column 2/);
  });

  it('stops an unterminated quote before it swallows the whole file', () => {
    const s = new CsvRecordStream();
    s.push('a,b\n1,"open\n');
    expect(() => {
      for (let i = 0; i < 100; i++) s.push('x'.repeat(1000) + '\n');
    }).toThrow(/unterminated-quote at line 2/);
  });
});

/** Runs a whole text through the stream in chunks of `size`; the records and the error, if any. */
function run(text: string, size: number, delimiter?: ',' | '\t') {
  const s = new CsvRecordStream(delimiter ? { delimiter } : {});
  const records: { cells: string[]; line: number }[] = [];
  try {
    for (let i = 0; i < text.length; i += size) records.push(...s.push(text.slice(i, i + size)));
    records.push(...s.push('', true));
    return { records, error: null, delimiter: s.delimiter };
  } catch (e) {
    if (!(e instanceof CsvStreamError)) throw e;
    records.push(...(e.before ?? []));
    return { records, error: e.issue, delimiter: s.delimiter };
  }
}

const SIZES = [1000, 4096, 16_384, 65_536, 100_000, 1 << 30];

describe('over-long records, wherever the chunks are cut', () => {
  const head = 'no,name,memo\r\n1,山田,a\r\n';

  it('a 200 KB line without a break: field too long at line 3, column 1, the rows before it kept', () => {
    const text = head + 'x'.repeat(200_000) + '\r\n';
    for (const size of SIZES) {
      const r = run(text, size);
      expect(r.error, `chunks of ${size}`).toMatchObject({ code: 'field-too-long', line: 3, column: 1 });
      expect(r.records.map((x) => x.line), `chunks of ${size}`).toEqual([1, 2]);
    }
  });

  it('names the column of the over-long field (2 here, not 1)', () => {
    const text = head + '2,' + 'x'.repeat(200_000) + ',end\r\n3,b,c\r\n';
    for (const size of SIZES) expect(run(text, size).error, `chunks of ${size}`).toMatchObject({ code: 'field-too-long', line: 3, column: 2 });
  });

  it('a quote opened in column 3 that is still open 64K characters later: unterminated quote there', () => {
    const text = head + '2,b,"' + 'x\r\n'.repeat(30_000) + '",end\r\n';
    for (const size of SIZES) expect(run(text, size).error, `chunks of ${size}`).toMatchObject({ code: 'unterminated-quote', line: 3, column: 3 });
  });

  it('records shorter than the limit are untouched, even with one long field (the row check reports that)', () => {
    const text = head + '2,' + 'y'.repeat(5000) + ',z\r\n';
    for (const size of SIZES) {
      const r = run(text, size);
      expect(r.error).toBeNull();
      expect(r.records[2]!.cells[1]).toHaveLength(5000);
    }
  });
});

describe('separators', () => {
  it('detects tab, semicolon and full-width comma files, the same way for any chunking', () => {
    const base = [['顧客番号', '氏名', '住所'], ['C1', '山田 花子', '東京都千代田区1-1, 2F'], ['C2', '', '大阪府']];
    for (const d of ['\t', ';', '\uff0c'] as const) {
      const text = base.map((r) => r.join(d)).join('\r\n') + '\r\n';
      for (const size of [3, 7, 64]) {
        const r = run(text, size);
        expect(r.delimiter, JSON.stringify(d)).toBe(d);
        expect(r.records.map((x) => x.cells)).toEqual(base);
      }
    }
  });

  it('keeps comma for a CSV whose fields hold tabs or semicolons, and for a one-column file', () => {
    expect(run('no,memo\r\n1,"a;b"\r\n2,c\td\r\n', 5).delimiter).toBe(',');
    const one = run('顧客番号\r\nC1\r\nC2\r\n', 4);
    expect(one.delimiter).toBe(',');
    expect(one.records.map((x) => x.cells)).toEqual([['顧客番号'], ['C1'], ['C2']]);
  });

  it('reports positions in the columns of the chosen separator', () => {
    const r = run('a\tb\tc\n1\t2\t"x"y\n', 100, '\t');
    expect(r.error).toMatchObject({ code: 'malformed-quote', line: 2, column: 3 });
  });

  it('CR-only line ends (old Mac files) count lines', () => {
    const r = run('a,b\r1,"x\ry"\r2,z\r', 3);
    expect(r.records).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['1', 'x\ry'], line: 2 },
      { cells: ['2', 'z'], line: 4 },
    ]);
  });
});

describe('mixed line ends', () => {
  // A list pasted together from several sources: Windows (CRLF), Unix (LF) and old Mac
  // (CR) line ends in one file. Excel and LibreOffice read each line as one record; the
  // stream took the first break it saw as the only one and glued the other lines together.
  const rows = [
    ['顧客番号', '氏名', '住所'],
    ['C1', '山田 花子', '東京都1'],
    ['C2', '佐藤 一郎', '大阪府2'],
    ['C3', '鈴木 次郎', '京都府3'],
    ['C4', '田中 三郎', '"北海道\n4"'],
    ['C5', '高橋 四郎', '沖縄県5'],
  ];
  const ends = ['\r\n', '\n', '\r', '\r\n', '\r', '\n'];
  const text = rows.map((r, i) => r.join(',') + ends[i]).join('');
  const cells = rows.map((r) => r.map((c) => c.replace(/^"|"$/g, '')));

  it('reads every line as one record, with its physical line, however the file is cut', () => {
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
      const r = run(text, size);
      expect(r.error, `chunks of ${size}`).toBeNull();
      expect(r.records.map((x) => x.cells), `chunks of ${size}`).toEqual(cells);
      expect(r.records.map((x) => x.line), `chunks of ${size}`).toEqual([1, 2, 3, 4, 5, 7]);
    }
  });

  it('a CR-only file whose quoted cell holds an LF (Excel on old Macs) splits at the CRs', () => {
    const mac = 'no,memo\r1,"a\nb"\r2,c\r';
    for (const size of [1, 4, 64]) {
      const r = run(mac, size);
      expect(r.records, `chunks of ${size}`).toEqual([
        { cells: ['no', 'memo'], line: 1 },
        { cells: ['1', 'a\nb'], line: 2 },
        { cells: ['2', 'c'], line: 4 },
      ]);
    }
  });

  it('detects the separator of a tab file with mixed line ends', () => {
    const tabs = rows.slice(0, 4).map((r, i) => r.join('\t') + ends[i]).join('');
    const r = run(tabs, 3);
    expect(r.delimiter).toBe('\t');
    expect(r.records.map((x) => x.cells)).toEqual(cells.slice(0, 4));
  });
});
