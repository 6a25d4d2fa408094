/**
 * A module locator that discovers each module once. `discoverModule` walks the module's folders
 * and reads every file of it for `#include "..."` lines; called for every file of a big module
 * (the 1,500 headers of one include folder) that work is quadratic. The folder rule's root
 * depends only on the file's folder, so it is remembered per folder, and the modules found under
 * it are reused for every file they already hold (for such a file discoverModule would return the
 * same module). The build files (engine/build/build-index.ts) are read once per locator: make
 * one per run.
 */
import { dirname, resolve } from 'node:path';
import { type BuildIndex, createBuildIndex } from '../build/build-index.js';
import { discoverModule, type LocatedModule, moduleRoot } from '../model/index.js';
import type { ReadSourceResult } from '../text/source-file.js';
import type { ModuleLocator } from './lint-paths.js';

export interface LocatorFs {
  moduleRoot(filePath: string): string;
  discoverModule(filePath: string): { root: string; files: string[]; origin?: LocatedModule['origin'] };
}

export interface CachedLocatorOptions {
  /** The workspace build files are read in (default: the current folder), and included files (default: anywhere). */
  roots?: readonly string[];
  /** The build index to use (default: a new one over `roots`); null: the folder rule only. */
  buildIndex?: BuildIndex | null;
  /** The configuration (`Release|x64`) a file is linted in (settings.configuration). */
  configurationOf?: (filePath: string) => string | null | undefined;
  /** How sources are read for their `#include` lines (the run's SourceReads, source-reads.ts; default: from disk). */
  readFile?: (filePath: string) => ReadSourceResult;
}

function realFs(options: CachedLocatorOptions): LocatorFs {
  const buildIndex = options.buildIndex === undefined ? createBuildIndex({ roots: options.roots }) : options.buildIndex;
  // includes are followed inside the workspace only (engine/model/module-discovery.ts includeRoots)
  return { moduleRoot, discoverModule: (f) => discoverModule(f, { buildIndex, configurationOf: options.configurationOf, includeRoots: options.roots, readFile: options.readFile }) };
}

/** A locator with its own caches (make one per run: files on disk may change between runs). */
export function cachedModuleLocator(options: CachedLocatorOptions = {}, fs: LocatorFs = realFs(options)): ModuleLocator {
  const rootOfDir = new Map<string, string>();
  const modules = new Map<string, { root: string; files: string[]; origin?: LocatedModule['origin']; members: Set<string> }[]>();
  return (filePath) => {
    const abs = resolve(filePath);
    const dir = dirname(abs);
    let root = rootOfDir.get(dir);
    if (root === undefined) {
      root = fs.moduleRoot(abs);
      rootOfDir.set(dir, root);
    }
    let known = modules.get(root);
    if (!known) modules.set(root, (known = []));
    const holding = known.find((m) => m.members.has(abs));
    if (holding) return { root: holding.root, files: holding.files, origin: holding.origin };
    const found = fs.discoverModule(abs);
    // a module of its own (a header no source includes, a file no DLL compiles) is not remembered for others
    if (found.root !== abs && !known.some((m) => m.root === found.root)) known.push({ ...found, members: new Set(found.files) });
    return found;
  };
}

/**
 * The language server's locator (server/server.ts): one build index for the session, so that a
 * build file is read again only when its text changed; the DLLs' file lists are worked out at
 * each call, as discoverModule works out the folder rule's, since the lint session asks only when
 * its own cache misses (engine/incremental/lint-session.ts moduleOf).
 */
export function sessionModuleLocator(options: {
  roots: () => readonly string[];
  configurationOf?: (filePath: string) => string | null | undefined;
  /** How sources are read for their `#include` lines: the session's files on disk, whose texts its lint then reuses. */
  readFile?: (filePath: string) => ReadSourceResult;
}): ModuleLocator {
  const buildIndex = createBuildIndex({ roots: options.roots });
  return (filePath) => {
    buildIndex.forget();
    return discoverModule(filePath, { buildIndex, configurationOf: options.configurationOf, includeRoots: options.roots, readFile: options.readFile });
  };
}
