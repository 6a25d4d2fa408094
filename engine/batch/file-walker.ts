/**
 * Turns files, folders and globs (the command line's, the library's lintFiles) into the list of
 * files to lint. Folders are walked iteratively (no recursion depth limit), skipping
 * SKIPPED_FOLDERS and ignored paths; symlinked folders are followed once (a loop is reported, not
 * walked forever), links into /proc, /sys or /dev are reported and skipped; unreadable folders and patterns that match nothing are reported as problems,
 * not thrown.
 */
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isSpecialPath } from '../build/workspace-files.js';
import { isBuildFile, languageOfPath } from '../parsing/cpp-parser.js';

/** Files the linter reads: C/C++ sources and headers, INF files, and build files (read as data). */
const isLintable = (path: string): boolean => languageOfPath(path) !== null || isBuildFile(path);

/**
 * Folders no walk for files to lint enters, at any depth below where it starts (a folder named on
 * the command line is walked): version control (.git, .hg, .svn), dependencies (node_modules),
 * Visual Studio's own (.vs) and build output (dist, out). The command line and the language
 * server's workspace index (server/providers/workspace-indexing.ts) both skip these.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '.vs', 'dist', 'out']);

export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkOptions {
  cwd: string;
  isIgnored?: (absolutePath: string) => boolean;
}

export interface WalkResult {
  files: string[];
  problems: WalkProblem[];
}

export function collectFiles(patterns: readonly string[], options: WalkOptions): WalkResult {
  const files = new Set<string>();
  const problems: WalkProblem[] = [];
  const ignored = options.isIgnored ?? (() => false);
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const before = files.size;
    const found = picomatch.scan(pattern).isGlob
      ? walkGlob(pattern, options.cwd, ignored, files, problems)
      : walkPath(resolve(options.cwd, pattern), ignored, files, problems, true);
    if (found && files.size === before) {
      problems.push({ path: pattern, message: 'no C/C++, INF or build files match this pattern (or all are ignored)' });
    }
  }
  return { files: [...files].sort(), problems };
}

/** Returns false when the path itself was a problem (already reported). */
function walkPath(path: string, ignored: (p: string) => boolean, files: Set<string>, problems: WalkProblem[], explicit: boolean): boolean {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    problems.push({ path, message: describe(error, 'cannot be read') });
    return false;
  }
  if (stat.isFile()) {
    if (ignored(path)) return true;
    if (isLintable(path)) files.add(path);
    else if (explicit) problems.push({ path, message: 'not a C/C++ source, header, INF or build file; skipped' });
    return true;
  }
  if (!stat.isDirectory()) {
    problems.push({ path, message: 'is neither a file nor a folder' });
    return false;
  }
  walkFolder(path, () => true, ignored, files, problems);
  return true;
}

function walkGlob(pattern: string, cwd: string, ignored: (p: string) => boolean, files: Set<string>, problems: WalkProblem[]): boolean {
  const scan = picomatch.scan(pattern);
  const base = resolve(cwd, scan.base || '.');
  const absolutePattern = isAbsolute(pattern) ? pattern : join(cwd, pattern);
  const matches = picomatch(toPosix(absolutePattern), { dot: false });
  if (!existsSync(base)) return true;
  walkFolder(base, (file) => matches(toPosix(file)), ignored, files, problems);
  return true;
}

/** Breadth-first over folders, with real paths remembered so that symlink loops end. */
function walkFolder(
  root: string,
  accept: (file: string) => boolean,
  ignored: (p: string) => boolean,
  files: Set<string>,
  problems: WalkProblem[],
): void {
  const seen = new Set<string>();
  const queue: string[] = [root];
  for (let i = 0; i < queue.length; i++) {
    const folder = queue[i];
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(folder);
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, message: describe(error, 'folder cannot be read') });
      continue;
    }
    if (seen.has(real)) {
      if (folder !== root) problems.push({ path: folder, message: `symbolic link loop (already visited as ${real}); not followed` });
      continue;
    }
    seen.add(real);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (ignored(path)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (isSpecialPath(path)) {
          problems.push({ path, message: 'symbolic link into /proc, /sys or /dev; skipped' });
          continue;
        }
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          problems.push({ path, message: 'broken symbolic link; skipped' });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_FOLDERS.has(entry.name)) queue.push(path);
      } else if (isFile && isLintable(entry.name) && accept(path)) {
        files.add(path);
      }
    }
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function describe(error: unknown, fallback: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return fallback;
}
