/**
 * 名寄せ off the screen's thread: the page opens the sealed blocks and posts the fields the
 * rules read, a chunk at a time; this worker keys, hashes and clusters them
 * (shared/contacts/nayose.ts) and hands back the clusters as typed arrays.
 */
import { NayoseMatcher } from '../../../shared/contacts/nayose';
import { serveCalls } from '../data/worker-calls';
import type { NayoseCalls } from './nayose-run';

let matcher: NayoseMatcher | null = null;

serveCalls<NayoseCalls>({
  step(m, ctx) {
    try {
      if (m.type === 'start') {
        matcher = new NayoseMatcher(m.options, m.expected);
        return { type: 'ack' };
      }
      if (m.type === 'rows') {
        for (const r of m.records) matcher!.add(r);
        return { type: 'ack' };
      }
      const result = matcher!.finish();
      matcher = null;
      ctx.transfer(result.root.buffer, result.ruleMask.buffer, result.size.buffer);
      return { type: 'done', result };
    } catch (e) {
      matcher = null;
      throw e;
    }
  },
});
