import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChannelsNotice } from './ReminderChannels';

describe('the card 「メールとチャットでも知らせる」 says when nothing can be mailed', () => {
  it('no team server (a laptop on its own): says mail and chat need one, and where to set it up', () => {
    const html = renderToStaticMarkup(<ChannelsNotice hasServer={false} last={null} />);
    expect(html).toContain('チームのサーバーにつながっていない');
    expect(html).toContain('「チーム同期」');
  });

  it('the team server did not take some reminders: says they stay on this laptop and what to ask', () => {
    expect(renderToStaticMarkup(<ChannelsNotice hasServer last={{ state: 'ok', handed: 2, stopped: 0, notAccepted: 0 }} />)).toBe('');
    const html = renderToStaticMarkup(<ChannelsNotice hasServer last={{ state: 'ok', handed: 2, stopped: 0, notAccepted: 3 }} />);
    expect(html).toContain('3 件');
    expect(html).toContain('受け付けませんでした');
    expect(html).toContain('サーバーの担当者');
  });
});
