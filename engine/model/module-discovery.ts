/**
 * Which files make up the module (the DLL) a source file belongs to.
 *
 * The module's root is the nearest folder, from the file's own folder upward (at most three
 * levels, never above a folder holding .git), that holds a .def, .vcxproj, `sources`, .inf or .inx
 * file; when none does, the file's own folder. Its files are the C/C++ sources and headers, .def,
 * .inf and .inx files of the root and of its subfolders (two levels down, skipping hidden, build
 * output and vendored folders, and subfolders that are modules of their own because they hold a
 * marker), plus headers the module includes with "..." from elsewhere (followed transitively).
 * Subfolders are included because the root was found upward: a project whose .vcxproj sits above
 * src/ and inc/ folders is one DLL.
 *
 * A header is compiled only when a source file includes it: the headers of those folders that no
 * source includes, directly or through other headers ("..." relative to the including file, else
 * "..." or <...> naming the header by the end of its path, leading `./` and `../` left out:
 * include-visibility.ts includeTail), are not files of the module. An include outside the
 * module's folders is followed only to a regular file inside `includeRoots` (the workspace),
 * never under /proc, /sys or /dev. Such a
 * header is a module of its own (its root is the header itself), so it brings nothing into the
 * DLL's model nor the DLL's entry points to it. A folder without any source keeps its headers.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type BuildIndex, createBuildIndex } from '../build/build-index.js';
import { includeAllowed, isRegularFile, realRoots } from '../build/workspace-files.js';
import { readSourceFile, type ReadSourceResult } from '../text/source-file.js';
import { languageOfPath } from '../parsing/cpp-parser.js';
import { includesOf } from './include-lines.js';
import { includeTail, normalisedPath } from './include-visibility.js';
import { type LocatedModule, moduleFromBuild } from './module-from-build.js';
import { hasMarker, listFolder as list, rootAmong, rootCandidates } from './module-root.js';

export { moduleRoot } from './module-root.js';
export type { LocatedModule, ModuleOrigin } from './module-from-build.js';

/** The files a module is made of: C/C++ sources and headers, INF files and .def files. */
export function isModuleFile(name: string): boolean {
  return languageOfPath(name) !== null || name.toLowerCase().endsWith('.def');
}
const HEADER = /\.(h|hh|hpp|hxx|inl)$/i;
const SKIP_DIRS = /^(\.|node_modules$|x64$|x86$|arm64$|debug$|release$|obj$|out$|bin$|build$|objfre|objchk)/i;
const MAX_DOWN = 2;
const MAX_FILES = 2000;
const MAX_INCLUDED = 200;

/**
 * Regular files only: a FIFO or socket named like a source file would block whoever reads it, and
 * a link into /proc, /sys or /dev (`env.h -> /proc/self/environ`) is no source (isRegularFile).
 */
const isFile = isRegularFile;

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface ModuleDiscoveryOptions {
  /**
   * The build files to go by (engine/build/build-index.ts): a DLL project's files make the module
   * of the files it compiles. Default: an index of the current folder's tree; null: the folder
   * rule only.
   */
  buildIndex?: BuildIndex | null;
  /** The configuration (`Release|x64`) a file is linted in (settings.configuration); else each project's first DLL configuration. */
  configurationOf?: (filePath: string) => string | null | undefined;
  /**
   * The workspace (the linted folders and the current folder; the language server's workspace
   * folders): a file an `#include` names outside it and outside the module's folders is not
   * opened (`#include "../../outside/x.h"`). Default: anywhere. Either way only regular files
   * are opened, never under /proc, /sys or /dev (engine/build/workspace-files.ts includeAllowed).
   */
  includeRoots?: readonly string[] | (() => readonly string[]);
  /**
   * How a source is read for its `#include` lines (default: from disk): the CLI hands the texts
   * on to the lint, so that each file is read once (engine/batch/source-reads.ts).
   */
  readFile?: (filePath: string) => ReadSourceResult;
}

type ReadFile = (filePath: string) => ReadSourceResult;

/** Whether discovery may open a file an include names (see ModuleDiscoveryOptions.includeRoots). */
type MayOpen = (path: string) => boolean;

export function discoverModule(filePath: string, options: ModuleDiscoveryOptions = {}): LocatedModule {
  return createModuleLocator(options)(filePath);
}

/**
 * A discoverModule that remembers each module root's files, so that locating every file of a
 * large module reads the folder and follows includes once (the CLI and the language server's
 * workspace scan locate file after file). Make a new one when files are added or removed.
 */
export function createModuleLocator(options: ModuleDiscoveryOptions = {}): (filePath: string) => LocatedModule {
  const byRoot = new Map<string, { files: string[]; hasSources: boolean }>();
  const buildIndex = options.buildIndex === undefined ? createBuildIndex() : options.buildIndex;
  const infs = new Map<string, string[]>();
  const infFilesOf = (dir: string) => {
    let found = infs.get(dir);
    if (!found) infs.set(dir, (found = scanFolder(dir).filter((f) => /\.(inf|inx)$/i.test(f))));
    return found;
  };
  const given = options.includeRoots;
  const readFile: ReadFile = options.readFile ?? ((p) => readSourceFile(p));
  return (filePath) => {
    const roots = given === undefined ? undefined : realRoots(typeof given === 'function' ? given() : given);
    const mayOpen: MayOpen = (path) => includeAllowed(roots, path);
    const abs = resolve(filePath);
    const candidates = rootCandidates(abs);
    if (buildIndex) {
      const fromBuild = moduleFromBuild(abs, buildIndex, options.configurationOf?.(abs), infFilesOf, candidates);
      if (fromBuild) return fromBuild === 'single' ? { root: abs, files: withIncludedHeaders(abs, mayOpen, readFile), origin: { rule: 'single' } } : fromBuild;
    }
    const root = rootAmong(candidates);
    let found = byRoot.get(root);
    if (!found) byRoot.set(root, (found = moduleFiles(root, mayOpen, readFile)));
    const { files } = found;
    if (files.includes(abs)) return { root, files: [...files], origin: { rule: 'folder' } };
    // a header no source of the module includes: a module of its own
    if (HEADER.test(abs) && found.hasSources) return { root: abs, files: [abs], origin: { rule: 'single' } };
    // a file outside the folders scanned (too deep, in a build folder): add it and its headers
    const extra = new Set([...files, abs]);
    addIncludedHeaders(extra, [abs], mayOpen, readFile);
    return { root, files: [...extra], origin: { rule: 'folder' } };
  };
}

/** A file on its own, with the headers it includes with "..." (followed transitively); a header alone. */
function withIncludedHeaders(abs: string, mayOpen: MayOpen, readFile: ReadFile): string[] {
  if (HEADER.test(abs)) return [abs];
  const files = new Set([abs]);
  addIncludedHeaders(files, [abs], mayOpen, readFile);
  return [...files];
}

function moduleFiles(root: string, mayOpen: MayOpen, readFile: ReadFile): { files: string[]; hasSources: boolean } {
  const files = new Set(scanFolder(root));
  const scanned = [...files];
  const sources = scanned.filter((f) => languageOfPath(f) === 'cpp' && !HEADER.test(f));
  if (sources.length === 0) {
    addIncludedHeaders(files, scanned, mayOpen, readFile);
    return { files: [...files], hasSources: false };
  }
  return { files: compiledFiles(scanned, sources, mayOpen, readFile), hasSources: true };
}

/** The module files of a root folder and of its subfolders (MAX_DOWN levels, not those with a marker of their own). */
function scanFolder(root: string): string[] {
  const files = new Set<string>();
  // each real folder and file once: symbolic links may loop or name a file twice
  const seenDirs = new Set<string>([real(root)]);
  const seenFiles = new Set<string>();
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  for (let i = 0; i < queue.length && files.size < MAX_FILES; i++) {
    const { dir, depth } = queue[i];
    const names = list(dir).sort();
    if (depth > 0 && hasMarker(names)) continue;
    for (const n of names) {
      const p = join(dir, n);
      if (isModuleFile(n)) {
        if (!isFile(p)) continue;
        const r = real(p);
        if (seenFiles.has(r)) continue;
        seenFiles.add(r);
        files.add(p);
      } else if (depth < MAX_DOWN && !SKIP_DIRS.test(n) && isDir(p)) {
        const r = real(p);
        if (seenDirs.has(r)) continue;
        seenDirs.add(r);
        queue.push({ dir: p, depth: depth + 1 });
      }
    }
  }
  return [...files];
}

/**
 * The files of `scanned` a build compiles: the sources, the .def/.inf/.inx files, and the headers
 * the sources include, transitively; plus the headers included with "..." from outside `scanned`.
 */
function compiledFiles(scanned: readonly string[], sources: readonly string[], mayOpen: MayOpen, readFile: ReadFile): string[] {
  const listedByReal = new Map(scanned.map((f) => [real(f), f]));
  // the module's headers by lower-case file name, for includes that do not resolve from the includer
  const headersByName = new Map<string, string[]>();
  for (const f of scanned) {
    if (!HEADER.test(f)) continue;
    const key = basename(f).toLowerCase();
    const list = headersByName.get(key);
    if (list) list.push(f);
    else headersByName.set(key, [f]);
  }
  const kept = new Set(scanned.filter((f) => languageOfPath(f) !== 'cpp' || !HEADER.test(f)));
  const outside: string[] = [];
  const queue = [...sources];
  const keep = (f: string) => {
    if (kept.has(f)) return;
    kept.add(f);
    queue.push(f);
  };
  for (let i = 0; i < queue.length; i++) {
    for (const inc of includesOf(queue[i], readFile)) {
      const target = inc.quoted ? resolve(dirname(queue[i]), inc.path) : undefined;
      if (target !== undefined && isFile(target)) {
        const listed = listedByReal.get(real(target));
        if (listed !== undefined) keep(listed);
        else if (!kept.has(target) && outside.length < MAX_INCLUDED && mayOpen(target)) {
          outside.push(target);
          keep(target);
        }
        continue;
      }
      const tail = includeTail(inc.path);
      for (const h of headersByName.get(basename(tail)) ?? []) if (`/${normalisedPath(h)}`.endsWith(tail)) keep(h);
    }
  }
  return [...scanned.filter((f) => kept.has(f)), ...outside];
}

/** Headers included with "..." that live outside the module's folders, followed transitively. */
function addIncludedHeaders(files: Set<string>, from: readonly string[], mayOpen: MayOpen, readFile: ReadFile): void {
  const queue = from.filter((f) => !/\.(def|inf|inx)$/i.test(f));
  let added = 0;
  for (let i = 0; i < queue.length && added < MAX_INCLUDED; i++) {
    const from = queue[i];
    const read = readFile(from);
    if (!read.ok) continue;
    const re = /^[ \t]*#[ \t]*include[ \t]*"([^"\r\n]+)"/gm;
    for (let m = re.exec(read.text); m; m = re.exec(read.text)) {
      const target = resolve(dirname(from), m[1]);
      if (files.has(target) || !mayOpen(target)) continue;
      files.add(target);
      queue.push(target);
      added++;
    }
  }
}
