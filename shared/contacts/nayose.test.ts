import { describe, expect, it } from 'vitest';
import { clustersOf, DEFAULT_NAYOSE, NayoseMatcher, type NayoseOptions, type NayoseRecord, normalizeAddress, rulesOf } from './nayose';

const rec = (p: Partial<NayoseRecord>): NayoseRecord => ({ name: '', kana: '', postcode: '', address: '', phone: '', email: '', ...p });
const only = (rule: keyof NayoseOptions['rules'], extra: Partial<NayoseOptions> = {}): NayoseOptions => ({
  ...DEFAULT_NAYOSE,
  rules: { nameAddress: false, phone: false, email: false, household: false, [rule]: true },
  ...extra,
});

function clusters(records: NayoseRecord[], options: NayoseOptions = DEFAULT_NAYOSE): number[][] {
  const m = new NayoseMatcher(options, 4);
  for (const r of records) m.add(r);
  return [...clustersOf(m.finish())];
}

describe('名寄せ rules', () => {
  it('name + address: the same person written two ways, another person at the same address apart', () => {
    const got = clusters(
      [
        rec({ name: '髙橋 一郎', address: '東京都千代田区霞が関一丁目2番3号' }),
        rec({ name: '高橋一郎', address: '東京都千代田区霞ヶ関1-2-3' }),
        rec({ name: '高橋 花子', address: '東京都千代田区霞が関1-2-3' }),
      ],
      only('nameAddress'),
    );
    expect(got).toEqual([[0, 1]]);
  });

  it('katakana and hiragana names, full-width digits in the address', () => {
    expect(clusters([rec({ name: 'サトウ ハナ', address: '大阪市北区梅田３－１－１' }), rec({ name: 'さとうはな', address: '大阪市北区梅田3-1-1' })], only('nameAddress'))).toEqual([[0, 1]]);
    expect(clusters([rec({ name: '山﨑', address: '札幌市1-1' }), rec({ name: '山崎', address: '札幌市1-1' })], only('nameAddress'))).toEqual([[0, 1]]);
  });

  it('an empty name or address never matches on that key alone', () => {
    expect(clusters([rec({ address: '札幌市1-1' }), rec({ address: '札幌市1-1' })], only('nameAddress'))).toEqual([]);
    expect(clusters([rec({ name: '山田' }), rec({ name: '山田' })], only('nameAddress'))).toEqual([]);
    expect(clusters([rec({ name: '山田', postcode: '0600001' }), rec({ name: '佐藤', postcode: '0600001' })], only('household'))).toEqual([]);
    expect(clusters([rec({}), rec({})])).toEqual([]);
  });

  it('phone alone: hyphens and full-width digits alike', () => {
    const got = clusters([rec({ name: 'A', phone: '090-1234-5678' }), rec({ name: 'B', phone: '０９０１２３４５６７８' }), rec({ phone: '03-0000-0000' })], only('phone'));
    expect(got).toEqual([[0, 1]]);
  });

  it('e-mail alone: case and full-width alike', () => {
    const got = clusters([rec({ email: 'Sato@Example.jp' }), rec({ email: 'ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ' }), rec({ email: 'not-an-email' }), rec({ email: 'not-an-email' })], only('email'));
    expect(got).toEqual([[0, 1]]);
  });

  it('a rule switched off links nobody', () => {
    const rows = [rec({ phone: '090-1234-5678' }), rec({ phone: '090-1234-5678' })];
    expect(clusters(rows, only('email'))).toEqual([]);
    expect(clusters(rows, only('phone'))).toEqual([[0, 1]]);
  });

  it('household mode: same postcode and address, any name; not without the postcode', () => {
    const rows = [
      rec({ name: '鈴木 太郎', postcode: '〒100-0013', address: '東京都千代田区霞が関1-2-3' }),
      rec({ name: '鈴木 花子', postcode: '1000013', address: '東京都千代田区霞が関一丁目２番３号' }),
      rec({ name: '鈴木 次郎', postcode: '', address: '東京都千代田区霞が関1-2-3' }),
    ];
    expect(clusters(rows, only('household'))).toEqual([[0, 1]]);
    expect(clusters(rows, only('nameAddress'))).toEqual([]);
  });

  it('a switchboard number shared by many rows links none of them, and says so', () => {
    const m = new NayoseMatcher(only('phone', { maxKeyShare: 5 }), 4);
    for (let i = 0; i < 40; i++) m.add(rec({ name: `社員${i}`, phone: '03-1111-2222' }));
    m.add(rec({ phone: '090-1234-5678' }));
    m.add(rec({ phone: '090-1234-5678' }));
    const r = m.finish();
    expect([...clustersOf(r)]).toEqual([[40, 41]]);
    expect(r.skippedKeys.phone).toBe(1);
  });

  it('a chain of links past maxCluster is marked too large and saves nothing', () => {
    const m = new NayoseMatcher({ ...DEFAULT_NAYOSE, maxCluster: 3 }, 4);
    // 0–1 by phone, 1–2 by e-mail, 2–3 by phone: one cluster of 4.
    m.add(rec({ phone: '090-0000-0001' }));
    m.add(rec({ phone: '090-0000-0001', email: 'a@b.jp' }));
    m.add(rec({ email: 'a@b.jp', phone: '090-0000-0002' }));
    m.add(rec({ phone: '090-0000-0002' }));
    const r = m.finish();
    expect(r.clusters).toBe(1);
    expect(r.tooLarge).toBe(1);
    expect(r.saved).toBe(0);
    expect(rulesOf(r.ruleMask[0]!)).toEqual(['phone', 'email']);
  });

  it('rules that linked a cluster are reported on its representative', () => {
    const m = new NayoseMatcher(DEFAULT_NAYOSE, 4);
    m.add(rec({ name: '田中', address: '福岡市1-1', phone: '090-1111-1111' }));
    m.add(rec({ name: '田中', address: '福岡市1-1' }));
    m.add(rec({ phone: '090-1111-1111' }));
    const r = m.finish();
    expect([...clustersOf(r)]).toEqual([[0, 1, 2]]);
    expect(rulesOf(r.ruleMask[0]!)).toEqual(['nameAddress', 'phone']);
    expect(r.saved).toBe(2);
  });
});

describe('addresses', () => {
  it('丁目/番地/号 in kanji and digits, dashes of every width, spaces', () => {
    const same = ['東京都港区芝五丁目三十三番一号', '東京都港区芝5-33-1', '東京都 港区 芝５－３３－１', '東京都港区芝5丁目33番地1', '東京都港区芝5ー33ー1'];
    for (const a of same) expect(normalizeAddress(a)).toBe('東京都港区芝5-33-1');
    expect(normalizeAddress('京都市中京区烏丸通三条上る')).toBe('京都市中京区烏丸通三条上る');
  });
});

describe('determinism', () => {
  it('the same clusters and representatives whatever the table size, and the lowest row represents', () => {
    const rows: NayoseRecord[] = [];
    for (let i = 0; i < 3000; i++) rows.push(rec({ name: `客${i % 1000}`, address: `市${i % 1000}-1`, phone: i % 7 === 0 ? `090-0000-${String(i % 50).padStart(4, '0')}` : '' }));
    const a = new NayoseMatcher(DEFAULT_NAYOSE, 1);
    const b = new NayoseMatcher(DEFAULT_NAYOSE, 100000);
    for (const r of rows) {
      a.add(r);
      b.add(r);
    }
    const ra = a.finish();
    const rb = b.finish();
    expect(Array.from(ra.root)).toEqual(Array.from(rb.root));
    for (const c of clustersOf(ra)) expect(ra.root[c[0]!]).toBe(c[0]);
    expect(ra.saved).toBe(rb.saved);
  });
});
