/**
 * What the tests of importing the call-centre vendor's day log again share: the log's rows read
 * as the screen reads them, enquiries stored as an earlier version's import wrote them, and an
 * import folded onto what is stored. Each test file makes its own kit (its own event sequence).
 */
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { enquiriesProjection } from './events';
import type { Enquiry, EnquiryChannel } from './model';
import { importVendorEnquiries, knownVendorRows } from './vendor-commands';
import { guessVendorMapping } from './vendor-mapping';
import { vendorEnquiries, type VendorEnquiry } from './vendor-rows';
import { readCsvTable } from './vendor-table';

/** The log's lines read with the day box's `day` (today 2026-12-08 unless said; the file's day known unless said). */
export function vendorRows(lines: string[], day = '2026-12-07', options: { today?: string; fileDayKnown?: boolean } = {}): VendorEnquiry[] {
  const r = readCsvTable(new TextEncoder().encode(lines.join('\n') + '\n'));
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  const today = options.today ?? '2026-12-08';
  // Left out: the file's day known; given as undefined: not said (as some tests read the log).
  const fileDayKnown = 'fileDayKnown' in options ? options.fileDayKnown : true;
  const { enquiries, problems } = vendorEnquiries(r.table, guessVendorMapping('log', r.table.header), day, { today, fileDayKnown });
  if (problems.length > 0) throw new Error(`problems: ${JSON.stringify(problems)}`);
  return enquiries;
}

/** One stored enquiry as an earlier version's import wrote it: its key and its reading of the time. */
export interface Earlier {
  id: string;
  key: string;
  at: string;
  channel?: EnquiryChannel;
  question: string;
  answer: string;
  operator: string;
  name: string;
}

/**
 * Events stamped in order (ids ev-00001…, a second apart), enquiries as an earlier version
 * stored them, and an import folded onto events stored before: what it counted, the events
 * after it, and the enquiries by time (then by caller, or by question).
 */
export function vendorKit(order: 'caller' | 'question' = 'caller') {
  let seq = 0;
  const stamp = (d: object) => {
    seq++;
    return { ...d, id: `ev-${String(seq).padStart(5, '0')}`, at: `2026-12-07T12:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000Z`, actor: 'p1' } as unknown as HonbuEvent;
  };
  const earlierImport = (rows: Earlier[]): HonbuEvent[] => [
    stamp({
      type: 'faq.vendor-enquiries-imported',
      incidentId: 'i1',
      payload: {
        enquiries: rows.map((r) => ({
          enquiryId: r.id,
          channel: r.channel ?? 'phone',
          caller: { name: r.name, phone: '', email: '' },
          question: r.question,
          answerEntryId: null,
          answerText: r.answer,
          escalate: false,
          operator: r.operator,
          durationSec: 0,
          tags: [],
          at: r.at,
          source: { kind: 'vendor', fileDay: r.key.split(':')[1], rowKey: r.key },
        })),
      },
    }),
  ];
  const then = order === 'caller' ? (a: Enquiry, b: Enquiry) => a.caller.name.localeCompare(b.caller.name) : (a: Enquiry, b: Enquiry) => a.question.localeCompare(b.question);
  /** Ids of the enquiries an import adds: new<import>-<row>. */
  function importAndFold(rows: readonly VendorEnquiry[], before: HonbuEvent[]) {
    const stored = foldAll(enquiriesProjection, before);
    const imp = ++seq;
    const r = importVendorEnquiries(testContext({ ids: Array.from({ length: rows.length }, (_, i) => `new${imp}-${i}`) }), knownVendorRows(stored.values()), { incidentId: 'i1', rows });
    if (!r.ok) throw new Error('refused');
    const events = [...before, ...r.events.map(stamp)];
    const folded = [...foldAll(enquiriesProjection, events).values()] as Enquiry[];
    return { count: r.value, events, rows: folded.sort((a, b) => a.at.localeCompare(b.at) || then(a, b)) };
  }
  return {
    stamp,
    earlierImport,
    importAndFold,
    /** The sequence number last given (an import takes one). */
    get seq() {
      return seq;
    },
  };
}

/** What the list shows of each enquiry: whether it is one stored before (its id) or new, day and time, question, answer, caller. */
export const vendorView = (rows: Enquiry[]) => rows.map((e) => [e.id.replace(/^new\d+-\d+$/, 'new'), e.at.slice(5, 16).replace('T', ' '), e.question, e.answerText, e.caller.name].join(' | '));
