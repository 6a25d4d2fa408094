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
 * include-visibility.ts includeTail), are not files of the module. Such a
 * header is a module of its own (its root is the header itself), so it brings nothing into the
 * DLL's model nor the DLL's entry points to it. A folder without any source keeps its headers.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readSourceFile } from '../text/source-file.js';
import { languageOfPath } from '../parsing/cpp-parser.js';
import { includeTail, normalisedPath } from './include-visibility.js';

/** The files a module is made of: C/C++ sources and headers, INF files and .def files. */
export function isModuleFile(name: string): boolean {
  return languageOfPath(name) !== null || name.toLowerCase().endsWith('.def');
}
const MARKER = /\.(def|vcxproj|inf|inx)$/i;
const HEADER = /\.(h|hh|hpp|hxx|inl)$/i;
const SKIP_DIRS = /^(\.|node_modules$|x64$|x86$|arm64$|debug$|release$|obj$|out$|bin$|build$|objfre|objchk)/i;
const MAX_UP = 3;
const MAX_DOWN = 2;
const MAX_FILES = 2000;
const MAX_INCLUDED = 200;

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Regular files only: a FIFO or socket named like a source file would block whoever reads it. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

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

function hasMarker(names: readonly string[]): boolean {
  return names.some((n) => MARKER.test(n) || n.toLowerCase() === 'sources');
}

export function moduleRoot(filePath: string): string {
  const own = dirname(resolve(filePath));
  let dir = own;
  for (let level = 0; level <= MAX_UP; level++) {
    const names = list(dir);
    if (hasMarker(names)) return dir;
    if (names.includes('.git')) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return own;
}

export function discoverModule(filePath: string): { root: string; files: string[] } {
  return createModuleLocator()(filePath);
}

/**
 * A discoverModule that remembers each module root's files, so that locating every file of a
 * large module reads the folder and follows includes once (the CLI and the language server's
 * workspace scan locate file after file). Make a new one when files are added or removed.
 */
export function createModuleLocator(): (filePath: string) => { root: string; files: string[] } {
  const byRoot = new Map<string, { files: string[]; hasSources: boolean }>();
  return (filePath) => {
    const abs = resolve(filePath);
    const root = moduleRoot(abs);
    let found = byRoot.get(root);
    if (!found) byRoot.set(root, (found = moduleFiles(root)));
    const { files } = found;
    if (files.includes(abs)) return { root, files: [...files] };
    // a header no source of the module includes: a module of its own
    if (HEADER.test(abs) && found.hasSources) return { root: abs, files: [abs] };
    // a file outside the folders scanned (too deep, in a build folder): add it and its headers
    const extra = new Set([...files, abs]);
    addIncludedHeaders(extra, [abs]);
    return { root, files: [...extra] };
  };
}

function moduleFiles(root: string): { files: string[]; hasSources: boolean } {
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
  const scanned = [...files];
  const sources = scanned.filter((f) => languageOfPath(f) === 'cpp' && !HEADER.test(f));
  if (sources.length === 0) {
    addIncludedHeaders(files, scanned);
    return { files: [...files], hasSources: false };
  }
  return { files: compiledFiles(scanned, sources), hasSources: true };
}

/**
 * The files of `scanned` a build compiles: the sources, the .def/.inf/.inx files, and the headers
 * the sources include, transitively; plus the headers included with "..." from outside `scanned`.
 */
function compiledFiles(scanned: readonly string[], sources: readonly string[]): string[] {
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
    for (const inc of includesOf(queue[i])) {
      const target = inc.quoted ? resolve(dirname(queue[i]), inc.path) : undefined;
      if (target !== undefined && isFile(target)) {
        const listed = listedByReal.get(real(target));
        if (listed !== undefined) keep(listed);
        else if (!kept.has(target) && outside.length < MAX_INCLUDED) {
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

/** The `#include` lines of a C/C++ file: the path as written and whether it was quoted ("...") or not (<...>). */
function includesOf(filePath: string): { path: string; quoted: boolean }[] {
  if (languageOfPath(filePath) !== 'cpp') return [];
  const read = readSourceFile(filePath);
  if (!read.ok) return [];
  const out: { path: string; quoted: boolean }[] = [];
  const re = /^[ \t]*#[ \t]*include[ \t]*(?:"([^"\r\n]+)"|<([^>\r\n]+)>)/gm;
  for (let m = re.exec(read.text); m; m = re.exec(read.text)) out.push(m[1] !== undefined ? { path: m[1], quoted: true } : { path: m[2], quoted: false });
  return out;
}

/** Headers included with "..." that live outside the module's folders, followed transitively. */
function addIncludedHeaders(files: Set<string>, from: readonly string[]): void {
  const queue = from.filter((f) => !/\.(def|inf|inx)$/i.test(f));
  let added = 0;
  for (let i = 0; i < queue.length && added < MAX_INCLUDED; i++) {
    const from = queue[i];
    const read = readSourceFile(from);
    if (!read.ok) continue;
    const re = /^[ \t]*#[ \t]*include[ \t]*"([^"\r\n]+)"/gm;
    for (let m = re.exec(read.text); m; m = re.exec(read.text)) {
      const target = resolve(dirname(from), m[1]);
      if (files.has(target) || !isFile(target)) continue;
      files.add(target);
      queue.push(target);
      added++;
    }
  }
}
