import { describe, expect, it } from 'vitest';
import { CLOSE, refusalKind } from './close-codes';

describe('what a person is told when the sync server refuses this laptop', () => {
  it('a full or failing disk on the server is told apart from a limit and from not being a member', () => {
    expect(refusalKind(CLOSE.storage)).toBe('storage');
    expect([CLOSE.tooLarge, CLOSE.rate, CLOSE.tooMany].map(refusalKind)).toEqual(['limit', 'limit', 'limit']);
    expect(refusalKind(CLOSE.notMember)).toBe('not-member');
    expect(refusalKind(CLOSE.refused)).toBe('refused');
    // A close code nobody defined (a proxy, a future server) is a plain refusal, never a crash.
    expect(refusalKind(1011)).toBe('refused');
  });
});
