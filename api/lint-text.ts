/**
 * Linting one text (an editor buffer, a generated file) with the built-in rules, as part of its
 * module: the installer model needs the module's other files (the entry point, the .def, the
 * INF), read from disk beside `filePath`, or given in `moduleFiles` when nothing should be read.
 */
import { dirname, resolve } from 'node:path';
import { cachedModuleLocator, createLintSetup, lintPaths, type PathLintResult, readSourceFile, type ReadSourceResult } from '../engine/index.js';
import { type ConfigOptions, setupOptions, workspaceRoots } from './config.js';

export interface LintTextOptions extends ConfigOptions {
  /** Where the text lives (relative to `cwd`): it names the language, the module and the config. */
  filePath: string;
  /**
   * The other files of the module, by path (relative to `cwd`) to their text. When given, the
   * module is the text and these files, and nothing is read from disk; when not, the module is
   * found on disk from `filePath`'s folder as for lintFiles, the text standing in for that file.
   */
  moduleFiles?: Readonly<Record<string, string>>;
  /** Compute fixes: when some applied, `output` holds the fixed text. */
  fix?: boolean;
  /** Told when a rule throws (the other rules go on). */
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void;
}

/**
 * The findings in `text`. The file is linted even when the configuration ignores its path.
 * Throws ConfigError for an invalid configuration.
 */
export async function lintText(text: string, options: LintTextOptions): Promise<PathLintResult> {
  const setup = setupOptions(options);
  const filePath = resolve(setup.cwd, options.filePath);
  const given = options.moduleFiles && new Map(Object.entries(options.moduleFiles).map(([p, t]) => [resolve(setup.cwd, p), t]));
  // build files and included files are read inside the workspace only: the current folder and the file's folder
  const locateModule = given ? () => ({ root: dirname(filePath), files: [filePath, ...given.keys()] }) : cachedModuleLocator({ roots: workspaceRoots(setup.cwd, [filePath]) });
  const readFile = (path: string): ReadSourceResult => {
    if (path === filePath) return { ok: true, text, encoding: 'utf-8' };
    if (!given) return readSourceFile(path);
    const other = given.get(path);
    return other === undefined ? { ok: false, kind: 'unreadable', message: 'not given' } : { ok: true, text: other, encoding: 'utf-8' };
  };
  const lint = await createLintSetup(setup, options.onRuleError);
  try {
    const [result] = lintPaths([filePath], { linter: lint.linter, configFor: lint.configFor, locateModule, readFile, fix: options.fix });
    // the text was not read from a file: there is no encoding to write it back in
    const { encoding: _encoding, ...rest } = result;
    return rest;
  } finally {
    lint.dispose();
  }
}
