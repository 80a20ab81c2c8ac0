/**
 * Issue 18 end to end, in Japanese and in English: an unauthorised-access incident (12,000
 * confirmed / 15,000 maximum; name, address, e-mail, card data) through the disclosure
 * flow — the company profile, the assessment derived from the facts, a filing (a future
 * time refused), a decision that needs what it needs, approval by a direction member only,
 * a statement, its 続報, a notice and the closing report — each document printed to PDF and
 * read back (text, pages, fonts, layout, a PNG of page 1), and every value typed into the
 * PPC draft still there after a reload.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, jstDate } from '../shared/disclosure/deadlines';
import { unnamedControls } from './a11y';
import { createWorkspace, PASSPHRASE } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';
import { COMPANY, W, type Lang } from './disclosure-words';
import { flat, printToPdf, type PrintedPdf } from './pdf';

const env = useBrowserAndServer();


/** What every printed document must be: A4, real text in a CJK font, page numbers, the width of the page, no controls. */
function expectDocument(pdf: PrintedPdf, w: (typeof W)[Lang], maxPages: number) {
  expect(pdf.size.width).toBeCloseTo(595, -1);
  expect(pdf.size.height).toBeCloseTo(842, -1);
  expect(pdf.pages).toBeGreaterThanOrEqual(1);
  expect(pdf.pages).toBeLessThanOrEqual(maxPages);
  // The document's own face (a Japanese Gothic), present and embedded; the text is real text.
  expect(pdf.fontFamily).toMatch(/^"?Noto Sans CJK JP"?,/);
  expect(pdf.fontAvailable).toBe(true);
  expect(pdf.fontsEmbedded).toBe(true);
  expect(pdf.text).toMatch(new RegExp(`1\\s*/\\s*${pdf.pages}`));
  // Not the left 48 % of the page: the text runs to the right margin and the date sits right.
  expect(pdf.usesRightHalf).toBe(true);
  expect(pdf.rightmost).toBeGreaterThan(0.75);
  for (const control of w.controls) expect(pdf.text, control).not.toContain(control);
}

async function sub(page: Page, w: (typeof W)[Lang], part: keyof (typeof W)['ja']['nav']) {
  await page.getByRole('tab', { name: w.tabs.disclosure }).click();
  await page.getByRole('navigation', { name: w.subnav }).getByRole('button', { name: w.nav[part] }).click();
}

async function editFacts(page: Page, w: (typeof W)[Lang], values: Record<string, string>, notLeakedBank = false) {
  await page.getByRole('tab', { name: w.tabs.overview }).click();
  await page.getByRole('button', { name: w.editFacts }).click();
  for (const [id, value] of Object.entries(values)) await page.locator(`#fact-${id}`).fill(value);
  // The bank account item (index 7 of the data items) did not leak.
  if (notLeakedBank) await page.locator('input[name="fact-not-leaked"]').nth(7).check();
  await page.getByRole('button', { name: w.saveFacts }).click();
  await page.getByRole('status').filter({ hasText: w.factsSaved }).waitFor();
}

async function flow(lang: Lang) {
  const w = W[lang];
  const me = '山田 花子';
  const { context, page } = await newPage(env.browser);
  await createWorkspace(page, env.server.url, me);
  if (lang === 'en') {
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  }
  const menu = page.getByRole('navigation', { name: w.mainMenu });

  // The company profile, used by the PPC draft, statements and notices.
  await menu.getByRole('button', { name: w.settings }).click();
  for (const [field, value] of Object.entries(COMPANY)) await page.locator(`#company-${field}`).fill(value);
  await page.getByRole('button', { name: w.saveCompany }).click();
  await page.getByRole('status').filter({ hasText: w.saved }).first().waitFor();
  expect(await unnamedControls(page)).toEqual([]);
  await screenshot(page, `49-company-${lang}`);

  // The first report: unauthorised access, card data, 12,000 / 15,000.
  await menu.getByRole('button', { name: w.incidents }).click();
  await page.getByRole('button', { name: w.createFirst }).click();
  await page.locator('#first-title-input').fill('ECサイト不正アクセス（社内用件名）');
  await page.locator('#first-scenario').selectOption('unauthorised-access');
  await page.locator('#first-foundBy').fill('委託先 システム部');
  await page.locator('#first-foundWhere').fill('決済代行会社の不正検知');
  for (const i of [0, 1, 5, 6]) await page.locator('input[name="first-items"]').nth(i).check();
  await page.locator('#first-confirmedCount').fill('12,000');
  await page.locator('#first-maxCount').fill('15000');
  await page.locator('#first-actions').fill('サイトを停止し、アクセスログを保全した');
  await page.getByRole('button', { name: w.submitFirst }).click();
  await page.getByRole('heading', { name: w.boardHeading }).waitFor();
  const learned = jstDate(new Date());
  const finalDate = addDays(learned, 60);

  // Item 5: improper purpose and financial harm derived from the facts, and said so; 60 days.
  await sub(page, w, 'regulator');
  await page.getByText(w.derivedImproper).first().waitFor();
  expect(await page.getByText(w.derivedCard).count()).toBe(1);
  expect(await page.getByRole('group', { name: lang === 'ja' ? /不正の目的/ : /improper purpose/ }).getByRole('radio', { name: w.yes }).isChecked()).toBe(true);
  // The date as people read it in the language on screen (2027/01/31, 31 Jan 2027), never '2027-01-31'.
  const onScreen = new Intl.DateTimeFormat(w.locale, lang === 'ja' ? { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${finalDate}T00:00:00Z`));
  expect(await page.locator('[data-clock="ppc-final"]').textContent()).toBe(w.finalDate(onScreen));
  // …and the board task for the final report is due that same day (one source).
  await page.getByRole('tab', { name: w.tabs.board }).click();
  const task = page.getByRole('listitem').filter({ hasText: w.finalTask });
  const shown = new Intl.DateTimeFormat(w.locale, { dateStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date(`${finalDate}T12:00:00+09:00`));
  expect(await task.textContent()).toContain(shown);

  // A contractor, by name.
  await sub(page, w, 'regulator');
  await page.getByRole('checkbox', { name: w.contractorCheck }).check();
  await page.locator('#reg-contractor').fill('株式会社サンプル運営');
  await page.getByRole('button', { name: w.saveSettings }).click();
  await page.getByRole('status').filter({ hasText: w.saved }).waitFor();

  // Item 4: a filing time tomorrow is refused, and one before the discovery; one now is recorded with its receipt number.
  const pre = page.getByRole('group', { name: w.preliminary });
  const local = (ms: number) => {
    const d = new Date(ms + 9 * 3600_000);
    return d.toISOString().slice(0, 16);
  };
  await pre.locator('#filed-preliminary').fill(local(Date.now() + 24 * 3600_000));
  await pre.locator('#ref-preliminary').fill('PPC-2026-0001');
  await pre.getByRole('button', { name: w.markPreliminary }).click();
  expect(await pre.getByRole('alert').textContent()).toContain(w.future);
  // An hour ago is before the company learned of it (the discovery, minutes ago): a typo, refused too.
  await pre.locator('#filed-preliminary').fill(local(Date.now() - 3600_000));
  await pre.getByRole('button', { name: w.markPreliminary }).click();
  expect(await pre.getByRole('alert').textContent()).toContain(w.beforeLearned);
  await pre.locator('#filed-preliminary').fill(local(Date.now()));
  await pre.getByRole('button', { name: w.markPreliminary }).click();
  await pre.locator('.ok').filter({ hasText: w.filed }).waitFor();
  expect(await pre.locator('.ok').textContent()).toContain('PPC-2026-0001');
  expect(await unnamedControls(page)).toEqual([]);
  await screenshot(page, `50-regulator-${lang}`);

  // Item 2: an empty decision records nothing, and says what is missing; nothing is pre-selected.
  await sub(page, w, 'decision');
  expect(await page.getByRole('radio', { name: w.publish, exact: true }).isChecked()).toBe(false);
  await page.getByRole('button', { name: w.recordDecision }).click();
  const problems = await page.getByRole('alert').textContent();
  for (const p of w.decisionProblems) expect(problems).toContain(p);
  await screenshot(page, `51-decision-problems-${lang}`);
  for (const v of w.viewpoints) await page.getByRole('combobox', { name: w.ratingLabel(v) }).selectOption('high');
  await page.getByRole('radio', { name: w.publish, exact: true }).check();
  await page.getByLabel(w.why, { exact: true }).fill('カード情報を含み、1万人を超えるため');
  await page.getByRole('checkbox', { name: w.corporateSite }).check();
  await page.getByLabel(w.decidedBy, { exact: true }).selectOption({ label: me });
  await page.getByRole('button', { name: w.recordDecision }).click();
  await page.getByRole('status').filter({ hasText: w.recorded }).waitFor();
  await screenshot(page, `51-decision-${lang}`);

  // Facts the statement quotes.
  await editFacts(page, w, { services: 'オンラインストアの会員', deskPhone: '0120-123-456', deskHours: '9:00〜18:00', nextUpdateAt: '2026-12-01T17:00', occurredAt: '2026-11-10T12:30' }, true);

  // Item 3: whoever created the workspace is in direction from the start, so the approve button
  // is live here (a member without the role is shown a disabled button and why: e2e/roles.e2e.ts).
  await sub(page, w, 'statement');
  await page.getByRole('button', { name: w.createStatement }).click();
  await page.getByRole('button', { name: w.approveAs(me) }).waitFor();
  expect(await page.locator('[data-who-may-approve]').count()).toBe(0);
  await page.getByRole('button', { name: w.approveAs(me) }).click();
  await page.getByRole('button', { name: w.markPublished }).click();
  await page.locator('.ok').filter({ hasText: lang === 'ja' ? '公表 ' : 'Published ' }).waitFor();
  expect(await page.getByText(lang === 'ja' ? `承認 ${me}` : `Approved by ${me}`).count()).toBe(1);
  const statementPdf = await printToPdf(page, `53-statement-${lang}`);
  expectDocument(statementPdf, w, 2);
  const st = flat(statementPdf.text);
  for (const must of [COMPANY.representative, w.headline, w.confirmed, '0120-123-456', 'オンラインストアの会員', w.closingWord]) expect(st, must).toContain(flat(must));
  expect(st).toContain(flat(lang === 'ja' ? COMPANY.name : COMPANY.nameEn));
  expect(st).toContain(flat(new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(new Date())));
  expect(st).not.toContain(flat('ECサイト不正アクセス（社内用件名）'));
  expect(st).not.toMatch(/第1版|Version1/);
  await screenshot(page, `53-statement-${lang}`);

  // Item 9: the count rises — the published statement is flagged; the 続報 says what changed.
  await editFacts(page, w, { confirmedCount: '12,480' });
  await sub(page, w, 'statement');
  await page.getByText(w.staleBadge).first().waitFor();
  await page.getByRole('button', { name: w.createFollowUp }).click();
  await page.getByRole('button', { name: w.approveAs(me) }).click();
  await page.getByRole('button', { name: w.markPublished }).click();
  await page.locator('.ok').filter({ hasText: lang === 'ja' ? '公表 ' : 'Published ' }).waitFor();
  const followPdf = await printToPdf(page, `54-follow-up-${lang}`);
  expectDocument(followPdf, w, 2);
  const fu = flat(followPdf.text);
  for (const must of [w.followUpHeadline, w.whatChanged, w.changeLine, w.raised]) expect(fu, must).toContain(flat(must));
  expect(fu.indexOf(flat(w.whatChanged))).toBeLessThan(fu.indexOf(flat(w.raised.slice(0, 2))) + 1000);

  // Item 10: a notice as its own approved document, with sender and date; the e-mail text saved.
  await sub(page, w, 'notices');
  await page.getByRole('button', { name: w.createNotice }).click();
  await page.getByRole('button', { name: w.approveAs(me) }).click();
  await page.locator('.ok').filter({ hasText: lang === 'ja' ? '承認 ' : 'Approved by ' }).waitFor();
  const noticePdf = await printToPdf(page, `55-notice-${lang}`);
  expectDocument(noticePdf, w, 2);
  const nt = flat(noticePdf.text);
  for (const must of [w.noticeTitle, COMPANY.representative, w.noticeSummary, '0120-123-456']) expect(nt, must).toContain(flat(must));
  expect(nt).not.toContain(flat('ECサイト不正アクセス（社内用件名）'));
  expect(nt).not.toMatch(/連名|jointly/);
  const [mail] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.exportEmail }).click()]);
  const mailText = await readFile((await mail.path())!, 'utf8');
  expect(mailText.split('\n')[0]).toBe(w.subject);
  expect(mailText).toContain(lang === 'ja' ? COMPANY.name : COMPANY.nameEn);
  await screenshot(page, `55-notice-${lang}`);

  // A contact with the card company, for the report and the closing report.
  await sub(page, w, 'contacts');
  await page.getByLabel(w.contactParty, { exact: true }).selectOption('card-company');
  await page.getByLabel(w.contactWho, { exact: true }).fill('Aカード 不正対策室');
  await page.getByRole('button', { name: w.addContact }).click();
  await page.getByRole('cell', { name: 'Aカード 不正対策室' }).waitFor();

  // Items 1 and 7: every field of the PPC draft typed, each an event; items 5–8 start filled in.
  await sub(page, w, 'regulator');
  expect(await page.locator('#ppc-publication').inputValue()).not.toBe('');
  expect(await page.locator('#ppc-secondaryHarm').inputValue()).toContain(lang === 'ja' ? 'クレジットカード番号が含まれる' : 'Card numbers are included');
  // A field the app filled in says so; one it could not fill (nothing known yet) says it is empty.
  const states = await page.locator('[id^="ppc-"][id$="-state"]').evaluateAll((badges) =>
    badges.map((b) => ({ value: (document.getElementById(b.id.slice(0, -'-state'.length)) as HTMLTextAreaElement).value, state: b.textContent })),
  );
  expect(states.filter((x) => x.value !== '').map((x) => x.state)).toEqual(states.filter((x) => x.value !== '').map(() => (lang === 'ja' ? '自動入力' : 'Filled in')));
  expect(states.filter((x) => x.value === '').map((x) => x.state)).toEqual(states.filter((x) => x.value === '').map(() => (lang === 'ja' ? '未記入' : 'Missing')));
  expect(states.filter((x) => x.value === '').length).toBeGreaterThan(0);
  // One the app filled, cleared by hand: empty is empty, whoever emptied it; what the app knows can be taken back.
  await page.locator('#ppc-secondaryHarm').fill('   ');
  await page.locator('#ppc-secondaryHarm').blur();
  await expect.poll(() => page.locator('#ppc-secondaryHarm-state').textContent()).toBe(lang === 'ja' ? '未記入' : 'Missing');
  expect(await page.getByRole('button', { name: lang === 'ja' ? /^自動入力に戻す/ : /^Use what the app knows again/ }).count()).toBe(1);
  const typed: Record<string, string> = {
    foundBy: '委託先のシステム部（定期監視）',
    discovery: '決済代行会社からの不正利用の連絡で発覚',
    course: '11月10日から20日にかけて、ECサイトの脆弱性を突いた不正アクセスが続いた',
    cause: '委託先が運用するECサイトのSQLインジェクション脆弱性',
    secondaryHarm: 'カードの不正利用 3件（カード会社確認済み）',
    individualResponse: '対象者全員に郵送とメールで通知',
    publication: '12月1日に当社ウェブサイトで公表',
    prevention: 'WAF を導入し、委託先の脆弱性診断を四半期ごとに行う',
    other: '警察に相談済み',
    subjectsNote: '退会済み会員',
  };
  await page.locator('#ppc-stage').selectOption('final');
  await page.locator('#ppc-date').fill('2026-12-10');
  await page.locator('#ppc-medium').selectOption('electronic');
  await page.locator('#ppc-causedBy').selectOption('contractor');
  // Two quick ticks stay ticked while each is saved: the first save used to untick the second for a
  // moment when it was stored, and a click on the second at that moment did nothing.
  const ticks = await Promise.all([w.customers, w.otherSubject].map((name) => page.getByRole('checkbox', { name, exact: true }).elementHandle()));
  const flickered = await page.evaluate(async (boxes) => {
    const inputs = boxes as HTMLInputElement[];
    for (const box of inputs) box.click();
    const channel = new MessageChannel();
    const nextTask = () => new Promise<void>((resolve) => { channel.port1.onmessage = () => resolve(); channel.port2.postMessage(null); });
    let seenOff = false;
    for (const end = performance.now() + 2000; performance.now() < end; await nextTask()) if (inputs.some((box) => !box.checked)) seenOff = true;
    return seenOff;
  }, ticks);
  expect(flickered, 'a tick went off while the ticks were saved').toBe(false);
  await page.getByRole('checkbox', { name: w.customers, exact: true }).check();
  await page.getByRole('checkbox', { name: w.otherSubject, exact: true }).check();
  for (const [field, value] of Object.entries(typed)) {
    await page.locator(`#ppc-${field}`).fill(value);
    await page.locator(`#ppc-${field}`).blur();
  }
  await page.locator('[data-item="other"]').filter({ hasText: typed.other! }).waitFor();
  expect(await unnamedControls(page)).toEqual([]);
  await screenshot(page, `56-ppc-${lang}`);
  const ppcPdf = await printToPdf(page, `56-ppc-${lang}`);
  expectDocument(ppcPdf, w, 4);
  const pp = flat(ppcPdf.text);
  for (const must of [w.ppcTitle, COMPANY.name, COMPANY.corporateNumber, COMPANY.representative, COMPANY.contactPerson, w.cases, w.entrustment, w.media, w.causers, typed.course!, typed.secondaryHarm!, '12,480', w.myNumberNo]) {
    expect(pp, must).toContain(flat(must));
  }
  // The dates of occurrence and discovery.
  expect(pp).toContain(flat(lang === 'ja' ? '2026年11月10日' : '10 November 2026'));
  expect(pp).toContain(flat(new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(new Date())));

  // Item 11: the closing report has the disclosure record and the points for an attack.
  await page.getByRole('tab', { name: w.tabs.closing }).click();
  await page.getByLabel(w.measures).first().fill('WAF を導入する');
  await page.getByRole('button', { name: w.savePoint }).click();
  await page.getByLabel(w.pdcaText, { exact: true }).fill('検知ルールを週次で見直す');
  await page.getByLabel(w.pdcaTo, { exact: true }).fill('取締役 鈴木');
  await page.getByRole('button', { name: w.addPdca }).click();
  await page.getByRole('listitem').filter({ hasText: '検知ルールを週次で見直す' }).waitFor();
  await screenshot(page, `57-closing-${lang}`);
  const closingPdf = await printToPdf(page, `57-closing-${lang}`);
  expectDocument(closingPdf, w, 12);
  const cl = flat(closingPdf.text);
  for (const must of [w.closingTitle, w.closingDisclosure, 'PPC-2026-0001', 'Aカード 不正対策室', 'WAF を導入する', '検知ルールを週次で見直す']) expect(cl, must).toContain(flat(must));
  expect(cl).not.toMatch(/モチベーション|motivation/);

  // Every value typed survives a reload.
  await page.reload();
  await page.getByLabel(w.passphrase).fill(PASSPHRASE);
  await page.getByRole('button', { name: w.unlock }).click();
  await page.getByRole('button', { name: w.lock, exact: true }).waitFor({ timeout: 30_000 });
  await page.getByRole('row').filter({ hasText: 'ECサイト不正アクセス' }).getByRole('button').first().click();
  await sub(page, w, 'regulator');
  for (const [field, value] of Object.entries(typed)) expect(await page.locator(`#ppc-${field}`).inputValue(), field).toBe(value);
  expect(await page.locator('#ppc-stage').inputValue()).toBe('final');
  expect(await page.locator('#ppc-date').inputValue()).toBe('2026-12-10');
  expect(await page.locator('#ppc-medium').inputValue()).toBe('electronic');
  expect(await page.locator('#ppc-causedBy').inputValue()).toBe('contractor');
  expect(await page.getByRole('checkbox', { name: w.customers, exact: true }).isChecked()).toBe(true);
  expect(await page.locator('#reg-contractor').inputValue()).toBe('株式会社サンプル運営');
  expect(await page.locator('[data-clock="ppc-preliminary"]').locator('..').textContent()).toContain('PPC-2026-0001');
  await sub(page, w, 'decision');
  expect(await page.getByLabel(w.why, { exact: true }).inputValue()).toBe('カード情報を含み、1万人を超えるため');
  expect(await page.getByRole('radio', { name: w.publish, exact: true }).isChecked()).toBe(true);
  await sub(page, w, 'contacts');
  await page.getByRole('cell', { name: 'Aカード 不正対策室' }).waitFor();
  await menu.getByRole('button', { name: w.settings }).click();
  for (const [field, value] of Object.entries(COMPANY)) expect(await page.locator(`#company-${field}`).inputValue(), field).toBe(value);

  // The timeline says who approved, and what was typed into the draft.
  await menu.getByRole('button', { name: w.incidents }).click();
  await page.getByRole('row').filter({ hasText: 'ECサイト不正アクセス' }).getByRole('button').first().click();
  await page.getByRole('tab', { name: w.tabs.timeline }).click();
  await page.getByRole('row').filter({ hasText: lang === 'ja' ? `承認者 ${me}` : `by ${me}` }).first().waitFor();
  expect(await page.getByRole('row').filter({ hasText: typed.other! }).count()).toBeGreaterThan(0);
  await screenshot(page, `58-timeline-${lang}`);
  await context.close();
}

describe('documents that go out (issue 18)', () => {
  it('in Japanese: from the company profile to the closing report, each printed as a document', () => flow('ja'), 600_000);
  it('in English: the same flow, every document printed in English', () => flow('en'), 600_000);
});
