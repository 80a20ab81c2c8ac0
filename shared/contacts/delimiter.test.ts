import { describe, expect, it } from 'vitest';
import { DELIMITER_NAMES, delimiterIn, detectDelimiter, detectionSample, DETECT_BREAKS } from './delimiter';
import { DELIMITERS } from './model';

describe('separator detection', () => {
  it('knows every separator by name and finds each one in a value', () => {
    expect(Object.keys(DELIMITER_NAMES).sort()).toEqual([...DELIMITERS].sort());
    for (const d of DELIMITERS) expect(delimiterIn(`C1${d}x`)).toBe(d);
    expect(delimiterIn('C000123')).toBeUndefined();
  });

  it('samples a fixed start of the text: the same whatever has arrived beyond it', () => {
    const text = Array.from({ length: 100 }, (_, i) => `C${i}\t名前${i}`).join('\r\n');
    const whole = detectionSample(text, true)!;
    expect(whole.sample.split(/\r\n|\r|\n/).length).toBe(DETECT_BREAKS / 2 + 1);
    expect(detectionSample(text.slice(0, 50), false)).toBeNull();
    expect(detectionSample(text.slice(0, whole.sample.length + 1), false)).toEqual(whole);
  });

  it('prefers the separator that gives every line the width of the first', () => {
    expect(detectDelimiter('a;b;c\n1;2,5;3\n4;5;6')).toBe(';');
    expect(detectDelimiter('a,b\n"1;2",3\n')).toBe(',');
    expect(detectDelimiter('顧客番号\nC1\n')).toBeNull();
    // A cut sample's last line is partial and not counted against the separator.
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n4\t5', true)).toBe('\t');
  });
});
