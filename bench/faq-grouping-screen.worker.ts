/**
 * The grouping worker as the app builds it (renderer/src/faq/grouping-worker.ts), for the
 * bench page: the same host and calls; only the dictionary's URL is the bench's.
 */
import * as lindera from 'lindera-wasm-ipadic';
import { serveCalls } from '../renderer/src/data/worker-calls';
import { GroupingHost, type GroupingCalls } from '../renderer/src/faq/grouping-host';
import { ipadicAnalyser } from '../renderer/src/faq/ipadic';

const host = new GroupingHost(() => ipadicAnalyser(lindera, '/lindera.wasm'));
serveCalls<GroupingCalls>({ group: (args, ctx) => host.group(args, ctx) });
