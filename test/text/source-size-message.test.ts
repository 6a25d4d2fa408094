/** The "over the limit" message of engine/text/source-file.ts shows two different figures. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from '../../engine/text/source-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'size-message-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function messageFor(size: number, limit: number): string {
  const file = join(dir, 'big.c');
  writeFileSync(file, Buffer.alloc(size, 0x20));
  const r = readSourceFile(file, limit);
  if (r.ok) throw new Error('expected too-large');
  expect(r.kind).toBe('too-large');
  return r.message;
}

describe('too-large message', () => {
  it('one byte over the 4 MiB default limit shows bytes', () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(4194304);
    expect(messageFor(4194305, DEFAULT_MAX_FILE_BYTES)).toBe('file is 4194305 bytes, over the limit of 4194304 bytes; skipped');
  });

  it('a tiny limit shows bytes', () => {
    expect(messageFor(20, 10)).toBe('file is 20 bytes, over the limit of 10 bytes; skipped');
  });

  it('sizes that differ when rounded keep the short units', () => {
    expect(messageFor(3 * 1024, 1024)).toBe('file is 3 KiB, over the limit of 1 KiB; skipped');
  });
});
