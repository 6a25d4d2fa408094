/**
 * Bytes to text and back, without losing anything: UTF-8 (with or without BOM), UTF-16LE/BE
 * with BOM, and Windows-1252 when the bytes are not valid UTF-8. Binary files are refused.
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; reason: 'binary'; message: string };

/** How far into a file we look for NUL bytes that mark it as binary. */
const BINARY_SNIFF_BYTES = 8000;

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const utf16le = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  const utf16be = bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff;
  if ((utf16le || utf16be) && bytes.length % 2 === 1) {
    // Half a code unit cannot be kept: fixes written back would change the file's last byte.
    return { ok: false, reason: 'binary', message: 'UTF-16 byte order mark but an odd number of bytes (truncated, or not UTF-16); skipped' };
  }
  if (utf16le) return { ok: true, text: decodeUtf16(bytes.subarray(2), true), encoding: 'utf-16le' };
  if (utf16be) return { ok: true, text: decodeUtf16(bytes.subarray(2), false), encoding: 'utf-16be' };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      // ignoreBOM: a second BOM after the first is text, kept as U+FEFF.
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
    } catch {
      // Not UTF-8 after all: read as Windows-1252 like any other file that is not UTF-8 (the BOM
      // becomes "\u00ef\u00bb\u00bf"), so that writing fixes back changes no byte outside them.
      return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
  }
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) {
    if (bytes[i] === 0) {
      return {
        ok: false,
        reason: 'binary',
        message: `binary file (NUL byte at offset ${i} and no UTF-16 byte order mark); skipped`,
      };
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * UTF-16 code unit by code unit, so that a lone surrogate survives a round trip through
 * encodeText (TextDecoder would turn it into U+FFFD and --fix would write that back). The byte
 * count is even (checked by the caller).
 */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = bytes.length >> 1;
  const CHUNK = 8192;
  let out = '';
  for (let start = 0; start < units; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(units, start + CHUNK);
    for (let i = start; i < end; i++) {
      const a = bytes[2 * i];
      const b = bytes[2 * i + 1];
      codes.push(littleEndian ? a | (b << 8) : (a << 8) | b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Encodes text back in the encoding it was read with (BOM included). */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom': {
      const body = new TextEncoder().encode(text);
      const out = new Uint8Array(body.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(body, 3);
      return out;
    }
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array(2 + text.length * 2);
      const le = encoding === 'utf-16le';
      out[0] = le ? 0xff : 0xfe;
      out[1] = le ? 0xfe : 0xff;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 + i * 2] = le ? c & 0xff : c >> 8;
        out[3 + i * 2] = le ? c >> 8 : c & 0xff;
      }
      return out;
    }
    case 'windows-1252':
      return encodeWindows1252(text);
  }
}

/** Windows-1252's 0x80–0x9F block; the rest of the byte range maps to the same code point. */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const idx = CP1252_HIGH.indexOf(c);
      // A character Windows-1252 cannot hold (only possible if an edit inserted it): '?' as Windows does.
      out[i] = idx >= 0 ? 0x80 + idx : 0x3f;
    }
  }
  return out;
}
