/**
 * A lint over a list of files, on this thread or on worker threads as the caller asks: what the
 * command line (cli/main.ts) and the library's lintFiles (api/lint-files.ts) both run once the
 * files are found. Either way the results are in the order the files were given.
 */
import type { ResolvedConfig } from '../config/resolved-config.js';
import { lintPaths, type ModuleLocator, type PathLintResult } from './lint-paths.js';
import { createConfigFor, createModuleLinter, type LintSetupOptions } from './lint-setup.js';
import { cachedModuleLocator } from './module-locator.js';
import { lintPathsParallel } from './parallel.js';
import { createSourceReads, type SourceReads } from './source-reads.js';

export interface LintFileListOptions extends LintSetupOptions {
  /** 1 lints on this thread; more starts that many worker threads (each loads its own config). */
  threads: number;
  /** The config lookup of this thread, when the caller already has one (else built from the options). */
  configFor?: (filePath: string) => ResolvedConfig;
  /** Compute fixes and return the fixed text in `output` (nothing is written). */
  fix?: boolean;
  onProgress?: (done: number, total: number, filePath: string) => void;
  /** Told once per rule and file when a rule throws (on a worker, `error` is the message). */
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void;
  /** The workspace: build files are read inside these folders only (default: cwd). */
  roots?: readonly string[];
  /** The module locator, when the caller has one already (the cache's: api/lint-files.ts). */
  locateModule?: ModuleLocator;
  /** The run's reads, when the caller made them (its locator and the cache read through them). */
  reads?: SourceReads;
}

export async function lintFileList(files: readonly string[], options: LintFileListOptions): Promise<PathLintResult[]> {
  const configFor = options.configFor ?? createConfigFor(options).configFor;
  // the DLL project's configuration a file is linted in: settings.configuration (an unreadable config: the first DLL one)
  const configurationOf = (filePath: string) => {
    try {
      return configFor(filePath).settings.configuration;
    } catch {
      return undefined;
    }
  };
  // one read of each file: discovery's include scan and the cache hand their texts on to the lint
  const reads = options.reads ?? createSourceReads();
  const locateModule = options.locateModule ?? cachedModuleLocator({ roots: options.roots ?? [options.cwd], configurationOf, readFile: reads.read });
  const { cwd, configFile, ruleOverrides, ruleSet, fix, onProgress, onRuleError } = options;
  if (options.threads > 1) {
    return lintPathsParallel(files, { cwd, configFile, ruleOverrides, ruleSet, threads: options.threads, locateModule, fix, onProgress, onRuleError, readFile: reads.take });
  }
  const { linter, dispose } = await createModuleLinter(ruleSet.rules, onRuleError, options.roots ?? [options.cwd]);
  try {
    return lintPaths(files, { linter, configFor, locateModule, fix, onProgress, readFile: reads.take });
  } finally {
    dispose();
  }
}
