/**
 * The open incident's events in clock order, for the timeline and the closing report. Read
 * once when one of them is first shown (decrypting every event of a long incident takes
 * seconds, so nothing else waits for it); after that each commit's events — handed over
 * already opened by the change notice — are put in place, never read again.
 */
import { create } from 'zustand';
import type { AnyEvent } from '../../../shared/events/registry';
import type { ChangeNotice, EventStore } from '../data/event-store';
import { reportError } from '../errors/report';

interface TimelineState {
  key: string | null;
  ready: boolean;
  /**
   * The events that open: one refused when read (altered on disk or damaged: decision 040)
   * is left out by the store and told to data/unreadable.ts, and the screen says so.
   */
  events: AnyEvent[];
}

export const useTimeline = create<TimelineState>(() => ({ key: null, ready: false, events: [] }));

let store: EventStore | null = null;
let unsubscribe: (() => void) | null = null;
let focusKey: string | null = null;
let generation = 0;
let wanted = false;
let loading: Promise<void> | null = null;
/** Events heard while the first read was under way: merged once it is in. */
let heard: AnyEvent[] = [];

/** Puts events in clock order into a list already in clock order; an event already there is kept once. */
export function mergeEvents(list: readonly AnyEvent[], incoming: readonly AnyEvent[]): AnyEvent[] {
  if (incoming.length === 0) return list as AnyEvent[];
  const ids = new Set(list.map((e) => e.id));
  const fresh = incoming.filter((e) => !ids.has(e.id));
  if (fresh.length === 0) return list as AnyEvent[];
  const last = list[list.length - 1];
  const sortedFresh = [...fresh].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // A local append is the newest event: it goes at the end. Another laptop's may belong anywhere.
  if (!last || sortedFresh[0]!.at > last.at) return [...list, ...sortedFresh];
  return [...list, ...sortedFresh].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function onNotice(notice: ChangeNotice) {
  if (!wanted || focusKey === null) return;
  const mine = notice.events.filter((e) => e.incidentId === focusKey);
  if (mine.length === 0) return;
  if (loading) {
    heard.push(...mine);
    return;
  }
  useTimeline.setState((s) => ({ events: mergeEvents(s.events, mine) }));
}

function reset() {
  generation++;
  wanted = false;
  loading = null;
  heard = [];
  useTimeline.setState({ key: focusKey, ready: false, events: [] });
}

export const timeline = {
  bind(next: EventStore | null) {
    unsubscribe?.();
    unsubscribe = null;
    store = next;
    if (!next) focusKey = null;
    reset();
    if (next) unsubscribe = next.subscribe(onNotice);
  },
  focus(key: string | null) {
    if (key === focusKey) return;
    focusKey = key;
    reset();
  },
  want() {
    if (wanted || !store || focusKey === null) return;
    wanted = true;
    const s = store;
    const g = generation;
    const key = focusKey;
    loading = (async () => {
      try {
        const events = await s.readEvents(key);
        if (g !== generation) return;
        const missed = heard;
        heard = [];
        loading = null;
        useTimeline.setState({ key, ready: true, events: mergeEvents(events, missed) });
      } catch (e) {
        if (g === generation) reportError(e, 'background');
      }
    })();
  },
  loaded(): Promise<void> {
    timeline.want();
    return loading ?? Promise.resolve();
  },
};
