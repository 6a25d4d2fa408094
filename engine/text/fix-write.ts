/**
 * Writing a fixed file back without losing an edit made meanwhile (README, Security): the file is
 * written only when it is still what the lint read (same size, modification time and SHA-256 of
 * its bytes), through a temporary file in the same folder that is renamed over it, with the
 * file's mode (and, when running as root, its owner). A file changed since it was read, no longer
 * a regular file, or that cannot be written is left as it is, and the outcome says why.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file as it was read: enough to tell, before writing it, whether anyone changed it since. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the bytes read, hex. */
  sha256: string;
}

export type WriteOutcome =
  | { ok: true }
  /** `changed`: the file is not what was read (nothing written); `failed`: the write failed (nothing written). */
  | { ok: false; reason: 'changed' | 'failed'; message: string };

export function stampOf(bytes: Uint8Array, mtimeMs: number): FileStamp {
  return { size: bytes.length, mtimeMs, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const changed = (why: string): WriteOutcome => ({ ok: false, reason: 'changed', message: `not fixed: ${why}; lint it again` });

/** Why the file at `realPath` is not the one `stamp` describes, or undefined when it is. */
function differsFrom(realPath: string, stamp: FileStamp): string | undefined {
  const stat = statSync(realPath);
  if (!stat.isFile()) return 'the file is no longer a regular file';
  if (stat.size !== stamp.size || stat.mtimeMs !== stamp.mtimeMs) return 'the file changed on disk since it was read';
  const bytes = readFileSync(realPath);
  if (stampOf(bytes, stat.mtimeMs).sha256 !== stamp.sha256) return 'the file changed on disk since it was read';
  return undefined;
}

/**
 * Writes `bytes` to the file `filePath` names (its real path: a symbolic link stays a link) when
 * the file is still the one `stamp` describes; without a stamp, when it is a regular file. Never
 * throws.
 */
export function writeIfUnchanged(filePath: string, bytes: Uint8Array, stamp: FileStamp | undefined): WriteOutcome {
  let realPath: string;
  let stat;
  try {
    realPath = realpathSync(filePath);
    stat = statSync(realPath);
    const why = stamp ? differsFrom(realPath, stamp) : stat.isFile() ? undefined : 'the file is no longer a regular file';
    if (why) return changed(why);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return changed('the file was removed or moved since it was read');
    return failed(error);
  }
  // beside the file (a rename does not cross file systems), named after it, short enough for any name (40 characters are at most 160 bytes)
  const temp = join(dirname(realPath), `.${basename(realPath).slice(0, 40)}.${process.pid}-${randomBytes(4).toString('hex')}.coinstaller-lint.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', 0o600);
    created = true;
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    if (process.getuid?.() === 0) fchownSync(fd, stat.uid, stat.gid);
    fchmodSync(fd, stat.mode & 0o7777);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // the last look before the rename: an edit saved while the temporary file was written wins
    const now = statSync(realPath);
    if (!now.isFile() || now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) {
      unlinkSync(temp);
      return changed('the file changed on disk while the fixes were written');
    }
    renameSync(temp, realPath);
    return { ok: true };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    }
    return failed(error);
  }
}

function failed(error: unknown): WriteOutcome {
  const e = error as NodeJS.ErrnoException;
  const detail = e?.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String(error);
  return { ok: false, reason: 'failed', message: `could not write the fixes: ${detail}; the file is unchanged` };
}
