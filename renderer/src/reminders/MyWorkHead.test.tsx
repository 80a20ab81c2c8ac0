import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MyWorkHead } from './MyWorkHead';

describe('the header of 私の対応’s tables', () => {
  it('names every column, the buttons’ column too (for a screen reader), in the reader’s language', () => {
    const html = renderToStaticMarkup(
      <table>
        <MyWorkHead />
      </table>,
    );
    const headers = [...html.matchAll(/<th scope="col">(.*?)<\/th>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(headers).toEqual(['期限', '対応', '事案', '操作']);
    expect(html).toContain('class="visually-hidden"');
  });
});
