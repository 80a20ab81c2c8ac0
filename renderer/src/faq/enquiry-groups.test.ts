import { describe, expect, it } from 'vitest';
import { morphemeFromIpadic, type JapaneseAnalyser } from '../../../shared/faq/analyser';
import { groupQuestions, IncrementalGrouping, type Group, type GroupItem } from '../../../shared/faq/grouping';
import { EnquiryGrouping, type GroupsView } from './enquiry-groups';
import { GroupingHost, type GroupingProgress } from './grouping-host';

const at = (i: number): string => new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString();
const day: GroupItem[] = ['退会したいです', '電話がつながらない', 'お詫びの品はありますか', '退会の手続きを教えて', '電話が全然つながらない'].map((text, i) => ({ id: `e${i}`, text, at: at(i) }));

/** A stand-in dictionary: every character a noun. Counts what it analyses. */
function charAnalyser(): JapaneseAnalyser & { calls: number } {
  const a = {
    calls: 0,
    analyse: (text: string) => {
      a.calls++;
      return [...text].map((ch) => morphemeFromIpadic(ch, ['名詞', '一般', '*', '*', '*', '*', ch, ch, ch]));
    },
  };
  return a;
}

/** The view once no request is under way. */
async function settled(g: EnquiryGrouping, key: string): Promise<GroupsView> {
  for (let i = 0; i < 200; i++) {
    const v = g.view(key);
    if (!v.busy && v.groups !== null) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('never settled');
}

const shape = (groups: readonly Group[]) => groups.map((g) => ({ id: g.id, members: g.memberIds, label: g.label, terms: g.terms }));

describe('the enquiry log grouped off the page and kept for the session', () => {
  it('gives the groups groupQuestions and IncrementalGrouping give in place, placing only what was added', async () => {
    const analyser = charAnalyser();
    const g = new EnquiryGrouping({ loadAnalyser: async () => analyser });
    g.update('i1', day.slice(0, 3));
    const first = await settled(g, 'i1');
    expect(first.dictionary).toBe('ready');
    expect(shape(first.groups!)).toEqual(shape(groupQuestions(day.slice(0, 3), { analyser })));
    g.update('i1', day);
    const second = await settled(g, 'i1');
    expect(g.requests).toEqual({ regroup: 1, change: 0, add: 1 });
    const inPlace = new IncrementalGrouping(day.slice(0, 3), { analyser });
    for (const item of day.slice(3)) inPlace.add(item);
    expect(shape(second.groups!)).toEqual(shape(inPlace.groups()));
    // An edit groups the whole log again, as groupQuestions does (only the edited enquiry is sent).
    const edited = day.map((d) => (d.id === 'e2' ? { ...d, text: '補償はありますか' } : d));
    g.update('i1', edited);
    expect(shape((await settled(g, 'i1')).groups!)).toEqual(shape(groupQuestions(edited, { analyser })));
    expect(g.requests).toEqual({ regroup: 1, change: 1, add: 1 });
    g.dispose();
  });

  it('does not group again when a screen mounts again with the same enquiries', async () => {
    const analyser = charAnalyser();
    const g = new EnquiryGrouping({ loadAnalyser: async () => analyser });
    g.update('i1', day);
    const groups = (await settled(g, 'i1')).groups;
    const analysed = analyser.calls;
    // Leaving the screen and coming back: a new array of the same enquiries (the screen's memo).
    for (let i = 0; i < 3; i++) g.update('i1', day.map((d) => ({ ...d })));
    expect(g.view('i1').busy).toBe(false);
    expect(g.view('i1').groups).toBe(groups);
    expect(g.requests).toEqual({ regroup: 1, change: 0, add: 0 });
    expect(analyser.calls).toBe(analysed);
    g.dispose();
  });

  it('groups again when an enquiry is edited, removed or given another vendor category; each incident apart', async () => {
    const g = new EnquiryGrouping({ loadAnalyser: () => Promise.reject(new Error('no dictionary here')) });
    g.update('i1', day);
    expect((await settled(g, 'i1')).dictionary).toBe('failed');
    g.update('i1', day.slice(1));
    g.update('i1', day.slice(1).map((d) => (d.id === 'e2' ? { ...d, category: 'お詫びの品' } : d)));
    g.update('i2', day);
    await settled(g, 'i1');
    await settled(g, 'i2');
    expect(g.requests).toEqual({ regroup: 2, change: 2, add: 0 });
    expect(shape(g.view('i1').groups!)).toEqual(shape(groupQuestions(day.slice(1).map((d) => (d.id === 'e2' ? { ...d, category: 'お詫びの品' } : d)))));
    expect(shape(g.view('i2').groups!)).toEqual(shape(groupQuestions(day)));
    g.dispose();
  });

  it('never shows an older answer after a newer one, and the lock ends the worker and forgets the groups', async () => {
    // A worker that answers when told to, in any order.
    const posted: { id: number; args: { seq: number } }[] = [];
    const listeners: ((ev: MessageEvent) => void)[] = [];
    let terminated = false;
    const worker = {
      postMessage: (m: { id: number; args: { seq: number } }) => posted.push(m),
      addEventListener: (type: string, l: (ev: MessageEvent) => void) => type === 'message' && listeners.push(l),
      removeEventListener: () => undefined,
      terminate: () => void (terminated = true),
    };
    const answer = (i: number, label: string) => {
      const group: Group = { id: 'e0', memberIds: ['e0'], label, labelId: 'e0', terms: [] };
      for (const l of listeners) l({ data: { id: posted[i]!.id, value: { seq: posted[i]!.args.seq, superseded: false, groups: [group], dictionary: 'ready' } } } as MessageEvent);
    };
    const g = new EnquiryGrouping({ start: () => worker as unknown as Worker });
    g.update('i1', day.slice(0, 1));
    g.update('i1', [{ ...day[0]!, text: '補償はありますか' }]);
    expect(posted).toHaveLength(2);
    // The edit sends only the enquiry edited; the worker keeps the log it was sent.
    expect(posted[1]!.args).toMatchObject({ kind: 'change', items: [{ id: 'e0', text: '補償はありますか' }] });
    expect(g.view('i1')).toMatchObject({ groups: null, busy: true });
    answer(1, 'newer');
    await Promise.resolve();
    await Promise.resolve();
    expect(g.view('i1')).toMatchObject({ busy: false, groups: [{ label: 'newer' }] });
    answer(0, 'older');
    await Promise.resolve();
    await Promise.resolve();
    expect(g.view('i1').groups![0]!.label).toBe('newer');
    g.dispose();
    expect(terminated).toBe(true);
    expect(g.view('i1').groups).toBeNull();
    g.update('i1', day);
    expect(posted).toHaveLength(2);
  });

  it('groups without readings when the dictionary breaks on an enquiry, instead of regrouping forever or keeping the old groups', async () => {
    // A dictionary that fails on one wording (as a wasm analyser can, and then on every later call).
    let broken = false;
    const analyser: JapaneseAnalyser = {
      analyse: (text) => {
        if (text.includes('💥')) broken = true;
        if (broken) throw new Error('RuntimeError: unreachable');
        return charAnalyser().analyse(text);
      },
    };
    const g = new EnquiryGrouping({ loadAnalyser: async () => analyser });
    g.update('i1', day);
    expect((await settled(g, 'i1')).dictionary).toBe('ready');
    // An edit the dictionary breaks on, then a new enquiry straight after.
    const edited = day.map((d) => (d.id === 'e0' ? { ...d, text: '退会💥したい' } : d));
    g.update('i1', edited);
    const later = [...edited, { id: 'n1', text: '電話がつながらないです', at: at(30) }];
    g.update('i1', later);
    const view = await settled(g, 'i1');
    expect(view.dictionary).toBe('failed');
    expect(shape(view.groups!)).toEqual(shape(groupQuestions(later)));
    expect(g.requests.regroup + g.requests.change + g.requests.add).toBeLessThan(6);
    g.dispose();
  });

  it('stops and says so when the grouping itself fails, instead of grouping again forever; a later change tries again', async () => {
    const g = new EnquiryGrouping({ loadAnalyser: () => Promise.reject(new Error('no dictionary')) });
    // A malformed enquiry (no text) that the grouping cannot read.
    const bad = [...day, { id: 'x', text: undefined as unknown as string, at: at(9) }];
    g.update('i1', bad);
    await new Promise((r) => setTimeout(r, 200));
    expect(g.requests.regroup).toBeLessThan(3);
    expect(g.view('i1')).toMatchObject({ busy: false, failed: true, groups: [] });
    // The enquiry put right: grouped again.
    g.update('i1', day);
    const view = await settled(g, 'i1');
    expect(view.failed).toBe(false);
    expect(shape(view.groups!)).toEqual(shape(groupQuestions(day)));
    g.dispose();
  });

  it('groups without readings when the dictionary never arrives (a stalled download), instead of "grouping…" for ever', async () => {
    const host = new GroupingHost(() => new Promise<never>(() => undefined), undefined, 100);
    const reply = await Promise.race([
      host.group({ key: 'i1', seq: 1, kind: 'regroup', items: day }, { progress: () => undefined }),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 2_000)),
    ]);
    expect(reply).toMatchObject({ superseded: false, dictionary: 'failed' });
    expect(shape((reply as { groups: Group[] }).groups)).toEqual(shape(groupQuestions(day)));
    host.close();
  });

  it('keeps showing how far the first grouping has gone when enquiries arrive meanwhile (an add reports none of its own)', async () => {
    let arrive!: (a: JapaneseAnalyser) => void;
    const g = new EnquiryGrouping({ loadAnalyser: () => new Promise((r) => (arrive = r)) });
    const many = Array.from({ length: 1200 }, (_, i) => ({ id: `m${i}`, text: `質問${i}について`, at: at(i) }));
    const seen: GroupsView[] = [];
    g.subscribe('i1', () => seen.push(g.view('i1')));
    g.update('i1', many.slice(0, 1000));
    // The rest of an import reaches the screen while the dictionary is still loading.
    await new Promise((r) => setTimeout(r, 10));
    g.update('i1', many);
    expect(g.requests).toEqual({ regroup: 1, change: 0, add: 1 });
    arrive(charAnalyser());
    const view = await settled(g, 'i1');
    expect(view.groups!.flatMap((x) => x.memberIds)).toHaveLength(1200);
    // The first grouping's percentages were on screen, and none is left once all is placed.
    const shown = seen.filter((v) => v.progress !== null).map((v) => v.progress!);
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown.map((p) => p.total)).size).toBe(1);
    expect(shown.map((p) => p.done)).toEqual(shown.map((p) => p.done).sort((a, b) => a - b));
    expect(view.progress).toBeNull();
    g.dispose();
  });

  it('reports how far a first grouping of many has gone, and skips a request a later regroup replaces', async () => {
    const host = new GroupingHost(() => Promise.reject(new Error('no dictionary')));
    const many = Array.from({ length: 1200 }, (_, i) => ({ id: `m${i}`, text: `質問${i}について`, at: at(i) }));
    const progress: GroupingProgress[] = [];
    const older = host.group({ key: 'i1', seq: 1, kind: 'regroup', items: many }, { progress: (p) => progress.push(p) });
    const newer = host.group({ key: 'i1', seq: 2, kind: 'regroup', items: many }, { progress: (p) => progress.push(p) });
    expect(await older).toEqual({ seq: 1, superseded: true });
    const reply = await newer;
    expect(reply.superseded).toBe(false);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ seq: 2, done: progress.at(-1)!.total, total: progress.at(-1)!.total });
    host.close();
    expect(host.size).toBe(0);
  });
});
