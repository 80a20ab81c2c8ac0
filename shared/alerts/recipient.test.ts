import { describe, expect, it } from 'vitest';
import { isMe, myEntry } from './recipient';

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

describe('a namesake is not the person', () => {
  const me = { personId: 'm-1', name: '佐藤 一郎', email: 'sato@company.example' };
  const namesake = { id: 'a-namesake', personId: 'a-namesake', name: '佐藤 一郎', emails: ['sato@printer-vendor.example'], phones: [] };
  const mine = { id: 'b-me', personId: 'b-me', name: '佐藤　一郎', emails: ['sato@company.example'], phones: [] };

  it('for the 確認しました button, a name still counts (a work address in the profile, a personal one in the list)', () => {
    expect(isMe(mine, me)).toBe(true);
    expect(isMe({ ...mine, emails: ['ichiro.sato@private.example'] }, me)).toBe(true);
  });

  it('reminders go to the entry with the profile’s address, in whichever order the list comes', () => {
    expect(myEntry([namesake, mine], me)?.id).toBe('b-me');
    expect(myEntry([mine, namesake], me)?.id).toBe('b-me');
    // The only entry of the name, with another address: theirs (a personal address in the list).
    expect(myEntry([namesake], me)?.id).toBe('a-namesake');
  });

  it('by name only when one entry of that name has an address; two namesakes and no address to tell them apart: none', () => {
    const noEmail = { ...me, email: '' };
    expect(myEntry([namesake], noEmail)?.id).toBe('a-namesake');
    expect(myEntry([namesake, mine], noEmail)).toBeNull();
    expect(myEntry([{ ...mine, emails: [] }], noEmail)).toBeNull();
    // Two entries of the name, neither with the profile's address: none.
    expect(myEntry([namesake, { ...mine, emails: ['ichiro.sato@private.example'] }], me)).toBeNull();
  });
});
