import { describe, expect, it } from 'vitest';
import { countLineBreaks, unifyLineBreaks } from './line-breaks';

describe('unifyLineBreaks', () => {
  it('writes CRLF, CR and LF record ends as LF and leaves quoted line breaks as they are', () => {
    expect(unifyLineBreaks('a,b\r\n1,"x\r\ny"\r2,"p\rq"\n3,z\r\n', ',')).toBe('a,b\n1,"x\r\ny"\n2,"p\rq"\n3,z\n');
  });

  it('takes a quote inside an unquoted field as text, as the parser does (5" is five inches)', () => {
    expect(unifyLineBreaks('1,5" screen\r\n2,"a"\r\n3,b\r\n', ',')).toBe('1,5" screen\n2,"a"\n3,b\n');
  });

  it('knows escaped quotes and the separator in use', () => {
    expect(unifyLineBreaks('1\t"say ""hi""\r\nnow"\r\n2\tx\r', '\t')).toBe('1\t"say ""hi""\r\nnow"\n2\tx\n');
    // A comma is not a field start in a tab file: that quote is text.
    expect(unifyLineBreaks('1\ta,"b\r\n2\tc\r\n', '\t')).toBe('1\ta,"b\n2\tc\n');
  });

  it('counts CRLF, CR and LF as one line break each', () => {
    expect(countLineBreaks('a\r\nb\rc\nd')).toBe(3);
    expect(countLineBreaks('none')).toBe(0);
  });
});
