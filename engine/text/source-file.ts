/**
 * Reading and writing source files from disk without losing anything: the text is decoded as
 * decode.ts says, and written back (after --fix) in the encoding it was read with.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { decodeBytes, encodeText, type TextEncodingName } from './decode.js';

/** Files larger than this are not linted (a generated file or a dump, not installer source). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadSourceResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; kind: 'unreadable' | 'binary' | 'too-large'; message: string };

export function readSourceFile(filePath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadSourceResult {
  let bytes: Uint8Array;
  try {
    const stat = statSync(filePath);
    // A FIFO, socket or device: reading it would block forever (a FIFO waits for a writer).
    if (!stat.isFile() && !stat.isDirectory()) {
      return { ok: false, kind: 'unreadable', message: 'cannot read file: not a regular file (a FIFO, socket or device)' };
    }
    const size = stat.size;
    if (size > maxBytes) {
      const shown = formatSizeAndLimit(size, maxBytes);
      return { ok: false, kind: 'too-large', message: `file is ${shown[0]}, over the limit of ${shown[1]}; skipped` };
    }
    bytes = readFileSync(filePath);
  } catch (error) {
    return { ok: false, kind: 'unreadable', message: `cannot read file: ${describeFsError(error)}` };
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, kind: 'binary', message: decoded.message };
  return decoded;
}

export function writeSourceFile(filePath: string, text: string, encoding: TextEncodingName): void {
  writeFileSync(filePath, encodeText(text, encoding));
}

export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e?.message ?? String(error);
  }
}

/** The size and the limit, in MiB or KiB; in bytes when the rounded figures would read the same. */
function formatSizeAndLimit(size: number, limit: number): [string, string] {
  const a = formatBytes(size);
  const b = formatBytes(limit);
  return a === b ? [`${size} bytes`, `${limit} bytes`] : [a, b];
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}
