/**
 * The regulator's duties as a stranger found them broken: a GDPR notice past 72 hours gives
 * its reasons for the delay, and one filed on time is not printed as late; the number of
 * records can be given; a final report filed alone covers the preliminary one; the learned
 * time cannot move after a report already filed; completing the response says which
 * reports are still due.
 */
import { describe, expect, it } from 'vitest';
import { createWorkspace } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

/** An instant as a datetime-local value in Tokyo (the test browser's zone). */
function tokyo(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

describe('the regulator reports a person files', () => {
  it('asks for what a late GDPR notice must say, judges it by when it was filed, and keeps the PPC clocks honest', async () => {
    const { context, page } = await newPage(env.browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspace(page, env.server.url);
    const discovered = Date.now() - 4 * 86_400_000;
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill('会員DBへの不正アクセス（試験）');
    await page.locator('#first-discovered').fill(tokyo(discovered));
    await page.getByRole('checkbox', { name: '氏名' }).check();
    await page.getByLabel('確定件数').fill('１，２００');
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();

    // Completing the response while the PPC reports are due: said beside the date, not silently accepted.
    await page.getByRole('tab', { name: '概要・報告' }).click();
    const completed = page.getByLabel('対応完了日');
    await completed.fill(tokyo(Date.now() - 3_600_000));
    const due = page.locator('#details-unfiled');
    await due.waitFor();
    expect(await due.textContent()).toMatch(/まだ提出していない報告があります：速報（期限 .+）、確報（期限 .+）。/);
    await completed.fill('');
    expect(await due.count()).toBe(0);

    // GDPR applies: aware when discovered, four days ago — past 72 hours, nothing filed.
    await page.getByRole('tab', { name: '公表・当局報告' }).click();
    await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '当局報告' }).click();
    await page.getByRole('checkbox', { name: 'EU 在住者のデータを含む（GDPR）' }).check();
    await page.locator('#reg-aware').fill(tokyo(discovered));
    await page.getByRole('button', { name: '前提を保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).first().waitFor();

    // The duty to notify the individuals comes with the report: no date, but said beside the clocks.
    const individuals = page.getByRole('group', { name: '本人への通知' });
    expect(await individuals.textContent()).toContain('通知文はまだ承認されていません');
    expect(await individuals.textContent()).toContain('GDPR 第34条');

    const gdprRows = () =>
      page
        .locator('section.sheet-like dl.ppc-items')
        .last()
        .locator('.ppc-item')
        .evaluateAll((items) => Object.fromEntries(items.map((i) => [i.querySelector('dt')?.textContent ?? '', i.querySelector('dd')?.textContent ?? ''])));
    await page.getByRole('heading', { name: 'GDPR 第33条3項の通知事項' }).first().waitFor();
    expect(await gdprRows()).toMatchObject({ おおよその件数: '', '72時間を過ぎた理由': '' });

    // The number of records, typed as people type it; what cannot be read is said, not saved.
    const records = page.getByLabel('GDPR: 記録のおおよその件数');
    await records.fill('約3万');
    await records.press('Tab');
    await page.getByRole('alert').filter({ hasText: 'GDPR の記録のおおよその件数の値が正しくありません。' }).waitFor();
    await records.fill('３５，０４０件');
    await records.press('Tab');
    await expect.poll(async () => (await gdprRows())['おおよその件数']).toBe('35,040');

    // Late: the reasons for the delay are asked for, and go into the notice.
    const reasons = page.getByLabel('GDPR: 72時間を過ぎた理由');
    await reasons.fill('EU 在住者が含まれることが判明したのは、顧客データの照合を終えた後だったため。');
    await reasons.press('Tab');
    await expect.poll(async () => (await gdprRows())['72時間を過ぎた理由']).toContain('照合を終えた後');
    await screenshot(page, 'regulator-gdpr-late');

    // Filed one hour after awareness: on time, so the notice no longer speaks of a delay.
    const gdpr = page.getByRole('group', { name: 'GDPR 第33条（監督機関への通知）' });
    await gdpr.locator('#filed-gdpr').fill(tokyo(discovered + 3_600_000));
    await gdpr.locator('#ref-gdpr').fill('DPC-2026-1');
    await gdpr.getByRole('button', { name: /提出済みにする/ }).click();
    await gdpr.locator('.ok').waitFor();
    await expect.poll(async () => Object.keys(await gdprRows())).not.toContain('72時間を過ぎた理由');
    expect(await page.getByLabel('GDPR: 72時間を過ぎた理由').count()).toBe(0);
    expect((await gdprRows())['おおよその件数']).toBe('35,040');

    // One report serving as both: the final filed alone stops the preliminary clock too.
    const final = page.getByRole('group', { name: '確報' });
    await final.locator('#filed-final').fill(tokyo(Date.now() - 86_400_000));
    await final.locator('#ref-final').fill('PPC-2026-9');
    await final.getByRole('button', { name: /提出済みにする/ }).click();
    await final.locator('.ok').waitFor();
    const preliminary = page.getByRole('group', { name: '速報' });
    await preliminary.getByText(/確報で兼ねて提出済み/).waitFor();
    expect(await preliminary.locator('.error').count()).toBe(0);

    // The learned time moved to after that filing is refused, with the filing's time.
    await page.locator('#reg-learned').fill(tokyo(Date.now() - 600_000));
    await page.getByRole('button', { name: '前提を保存' }).click();
    await page.getByRole('alert').filter({ hasText: 'すでに提出した報告の提出日時' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
