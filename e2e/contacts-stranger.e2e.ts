/**
 * What a tester who did not write the contact tracker broke with lists of their own (issue
 * 10, second pass): a list pasted together from files with different line ends, a list
 * with one duplicate row, a returned-mail line naming a number two rows share, and the
 * files of a batch made in the small hours in Tokyo. Each file is read back column by
 * column.
 */
import { formatReference, referenceNumber } from '../shared/contacts/reference';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/export/csv';
import { giveReason, readProduced } from './exports';
import { chooseList, contactsPart, createWorkspace, fileFirstReport, fillFacts, importList, startImport, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['会員ID', 'お名前', 'フリガナ', '〒', 'ご住所', 'E-mail', 'TEL'];
const ROWS = [
  ['K0001', '𠮷田 太郎', 'ヨシダ タロウ', '150-0001', '東京都渋谷区1', 'k1@example.jp', '090-1000-0001'],
  ['K0002', '髙橋 一郎', 'タカハシ イチロウ', '150-0002', '東京都渋谷区2', 'k2@example.jp', '090-1000-0002'],
  ['K0003', '渡邉 花子', 'ワタナベ ハナコ', '150-0003', '"東京都港区3\n""グランド""タワー"', 'k3@example.jp', '090-1000-0003'],
  ['K0004', '佐藤 健', 'サトウ ケン', '150-0004', '東京都港区4', 'k4@example.jp', '090-1000-0004'],
  // The same customer number as line 3: a duplicate row, excluded.
  ['K0002', '高橋 一郎', 'タカハシ イチロウ', '150-0002', '東京都渋谷区2', 'k2b@example.jp', '090-1000-0012'],
  ['K0006', '中島 陽子', 'ナカジマ ヨウコ', '150-0006', '東京都港区6', 'k6@example.jp', '090-1000-0006'],
];
/** Windows, Unix and old-Mac line ends in one file, as when lists are pasted together. */
const ENDS = ['\r\n', '\n', '\r', '\r\n', '\n', '\r', '\r\n'];
const FILE = [HEADER, ...ROWS].map((r, i) => r.join(',') + ENDS[i]).join('');
const LIST = { name: '会員.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE, 'utf8') };
const FAQ: [string, string][] = [
  ['クレジットカードの情報も漏れましたか', 'クレジットカード情報は含まれていません。ご不明な点は {{deskPhone}} までお問い合わせください。'],
  ['二次被害の補償はありますか', '被害が確認された場合は個別にご相談ください。'],
  ['不審な電話がかかってきました', '弊社から暗証番号を伺うことはありません。'],
  ['=HYPERLINK("http://x")と表示された', '<script>alert(1)</script>表示について'],
];
const cell = (v: string) => (v.startsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v);

describe('lists a stranger makes', () => {
  it('mixed line ends import; the dashboard leaves the duplicate row out; lines and customers are counted apart; file names carry the day on screen; 吉田 finds 𠮷田', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      // 1:56 on 2 December in Tokyo is still 1 December in UTC.
      await page.clock.setFixedTime(new Date('2026-12-02T01:56:00+09:00'));
      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員情報の流出');

      await chooseList(page, LIST);
      await page.getByText('7 列に分かれています。').waitFor();
      const preview = await page.getByRole('table').first().getByRole('row').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
      expect(preview.slice(0, 3)).toEqual([HEADER, ROWS[0], ROWS[1]]);
      await startImport(page, '6 件を取り込みました。重複 1 件');
      await page.getByText('7行 1列: 顧客番号が重複しています（最初の出現: 3行）').waitFor();
      await screenshot(page, 'b10-mixed-ends-imported');

      // Five customers to contact; the duplicate row is nobody to reach.
      await contactsPart(page, '集計');
      await page.locator('[data-kpi="total"]').filter({ hasText: /^5$/ }).waitFor();
      await page.getByText('対象外 1 件を除く').waitFor();

      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '5 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・2026\/12\/02 1:56 作成・5 件$/ });
      await giveReason(post);
      const [d] = await Promise.all([page.waitForEvent('download'), post.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click()]);
      expect(d.suggestedFilename()).toBe('会員-mailing-utf8-2026-12-02.csv');
      const bytes = await readFile((await d.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = readProduced(new Uint8Array(bytes), 'utf-8-bom', '山田 花子');
      expect(records).toEqual([
        ['顧客番号', '照会番号', '郵便番号', '住所', '氏名', '区分'],
        // The reference number of each row of list 01 (row 4 is the duplicate left out).
        ...[0, 1, 2, 3, 5].map((i) => [ROWS[i]![0], formatReference(referenceNumber(1, i)), ROWS[i]![3], cell(ROWS[i]![4]!), ROWS[i]![1], ''].map((v) => v!)),
      ]);
      await post.getByRole('button', { name: '送付済みにする' }).click();

      // One line naming the number both K0002 rows carry: one line, two customers.
      await contactsPart(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('K0002,宛所不明');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('1 行中 1 件が一致（お客様 2 名）。').waitFor();
      // The same customer twice and one unknown number: two of three lines, one customer.
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('K0004,宛所不明\nK0004,宛所不明\nK9999,宛所不明');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('3 行中 2 件が一致（お客様 1 名）。').waitFor();
      await screenshot(page, 'b10-results-lines-customers');

      // Everyone else reached: 100 %, though one row of the list was excluded.
      await contactsPart(page, 'バッチ');
      await post.getByRole('button', { name: '返送のなかった分を連絡済みにする' }).click();
      await post.getByText('5 件を連絡済みにしました。').waitFor();
      await contactsPart(page, '集計');
      await page.locator('[data-kpi="reached"]').filter({ hasText: /^5$/ }).waitFor();
      await page.getByText('連絡済み 100.0%').waitFor();
      expect(await page.locator('[data-phase="excluded"]').textContent()).toBe('1');
      await screenshot(page, 'b10-dashboard-excluded');

      // The validation report is still there once the import screen has been left.
      await contactsPart(page, '取り込み');
      const lists = page.getByRole('region', { name: '取り込み済みのリストと検証レポート' });
      await lists.getByText(/^リスト 01・会員\.csv（.*・6 件） — 警告 1 件/).waitFor();
      const [r] = await Promise.all([page.waitForEvent('download'), lists.getByRole('button', { name: /^「リスト 01・会員\.csv（.*）」の検証レポートを保存$/ }).click()]);
      const report = await readFile((await r.path())!);
      expect(parseCsv(report.subarray(3).toString('utf8'))).toEqual([
        ['行', '列', '種類', '内容', '最初の出現行'],
        ['7', '1', '警告', '顧客番号が重複しています（最初の出現: 3行）', '3'],
      ]);
      await screenshot(page, 'b10-import-lists');

      // The caller says 吉田 and 渡辺; the list has 𠮷田 and 渡邉.
      await contactsPart(page, '検索');
      await page.getByLabel('検索方法').selectOption('postcode-name');
      const card = page.getByRole('region', { name: 'お客様カード' });
      for (const [postcode, said, no] of [['150-0001', '吉田', 'K0001'], ['１５０－０００３', '渡辺', 'K0003']]) {
        await page.getByLabel('検索する値').fill(postcode!);
        await page.getByLabel('氏名（姓だけでも可）').fill(said!);
        await card.locator('[data-field="customerNo"]').filter({ hasText: no! }).waitFor();
      }
    } finally {
      await context.close();
    }
  });

  it('FAQ entries of my own: found by kana and half-width readings, held back while a fact is unknown, published escaped, the table headed in words', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '通販サイトの会員情報の流出');
      await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
      const nav = page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' });
      await nav.getByRole('button', { name: 'FAQ', exact: true }).click();
      for (const [q, a] of FAQ) {
        await page.getByRole('button', { name: '新しい FAQ' }).click();
        await page.getByLabel('質問', { exact: true }).fill(q);
        await page.getByLabel('回答（差し込み項目を使えます）').fill(a);
        await page.getByRole('button', { name: '保存（新しい版）' }).click();
        await page.getByRole('button', { name: '承認する' }).click();
        await page.getByText(/^承認 /).waitFor();
        await page.getByRole('button', { name: '一覧へ戻る' }).click();
      }
      expect(await page.getByRole('table').first().getByRole('columnheader').allTextContents()).toEqual(['質問', '分類', '状態', '使用回数']);

      // Publishing stops on the unknown desk phone; filled in, the HTML carries it, escaped.
      await page.getByRole('button', { name: 'Web 用 HTML' }).click();
      const gate = page.getByRole('dialog', { name: 'まだ決まっていない事実があります' });
      await gate.getByText('問い合わせ窓口の電話番号', { exact: true }).waitFor();
      await gate.getByRole('button', { name: 'やめる' }).click();
      await fillFacts(page, { deskPhone: '0120-000-111' });
      await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
      await nav.getByRole('button', { name: 'FAQ', exact: true }).click();
      // The answer quoting the phone changed: it waits for approval and the export says it leaves it out.
      await page.getByRole('note').filter({ hasText: `要再承認の FAQ 1 件（${FAQ[0]![0]}）は、引用している事実が変わったため書き出しに含まれません。` }).waitFor();
      await screenshot(page, 'b10-faq-left-out');
      await page.getByRole('button', { name: FAQ[0]![0] }).click();
      await page.getByRole('button', { name: '承認する' }).click();
      await page.getByText(/^承認 /).waitFor();
      await page.getByRole('button', { name: '一覧へ戻る' }).click();
      // The list follows the approval as soon as the change reaches it.
      await expect.poll(() => page.getByRole('note').filter({ hasText: '要再承認' }).count(), { timeout: 15_000 }).toBe(0);
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Web 用 HTML' }).click()]);
      const html = (await readFile((await d.path())!)).toString('utf8');
      expect(html).toContain('<h2>Q. =HYPERLINK(&quot;http://x&quot;)と表示された</h2>');
      expect(html).toContain('<p>A. &lt;script&gt;alert(1)&lt;/script&gt;表示について</p>');
      expect(html).toContain('0120-000-111');
      expect(html).not.toContain('未確定');

      await nav.getByRole('button', { name: 'オペレーター検索', exact: true }).click();
      await page.getByText('読みの辞書を読み込み中です', { exact: false }).waitFor({ state: 'detached', timeout: 60_000 });
      const box = page.getByLabel('質問を入力して検索');
      const searches: [string, string][] = [['くれじっと', FAQ[0]![0]], ['ｸﾚｼﾞｯﾄ', FAQ[0]![0]], ['もれましたか', FAQ[0]![0]], ['ほしょう', FAQ[1]![0]], ['ﾌｼﾝﾅﾃﾞﾝﾜ', FAQ[2]![0]], ['あんしょうばんごう', FAQ[2]![0]]];
      for (const [query, first] of searches) {
        await box.fill(query);
        await expect.poll(async () => (await page.locator('.answers > li h3').allTextContents())[0], { message: query }).toBe(first);
      }
      await screenshot(page, 'b10-faq-readings');
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('navigation', { name: 'Enquiry and FAQ screens' }).getByRole('button', { name: 'FAQ', exact: true }).click();
      expect(await page.getByRole('table').first().getByRole('columnheader').allTextContents()).toEqual(['Question', 'Category', 'State', 'Times used']);
    } finally {
      await context.close();
    }
  });

  // Found by a stranger: IncidentHeader wrote `${date}（${remaining}）` with full-width
  // brackets in code, and the deadline as '2026-12-07', so the English header read
  // '2026-12-07（5 d 21 h left）'. The pair is a dictionary message and the date is written
  // in the language on screen.
  it('in English the incident header carries no Japanese brackets, and its deadline reads as an English date', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員情報の流出');
      // Over 1,000 people: the PPC's deadlines run, and the next one is in the header.
      await fillFacts(page, { confirmedCount: '1200', maxCount: '1500' });
      const deadline = page.locator('.incident-header [data-fact="nextDeadline"]');
      expect(await deadline.textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2}（残り/);
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('tab', { name: 'Customers' }).waitFor();
      const header = (await page.locator('.incident-header').innerText()).replace('会員情報の流出', '');
      expect(header).not.toMatch(/[（）「」【】\u3040-\u30ff\u4e00-\u9fff]/);
      expect(await deadline.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4} \(\d+ d \d+ h left\)$/);
    } finally {
      await context.close();
    }
  });

  // With no approved notice, a post batch printed 'letters' from the default wording marked
  // 【下書き（未承認）】 with no sender (the company profile empty), and neither the gate nor
  // the batch said so. Letters and the e-mail text are made only from the approved notice,
  // current with the facts, with a sender; otherwise nothing is saved and the dialog says
  // what is missing and takes the person there.
  it('letters from an unapproved notice draft are not saved without saying so', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '会員情報の流出', { leaked: ['氏名', '住所', 'メールアドレス'] });
      await fillFacts(page, { deskPhone: '0120-000-111', deskHours: '9:00〜18:00' });
      await importList(page, LIST, '件を取り込みました');
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      const post = page.getByRole('listitem', { name: /^郵便・/ });
      let saved = false;
      page.on('download', () => (saved = true));
      await giveReason(post);
      await post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click();
      const dialog = page.getByRole('dialog', { name: '手紙・メールをまだ作れません' });
      await dialog.waitFor({ timeout: 5_000 });
      expect(await dialog.locator('[data-gap]').allTextContents()).toEqual(['本人通知の文面がまだ承認されていません。', '差出人がありません。設定の会社情報に会社名がありません。']);
      await screenshot(page, '70-notice-not-ready');
      expect(saved).toBe(false);

      // The e-mail text of an e-mail batch stops the same way (nothing on the clipboard).
      await page.getByLabel('手段').selectOption('email');
      await dialog.getByRole('button', { name: '閉じる' }).click();
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      const mail = page.getByRole('listitem', { name: /^メール・/ });
      await mail.getByRole('button', { name: 'メール本文をコピー' }).click();
      await dialog.waitFor();
      expect(await mail.getByRole('button', { name: 'コピーしました' }).count()).toBe(0);
      await mail.page().keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // The company: Settings → company profile.
      await post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click();
      await dialog.getByRole('button', { name: '設定の会社情報を開く' }).click();
      await page.getByRole('heading', { name: '会社情報' }).waitFor();
      await page.locator('#company-name').fill('株式会社サンプル');
      await page.getByRole('button', { name: '会社情報を保存' }).click();
      await page.getByRole('status').filter({ hasText: '保存しました。' }).first().waitFor();
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
      await page.getByRole('row').filter({ hasText: '会員情報の流出' }).getByRole('button').first().click();

      // The notice: "open the notice" lands on the notice editor; approved there, letters are saved.
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await contactsPart(page, 'バッチ');
      await post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click();
      expect(await dialog.locator('[data-gap]').allTextContents()).toEqual(['本人通知の文面がまだ承認されていません。']);
      await dialog.getByRole('button', { name: '本人通知を開く' }).click();
      await page.getByRole('button', { name: '通知文 第1版を作成' }).click();
      await page.getByRole('button', { name: '山田 花子 として承認する' }).click();
      await page.getByText(/^承認 山田 花子/).waitFor();
      expect(saved).toBe(false);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await contactsPart(page, 'バッチ');
      await giveReason(post);
      const [letters] = await Promise.all([page.waitForEvent('download'), post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()]);
      const html = await readFile((await letters.path())!, 'utf8');
      expect(html).toContain('株式会社サンプル');
      expect(html).not.toContain('下書き');

      // A fact the approved notice quotes changes: the letters stop again until a new version is approved.
      await fillFacts(page, { deskPhone: '0120-000-222' });
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await contactsPart(page, 'バッチ');
      await post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click();
      expect(await dialog.locator('[data-gap]').allTextContents()).toEqual([expect.stringMatching(/^承認した本人通知（第1版）の後で事実が変わりました（.*0120-000-111 → 0120-000-222.*）/)]);
    } finally {
      await context.close();
    }
  });

  // Excel's 「Unicode テキスト」 (UTF-16 LE, tabs) of a list kept by hand: a full-width number,
  // a name outside Shift_JIS, a customer with nothing but a number and a phone, a pasted
  // 5,000-character complaint in the notes, and rows whose cells were cleared.
  it('a hand-kept Unicode text list imports with its long notes and cleared rows reported; a customer waiting for the notice who calls in is reached', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      const head = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', '備考'];
      const complaint = '対応が遅いとのご意見。'.repeat(500);
      const rows = [
        ['Ｋ０００１', '𠮷田 太郎', 'ヨシダ タロウ', '１５０－０００１', '東京都渋谷区１－２－３', '', '', ''],
        ['K0002', '髙橋 一郎', 'タカハシ イチロウ', '150-0002', '東京都渋谷区2', 'ｔａｋａｈａｓｈｉ＠ｅｘａｍｐｌｅ．ｊｐ', '090-1000-0002', complaint],
        ['K0003', '', '', '', '', '', '０３－１２３４－５６７８', ''],
      ];
      const text = [head, ...rows].map((r) => r.join('\t')).join('\r\n') + '\r\n' + '\t'.repeat(7) + '\r\n' + '\t'.repeat(7) + '\r\n';
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員情報の流出');
      await chooseList(page, { name: '手入力リスト.txt', mimeType: 'text/plain', buffer: utf16 });
      await page.getByText('8 列に分かれています。').waitFor();
      await startImport(page, 3);
      await page.getByText('3行 8列: 2,000 文字を超える値です。使わない列なので、そのまま保存しました').waitFor();
      await page.getByText('5行: 区切り文字だけの空の行です。飛ばしました（連絡先に含めていません）').waitFor();
      await page.getByText('6行: 区切り文字だけの空の行です。飛ばしました（連絡先に含めていません）').waitFor();
      await screenshot(page, 'b10-unicode-text-imported');

      // K0003 has only a phone; everyone else is on the post first. A letter comes back for
      // K0001 (no e-mail, no phone): every channel is behind them, they wait for the notice.
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '2 件のバッチを作成しました。' }).waitFor();
      await contactsPart(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('K0001\t宛所不明');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByText('反映しました。').waitFor();
      await contactsPart(page, '集計');
      await page.locator('[data-kpi="unreachable"]').filter({ hasText: /^1$/ }).waitFor();

      // They call the desk and are told in person: reached, not covered.
      await contactsPart(page, '検索');
      await page.getByLabel('検索する値').fill('k0001');
      const card = page.getByRole('region', { name: 'お客様カード' });
      await card.locator('[data-field="customerNo"]').filter({ hasText: 'Ｋ０００１' }).waitFor();
      expect(await card.locator('[data-field="status"]').textContent()).toBe('未着手 · 公告（代替措置）');
      await card.getByRole('heading', { name: '本人から連絡があり、説明できたとき' }).waitFor();
      await screenshot(page, 'b10-card-called-in');
      await card.getByLabel('メモ（任意）').fill('本人から電話。経緯を説明');
      await card.getByRole('button', { name: '本人に説明できた（連絡済みにする）' }).click();
      await card.getByText('記録しました。').waitFor();
      await card.locator('[data-field="status"]').filter({ hasText: '連絡済み · 本人からの連絡で説明' }).waitFor();
      await contactsPart(page, '集計');
      await page.locator('[data-kpi="reached"]').filter({ hasText: /^1$/ }).waitFor();
      expect(await page.locator('[data-kpi="unreachable"]').textContent()).toBe('0');
      expect(await page.locator('[data-kpi="covered"]').textContent()).toBe('0');
      await page.getByText('うち 1 件は本人からの連絡で説明').waitFor();
      await screenshot(page, 'b10-dashboard-called-in');
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByText('1 told when they called us').waitFor();
      await screenshot(page, 'b10-dashboard-called-in-en');
    } finally {
      await context.close();
    }
  });
});
