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
