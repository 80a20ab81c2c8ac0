import { describe, expect, it } from 'vitest';
import { holidayName, holidaysOf } from './holidays-jp';

const list = (y: number) =>
  [...holidaysOf(y).keys()]
    .map((k) => k.split('-').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([m, d]) => `${m}/${d}`);

// The Cabinet Office's published lists (内閣府「国民の祝日について」).
describe("Japan's public holidays", () => {
  it('2019, the year of the enthronement: 即位の日 5/1 and 即位礼正殿の儀 10/22, citizens’ holidays 4/30 and 5/2, and no 天皇誕生日', () => {
    expect(list(2019)).toEqual(['1/1', '1/14', '2/11', '3/21', '4/29', '4/30', '5/1', '5/2', '5/3', '5/4', '5/5', '5/6', '7/15', '8/11', '8/12', '9/16', '9/23', '10/14', '10/22', '11/3', '11/4', '11/23']);
    expect(holidayName(2019, 4, 30)).toBe('国民の休日');
    expect(holidayName(2019, 2, 23)).toBeNull();
  });
  it('2024, with four substitute holidays', () => {
    expect(list(2024)).toEqual(['1/1', '1/8', '2/11', '2/12', '2/23', '3/20', '4/29', '5/3', '5/4', '5/5', '5/6', '7/15', '8/11', '8/12', '9/16', '9/22', '9/23', '10/14', '11/3', '11/4', '11/23']);
  });
  it('2025', () => {
    expect(list(2025)).toEqual(['1/1', '1/13', '2/11', '2/23', '2/24', '3/20', '4/29', '5/3', '5/4', '5/5', '5/6', '7/21', '8/11', '9/15', '9/23', '10/13', '11/3', '11/23', '11/24']);
  });
  it('2026, with a substitute holiday after Golden Week and a citizens’ holiday in September', () => {
    expect(list(2026)).toEqual(['1/1', '1/12', '2/11', '2/23', '3/20', '4/29', '5/3', '5/4', '5/5', '5/6', '7/20', '8/11', '9/21', '9/22', '9/23', '10/12', '11/3', '11/23']);
    expect(holidayName(2026, 5, 6)).toBe('振替休日');
    expect(holidayName(2026, 9, 22)).toBe('国民の休日');
  });
  it('2027: the vernal equinox on a Sunday moves to Monday', () => {
    expect(list(2027)).toEqual(['1/1', '1/11', '2/11', '2/23', '3/21', '3/22', '4/29', '5/3', '5/4', '5/5', '7/19', '8/11', '9/20', '9/23', '10/11', '11/3', '11/23']);
  });
  it('2021: the Olympic moves', () => {
    expect(holidayName(2021, 7, 22)).toBe('海の日');
    expect(holidayName(2021, 7, 23)).toBe('スポーツの日');
    expect(holidayName(2021, 8, 9)).toBe('振替休日');
    expect(holidayName(2021, 10, 11)).toBeNull();
  });
  it('the year end is not a public holiday', () => {
    expect(holidayName(2026, 12, 31)).toBeNull();
    expect(holidayName(2027, 1, 2)).toBeNull();
  });
});
