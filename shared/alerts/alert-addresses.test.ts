/**
 * An alert's title sent to Slack, Teams or mail never carries a caller's address: a street number
 * in 番地, a building and room, a block and lot in Western order (the rules shared with the
 * executives' page, shared/text/contact-details.ts).
 */
import { describe, expect, it } from 'vitest';
import { detailedText, scrub } from './message';

describe("an alert's title with a caller's address", () => {
  it.each([
    ['山田様（横浜市中区山下町123番地）から苦情', '山田様（横浜市中区山下町…）から苦情'],
    ['東京都渋谷区神宮前1-2-3 グランドビル405号室の方から漏えいの連絡', '東京都渋谷区神宮前… …の方から漏えいの連絡'],
    ['1-2-3 Jingumae, Shibuya-ku, Tokyo 150-0001 の方から', '… Jingumae, Shibuya-ku, Tokyo … の方から'],
    ['山下町1番地 コーポ2 の方', '山下町… … の方'],
  ])('%s', (title, sent) => {
    expect(scrub(title)).toBe(sent);
    const text = detailedText('high', title);
    expect(text.ja).toContain(`件名: ${sent}`);
    expect(text.en).toContain(`Title: ${sent}`);
    expect(`${text.ja}\n${text.en}`).not.toMatch(/123|405|1-2-3|グランドビル|コーポ2/);
  });
});
