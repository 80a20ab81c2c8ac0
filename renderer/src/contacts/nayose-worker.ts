/**
 * 名寄せ off the screen's thread: the page opens the sealed blocks and posts the fields the
 * rules read, a chunk at a time; this worker keys, hashes and clusters them
 * (shared/contacts/nayose.ts) and hands back the clusters as typed arrays.
 */
import { NayoseMatcher } from '../../../shared/contacts/nayose';
import type { NayoseMessage } from './nayose-run';

let matcher: NayoseMatcher | null = null;

self.onmessage = (ev: MessageEvent<NayoseMessage>) => {
  const m = ev.data;
  try {
    if (m.type === 'start') {
      matcher = new NayoseMatcher(m.options, m.expected);
      self.postMessage({ type: 'ack' });
    } else if (m.type === 'rows') {
      for (const r of m.records) matcher!.add(r);
      self.postMessage({ type: 'ack' });
    } else {
      const result = matcher!.finish();
      matcher = null;
      self.postMessage({ type: 'done', result }, { transfer: [result.root.buffer, result.ruleMask.buffer, result.size.buffer] });
    }
  } catch (e) {
    matcher = null;
    self.postMessage({ type: 'error', error: e instanceof Error ? e.message : String(e) });
  }
};
