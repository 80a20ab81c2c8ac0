import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldEscalations } from './escalations';
import { EMPTY_CALLER, type Enquiry } from './model';

const Q1: Enquiry = {
  id: 'q1', incidentId: 'i1', channel: 'phone', caller: { ...EMPTY_CALLER, name: '髙橋', phone: '090-1234-5678' }, question: 'ポイントは使えなくなりますか',
  answerEntryId: null, answerText: '', escalate: true, operator: 'V-017', durationSec: 120, tags: [], at: '2026-12-01T10:00:00+09:00',
  loggedAt: '0000000000000001-0000-a', loggedBy: 'p1', updatedAt: '0000000000000001-0000-a', stamps: {},
};
let n = 0;
const ev = (at: string, type: string, payload: unknown, actor: string): HonbuEvent => ({ id: `e${++n}`, incidentId: 'i1', at, actor, type, payload });

describe('a callback closed twice, by two laptops offline', () => {
  it('keeps the earlier outcome, and the later one’s answer and note are not lost (escalations.ts: "the later one\'s note is still a note")', () => {
    const events = [
      ev('0000000000000030-0000-a', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'unreachable', attempts: 1, answer: '', note: '留守電' }, 'p1'),
      ev('0000000000000031-0000-b', 'faq.escalation-closed', { enquiryId: 'q1', outcome: 'answered', attempts: 1, answer: 'ポイントは引き続き使えるとお伝えした', note: '書面での回答を希望' }, 'p2'),
    ];
    for (const order of [events, [...events].reverse()]) {
      const x = foldEscalations([Q1], order)[0]!;
      expect(x.closed).toMatchObject({ outcome: 'unreachable', actor: 'p1' });
      const everything = JSON.stringify(x);
      expect(everything).toContain('書面での回答を希望');
      expect(everything).toContain('ポイントは引き続き使えるとお伝えした');
    }
  });
});
