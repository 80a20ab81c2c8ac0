/**
 * Japan's public holidays (国民の祝日), worked out from the rules of the Act on National
 * Holidays (国民の祝日に関する法律) as the Cabinet Office publishes them, for any year from
 * 2019 on (the enthronement's days included): fixed dates, the Monday holidays (Happy Monday), the equinoxes, the substitute
 * holiday (振替休日: a holiday on a Sunday moves to the next day that is not one) and the
 * citizens' holiday (国民の休日: a day between two holidays). The 2020 and 2021 Olympic moves
 * are included. The equinox days use the usual approximation (valid 1980–2099); the Cabinet
 * Office confirms them each February for the next year — if a law adds or moves a holiday,
 * this table must follow. Dates are calendar dates in Japan; no clock or zone is read here.
 *
 * Not a dependency: @holiday-jp/holiday_jp ships a dated list (last release 2025) that stops
 * where its data stops; these rules are short and tested against the published dates.
 */

/** Day of the week (0 = Sunday) of a calendar date. */
function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The n-th Monday of a month. */
function nthMonday(y: number, m: number, n: number): number {
  const first = weekday(y, m, 1);
  return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

const equinox = (y: number, base: number) => Math.floor(base + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));

/** The holidays a year's law names (before substitute and citizens' holidays), as "M-D" → name. */
function namedHolidays(y: number): Map<string, string> {
  const h = new Map<string, string>();
  const add = (m: number, d: number, name: string) => h.set(`${m}-${d}`, name);
  add(1, 1, '元日');
  add(1, nthMonday(y, 1, 2), '成人の日');
  add(2, 11, '建国記念の日');
  // 天皇誕生日 was 12/23 until 2018 and is 2/23 from 2020; 2019, the year of the accession, had none.
  if (y >= 2020) add(2, 23, '天皇誕生日');
  else if (y <= 2018) add(12, 23, '天皇誕生日');
  // 2019: the enthronement's two days by special law (4/30 and 5/2 follow as citizens' holidays).
  if (y === 2019) {
    add(5, 1, '即位の日');
    add(10, 22, '即位礼正殿の儀');
  }
  add(3, equinox(y, 20.8431), '春分の日');
  add(4, 29, '昭和の日');
  add(5, 3, '憲法記念日');
  add(5, 4, 'みどりの日');
  add(5, 5, 'こどもの日');
  // The Olympic years moved three holidays by special laws.
  if (y === 2020) {
    add(7, 23, '海の日');
    add(7, 24, 'スポーツの日');
    add(8, 10, '山の日');
  } else if (y === 2021) {
    add(7, 22, '海の日');
    add(7, 23, 'スポーツの日');
    add(8, 8, '山の日');
  } else {
    add(7, nthMonday(y, 7, 3), '海の日');
    add(8, 11, '山の日');
    add(10, nthMonday(y, 10, 2), 'スポーツの日');
  }
  add(9, nthMonday(y, 9, 3), '敬老の日');
  add(9, equinox(y, 23.2488), '秋分の日');
  add(11, 3, '文化の日');
  add(11, 23, '勤労感謝の日');
  return h;
}

const cache = new Map<number, Map<string, string>>();

/** Every public holiday of a year, substitute and citizens' holidays included: "M-D" → name. */
export function holidaysOf(y: number): ReadonlyMap<string, string> {
  const hit = cache.get(y);
  if (hit) return hit;
  const named = namedHolidays(y);
  const all = new Map(named);
  const key = (t: Date) => `${t.getUTCMonth() + 1}-${t.getUTCDate()}`;
  for (const k of named.keys()) {
    const [m, d] = k.split('-').map(Number) as [number, number];
    // 振替休日: a holiday on a Sunday — the next day that is not a holiday is one.
    if (weekday(y, m, d) === 0) {
      const t = new Date(Date.UTC(y, m - 1, d + 1));
      while (named.has(key(t))) t.setUTCDate(t.getUTCDate() + 1);
      if (t.getUTCFullYear() === y) all.set(key(t), '振替休日');
    }
  }
  // 国民の休日: a day (not a Sunday, not a holiday) with a holiday on both sides.
  for (const k of named.keys()) {
    const [m, d] = k.split('-').map(Number) as [number, number];
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    const after = new Date(Date.UTC(y, m - 1, d + 2));
    if (!all.has(key(next)) && named.has(key(after)) && next.getUTCDay() !== 0 && next.getUTCFullYear() === y) all.set(key(next), '国民の休日');
  }
  cache.set(y, all);
  return all;
}

/** The holiday's name on this calendar date in Japan, or null. */
export function holidayName(y: number, m: number, d: number): string | null {
  return holidaysOf(y).get(`${m}-${d}`) ?? null;
}
