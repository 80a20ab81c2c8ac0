/**
 * The vendor's daily report as a tester attacked it (vendor-report-stranger.test.ts), with the
 * outcome this code chose: a line sent twice, a total that differs from its hours, answered
 * calls beside an empty 受電数 and formulas without a saved value are problems with their line
 * and column; rates and staffing are not categories; minutes in the header are minutes.
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { guessVendorMapping, missingFields } from './vendor-mapping';
import { vendorReportRows } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';

const utf8 = (s: string) => new TextEncoder().encode(s);

function tableOf(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}

function report(csv: string, day = '2026-12-07') {
  const t = tableOf(readCsvTable(utf8(csv)));
  return vendorReportRows(t, guessVendorMapping('report', t.header), day);
}

const HEADER = '日付,時間帯,受電数,応答数,放棄呼';

describe('J: a line sent twice', () => {
  it('the 9時 line repeated is a problem on the second, naming the first', () => {
    const { problems } = report([HEADER, '2026/12/07,9時,10,8,2', '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5'].join('\n'));
    expect(problems).toEqual([{ code: 'duplicate', line: 3, column: 2, header: '時間帯', otherLine: 2 }]);
  });

  it('a day line repeated in a report of days is a problem', () => {
    const { problems } = report(['日付,受電数,応答数,放棄呼', '2026/12/07,10,8,2', '2026/12/08,20,15,5', '2026/12/07,10,8,2'].join('\n'));
    expect(problems).toEqual([{ code: 'duplicate', line: 4, column: 1, header: '日付', otherLine: 2 }]);
  });

  it('holds: categories as rows of one hour still add up; the same category twice is a problem', () => {
    const ok = report(['日付,時間帯,分類,受電数,応答数,放棄呼', '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,補償,5,5,0'].join('\n'));
    expect(ok.problems).toEqual([]);
    expect(ok.rows.find((r) => r.hour === 9)).toMatchObject({ received: 15, byCategory: { 漏えい: 10, 補償: 5 } });
    const twice = report(['日付,時間帯,分類,受電数,応答数,放棄呼', '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,漏えい,10,8,2'].join('\n'));
    expect(twice.problems.map((p) => [p.code, p.line])).toEqual([['duplicate', 3]]);
  });
});

describe('J: figures that should add up', () => {
  it("a 合計 line of 100 beside hours of 30 is a problem on the total's 受電数, saying what the hours add up to", () => {
    const { problems } = report([HEADER, '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5', '2026/12/07,合計,100,90,10'].join('\n'));
    expect(problems).toEqual([{ code: 'total', line: 4, column: 3, header: '受電数', expected: 30 }]);
  });

  it('holds: a 合計 line equal to its hours is taken', () => {
    const { rows, problems } = report([HEADER, '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5', '2026/12/07,合計,30,23,7'].join('\n'));
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === null)).toMatchObject({ received: 30, answered: 23, abandoned: 7 });
  });

  it('a category 合計 line that differs from its categories is a problem', () => {
    const { problems } = report(['日付,分類,受電数,応答数,放棄呼', '2026/12/07,漏えい確認,10,9,1', ',補償,5,5,0', ',合計,16,14,1'].join('\n'));
    expect(problems).toEqual([{ code: 'total', line: 4, column: 3, header: '受電数', expected: 15 }]);
  });

  it('応答数 50 with 受電数 empty is a problem on the 受電数 cell; an empty line is still a day of nothing', () => {
    const { problems } = report([HEADER, '2026/12/07,9時,,50,0', '2026/12/07,10時,,,'].join('\n'));
    expect(problems).toEqual([{ code: 'noReceived', line: 2, column: 3, header: '受電数' }]);
  });

  it('answered calls without a 受電数 column: the mapping asks for it', () => {
    expect(missingFields(guessVendorMapping('report', ['日付', '応答数', '放棄呼']))).toEqual(['received']);
    expect(missingFields(guessVendorMapping('report', ['日付', '分類', '件数']))).toEqual([]);
  });

  it('受電数 given as formulas without a saved value (a script-made .xlsx) is a problem on each such cell', async () => {
    const blob = await writeXlsxFile([
      ['日付', '時間帯', '応答数', '放棄呼', '受電数'].map((value) => ({ value })),
      [{ value: '2026/12/07' }, { value: '9時' }, { value: 8 }, { value: 2 }, { type: 'Formula', value: '=C2+D2' }],
      [{ value: '2026/12/07' }, { value: '10時' }, { value: 15 }, { value: 5 }, { type: 'Formula', value: '=C3+D3' }],
    ] as never).toBlob();
    const t = tableOf(await readVendorTable(new Uint8Array(await blob.arrayBuffer())));
    expect(t.uncomputed).toEqual(['0:4', '1:4']);
    const { problems } = vendorReportRows(t, guessVendorMapping('report', t.header), '2026-12-07');
    expect(problems).toEqual([
      { code: 'formula', line: 2, column: 5, header: '受電数', sheet: 'Sheet1' },
      { code: 'formula', line: 3, column: 5, header: '受電数', sheet: 'Sheet1' },
    ]);
  });

  it('a day far from the other days (2062 for 2026) is a problem on each of its lines', () => {
    const { rows, problems } = report([HEADER, '2026/12/07,9時,10,8,2', '2062/12/07,10時,20,15,5'].join('\n'));
    expect(problems).toEqual([{ code: 'far', line: 3, column: 1, header: '日付', day: '2062-12-07' }]);
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(['2026-12-07']));
  });

  it('an impossible file day, for a report without a date column, is a problem', () => {
    expect(report(['時間帯,受電数,応答数,放棄呼', '9時,10,8,2'].join('\n'), '2026-02-30').problems.map((p) => p.code)).toEqual(['fileDay']);
  });
});

describe('D, E: columns with units and rates', () => {
  it('平均処理時間（分） of 4.5 is 270 seconds', () => {
    const { rows, problems } = report(['日付,時間帯,受電数,応答数,放棄呼,平均処理時間（分）', '2026/12/07,9時,10,8,2,4.5'].join('\n'));
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === 9)?.avgHandlingSec).toBe(270);
  });

  it('応答率, 稼働席数, サービスレベル(%), 平均待ち時間 and 備考 are not guessed as categories; category names are', () => {
    const header = ['日付', '時間帯', '受電数', '応答数', '放棄呼', '応答率', '稼働席数', 'サービスレベル(%)', '平均待ち時間', '備考', '漏えい確認', '補償・お詫び'];
    expect(guessVendorMapping('report', header).categoryColumns).toEqual([10, 11]);
    const { rows } = report(['日付,時間帯,受電数,応答数,放棄呼,応答率,稼働席数', '2026/12/07,9時,100,85,15,85,12'].join('\n'));
    expect(rows.find((r) => r.hour === 9)?.byCategory).toEqual({});
  });
});
