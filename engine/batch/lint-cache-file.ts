/**
 * The `--cache` file (docs/architecture.md, Cache): where it lives, how it is read and written.
 * ESLint's semantics for the location: a file path is the file; a folder (an existing one, or a
 * path ending in a separator) gets a file named from a hash of the current folder, so that several
 * projects can share one cache folder. Written atomically (a temporary file renamed over it). A
 * file that cannot be read, is not JSON, or was written by another version of the tool is ignored
 * (every module is linted again and the file rewritten): the cache never fails a lint.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LintMessage } from '../linter/types.js';

export const DEFAULT_CACHE_FILE = '.coinstaller-lint-cache';
const FORMAT = 1;

/** One reported file's result: the key of its module when it was linted, its messages and counts. */
export interface CachedFile {
  /** The module key (lint-cache.ts moduleKey). */
  k: string;
  m: LintMessage[];
  /** errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount. */
  c: [number, number, number, number, number];
}

interface CacheFileData {
  coinstallerLintCache: number;
  tool: string;
  files: Record<string, CachedFile>;
}

/** The cache file a `--cache-location` (default: `.coinstaller-lint-cache` in cwd) names. */
export function resolveCacheLocation(cwd: string, location?: string): string {
  const path = resolve(cwd, location || DEFAULT_CACHE_FILE);
  const isFolder = /[\\/]$/.test(location ?? '') || isDirectory(path);
  if (!isFolder) return path;
  return join(path, `.cache_${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The entries of the cache file for this tool (`tool`: its version and a hash of its code).
 * `problem` says why a file that exists was not used.
 */
export function readCacheFile(path: string, tool: string): { files: Map<string, CachedFile>; problem?: string } {
  const files = new Map<string, CachedFile>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files };
    return { files, problem: `cannot read the cache file ${path}: ${(error as Error).message}` };
  }
  let data: Partial<CacheFileData>;
  try {
    data = JSON.parse(text) as Partial<CacheFileData>;
  } catch {
    return { files, problem: `the cache file ${path} is not valid JSON: ignored` };
  }
  if (typeof data !== 'object' || data === null || data.coinstallerLintCache !== FORMAT || typeof data.files !== 'object' || data.files === null) {
    return { files, problem: `the cache file ${path} is not a coinstaller-lint cache of this format: ignored` };
  }
  // another version (or build) of the tool: its results may differ, none is used
  if (data.tool !== tool) return { files };
  for (const [filePath, entry] of Object.entries(data.files)) {
    if (isEntry(entry)) files.set(filePath, entry);
  }
  return { files };
}

function isEntry(entry: unknown): entry is CachedFile {
  const e = entry as CachedFile;
  return typeof e === 'object' && e !== null && typeof e.k === 'string' && Array.isArray(e.m) && Array.isArray(e.c) && e.c.length === 5;
}

/**
 * Writes the entries: those of this run, and the earlier ones of files that still exist (a run
 * over a subfolder keeps the others'). Returns an error message, or undefined when written.
 */
export function writeCacheFile(path: string, tool: string, previous: ReadonlyMap<string, CachedFile>, current: ReadonlyMap<string, CachedFile>): string | undefined {
  const files: Record<string, CachedFile> = {};
  for (const [filePath, entry] of previous) if (!current.has(filePath) && existsSync(filePath)) files[filePath] = entry;
  for (const [filePath, entry] of current) files[filePath] = entry;
  const data: CacheFileData = { coinstallerLintCache: FORMAT, tool, files };
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, path);
    return undefined;
  } catch (error) {
    rmSync(temp, { force: true });
    return `cannot write the cache file ${path}: ${(error as Error).message}`;
  }
}
