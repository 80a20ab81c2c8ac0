/**
 * Issue 15 item 1 end to end: the call-centre vendor's day file (Excel) and daily report
 * (Shift_JIS CSV) imported through 取り込み（委託先） → the enquiries are in the log marked
 * as the vendor's, and in the groups → the same file again adds nothing → a broken
 * workbook and a CSV with mismatched columns each say where, and the log is unchanged.
 * Then a large day file (3,000 rows; 30,000 with HONBU_VENDORLOG_ROWS): the time it takes and the longest frame while it runs.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/universal';
import { encodeCsv } from '../shared/export/csv';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function dayWorkbook(): Promise<Buffer> {
  const header = ['受付日', '受付時刻', 'チャネル', '分類', '問い合わせ内容', '回答内容', 'エスカレーション', 'オペレーターID', '通話時間', '相談者氏名'];
  const day = { value: new Date(Date.UTC(2026, 11, 1)), format: 'yyyy/mm/dd' };
  const rows = [
    [day, '9:05', '電話', '漏えい確認', '私の個人情報は漏れていますか', '対象かどうかお調べします', 'いいえ', 'OP-12', '3:20', '髙橋 﨑子'],
    [{ value: 46357 }, { value: 0.3875 }, '電話', '漏えい確認', '自分の個人情報が漏れたか知りたい', '対象かどうかお調べします', 'いいえ', 'OP-07', '125', '𠮷田 一郎'],
    [day, '9:40', 'メール', '補償', 'お詫びの品はもらえますか', '検討中です', 'はい', 'OP-12', '1:02:05', ''],
    [day, '10:02', '電話', '補償', 'おわびの品はありますか', '検討中です', 'はい', 'OP-03', '2:00', ''],
    [day, '10:30', 'Web', '退会', '退会したいので手続きを教えてください', '手続きをご案内', '', 'OP-03', '4:00', ''],
    [day, '11:15', '電話', 'カード', 'クレジットカード番号は流出しましたか', '流出していません', 'いいえ', 'OP-07', '1:30', ''],
  ].map((r) => r.map((c) => (typeof c === 'string' ? { value: c } : c)));
  const blob = await writeXlsxFile([[{ value: '日次問い合わせ記録 2026/12/1' }], header.map((value) => ({ value })), ...rows]).toBlob();
  return Buffer.from(await blob.arrayBuffer());
}

const REPORT = ['日付,時間帯,受電数,応答数,放棄呼,平均処理時間,漏えい確認,補償,退会', '令和8年12月1日,9時,120,100,20,4:30,80,15,5', '令和8年12月1日,10時,"1,000",900,100,5:00,700,150,50'].join('\r\n');

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: /問い合わせ・FAQ の画面|Enquiry and FAQ screens/ }).getByRole('button', { name, exact: true }).click();
}

async function choose(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel(/^(ファイル|File)$/).setInputFiles({ name, mimeType, buffer });
}

async function listRows(page: Page): Promise<number> {
  await part(page, '一覧');
  await page.getByRole('heading', { name: '問い合わせ一覧' }).waitFor();
  return (await page.getByRole('table').getByRole('row').count()) - 1;
}

async function openIncident(page: Page) {
  await createWorkspace(page, env.server.url, '山田 花子');
  await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });
  await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
}

describe('the call-centre vendor in the loop', () => {
  it('imports a day file and a report, adds nothing twice, and refuses broken files saying where', async () => {
    const { context, page } = await newPage(env.browser);
    await openIncident(page);
    const workbook = await dayWorkbook();

    await part(page, '取り込み（委託先）');
    await choose(page, 'enquiries_20261201.xlsx', XLSX, workbook);
    await page.getByText('Excel、6行').waitFor();
    expect(await page.getByLabel('ファイルの種類').inputValue()).toBe('log');
    expect(await page.getByLabel('このファイルの日付').inputValue()).toBe('2026-12-01');
    // The guessed columns, shown on the preview.
    expect(await page.getByRole('combobox', { name: '問い合わせ内容', exact: true }).inputValue()).toBe('question');
    expect(await page.getByRole('combobox', { name: 'オペレーターID', exact: true }).inputValue()).toBe('operatorId');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '15-vendorlog-preview');
    await page.getByRole('button', { name: '6件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 6件を追加、0件は登録済み、0件を修正。').waitFor();
    await screenshot(page, '15-vendorlog-done');

    // The daily report, Shift_JIS, per hour with categories as columns.
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await choose(page, 'report_20261201.csv', 'text/csv', Buffer.from(encodeCsv(REPORT, 'shift_jis')));
    await page.getByText('CSV、2行', { exact: false }).waitFor();
    expect(await page.getByLabel('ファイルの種類').inputValue()).toBe('report');
    await page.getByRole('button', { name: '1日分の報告を取り込む' }).click();
    await page.getByText('日次報告を取り込みました：2026-12-01（同じ日の以前の報告は置き換えました）。').waitFor();

    // In the log, marked as the vendor's, with the vendor's operator id.
    expect(await listRows(page)).toBe(6);
    const table = page.getByRole('table');
    expect(await table.getByText('委託先', { exact: true }).count()).toBe(6);
    expect(await table.getByRole('cell', { name: '委託先 OP-12', exact: true }).count()).toBe(2);
    const first = table.getByRole('row').filter({ hasText: '私の個人情報は漏れていますか' });
    expect(await first.getByRole('cell').first().textContent()).toMatch(/2026.12.0?1.*9:05/);
    await screenshot(page, '15-vendorlog-list');
    // In the groups: the two ways of asking "was my data leaked" are one group.
    await part(page, 'グループ');
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    const group = page.getByRole('listitem').filter({ has: page.getByText('私の個人情報は漏れていますか', { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
    await group.getByText('自分の個人情報が漏れたか知りたい', { exact: true }).waitFor();

    // The same file again: nothing added; the mapping was remembered.
    await part(page, '取り込み（委託先）');
    await choose(page, 'enquiries_20261201.xlsx', XLSX, workbook);
    await page.getByText('前回この形のファイルで選んだ列の割り当てを使っています。').waitFor();
    await page.getByRole('button', { name: '6件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 0件を追加、6件は登録済み、0件を修正。').waitFor();

    // A broken workbook: said so, with a way out; nothing changes.
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await choose(page, 'enquiries_20261202.xlsx', XLSX, workbook.subarray(0, Math.floor(workbook.length * 0.6)));
    await page.getByRole('alert').getByText('Excel のファイルが壊れているか、途中までしかありません。委託先にもう一度送ってもらってください。').waitFor();
    await screenshot(page, '15-vendorlog-broken');
    // A CSV whose third line lost columns: the line and the counts.
    await page.getByRole('alert').getByRole('button', { name: '別のファイルを選ぶ' }).click();
    const broken = '受付時刻,問い合わせ内容,回答内容,オペレーターID\r\n9:00,漏れましたか,調べます,OP-1\r\n9:05,補償は？\r\n';
    await choose(page, 'enquiries_20261202.csv', 'text/csv', Buffer.from(broken));
    await page.getByRole('alert').getByText('3行目の列の数が見出しと合いません（見出しは4列、この行は2列）。').waitFor();
    // A row with an unreadable time and an empty question: each by line and column, nothing imported.
    await page.getByRole('alert').getByRole('button', { name: '別のファイルを選ぶ' }).click();
    const bad = '受付時刻,問い合わせ内容,回答内容,オペレーターID\r\n9:00,漏れましたか,調べます,OP-1\r\n朝,補償は？,,OP-2\r\n9:10,,,OP-2\r\n';
    await choose(page, 'enquiries_20261202.csv', 'text/csv', Buffer.from(bad));
    const alert = page.getByRole('alert');
    await alert.getByText('このファイルには直す必要のある箇所があります（2件）。何も取り込んでいません。').waitFor();
    await alert.getByText('3行目・1列目（受付時刻）: 受付時刻が読み取れません。9:05 や 09:05:30 の形で書いてください。').waitFor();
    await alert.getByText('4行目・2列目（問い合わせ内容）: 問い合わせ内容が空です。').waitFor();
    // All or nothing: no import is offered while any row needs fixing.
    expect(await page.getByRole('button', { name: /件を取り込む$/ }).count()).toBe(0);
    await screenshot(page, '15-vendorlog-problems');
    expect(await listRows(page)).toBe(6);

    // A day file without column names: said from its first line; ticked, that line is an enquiry too.
    await part(page, '取り込み（委託先）');
    const headerless = '9:40,私の電話番号も漏れましたか,確認して折り返します,OP-3\r\n9:45,お詫びの品はいつ届きますか,12月中に発送します,OP-4\r\n';
    await choose(page, 'enquiries_20261203.csv', 'text/csv', Buffer.from(headerless));
    await page.getByRole('alert').filter({ hasText: '1行目に日時・電話番号・メールアドレスなどが入っています' }).waitFor();
    await page.getByRole('checkbox', { name: '1行目から問い合わせのデータ（列名の行がないファイル）' }).check();
    await page.getByRole('combobox', { name: '列1', exact: true }).selectOption('time');
    await page.getByRole('combobox', { name: '列2', exact: true }).selectOption('question');
    await screenshot(page, '15-vendorlog-no-header');
    await page.getByRole('button', { name: '2件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 2件を追加、0件は登録済み、0件を修正。').waitFor();
    expect(await listRows(page)).toBe(8);

    // English.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await part(page, 'Import (vendor)');
    await choose(page, 'enquiries_20261201.xlsx', XLSX, workbook);
    await page.getByText('Using the columns you chose last time for a file of this shape.').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '15-vendorlog-preview-en');
    await page.getByRole('button', { name: 'Import 6 enquiries' }).click();
    await page.getByText('Imported: 0 enquiries added, 6 already there, 0 corrected.').waitFor();
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await choose(page, 'enquiries_20261202.csv', 'text/csv', Buffer.from(bad));
    await page.getByRole('alert').getByText('Line 3, column 1 (受付時刻): The time cannot be read. Write it like 9:05 or 09:05:30.').waitFor();
    await screenshot(page, '15-vendorlog-problems-en');
    await context.close();
  });

  it('imports a large day file with the screen responsive, and again adds nothing', async () => {
    const { context, page } = await newPage(env.browser);
    await openIncident(page);
    // 30,000 rows (a large vendor's day) to measure: HONBU_VENDORLOG_ROWS=30000; the suite runs 3,000 to keep CI short.
    const N = Number(process.env.HONBU_VENDORLOG_ROWS ?? 3_000);
    const topics = ['私の個人情報は漏れていますか', 'お詫びの品はもらえますか', '退会したい', 'カード番号は流出しましたか', 'パスワードを変えるべきですか'];
    const lines = ['受付時刻\t分類\t問い合わせ内容\t回答内容\tエスカレーション\tオペレーターID'];
    for (let i = 0; i < N; i++) {
      const s = i % 86_400;
      const time = `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
      lines.push(`${time}\t分類${i % 9}\t${topics[i % topics.length]}（${i}）\t回答\t${i % 13 === 0 ? 'はい' : ''}\tOP-${i % 40}`);
    }
    const file = Buffer.from(encodeCsv(lines.join('\r\n'), 'shift_jis'));
    await part(page, '取り込み（委託先）');
    await choose(page, 'enquiries_20261201.csv', 'text/csv', file);
    await page.getByRole('button', { name: `${N.toLocaleString('en-US')}件を取り込む` }).waitFor();
    // The longest gap between animation frames while the import runs: how long the screen froze.
    await page.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __stop: boolean };
      w.__gaps = [];
      w.__stop = false;
      let last = performance.now();
      const tick = (now: number) => {
        w.__gaps.push(now - last);
        last = now;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    await page.getByRole('button', { name: `${N.toLocaleString('en-US')}件を取り込む` }).click();
    await page.getByRole('progressbar').waitFor();
    await page.getByText(`取り込みました：問い合わせ ${N.toLocaleString('en-US')}件を追加、0件は登録済み、0件を修正。`).waitFor({ timeout: 600_000 });
    const ms = Date.now() - started;
    const gaps = await page.evaluate(() => {
      const w = window as unknown as { __gaps: number[]; __stop: boolean };
      w.__stop = true;
      const sorted = [...w.__gaps].sort((a, b) => a - b);
      return { max: Math.round(sorted.at(-1) ?? 0), p95: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0), frames: sorted.length };
    });
    console.warn(JSON.stringify({ line: 'vendorlog-import', rows: N, ms, frameGapMaxMs: gaps.max, frameGapP95Ms: gaps.p95, frames: gaps.frames }));
    await screenshot(page, '15-vendorlog-30k');
    // Again: nothing added.
    const again = Date.now();
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await choose(page, 'enquiries_20261201.csv', 'text/csv', file);
    await page.getByRole('button', { name: `${N.toLocaleString('en-US')}件を取り込む` }).click();
    await page.getByText(`取り込みました：問い合わせ 0件を追加、${N.toLocaleString('en-US')}件は登録済み、0件を修正。`).waitFor({ timeout: 600_000 });
    console.warn(JSON.stringify({ line: 'vendorlog-reimport', rows: N, ms: Date.now() - again }));
    await context.close();
  });

  // Found by a tester: a week's workbook, one sheet per day, gave its first day only.
  it('reads a workbook of one sheet per day whole, says which sheets it read, and imports every day', async () => {
    const { context, page } = await newPage(env.browser);
    await openIncident(page);
    const header = ['受付日', '受付時刻', 'チャネル', '問い合わせ内容', '回答内容'].map((value) => ({ value }));
    const row = (d: number, time: string, q: string) => [{ value: new Date(Date.UTC(2026, 11, d)), format: 'yyyy/mm/dd' }, { value: time }, { value: '電話' }, { value: q }, { value: '確認中です' }];
    const blob = await writeXlsxFile([
      { sheet: '12月6日', data: [header, row(6, '9:00', '漏えいの対象か知りたい'), row(6, '9:30', '補償はありますか')] },
      { sheet: '12月7日', data: [header, row(7, '10:00', 'パスワードを変えるべきか'), row(7, '10:15', '退会したい'), row(7, '11:45', 'メールは本物ですか')] },
    ]).toBlob();
    await part(page, '取り込み（委託先）');
    await choose(page, 'enquiries_week.xlsx', XLSX, Buffer.from(await blob.arrayBuffer()));
    await page.getByText('読んだシート：').waitFor();
    expect(await page.getByText('読んだシート：').textContent()).toMatch(/12月6日.*12月7日/);
    await screenshot(page, '15-vendorlog-sheets');
    await page.getByRole('button', { name: '5件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 5件を追加、0件は登録済み、0件を修正。').waitFor();
    expect(await listRows(page)).toBe(5);
    const table = page.getByRole('table');
    expect(await table.getByRole('row').filter({ hasText: 'メールは本物ですか' }).getByRole('cell').first().textContent()).toMatch(/2026.12.0?7.*11:45/);
    expect(await table.getByRole('row').filter({ hasText: '補償はありますか' }).getByRole('cell').first().textContent()).toMatch(/2026.12.0?6.*9:30/);
    await context.close();
  });
});
