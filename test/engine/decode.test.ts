import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeText } from '../../engine/text/decode.js';

const utf16le = (s: string) => Uint8Array.from([0xff, 0xfe, ...s.split('').flatMap((c) => {
  const u = c.charCodeAt(0);
  return [u & 0xff, u >> 8];
})]);

describe('decodeBytes', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeBytes(new TextEncoder().encode('ä = 1;'))).toEqual({ ok: true, text: 'ä = 1;', encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM from the text', () => {
    const r = decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]));
    expect(r).toEqual({ ok: true, text: 'a', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16LE and UTF-16BE with a BOM (NUL bytes are not binary there)', () => {
    expect(decodeBytes(utf16le('int x;'))).toEqual({ ok: true, text: 'int x;', encoding: 'utf-16le' });
    expect(decodeBytes(Uint8Array.from([0xfe, 0xff, 0, 0x41, 0, 0x42]))).toEqual({ ok: true, text: 'AB', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // 0xE9 é, 0x80 €, 0x93/0x94 curly quotes: typical of a comment saved by an old editor.
    const r = decodeBytes(Uint8Array.from([0x2f, 0x2f, 0x20, 0xe9, 0x80, 0x93, 0x94]));
    expect(r).toEqual({ ok: true, text: '// é€“”', encoding: 'windows-1252' });
  });

  it('refuses a binary file with a clear message', () => {
    const r = decodeBytes(Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/binary file/);
  });
});

describe('encodeText', () => {
  it('gives back the very bytes it read, for every encoding', () => {
    const samples: Uint8Array[] = [
      new TextEncoder().encode('a\r\nü'),
      Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]),
      utf16le('x = "😀";\r\n'),
      Uint8Array.from([0xfe, 0xff, 0, 0x41]),
      Uint8Array.from([0x2f, 0x2f, 0xe9, 0x80, 0x9c, 0x0d, 0x0a]),
    ];
    for (const bytes of samples) {
      const r = decodeBytes(bytes);
      if (!r.ok) throw new Error(r.message);
      expect([...encodeText(r.text, r.encoding)]).toEqual([...bytes]);
    }
  });
});
