/**
 * The grouping worker (enquiry-grouping.ts starts it): groups the enquiry log off the
 * page's thread with its own copy of the IPADIC dictionary, and keeps each incident's
 * grouping until the lock ends it.
 */
import * as lindera from 'lindera-wasm-ipadic';
import wasmUrl from 'lindera-wasm-ipadic/lindera_wasm_bg.wasm?url';
import { serveCalls } from '../data/worker-calls';
import { GroupingHost, type GroupingCalls } from './grouping-host';
import { ipadicAnalyser } from './ipadic';

const host = new GroupingHost(() => ipadicAnalyser(lindera, wasmUrl));

serveCalls<GroupingCalls>({ group: (args, ctx) => host.group(args, ctx) });
