import { describe, expect, it } from 'vitest';
import { RULES } from '../../../shared/disclosure/rules';
import { tFor } from './doc-lang';
import { rulesInWords } from './labels';

describe('the rules the PPC draft follows, in words', () => {
  it('names the law and the dates, never the version code', () => {
    const ja = rulesInWords(tFor('ja'), 'ja');
    const en = rulesInWords(tFor('en'), 'en');
    expect(ja).toBe('2022年4月1日施行の改正個人情報保護法と、2024年4月1日施行の改正施行規則（2026年11月22日 時点）');
    expect(en).toBe('the APPI as amended in force since 1 April 2022 and its Enforcement Rules as amended from 1 April 2024 (as of 22 November 2026)');
    // A new version of the rules needs its words: this fails until they are written.
    expect(`${ja}${en}`).not.toContain(RULES.version);
  });
});
