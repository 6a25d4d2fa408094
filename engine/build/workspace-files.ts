/**
 * Reading build files, and the files `#include` lines name, inside the workspace only
 * (docs/architecture.md, Modules): a build file may name any path (`..\..\common.props`,
 * `C:\WinDDK\inc`), an include any file (`"/etc/passwd"`, `"../../outside/x.h"`), and nothing
 * outside the workspace roots is read, nor anything that is not a regular file (a FIFO would block
 * the reader) or lies under /proc, /sys or /dev.
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { readSourceFile } from '../text/source-file.js';

/** Build files larger than this are not read (a project file is a few kilobytes; compile_commands.json of a big tree a few megabytes). */
const MAX_BUILD_FILE_BYTES = 32 * 1024 * 1024;

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path` is one of the roots or inside one (after symbolic links are followed). */
export function insideRoots(roots: readonly string[], path: string): boolean {
  const abs = real(path);
  return roots.some((root) => abs === root || abs.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * The kernel's and the devices' trees (/proc, /sys, /dev), by real path: their "regular files"
 * (/proc/self/environ) are no source, and some block or never end.
 */
export function isSpecialPath(path: string): boolean {
  return /^\/(proc|sys|dev)(\/|$)/.test(real(path));
}

/** A regular file, not under /proc, /sys or /dev. */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile() && !isSpecialPath(path);
  } catch {
    return false;
  }
}

/**
 * Whether module discovery may open a file an `#include` names (docs/architecture.md, Modules):
 * a regular file (isRegularFile), inside the roots when there are any (the workspace: the linted
 * folders and the current folder, the language server's workspace folders).
 */
export function includeAllowed(roots: readonly string[] | undefined, path: string): boolean {
  return isRegularFile(path) && (roots === undefined || insideRoots(roots, path));
}

/** The roots as the file system spells them (symbolic links followed), so that insideRoots compares like with like. */
export function realRoots(roots: readonly string[]): string[] {
  return roots.map((r) => real(r));
}

/** Reads a file's text (decoded as the C/C++ sources are) when it is a regular file inside the roots (real paths); else undefined. */
export function workspaceReader(roots: () => readonly string[]): (absolutePath: string) => string | undefined {
  return (path) => {
    if (!insideRoots(roots(), path) || !isRegularFile(path)) return undefined;
    const read = readSourceFile(path, MAX_BUILD_FILE_BYTES);
    return read.ok ? read.text : undefined;
  };
}
