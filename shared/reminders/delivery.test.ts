import { describe, expect, it } from 'vitest';
import { isJobContent } from '../alerts/job-shape';
import type { ChatChannel } from '../alerts/job';
import { reminderJob, reminderJobId, reminderJobSecret } from './delivery';

const reminder = { id: 'task:t1:due@2026-12-02T03:00:00.000Z', at: '2026-12-02T03:00:00.000Z' };
const entry = { personId: 'c-sato', name: '佐藤 一郎', emails: ['sato@company.example'] };
const slack: ChatChannel = { id: 'c1', kind: 'slack', label: '#incident', url: 'https://hooks.slack.com/services/T/B/x', details: false };

describe('a reminder as a job for the host', () => {
  it('has the same id on every laptop of the person, another for another person or reminder, in the shape the host accepts', async () => {
    const a = await reminderJobId('w1', 'p1', reminder.id);
    expect(await reminderJobId('w1', 'p1', reminder.id)).toBe(a);
    expect(await reminderJobId('w1', 'p2', reminder.id)).not.toBe(a);
    expect(await reminderJobId('w1', 'p1', 'task:t1:overdue@2026-12-02T03:00:00.000Z')).not.toBe(a);
    expect(await reminderJobId('w2', 'p1', reminder.id)).not.toBe(a);
    expect(a).toMatch(/^rm-[A-Za-z0-9_-]{37}$/);
  });

  it('has a secret both laptops compute from the team credential, in the shape of a job secret', async () => {
    const cred = new Uint8Array(32).fill(7);
    const s = await reminderJobSecret(cred, 'rm-x');
    expect(await reminderJobSecret(new Uint8Array(32).fill(7), 'rm-x')).toBe(s);
    expect(await reminderJobSecret(new Uint8Array(32).fill(8), 'rm-x')).not.toBe(s);
    expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('waits for the reminder time, mails without naming anything, posts naming only the person', () => {
    const job = reminderJob({ reminder, personName: '佐藤 一郎', email: entry, channels: [slack] })!;
    expect(isJobContent(job)).toBe(true);
    expect(job.notBefore).toBe(Date.parse(reminder.at));
    expect(job.steps).toEqual([{ waitMinutes: 0, recipients: [entry] }]);
    expect(job.plain.ja).toBe('本部: 対応期限のお知らせがあります。アプリを開いてください。');
    expect(job.emailDetails).toBe(false);
    expect(job.channels[0]!.details).toBe(true);
    expect(job.detailed!.ja).toContain('佐藤 一郎');
  });

  it('goes nowhere without an address or a channel', () => {
    expect(reminderJob({ reminder, personName: 'x', email: null, channels: [] })).toBeNull();
    expect(reminderJob({ reminder, personName: 'x', email: { ...entry, emails: [] }, channels: [] })).toBeNull();
    expect(isJobContent(reminderJob({ reminder, personName: 'x', email: null, channels: [slack] }))).toBe(true);
  });
});

describe('the host shape check', () => {
  const job = reminderJob({ reminder, personName: 'x', email: entry, channels: [] })!;
  it('takes a time to wait for only with v: 2, and a reminder only with v: 2', () => {
    expect(isJobContent({ ...job, v: 1 })).toBe(false);
    expect(isJobContent({ ...job, notBefore: undefined })).toBe(false);
    expect(isJobContent({ ...job, notBefore: Number.NaN })).toBe(false);
    expect(isJobContent({ ...job, kind: 'other' })).toBe(false);
    const { notBefore: _n, kind: _k, ...v1 } = job;
    expect(isJobContent({ ...v1, v: 1 })).toBe(true);
  });
});

describe('one round of handing reminders', () => {
  it('hands what is new; stops what is no longer wanted and not yet sent', async () => {
    const { planHandOver } = await import('./delivery');
    const now = Date.parse('2026-12-02T02:00:00.000Z');
    const handed = new Map([
      ['a', { jobId: 'j-a', secret: 's', at: '2026-12-02T03:00:00.000Z' }],
      ['b', { jobId: 'j-b', secret: 's', at: '2026-12-02T04:00:00.000Z' }],
      ['sent', { jobId: 'j-c', secret: 's', at: '2026-12-02T01:00:00.000Z' }],
      // Its time came 20 minutes ago and it was acknowledged since: a webhook down then may still be retrying it.
      ['retrying', { jobId: 'j-d', secret: 's', at: '2026-12-02T01:40:00.000Z' }],
    ]);
    expect(planHandOver([{ id: 'a' }, { id: 'new' }], handed, now)).toEqual({ hand: ['new'], stop: ['b', 'retrying'] });
  });
});
