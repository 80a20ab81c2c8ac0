import { describe, expect, it } from 'vitest';
import { encodeCsv } from '../export/csv';
import { ShiftJisDecoder, shiftJisDecoderStream } from './shift-jis';

/** Decoded in the pieces given, as a file's stream delivers it. */
function inPieces(bytes: Uint8Array, cuts: readonly number[]): string {
  const d = new ShiftJisDecoder();
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    out += d.decode(bytes.subarray(at, cut), true);
    at = cut;
  }
  return out + d.decode(bytes.subarray(at), false);
}

const once = (bytes: number[]) => new ShiftJisDecoder().decode(Uint8Array.from(bytes));

function random(seed: number) {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

// The browser tests (e2e/contacts-engine.e2e.ts) hold it equal to Chromium's own decoder for
// every input of one and two bytes; Node's decoder is ICU's, not the Encoding Standard's, so
// here it is compared on well-formed text only, and the standard's error steps are checked by hand.
describe('Shift_JIS decoding', () => {
  const text = '顧客番号,氏名,フリガナ,住所\r\nC0001,山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,東京都千代田区１－２－３　①号室\r\nC0002,髙橋 吉,タカハシ,"大阪府, ～"\r\n';

  it('reads a customer list as the platform does, however the bytes are cut', () => {
    const bytes = encodeCsv(text, 'shift_jis');
    const want = new TextDecoder('shift_jis').decode(bytes);
    expect(want).toContain('山田 花子');
    expect(inPieces(bytes, [])).toBe(want);
    for (let cut = 1; cut < bytes.length; cut++) expect(inPieces(bytes, [cut])).toBe(want);
    expect(inPieces(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))).toBe(want);
  });

  it('follows the Encoding Standard where a byte is wrong', () => {
    // ASCII and 0x80 are themselves; half-width katakana; a pair; the private-use pairs from 0xF040.
    expect(once([0x41, 0x80, 0xb1, 0xdf])).toBe('A\u0080ｱﾟ');
    expect(once([0x82, 0xa0, 0x81, 0x40])).toBe('あ\u3000');
    expect(once([0xf0, 0x40, 0xf9, 0xfc])).toBe('\ue000\ue757');
    // A pair without a character: one U+FFFD, and an ASCII trail read again (the comma survives).
    expect(once([0x81, 0x2c, 0x41])).toBe('\ufffd,A');
    expect(once([0x81, 0x7f])).toBe('\ufffd\u007f');
    expect(once([0x81, 0xfd, 0x41])).toBe('\ufffdA');
    // A row of the character set with nothing in it: the same two rules.
    expect(once([0x85, 0x40, 0x41])).toBe('\ufffd@A');
    expect(once([0x85, 0x9f, 0x41])).toBe('\ufffdA');
    // Bytes that lead nothing, and a lead byte at the end.
    expect(once([0xa0, 0xfd, 0xfe, 0xff])).toBe('\ufffd\ufffd\ufffd\ufffd');
    expect(once([0x41, 0x82])).toBe('A\ufffd');
    expect(once([])).toBe('');
  });

  it('pairs a lead byte at the end of one chunk with the next, and says U+FFFD only when the file ends there', () => {
    const d = new ShiftJisDecoder();
    expect(d.decode(Uint8Array.of(0x41, 0x82), true)).toBe('A');
    expect(d.decode(Uint8Array.of(), true)).toBe('');
    expect(d.decode(Uint8Array.of(0xa0), true)).toBe('あ');
    expect(d.decode(Uint8Array.of(0x82), true)).toBe('');
    expect(d.decode(Uint8Array.of(0x0a), true)).toBe('\ufffd\n');
    expect(d.decode(Uint8Array.of(0x82), true)).toBe('');
    expect(d.decode(Uint8Array.of(), false)).toBe('\ufffd');
    // Ended, it starts afresh.
    expect(d.decode(Uint8Array.of(0xa0), false)).toBe('\ufffd');
  });

  it('gives the same text for random bytes whatever the chunks, and keeps no decoded text in its buffer', () => {
    const next = random(99);
    const bytes = new Uint8Array(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next() < 0.5 ? Math.floor(next() * 128) : Math.floor(next() * 256);
    const whole = inPieces(bytes, []);
    expect(whole.length).toBeGreaterThan(100_000);
    for (let round = 0; round < 5; round++) {
      const cuts: number[] = [];
      for (let at = 0; ; ) {
        at += 1 + Math.floor(next() * (round === 0 ? 3 : 20_000));
        if (at >= bytes.length) break;
        cuts.push(at);
      }
      expect(inPieces(bytes, cuts)).toBe(whole);
    }
    const d = new ShiftJisDecoder();
    d.decode(encodeCsv(text, 'shift_jis'), true);
    const kept = (d as unknown as { units: Uint16Array }).units;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((u) => u === 0)).toBe(true);
  });

  it('streams as TextDecoderStream does', async () => {
    const bytes = encodeCsv(text, 'shift_jis');
    const parts = [bytes.subarray(0, 7), bytes.subarray(7, 8), bytes.subarray(8, 8), bytes.subarray(8)];
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(p);
        c.close();
      },
    });
    let out = '';
    const reader = source.pipeThrough(shiftJisDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    expect(out).toBe(new TextDecoder('shift_jis').decode(bytes));
    // A lead byte as the last byte of the file.
    const tail = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(Uint8Array.of(0x41, 0x82));
        c.close();
      },
    });
    const r2 = tail.pipeThrough(shiftJisDecoderStream()).getReader();
    let out2 = '';
    for (;;) {
      const { value, done } = await r2.read();
      if (done) break;
      out2 += value;
    }
    expect(out2).toBe('A\ufffd');
  });
});
