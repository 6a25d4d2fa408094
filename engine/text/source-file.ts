/**
 * Reading and writing source files from disk without losing anything: the text is decoded as
 * decode.ts says, and written back (after --fix) in the encoding it was read with, only when the
 * file is still what was read (fix-write.ts).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { decodeBytes, encodeText, type TextEncodingName } from './decode.js';
import { type FileStamp, stampOf, writeIfUnchanged, type WriteOutcome } from './fix-write.js';

export type { FileStamp, WriteOutcome } from './fix-write.js';

/** Files larger than this are not linted (a generated file or a dump, not installer source). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadSourceResult =
  /** `stamp`: the file as it was read (size, modification time, hash), for --fix to check before writing. */
  | { ok: true; text: string; encoding: TextEncodingName; stamp?: FileStamp }
  | { ok: false; kind: 'unreadable' | 'binary' | 'too-large'; message: string };

export function readSourceFile(filePath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadSourceResult {
  let bytes: Uint8Array;
  let mtimeMs: number;
  let fd: number | undefined;
  try {
    // Opened without blocking, then checked: a FIFO opened for reading would wait for a writer.
    fd = openSync(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    // A FIFO, socket or device is never read.
    if (!stat.isFile() && !stat.isDirectory()) {
      return { ok: false, kind: 'unreadable', message: 'cannot read file: not a regular file (a FIFO, socket or device)' };
    }
    const size = stat.size;
    if (size > maxBytes) {
      const shown = formatSizeAndLimit(size, maxBytes);
      return { ok: false, kind: 'too-large', message: `file is ${shown[0]}, over the limit of ${shown[1]}; skipped` };
    }
    bytes = readFileSync(fd);
    mtimeMs = stat.mtimeMs;
  } catch (error) {
    return { ok: false, kind: 'unreadable', message: `cannot read file: ${describeFsError(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, kind: 'binary', message: decoded.message };
  return { ...decoded, stamp: stampOf(bytes, mtimeMs) };
}

/**
 * Writes a fixed text back in the encoding it was read with, when the file is still the one read
 * (`stamp`; fix-write.ts writeIfUnchanged): through a temporary file in the same folder, renamed
 * over it. Never throws: a file that changed or could not be written is the outcome's message.
 */
export function writeSourceFile(filePath: string, text: string, encoding: TextEncodingName, stamp?: FileStamp): WriteOutcome {
  return writeIfUnchanged(filePath, encodeText(text, encoding), stamp);
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
