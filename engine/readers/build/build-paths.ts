/**
 * Paths as build files write them: Windows paths (`..\inc`, `C:\ddk\inc`) read on any platform.
 * A path relative to a build file's folder is resolved with the folder's own style: a Windows
 * folder (`C:\src`) with Windows rules, a POSIX folder with its backslashes read as separators.
 * Nothing here touches the disk.
 */
import * as path from 'node:path';

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\|\/\/)/;

function isWindowsStyle(p: string): boolean {
  return WINDOWS_ABSOLUTE.test(p) || (p.includes('\\') && !p.includes('/'));
}

/** True for `C:\x`, `\\server\x`, `/x` and `\x` (rooted on the current drive). */
export function isAbsoluteBuildPath(p: string): boolean {
  return WINDOWS_ABSOLUTE.test(p) || p.startsWith('/') || p.startsWith('\\');
}

/** `written` resolved against `folder` (absolute), in the folder's path style. */
export function resolveBuildPath(folder: string, written: string): string {
  if (WINDOWS_ABSOLUTE.test(folder) || WINDOWS_ABSOLUTE.test(written)) return path.win32.resolve(folder, written);
  return path.posix.resolve(folder, written.replace(/\\/g, '/'));
}

/** The folder of a build file (absolute path), in its own style. */
export function folderOf(file: string): string {
  return isWindowsStyle(file) ? path.win32.dirname(file) : path.posix.dirname(file);
}

/** The file name without its folder. */
export function baseNameOf(file: string): string {
  return isWindowsStyle(file) ? path.win32.basename(file) : path.posix.basename(file);
}

/** The separator the file's path uses (for `$(ProjectDir)`, which ends with one). */
export function separatorOf(file: string): string {
  return isWindowsStyle(file) ? '\\' : '/';
}

/** True when a path holds a wildcard (`*.c`, `src\**`, `file?.c`): kept as written. */
export function hasWildcard(p: string): boolean {
  return /[*?]/.test(p);
}
