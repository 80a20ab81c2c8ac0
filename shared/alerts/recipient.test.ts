import { describe, expect, it } from 'vitest';
import { isMe } from './recipient';

const sato = { personId: 'dir-1', name: '佐藤 一郎', emails: ['Sato@Company.example'], phones: [] };

describe('the person alerted, found among the app’s members', () => {
  it('by the e-mail address in their profile (case and full-width aside), or else by the same name', () => {
    expect(isMe(sato, { personId: 'm-9', name: '別の名前', email: 'sato@company.example' })).toBe(true);
    expect(isMe(sato, { personId: 'm-9', name: '', email: 'ｓａｔｏ@company.example' })).toBe(true);
    expect(isMe(sato, { personId: 'm-9', name: '佐藤　一郎', email: '' })).toBe(true);
    expect(isMe(sato, { personId: 'dir-1', name: '', email: '' })).toBe(true);
  });

  it('not someone else, nor a member with neither an e-mail nor a name', () => {
    expect(isMe(sato, { personId: 'm-9', name: '佐藤 二郎', email: 'jiro@company.example' })).toBe(false);
    expect(isMe(sato, { personId: 'm-9', name: '', email: '' })).toBe(false);
    expect(isMe({ ...sato, name: '' }, { personId: 'm-9', name: '', email: '' })).toBe(false);
  });
});
