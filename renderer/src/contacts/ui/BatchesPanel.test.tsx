/**
 * The batches card while a list's batches are still being read (a list of millions takes a
 * moment) says so, instead of showing an empty list as if there were no batches; once read,
 * an empty list says there are none yet.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../outgoing/ReleaseGate', () => ({ useReleaseGate: () => ({ dialog: null }) }));
vi.mock('../../outgoing/NoticeReady', () => ({ useNoticeReady: () => ({ ok: true }) }));
// The contacts store as the screen reads it: a plain state, selectors applied to it.
const state: { current: Record<string, unknown> } = { current: {} };
vi.mock('./contacts-store', () => ({
  useContacts: (select?: (s: Record<string, unknown>) => unknown) => (select ? select(state.current) : state.current),
}));

const { BatchesPanel } = await import('./BatchesPanel');

const dataset = { id: 'ds-1', meta: { segments: [], fileName: 'list.csv', channelOrder: ['post', 'email', 'phone', 'notice'] }, rows: 20_000_000, at: '' };

function render(batches: Record<string, unknown[]>) {
  state.current = { engine: {}, datasets: [dataset], batches, totals: {}, wantBatches: () => undefined };
  return renderToStaticMarkup(<BatchesPanel data={{ incident: { id: 'inc-1' } } as never} />);
}

describe('the batches card', () => {
  it('says it is reading the batches until they are read, then that there are none yet', () => {
    expect(render({})).toContain('バッチを読み込んでいます');
    const empty = render({ 'ds-1': [] });
    expect(empty).not.toContain('バッチを読み込んでいます');
    expect(empty).toContain('このリストのバッチはまだありません');
  });
});
