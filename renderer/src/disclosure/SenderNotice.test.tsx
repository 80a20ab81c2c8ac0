import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY, englishGaps } from '../../../shared/company/profile';
import { SenderNotice } from './SenderNotice';

const company = { ...EMPTY_COMPANY, name: '株式会社サンプル', representativeTitle: '代表取締役', representative: '花水木 一郎' };

describe('the sender of a statement or notice, before it goes out', () => {
  it('an English document says which parts of the sender would stay in Japanese; a Japanese one says nothing', () => {
    expect(englishGaps(company)).toEqual(['name', 'representativeTitle', 'representative']);
    const en = renderToStaticMarkup(<SenderNotice company={company} lang="en" />);
    expect(en).toContain('この英語の文書には、事業者の名称、代表者の役職、代表者名が日本語のまま入ります');
    expect(renderToStaticMarkup(<SenderNotice company={company} lang="ja" />)).toBe('');
  });

  it('nothing to say once the English ones are there (whitespace is not a name), or where the Japanese one is empty too', () => {
    const full = { ...company, nameEn: 'Sample Co., Ltd.', representativeTitleEn: 'President', representativeEn: 'Ichiro Hanamizuki' };
    expect(renderToStaticMarkup(<SenderNotice company={full} lang="en" />)).toBe('');
    expect(englishGaps({ ...full, representativeEn: '   ' })).toEqual(['representative']);
    expect(englishGaps({ ...EMPTY_COMPANY })).toEqual([]);
  });

  it('no sender at all: said in either language', () => {
    expect(renderToStaticMarkup(<SenderNotice company={null} lang="en" />)).toContain('差出人（会社情報）が未登録です');
  });
});
