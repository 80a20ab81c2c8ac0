/**
 * A group of hundreds of questions lists the first few and offers the rest one press away:
 * listed whole, one big group made the page tens of thousands of pixels long.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { OpenIncident } from '../incidents/open-incident';
import { enquiryGrouping, openEnquiryGrouping } from './enquiry-groups';
import { GroupsPanel, MEMBERS_SHOWN } from './GroupsPanel';

async function panelFor(questions: string[]): Promise<string> {
  const at = (i: number) => new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString();
  const enquiries = questions.map((question, i) => ({ id: `e${i}`, question, at: at(i), channel: 'phone', answerEntryId: null, stamps: {} }));
  const session = openEnquiryGrouping({ loadAnalyser: () => Promise.reject(new Error('no dictionary in this test')) });
  try {
    enquiryGrouping()!.update('inc', enquiries.map((e) => ({ id: e.id, text: e.question, at: e.at })));
    for (let i = 0; i < 300 && (enquiryGrouping()!.view('inc').groups === null || enquiryGrouping()!.view('inc').busy); i++) await new Promise((r) => setTimeout(r, 10));
    const data = { incident: { id: 'inc' }, enquiries, faq: [] } as unknown as OpenIncident;
    return renderToStaticMarkup(createElement(GroupsPanel, { data, onNewEntry: () => undefined }));
  } finally {
    session.dispose();
  }
}

const members = (html: string) => (html.match(/<ul class="members"[^>]*>(.*?)<\/ul>/s)?.[1] ?? '').split('<li>').length - 1;

describe('the questions of a group', () => {
  it(`lists the first ${MEMBERS_SHOWN} of a big group and says how many more there are`, async () => {
    const html = await panelFor(Array.from({ length: 57 }, (_, i) => (i % 2 === 0 ? '退会の手続きを教えてください' : 'すみません、退会の手続きを教えてください')));
    expect(html).toContain('57 件');
    expect(members(html)).toBe(MEMBERS_SHOWN);
    expect(html).toContain('残りの 37 件も表示');
  });

  it('lists a small group whole, with nothing more to press', async () => {
    const html = await panelFor(Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? '退会の手続きを教えてください' : 'すみません、退会の手続きを教えてください')));
    expect(members(html)).toBe(5);
    expect(html).not.toContain('件も表示');
  });
});
