/**
 * A report's day as the vendor wrote it, read as 'YYYY-MM-DD': 2026-12-01, 2026/12/1,
 * ２０２６／１２／１ (full-width), 2026年12月1日, 令和8年12月1日 (令和元年 = 2019), or an Excel
 * serial day number (46357 = 2026-12-01; days since 1899-12-30 as Excel counts them).
 * null when it is none of these or not a real date (2026-02-30).
 */
export function reportDay(text: string | number): string | null {
  if (typeof text === 'number') return serial(text);
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/日$/, '');
  if (/^\d{5}(\.\d+)?$/.test(s)) return serial(Number(s));
  const reiwa = /^令和(\d{1,2}|元)年(\d{1,2})月(\d{1,2})$/.exec(s);
  if (reiwa) return ymd(2018 + (reiwa[1] === '元' ? 1 : Number(reiwa[1])), Number(reiwa[2]), Number(reiwa[3]));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(s);
  return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Excel's serial day (whole part; the time of day is dropped). Before 1 March 1900 is refused (Excel's own 1900 leap-day error). */
function serial(n: number): string | null {
  if (!Number.isFinite(n) || n < 61 || n > 2_958_465) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000).toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
