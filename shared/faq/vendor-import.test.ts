import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { encodeCsv } from '../export/csv';
import { testContext } from '../events/test-context';
import { foldAll } from '../events/projection';
import type { HonbuEvent } from '../events/event';
import { enquiriesProjection } from './events';
import { knownVendorRows, importVendorEnquiries, importVendorReport } from './vendor-commands';
import * as v from 'valibot';
import { callReportDaysProjection, callReportRows, rowsOfReportDays, VENDOR_BATCH, VENDOR_BATCH_BYTES, VENDOR_REPORT_BYTES, vendorEvents } from './vendor-events';
import { guessKind, guessVendorMapping } from './vendor-mapping';
import { vendorEnquiries, vendorReportRows } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';
import { readCount, readDay, readDuration, readTimeOnDay } from './vendor-values';

const LOG_HEADER = '受付日,受付時刻,チャネル,分類,問い合わせ内容,回答内容,エスカレーション,オペレーターID,相談者氏名,電話番号';

function csv(lines: string[], sep = ','): Uint8Array {
  return new TextEncoder().encode(lines.map((l) => l.replaceAll(',', sep)).join('\r\n') + '\r\n');
}

function table(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}

describe('vendor values', () => {
  it('reads the dates vendors write', () => {
    expect(readDay('2026/12/1')).toBe('2026-12-01');
    expect(readDay('２０２６／１２／１')).toBe('2026-12-01');
    expect(readDay('令和8年12月1日')).toBe('2026-12-01');
    expect(readDay('R8.12.1')).toBe('2026-12-01');
    expect(readDay('2026年12月1日(火)')).toBe('2026-12-01');
    expect(readDay(46357)).toBe('2026-12-01');
    expect(readDay('46357')).toBe('2026-12-01');
    expect(readDay(new Date(Date.UTC(2026, 11, 1)))).toBe('2026-12-01');
    expect(readDay('2026/13/1')).toBeNull();
    expect(readDay('明日')).toBeNull();
  });
  it('reads times, durations and counts', () => {
    expect(readTimeOnDay('9:05', '2026-12-01')).toBe('2026-12-01T09:05:00+09:00');
    expect(readTimeOnDay('０９：０５：３０', '2026-12-01')).toBe('2026-12-01T09:05:30+09:00');
    expect(readTimeOnDay('2026/12/2 23:59', '2026-12-01')).toBe('2026-12-02T23:59:00+09:00');
    expect(readTimeOnDay(46357.5, '2026-11-30')).toBe('2026-12-01T12:00:00+09:00');
    expect(readTimeOnDay(0.25, '2026-12-01')).toBe('2026-12-01T06:00:00+09:00');
    expect(readTimeOnDay('9時5分', '2026-12-01')).toBe('2026-12-01T09:05:00+09:00');
    expect(readTimeOnDay('48:00', '2026-12-01')).toBeNull();
    expect(readTimeOnDay('', '2026-12-01')).toBeNull();
    expect(readDuration('2:05')).toBe(125);
    expect(readDuration('1:02:05')).toBe(3725);
    expect(readDuration('125')).toBe(125);
    expect(readDuration('2分5秒')).toBe(125);
    expect(readDuration(125 / 86400)).toBe(125);
    expect(readDuration('abc')).toBeNull();
    expect(readCount('１，２３４件')).toBe(1234);
    expect(readCount('12.5')).toBeNull();
    expect(readCount('たくさん')).toBeNull();
  });
});

describe('vendor enquiry log', () => {
  const rows = [
    LOG_HEADER,
    '2026/12/1,9:05,電話,漏えい,私の情報は漏れましたか,対象かお調べします,いいえ,OP-12,髙橋 﨑子,090-1111-2222',
    '2026/12/1,９：１２,メール,補償,お詫びの品はありますか,検討中です,はい,OP-07,,',
    '2026/12/1,9:30,,退会,退会したい,手続きをご案内,,OP-12,,',
  ];
  it('reads a Shift_JIS CSV and maps it by its header names', async () => {
    const bytes = encodeCsv(rows.join('\r\n'), 'shift_jis', { onUnencodable: 'replace' });
    const t = table(await readVendorTable(bytes));
    expect(t.encoding).toBe('shift_jis');
    expect(guessKind(t.header)).toBe('log');
    const mapping = guessVendorMapping('log', t.header);
    expect(mapping.fields).toMatchObject({ day: 0, time: 1, channel: 2, category: 3, question: 4, answer: 5, escalated: 6, operatorId: 7, callerName: 8, callerPhone: 9 });
    const { enquiries, problems } = vendorEnquiries(t, mapping, '2026-12-01');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => [e.line, e.fields.at, e.fields.channel, e.fields.escalate, e.fields.operator, e.fields.category])).toEqual([
      [2, '2026-12-01T09:05:00+09:00', 'phone', false, 'OP-12', '漏えい'],
      [3, '2026-12-01T09:12:00+09:00', 'email', true, 'OP-07', '補償'],
      [4, '2026-12-01T09:30:00+09:00', 'phone', false, 'OP-12', '退会'],
    ]);
    expect(enquiries[0]!.fields.caller).toEqual({ name: '髙橋 﨑子', phone: '090-1111-2222', email: '' });
    expect(enquiries[0]!.fields.source).toMatchObject({ kind: 'vendor', fileDay: '2026-12-01' });
  });
  it('reads UTF-8 with tabs, UTF-16 and names outside Shift_JIS', async () => {
    const withNames = [...rows, '2026/12/1,10:00,電話,漏えい,𠮷田ですが確認したい,確認します,,OP-1,𠮷田 髙志,']; 
    const tabbed = table(await readVendorTable(csv(withNames, '\t')));
    expect(tabbed.delimiter).toBe('\t');
    const text = withNames.join('\n');
    const units = new Uint16Array(Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)));
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(units.buffer)]);
    const t16 = table(await readVendorTable(utf16));
    expect(t16.encoding).toBe('utf-16le');
    for (const t of [tabbed, t16]) {
      const { enquiries } = vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-12-01');
      expect(enquiries.at(-1)!.fields.caller.name).toBe('𠮷田 髙志');
      expect(enquiries.at(-1)!.fields.question).toBe('𠮷田ですが確認したい');
    }
  });
  it('reports an empty question, an unreadable time and a bad flag by line and column', async () => {
    const t = table(await readVendorTable(csv([LOG_HEADER, '2026/12/1,9:05,電話,,,,,OP-1,,', '2026/12/1,朝,電話,,質問,,たぶん,OP-1,,'])));
    const { enquiries, problems } = vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-12-01');
    expect(enquiries).toEqual([]);
    expect(problems).toEqual([
      { code: 'question', line: 2, column: 5, header: '問い合わせ内容' },
      { code: 'time', line: 3, column: 2, header: '受付時刻' },
      { code: 'flag', line: 3, column: 7, header: 'エスカレーション' },
    ]);
  });
  it('refuses a CSV whose rows do not have the header\'s columns, saying which line', () => {
    const r = readCsvTable(csv([LOG_HEADER, '2026/12/1,9:05,電話,a,q,a,,OP,,', '2026/12/1,9:06,電話,a,q']));
    expect(r).toEqual({ ok: false, problems: [{ code: 'columns', line: 3, column: 5, found: 5, expected: 10 }] });
  });
  it('refuses a broken workbook without throwing', async () => {
    const good = new Uint8Array(await (await writeXlsxFile([[{ value: 'a' }, { value: 'b' }]]).toBlob()).arrayBuffer());
    const broken = good.slice(0, Math.floor(good.length / 2));
    expect(await readVendorTable(broken)).toEqual({ ok: false, problems: [{ code: 'broken-xlsx' }] });
  });
  it('reads a workbook with Excel dates, serial times and mm:ss durations', async () => {
    const head = ['日付', '時刻', '問い合わせ内容', '通話時間', 'オペレーター'].map((value) => ({ value }));
    const blob = await writeXlsxFile([
      [{ value: '委託先 日次ログ' }],
      head,
      [{ value: new Date(Date.UTC(2026, 11, 1)), format: 'yyyy/mm/dd' }, { value: 0.375 }, { value: '漏れた情報は何ですか' }, { value: '3:20' }, { value: 'A-1' }],
      [{ value: 46357 }, { value: '10:15' }, { value: 'カード番号は大丈夫？' }, { value: 95 }, { value: 'A-2' }],
    ]).toBlob();
    const t = table(await readVendorTable(new Uint8Array(await blob.arrayBuffer())));
    expect(t.format).toBe('xlsx');
    const { enquiries, problems } = vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-11-30');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => [e.line, e.fields.at, e.fields.durationSec])).toEqual([
      [3, '2026-12-01T09:00:00+09:00', 200],
      [4, '2026-12-01T10:15:00+09:00', 95],
    ]);
  });
});

describe('re-import', () => {
  const ctx = testContext();
  async function load(lines: string[]) {
    const t = table(await readVendorTable(csv([LOG_HEADER, ...lines])));
    return vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-12-01').enquiries;
  }
  const a = '2026/12/1,9:05,電話,漏えい,私の情報は漏れましたか,お調べします,いいえ,OP-12,,';
  const b = '2026/12/1,9:05,電話,漏えい,私の情報は漏れましたか,お調べします,いいえ,OP-12,,';
  const c = '2026/12/1,9:40,電話,補償,補償はありますか,検討中,いいえ,OP-3,,';
  it('adds nothing twice: same file, another order, one corrected row', async () => {
    const first = await load([a, b, c]);
    const events: HonbuEvent[] = [];
    const known = knownVendorRows([]);
    const r1 = importVendorEnquiries(ctx, known, { incidentId: 'i1', rows: first });
    if (!r1.ok) throw new Error('refused');
    expect(r1.value).toEqual({ added: 3, already: 0, corrected: 0 });
    const stamp = (drafts: typeof r1.events) => drafts.map((d, i) => ({ ...d, id: `e${events.length + i}`, at: `2026-12-01T10:00:0${events.length + i}Z`, actor: 'p1' }) as unknown as HonbuEvent);
    events.push(...stamp(r1.events));
    let rows = foldAll(enquiriesProjection, events);
    expect(rows.size).toBe(3);
    // The same file again, in another order: nothing.
    const again = importVendorEnquiries(ctx, knownVendorRows(rows.values()), { incidentId: 'i1', rows: await load([c, b, a]) });
    expect(again.ok && again.value).toEqual({ added: 0, already: 3, corrected: 0 });
    expect(again.ok && again.events).toEqual([]);
    // A re-sent file with one answer corrected: a correction, not a fourth enquiry.
    const fixed = importVendorEnquiries(ctx, knownVendorRows(rows.values()), { incidentId: 'i1', rows: await load([a, b, c.replace('検討中', '1,000円分の商品券をお送りします').replace('1,000', '1000')]) });
    if (!fixed.ok) throw new Error('refused');
    expect(fixed.value).toEqual({ added: 0, already: 2, corrected: 1 });
    events.push(...stamp(fixed.events));
    rows = foldAll(enquiriesProjection, events);
    expect(rows.size).toBe(3);
    expect([...rows.values()].find((e) => e.operator === 'OP-3')!.answerText).toBe('1000円分の商品券をお送りします');
  });
  it('batches a large day into events the fold opens into rows', async () => {
    const many = Array.from({ length: 1_203 }, (_, i) => `2026/12/1,${i % 24}:${String(i % 60).padStart(2, '0')},電話,漏えい,質問${i},回答,いいえ,OP-${i % 7},,`);
    const r = importVendorEnquiries(ctx, knownVendorRows([]), { incidentId: 'i1', rows: await load(many) });
    if (!r.ok) throw new Error('refused');
    expect(r.events.map((e) => e.type === 'faq.vendor-enquiries-imported' && e.payload.enquiries.length)).toEqual([500, 500, 203]);
    const rows = foldAll(enquiriesProjection, r.events.map((d, i) => ({ ...d, id: `b${i}`, at: `2026-12-01T10:00:0${i}Z`, actor: 'p1' }) as unknown as HonbuEvent));
    expect(rows.size).toBe(1_203);
    const one = [...rows.values()].find((e) => e.question === '質問61')!;
    expect(one).toMatchObject({ at: '2026-12-01T13:01:00+09:00', operator: 'OP-5', source: { kind: 'vendor' }, loggedBy: 'p1' });
  });
  it('cuts a day of long answers by the bytes of their JSON too: every batch within VENDOR_BATCH_BYTES and the schema, every enquiry once, in order', async () => {
    // 対応内容 of a few hundred Japanese characters: 500 of them are over the sync server's 1 MiB per record.
    const long = Array.from({ length: 1_100 }, (_, i) => `2026/12/1,${i % 24}:${String(i % 60).padStart(2, '0')},電話,漏えい,質問${i}${'カード番号は含まれますか'.repeat(20)},${'お詫びのうえご案内しました。'.repeat(35)},いいえ,OP-${i % 7},,`);
    const r = importVendorEnquiries(ctx, knownVendorRows([]), { incidentId: 'i1', rows: await load(long) });
    if (!r.ok) throw new Error('refused');
    const batches = r.events.map((e) => (e.type === 'faq.vendor-enquiries-imported' ? e.payload.enquiries : []));
    expect(batches.length).toBeGreaterThan(3);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(VENDOR_BATCH);
      expect(new TextEncoder().encode(JSON.stringify(b)).byteLength).toBeLessThanOrEqual(VENDOR_BATCH_BYTES);
      expect(v.safeParse(vendorEvents['faq.vendor-enquiries-imported'], { enquiries: b }).success).toBe(true);
    }
    expect(batches.flat().map((e) => /^質問(\d+)/.exec(e.question)![1])).toEqual(long.map((_, i) => String(i)));
    expect(r.value.added).toBe(1_100);
  });
});

describe('daily report', () => {
  it('reads hours, mm:ss handling times and categories as columns, and sums a day row', async () => {
    const t = table(
      await readVendorTable(
        csv(['日付,時間帯,受電数,応答数,放棄呼,平均処理時間,漏えい確認,補償', '令和8年12月1日,9時,120,100,20,4:30,80,20', '令和8年12月1日,10:00-11:00,"1,000",900,100,5:00,700,200']),
      ),
    );
    expect(guessKind(t.header)).toBe('report');
    const mapping = guessVendorMapping('report', t.header);
    expect(mapping.categoryColumns).toEqual([6, 7]);
    const { rows, problems } = vendorReportRows(t, mapping, '2026-11-30');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { day: '2026-12-01', hour: null, received: 1120, answered: 1000, abandoned: 120, avgHandlingSec: 297, byCategory: { 漏えい確認: 780, 補償: 220 } },
      { day: '2026-12-01', hour: 9, received: 120, answered: 100, abandoned: 20, avgHandlingSec: 270, byCategory: { 漏えい確認: 80, 補償: 20 } },
      { day: '2026-12-01', hour: 10, received: 1000, answered: 900, abandoned: 100, avgHandlingSec: 300, byCategory: { 漏えい確認: 700, 補償: 200 } },
    ]);
  });
  it('reports a count that is not a number by line and column', async () => {
    const t = table(await readVendorTable(csv(['日付,受電数,応答数,放棄呼', '2026/12/1,120,多数,3'])));
    expect(vendorReportRows(t, guessVendorMapping('report', t.header), '2026-12-01').problems).toEqual([{ code: 'count', line: 2, column: 3, header: '応答数' }]);
  });
  it('keeps the newest import of each day', () => {
    const ctx = testContext();
    const day = (d: string, n: number) => ({ day: d, hour: null, received: n, answered: n, abandoned: 0, avgHandlingSec: null, byCategory: {} });
    const ev = (id: string, at: string, rows: ReturnType<typeof day>[]) => {
      const r = importVendorReport(ctx, null, { incidentId: 'i1', rows });
      if (!r.ok) throw new Error('refused');
      return { ...r.events[0]!, id, at, actor: 'p1' };
    };
    const events = [ev('b', '2026-12-02T10:00:00Z', [day('2026-12-01', 200)]), ev('a', '2026-12-02T09:00:00Z', [day('2026-12-01', 100), day('2026-11-30', 50)])];
    expect(callReportRows(events).map((r) => [r.day, r.received])).toEqual([
      ['2026-11-30', 50],
      ['2026-12-01', 200],
    ]);
    // The stored rows the KPI tab reads give the same, whichever order the imports were folded in.
    for (const order of [events, [...events].reverse()]) {
      const days = [...foldAll(callReportDaysProjection, order as HonbuEvent[]).values()];
      expect(rowsOfReportDays(days)).toEqual(callReportRows(events));
    }
  });
  it('a report of many days is several events, each day whole in one, each within VENDOR_REPORT_BYTES; read back as the file gave it', () => {
    const ctx = testContext();
    const categories = Object.fromEntries(Array.from({ length: 40 }, (_, c) => [`カテゴリー${c}（漏えい・補償・再発行のお問い合わせ）`, c + 1]));
    // Two months, the whole day and its 24 hours, 40 categories: about 1.3 MB as one event.
    const rows = Array.from({ length: 61 }, (_, d) => new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10)).flatMap((day) =>
      [null, ...Array.from({ length: 24 }, (_, h) => h)].map((hour) => ({ day, hour, received: 100, answered: 90, abandoned: 10, avgHandlingSec: 300, byCategory: { ...categories } })),
    );
    expect(new TextEncoder().encode(JSON.stringify(rows)).byteLength).toBeGreaterThan(1024 * 1024);
    const r = importVendorReport(ctx, null, { incidentId: 'i1', rows });
    if (!r.ok) throw new Error('refused');
    expect(r.value).toHaveLength(61);
    expect(r.events.length).toBeGreaterThan(4);
    const seen = new Set<string>();
    for (const e of r.events) {
      if (e.type !== 'faq.vendor-report-imported') throw new Error(e.type);
      expect(new TextEncoder().encode(JSON.stringify(e.payload.rows)).byteLength).toBeLessThanOrEqual(VENDOR_REPORT_BYTES);
      expect(v.safeParse(vendorEvents['faq.vendor-report-imported'], e.payload).success).toBe(true);
      // Each day in one event only, with all its rows.
      for (const day of e.payload.days) {
        expect(seen.has(day)).toBe(false);
        seen.add(day);
        expect(e.payload.rows.filter((x) => x.day === day)).toHaveLength(25);
      }
      expect(new Set(e.payload.rows.map((x) => x.day))).toEqual(new Set(e.payload.days));
    }
    const events = r.events.map((d, i) => ({ ...d, id: `r${i}`, at: `2026-12-02T10:00:${String(i).padStart(2, '0')}Z`, actor: 'p1' }) as unknown as HonbuEvent);
    expect(callReportRows(events)).toEqual(rows);
    expect(rowsOfReportDays([...foldAll(callReportDaysProjection, events).values()])).toEqual(rows);
  });
});
