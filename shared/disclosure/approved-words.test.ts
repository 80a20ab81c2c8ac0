/**
 * An approval approves words. Two laptops working on the same notice offline can leave a
 * working copy the approver never saw: an edit made before the approval (by the clock) but
 * not yet synced to the approver, or a second laptop drafting "the next version" with the
 * same number. Letters are printed from the version in force, so such a version must not
 * count as approved with words nobody approved.
 */
import { describe, expect, it } from 'vitest';
import { foldAll } from '../events/projection';
import { noticeGaps } from '../outgoing/notice-ready';
import { latestInForce } from './doc-versions';
import { ev, FULL_FACTS, orders } from './fixtures';
import { defaultNoticeSections, noticesProjection } from './notice';
import { defaultSections } from './statement';
import { statementsProjection } from './statement-events';

const company = { name: '株式会社ハナミズキ' };
const WORDS_OF_B = 'カード情報は含まれていないと思われます。';

function everyOrder<T>(events: T[]): T[][] {
  return [events, ...orders(events)];
}

describe('an approval in force approves the words the document carries', () => {
  it('an edit made offline before the approval, synced after it: the notice needs approving again', () => {
    const sections = defaultNoticeSections('ja');
    const events = [
      ev('0001-da', 'disclosure.notice-drafted', { version: 1, lang: 'ja', sections }),
      // Laptop B, offline, rewrites the cause; laptop A never sees it before approving.
      ev('0002-db', 'disclosure.notice-section-edited', { version: 1, key: 'cause', text: WORDS_OF_B }, 'i1', 'p2'),
      ev('0003-da', 'disclosure.notice-approved', { version: 1, approverId: 'p1', approvedBy: '社長 一郎', sections, factsSnapshot: FULL_FACTS }),
    ];
    for (const order of everyOrder(events)) {
      const notices = [...foldAll(noticesProjection, order).values()];
      const doc = notices[0]!;
      expect(doc.sections.find((s) => s.key === 'cause')!.text).toBe(WORDS_OF_B);
      // B's words were approved by nobody: letters must not go out with them.
      expect(latestInForce(notices)).toBeNull();
      expect(noticeGaps(notices, FULL_FACTS, company)).toEqual([{ kind: 'not-approved', draftVersion: 1 }]);
    }
  });

  it('two laptops drafting "version 2" offline, one approving its own: the merged words are not approved', () => {
    const v1 = defaultNoticeSections('ja');
    const mineA = v1.map((s) => (s.key === 'other' ? { ...s, text: `${s.text}\n（窓口を増設しました）` } : s));
    const mineB = v1.map((s) => (s.key === 'secondaryHarm' ? { ...s, text: '不正利用が3件確認されました。' } : s));
    const events = [
      ev('0001-da', 'disclosure.notice-drafted', { version: 1, lang: 'ja', sections: v1 }),
      ev('0002-da', 'disclosure.notice-approved', { version: 1, approverId: 'p1', approvedBy: '社長 一郎', sections: v1, factsSnapshot: FULL_FACTS }),
      ev('0003-da', 'disclosure.notice-drafted', { version: 2, lang: 'ja', sections: mineA }),
      ev('0004-db', 'disclosure.notice-drafted', { version: 2, lang: 'ja', sections: mineB }, 'i1', 'p2'),
      ev('0005-da', 'disclosure.notice-approved', { version: 2, approverId: 'p1', approvedBy: '社長 一郎', sections: mineA, factsSnapshot: FULL_FACTS }),
    ];
    for (const order of everyOrder(events)) {
      const notices = [...foldAll(noticesProjection, order).values()].sort((a, b) => a.version - b.version);
      expect(notices[1]!.state).toBe('draft');
      // The version in force is the one whose words were approved as they stand: version 1.
      expect(latestInForce(notices)?.version).toBe(1);
    }
  });

  it('the same for a statement: it cannot be published with words nobody approved', () => {
    const sections = defaultSections('ja');
    const events = [
      ev('0001-da', 'disclosure.statement-drafted', { version: 1, lang: 'ja', sections }),
      ev('0002-db', 'disclosure.statement-section-edited', { version: 1, key: 'cause', text: WORDS_OF_B }, 'i1', 'p2'),
      ev('0003-da', 'disclosure.statement-approved', { version: 1, approverId: 'p1', approvedBy: '社長 一郎', sections, factsSnapshot: FULL_FACTS }),
    ];
    for (const order of everyOrder(events)) expect(foldAll(statementsProjection, order).get('i1:1')!.state).toBe('draft');
  });

  it('an approval that saw the other laptop\'s words keeps the version approved', () => {
    const sections = defaultNoticeSections('ja');
    const seen = sections.map((s) => (s.key === 'cause' ? { ...s, text: WORDS_OF_B } : s));
    const events = [
      ev('0001-da', 'disclosure.notice-drafted', { version: 1, lang: 'ja', sections }),
      ev('0002-db', 'disclosure.notice-section-edited', { version: 1, key: 'cause', text: WORDS_OF_B }, 'i1', 'p2'),
      // Sections in another order than the draft's: the words are what count.
      ev('0003-da', 'disclosure.notice-approved', { version: 1, approverId: 'p1', approvedBy: '社長 一郎', sections: [...seen].reverse(), factsSnapshot: FULL_FACTS }),
    ];
    for (const order of everyOrder(events)) {
      const notices = [...foldAll(noticesProjection, order).values()];
      expect(notices[0]!.state).toBe('approved');
      expect(noticeGaps(notices, FULL_FACTS, company)).toEqual([]);
    }
  });
});
