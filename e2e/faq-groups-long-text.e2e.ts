/**
 * A 10,000-character enquiry with no spaces (pasted log output, a held key) in the FAQ
 * screen's groups: its label, chips and member line must wrap inside the card, not stretch
 * the page to tens of thousands of pixels wide. The groups panel as the app renders it, with
 * the app's stylesheet, in Chromium.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GroupsPanel } from '../renderer/src/faq/GroupsPanel';
import { enquiryGrouping, openEnquiryGrouping } from '../renderer/src/faq/enquiry-groups';
import type { OpenIncident } from '../renderer/src/incidents/open-incident';
import { launchBrowser, SCREENSHOTS } from './harness';

describe('a very long enquiry in the groups', () => {
  it('wraps inside the card: the page is no wider than the window and every group keeps its button in view', async () => {
    const at = (i: number) => new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString();
    const long = 'x'.repeat(10_000);
    const enquiries = [long, long, '退会したい', '退会の手続きを教えて'].map((question, i) => ({ id: `e${i}`, question, at: at(i), channel: 'phone', answerEntryId: null, stamps: {} }));
    const session = openEnquiryGrouping({ loadAnalyser: () => Promise.reject(new Error('no dictionary in this test')) });
    const items = enquiries.map((e) => ({ id: e.id, text: e.question, at: e.at }));
    enquiryGrouping()!.update('inc', items);
    for (let i = 0; i < 200 && (enquiryGrouping()!.view('inc').groups === null || enquiryGrouping()!.view('inc').busy); i++) await new Promise((r) => setTimeout(r, 10));
    const data = { incident: { id: 'inc' }, enquiries, faq: [] } as unknown as OpenIncident;
    // The panel's first view is unanswered groups: 'all' is the same list here (nothing answered).
    const markup = renderToStaticMarkup(createElement(GroupsPanel, { data, onNewEntry: () => undefined }));
    session.dispose();
    expect(markup).toContain('class="group"');
    const css = readFileSync(join(__dirname, '../renderer/src/styles.css'), 'utf8');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.setContent(`<html lang="ja"><head><style>${css}</style></head><body><main>${markup}</main></body></html>`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: join(SCREENSHOTS, 'faq-groups-long-text.png') });
      expect(width).toBeLessThanOrEqual(1000);
      for (const button of await page.getByRole('button', { name: /FAQ にする/ }).all()) {
        const box = (await button.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(1000);
      }
    } finally {
      await browser.close();
    }
  });

  it('says so, calmly and without codes, when the enquiries cannot be grouped at all', async () => {
    const session = openEnquiryGrouping({ loadAnalyser: () => Promise.reject(new Error('no dictionary in this test')) });
    // An enquiry the grouping cannot read (no text).
    const enquiries = [{ id: 'e0', question: undefined, at: new Date(Date.UTC(2026, 11, 1)).toISOString(), channel: 'phone', answerEntryId: null, stamps: {} }];
    enquiryGrouping()!.update('inc', enquiries.map((e) => ({ id: e.id, text: e.question as unknown as string, at: e.at })));
    for (let i = 0; i < 200 && !enquiryGrouping()!.view('inc').failed; i++) await new Promise((r) => setTimeout(r, 10));
    const data = { incident: { id: 'inc' }, enquiries, faq: [] } as unknown as OpenIncident;
    const markup = renderToStaticMarkup(createElement(GroupsPanel, { data, onNewEntry: () => undefined }));
    session.dispose();
    expect(markup).toContain('グループ分けできませんでした');
    expect(markup).not.toContain('グループ分け中');
    expect(markup).not.toContain('ありません。');
    const css = readFileSync(join(__dirname, '../renderer/src/styles.css'), 'utf8');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
      await page.setContent(`<html lang="ja"><head><style>${css}</style></head><body><main>${markup}</main></body></html>`);
      await page.screenshot({ path: join(SCREENSHOTS, 'faq-groups-failed.png') });
    } finally {
      await browser.close();
    }
  });
});
