/** A small deterministic customer list for the unit tests (Shift_JIS-safe text). */
export const HEADER = '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス,備考';
const FAMILY = [['山田', 'ヤマダ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ']];
const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ']];

export function customer(i: number) {
  const [f, fk] = FAMILY[i % FAMILY.length]!;
  const [g, gk] = GIVEN[i % GIVEN.length]!;
  return {
    no: `C${String(i).padStart(7, '0')}`,
    name: `${f} ${g}`,
    kana: `${fk} ${gk}`,
    postcode: `${100 + (i % 900)}-${String(i % 10000).padStart(4, '0')}`,
    address: `東京都千代田区${(i % 9) + 1}丁目${i}番`,
    email: i % 5 === 4 ? '' : `user${i}@example.jp`,
    phone: `090-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`,
    segment: i % 3 === 0 ? '通販' : 'アプリ',
  };
}

export function csvText(n: number, opts: { dupOf?: [number, number] } = {}): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const c = customer(opts.dupOf && i === opts.dupOf[0] ? opts.dupOf[1] : i);
    const note = i % 97 === 0 ? '"複数行の\r\n備考"' : i % 50 === 0 ? '"=1+2"' : '';
    lines.push([c.no, c.name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment, note].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}


/** UTF-16 LE with a byte-order mark, as Excel's 「Unicode テキスト」 saves it. */
export const utf16le = (text: string): Blob => {
  const units = '\ufeff' + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    bytes[2 * i] = units.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = units.charCodeAt(i) >> 8;
  }
  return new Blob([bytes]);
};
