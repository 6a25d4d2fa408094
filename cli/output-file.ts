/**
 * `-o FILE`: checked before any lint work (README, Security), written after it. The report never
 * replaces a source (a C/C++, INF, .def or build file, which the lint may read or --fix write) or
 * a config, never goes through a symbolic link (a checked-out tree may hold `report.txt ->
 * ~/.profile`), nor to a folder, a device, FIFO or socket, a path under a file, under /proc, /sys
 * or /dev; missing
 * folders are created only inside the current folder's tree. Every refusal is a usage error (exit
 * status 2) with the reason.
 */
import { accessSync, constants, lstatSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, isBuildFile, isModuleFile, isSpecialPath } from '../engine/index.js';

export type OutputCheck = { ok: true; target: string; create: string | undefined } | { ok: false; message: string };

const isSource = (path: string): boolean => isModuleFile(path) || isBuildFile(path) || basename(path) === CONFIG_FILE_NAME;

function statOf(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return 'under-file' as const;
    throw error;
  }
}

function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * Whether the report may go to `file` (relative to `cwd`). `create`: the nearest missing folder
 * to create before writing, when the target's folder does not exist yet.
 */
export function checkOutputFile(file: string, cwd: string, configFile?: string): OutputCheck {
  const target = resolve(cwd, file);
  const refuse = (why: string): OutputCheck => ({ ok: false, message: `cannot write the report to ${file}: ${why}` });
  try {
    if (isSpecialPath(target) || isSpecialPath(dirname(target))) return refuse('a path under /proc, /sys or /dev');
    if (isLink(target)) return refuse('a symbolic link (name the file it leads to)');
    const stat = statOf(target);
    if (stat === 'under-file') return refuse('a folder on its path is a file');
    if (stat) {
      if (stat.isDirectory()) return refuse('it is a folder');
      if (!stat.isFile()) return refuse('not a regular file (a device, FIFO or socket)');
      if (isSource(target) || (configFile !== undefined && realpathSync(target) === realOf(resolve(cwd, configFile)))) {
        return refuse('it is a C/C++, INF, .def, build or config file, which the lint reads (and --fix writes)');
      }
      accessSync(target, constants.W_OK);
      return { ok: true, target, create: undefined };
    }
    // the nearest folder on the path that exists: the report's folder, or where folders are created
    let folder = dirname(target);
    let missing: string | undefined;
    for (let s = statOf(folder); s === undefined; s = statOf(folder)) {
      missing = folder;
      if (dirname(folder) === folder) return refuse('no folder on its path exists');
      folder = dirname(folder);
    }
    const found = statOf(folder);
    if (found === 'under-file' || (found && !found.isDirectory())) return refuse(`${folder} is a file, not a folder`);
    if (isSpecialPath(folder)) return refuse('a path under /proc, /sys or /dev');
    if (missing !== undefined && !within(realOf(cwd), realOf(folder))) {
      return refuse(`the folder ${dirname(target)} does not exist (folders are created only inside the current folder)`);
    }
    accessSync(folder, constants.W_OK);
    return { ok: true, target, create: missing };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return refuse(e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied' : (e?.message ?? String(error)));
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Writes the report (checked again: the path may have changed during the lint); returns the error message when that fails. */
export function writeOutputFile(file: string, cwd: string, text: string, configFile?: string): string | undefined {
  const check = checkOutputFile(file, cwd, configFile);
  if (!check.ok) return check.message;
  try {
    if (check.create !== undefined) mkdirSync(dirname(check.target), { recursive: true });
    writeFileSync(check.target, text);
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `cannot write the report to ${file}: ${e?.code ? `${e.code}: ` : ''}${e?.message?.replace(/^[A-Z]+: /, '') ?? String(error)}`;
  }
}
