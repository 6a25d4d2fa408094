/**
 * Linting files from disk with the built-in rules, as `coinstaller-lint <patterns>` does: the
 * files, folders and globs are walked (config ignores applied), each file is linted with the
 * other files of its module read for the installer model, and fixes are computed on request.
 * Nothing is written unless the caller hands the results to writeFixes (api/write-fixes.ts).
 */
import {
  autoThreads,
  cachedModuleLocator,
  collectFiles,
  createConfigFor,
  createSourceReads,
  type LintCacheStats,
  lintFileList,
  lintWithCache,
  type ModuleLocator,
  type PathLintResult,
  resolveCacheLocation,
  type ResolvedConfig,
  type SourceReads,
  type WalkProblem,
} from '../engine/index.js';
import { builtinRuleSet } from '../rules/index.js';
import { type ConfigOptions, lintedRoots, setupOptions, workspaceRoots } from './config.js';

export interface LintFilesOptions extends ConfigOptions {
  /** Compute fixes (as --fix-dry-run): results with fixes applied carry the fixed text in `output`. */
  fix?: boolean;
  /** Worker threads: a number, or 'auto' (one per core, at most 4, for 200 files or more). Default 1. */
  threads?: number | 'auto';
  /** Told of each path the walk could not use (no match, unreadable folder, not a C/C++ or INF file). */
  onProblem?: (problem: WalkProblem) => void;
  /** Called after each module with the number of files done so far. */
  onProgress?: (done: number, total: number, filePath: string) => void;
  /** Told when a rule throws on a file (the other rules go on). */
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void;
  /**
   * Keep results across runs in this file (as --cache): a module whose files, configuration,
   * build files and tool are unchanged is not linted again (engine/batch/lint-cache.ts). Default:
   * no cache. `true`: `.coinstaller-lint-cache` in cwd; a string: as --cache-location (a folder
   * gets a file named from a hash of cwd).
   */
  cache?: boolean | string;
  /** Told why the cache file was not used or not written (the lint goes on without it). */
  onCacheProblem?: (message: string) => void;
  /** Filled in with the cache's counts, when given. */
  cacheStats?: LintCacheStats;
  /** The tool's identity in the cache (default: its version and a hash of its code); for tests. */
  cacheTool?: string;
}

/** Thrown by lintFiles when the patterns found no file to lint and some of them were problems. */
export class NoFilesError extends Error {
  constructor(readonly problems: readonly WalkProblem[]) {
    super(`no files to lint: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'NoFilesError';
  }
}

/**
 * Lints the C/C++ and INF files that the patterns (files, folders, globs; relative to `cwd`)
 * name, in path order, one result per file. Throws ConfigError for an invalid configuration and
 * NoFilesError when nothing was found to lint.
 */
export async function lintFiles(patterns: string | readonly string[], options: LintFilesOptions = {}): Promise<PathLintResult[]> {
  const setup = setupOptions(options);
  const { configFor, resolver } = createConfigFor(setup);
  const walk = collectFiles(typeof patterns === 'string' ? [patterns] : patterns, { cwd: setup.cwd, isIgnored: (p) => resolver.isIgnored(p) });
  for (const problem of walk.problems) options.onProblem?.(problem);
  if (walk.files.length === 0 && walk.problems.length > 0) throw new NoFilesError(walk.problems);
  const threads = options.threads === 'auto' ? autoThreads(walk.files.length) : (options.threads ?? 1);
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const roots = workspaceRoots(setup.cwd, list);
  const lint = (files: readonly string[], locateModule?: ModuleLocator, reads?: SourceReads) =>
    lintFileList(files, { ...setup, roots, configFor, threads, fix: options.fix, onProgress: options.onProgress, onRuleError: options.onRuleError, locateModule, reads });
  const results = options.cache ? await lintCached(walk.files, options, setup.cwd, roots, configFor, lint) : await lint(walk.files);
  if (!options.fix) return results;
  // writeFixes writes only inside the folders linted (a symbolic link may lead out of them)
  const writeRoots = lintedRoots(setup.cwd, list);
  return results.map((r) => (r.output === undefined ? r : { ...r, writeRoots }));
}

/** The lint through the cache file (engine/batch/lint-cache.ts), with one module locator for both. */
function lintCached(
  files: readonly string[],
  options: LintFilesOptions,
  cwd: string,
  roots: readonly string[],
  configFor: (filePath: string) => ResolvedConfig,
  lint: (files: readonly string[], locateModule: ModuleLocator, reads: SourceReads) => Promise<PathLintResult[]>,
): Promise<PathLintResult[]> {
  const configurationOf = (filePath: string) => {
    try {
      return configFor(filePath).settings.configuration;
    } catch {
      return undefined;
    }
  };
  // one read of each file for the locator's include scan, the cache's hashes and the lint
  const reads = createSourceReads();
  const locateModule = cachedModuleLocator({ roots, configurationOf, readFile: reads.read });
  const cacheFile = resolveCacheLocation(cwd, typeof options.cache === 'string' ? options.cache : undefined);
  return lintWithCache(
    files,
    { cacheFile, configFor, locateModule, ruleIds: [...builtinRuleSet.rules.keys()], fix: options.fix, onProblem: options.onCacheProblem, stats: options.cacheStats, tool: options.cacheTool, reads },
    (toLint) => lint(toLint, locateModule, reads),
  );
}
