/**
 * Linting files from disk with the built-in rules, as `coinstaller-lint <patterns>` does: the
 * files, folders and globs are walked (config ignores applied), each file is linted with the
 * other files of its module read for the installer model, and fixes are computed on request.
 * Nothing is written unless the caller hands the results to writeFixes (api/write-fixes.ts).
 */
import { autoThreads, collectFiles, createConfigFor, lintFileList, type PathLintResult, type WalkProblem } from '../engine/index.js';
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
  const results = await lintFileList(walk.files, {
    ...setup,
    roots: workspaceRoots(setup.cwd, list),
    configFor,
    threads,
    fix: options.fix,
    onProgress: options.onProgress,
    onRuleError: options.onRuleError,
  });
  if (!options.fix) return results;
  // writeFixes writes only inside the folders linted (a symbolic link may lead out of them)
  const writeRoots = lintedRoots(setup.cwd, list);
  return results.map((r) => (r.output === undefined ? r : { ...r, writeRoots }));
}
