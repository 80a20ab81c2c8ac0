/**
 * Default wording has to read right whatever the team typed into the facts it quotes:
 * a service name that ends in a full stop ("etc.", "Co., Ltd.") or in Japanese brackets.
 */
import { describe, expect, it } from 'vitest';
import { FACT_KEYS, type Facts } from '../incident/model';
import { renderTemplate } from '../incident/render';
import { RENDER_LABELS } from './fixtures';
import { NOTICE_SECTIONS } from './notice';
import { STATEMENT_SECTIONS } from './statement';

const SERVICES = ['Sakura Club members, etc.', 'Customers of Hanamizuki Co., Ltd.', 'Members (Gold, Platinum)', 'オンラインストアの会員', '「ＡＢＣ給与ナビ」及び『勤怠くん』をご利用の従業員様'];

describe('templates read right around realistic service names', () => {
  for (const services of SERVICES) {
    it(`no doubled punctuation around "${services}"`, () => {
      const facts = { ...Object.fromEntries(FACT_KEYS.map((k) => [k, null])), itemsLeaked: ['name'], itemsNotLeaked: [], services } as unknown as Facts;
      for (const spec of [...STATEMENT_SECTIONS, ...NOTICE_SECTIONS]) {
        for (const [template, locale] of [
          [spec.template, 'ja-JP'],
          [spec.templateEn, 'en-GB'],
        ] as const) {
          const text = renderTemplate(template, { title: '', facts }, { labels: RENDER_LABELS, locale }).text;
          expect(text, `${spec.key} (${locale})`).not.toMatch(/\.\.|。。|\.。|。\./);
          expect(text, `${spec.key} (${locale})`).not.toMatch(/をご利用のお客様をご利用|の会員をご利用/);
        }
      }
    });
  }
});
