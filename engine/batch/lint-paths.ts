/**
 * Lints files from disk, module by module: every file of a module is read for the installer
 * model, the requested ones are reported. The CLI and the server's workspace scan both use it,
 * so the editor and CI always agree.
 */
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Linter, ModuleFileInput } from '../linter/linter.js';
import type { LintMessage, LintResult } from '../linter/types.js';
import { type FileStamp, readSourceFile, type ReadSourceResult } from '../text/source-file.js';
import type { TextEncodingName } from '../text/decode.js';
import { moduleHasSignal } from './prefilter.js';

export interface ModuleLocator {
  /** The module a file belongs to: its root and every file the model should read. */
  (filePath: string): { root: string; files: string[] };
}

export interface LintPathsOptions {
  linter: Linter;
  configFor: (filePath: string) => ResolvedConfig;
  locateModule: ModuleLocator;
  /** Compute fixes and return the fixed text in `output` (the caller decides whether to write). */
  fix?: boolean;
  /** How the module's files are read (default: from disk); the lint is their last reader (SourceReads.take, source-reads.ts). */
  readFile?: (filePath: string) => ReadSourceResult;
  /** Called after each module with the number of requested files done so far. */
  onProgress?: (done: number, total: number, filePath: string) => void;
  /**
   * The fast path (default true): a module with no installer signal (prefilter.ts) is not parsed;
   * its files are reported clean, as the full lint would report them.
   */
  prefilter?: boolean;
  /** Filled in with counts of the work done, when given. */
  stats?: LintPathsStats;
}

export interface LintPathsStats {
  modules: number;
  /** Modules the prefilter found no installer signal in (not parsed). */
  modulesSkipped: number;
  /** Files read (targets and the other files of their modules). */
  filesRead: number;
  /** Files given to the linter (parsed, for C/C++). */
  filesLinted: number;
  /** UTF-16 code units of the files given to the linter. */
  charsLinted: number;
}

export function emptyStats(): LintPathsStats {
  return { modules: 0, modulesSkipped: 0, filesRead: 0, filesLinted: 0, charsLinted: 0 };
}

export interface PathLintResult extends LintResult {
  /** The encoding the file was read with, to write fixes back the same way. */
  encoding?: TextEncodingName;
  /** The file as it was read (size, modification time, hash): fixes are written only while it is unchanged. */
  readStamp?: FileStamp;
  /**
   * The folders fixes may be written in (api/lint-files.ts: the folders linted): a file whose real
   * path is outside them (reached through a symbolic link) is not written.
   */
  writeRoots?: readonly string[];
}

/** One module's work: the files to report on and every file the model should read. */
export interface ModuleTask {
  root: string;
  /** Requested files, in the order they were asked for. */
  targets: string[];
  /** The module's other files (targets may be among them). */
  files: string[];
}

/** Groups requested files by module, modules in the order their first file was asked for. */
export function groupModules(files: readonly string[], locateModule: ModuleLocator): ModuleTask[] {
  const modules = new Map<string, { files: Set<string>; targets: string[] }>();
  for (const file of files) {
    const located = locateModule(file);
    let module = modules.get(located.root);
    if (!module) modules.set(located.root, (module = { files: new Set(), targets: [] }));
    for (const f of located.files) module.files.add(f);
    module.targets.push(file);
  }
  return [...modules].map(([root, m]) => ({ root, targets: m.targets, files: [...m.files] }));
}

export function lintPaths(files: readonly string[], options: LintPathsOptions): PathLintResult[] {
  const results = new Map<string, PathLintResult>();
  let done = 0;
  for (const task of groupModules(files, options.locateModule)) {
    for (const r of lintModuleTask(task, options)) results.set(r.filePath, r);
    done += task.targets.length;
    options.onProgress?.(done, files.length, task.targets[task.targets.length - 1]);
  }
  return files.map((f) => results.get(f)!).filter(Boolean);
}

/** A module read and past the prefilter: what is left to lint. */
export interface PreparedModule {
  /** Results already known: unreadable targets. */
  problems: PathLintResult[];
  inputs: ModuleFileInput[];
  encodings: Map<string, TextEncodingName>;
  stamps: Map<string, FileStamp>;
}

/**
 * Reads a module's files and applies the fast path. Returns the results when nothing is left to
 * lint (no readable target, or no installer signal in the module: every target is clean), else
 * the inputs to lint.
 */
export function prepareModuleTask(
  task: ModuleTask,
  options: Pick<LintPathsOptions, 'configFor' | 'readFile' | 'prefilter' | 'stats'>,
): { results: PathLintResult[] } | PreparedModule {
  const read = options.readFile ?? ((p: string) => readSourceFile(p));
  const stats = options.stats;
  const problems: PathLintResult[] = [];
  const targets = new Set(task.targets);
  const inputs: ModuleFileInput[] = [];
  const encodings = new Map<string, TextEncodingName>();
  const stamps = new Map<string, FileStamp>();
  for (const filePath of new Set([...task.targets, ...task.files])) {
    const r = read(filePath);
    if (!r.ok) {
      if (targets.has(filePath)) problems.push(fileProblem(filePath, r.kind === 'unreadable' ? 2 : 1, r.message));
      continue;
    }
    encodings.set(filePath, r.encoding);
    if (r.stamp) stamps.set(filePath, r.stamp);
    inputs.push({ filePath, text: r.text, report: targets.has(filePath) });
  }
  if (stats) {
    stats.modules++;
    stats.filesRead += inputs.length;
  }
  const reported = inputs.filter((i) => i.report !== false);
  if (reported.length === 0) return { results: problems };
  if (options.prefilter !== false) {
    const settings = options.configFor(reported[0].filePath).settings;
    // the names every file's configuration lists (a subfolder's coinstaller-lint.json applies there)
    const entryPoints = new Set(settings.entryPoints);
    for (const i of inputs) {
      try {
        for (const name of options.configFor(i.filePath).settings.entryPoints) entryPoints.add(name);
      } catch {
        // a file whose configuration cannot be read adds none (its own lint reports the error)
      }
    }
    if (!moduleHasSignal(inputs, { entryPoints: [...entryPoints] })) {
      if (stats) stats.modulesSkipped++;
      return { results: [...problems, ...reported.map((i) => ({ ...summarize(i.filePath, [], i.text), encoding: encodings.get(i.filePath) }))] };
    }
  }
  return { problems, inputs, encodings, stamps };
}

/** Lints one module's requested files (results in no particular order). */
export function lintModuleTask(task: ModuleTask, options: Omit<LintPathsOptions, 'locateModule' | 'onProgress'>): PathLintResult[] {
  const prepared = prepareModuleTask(task, options);
  if ('results' in prepared) return prepared.results;
  const { inputs, encodings, stamps } = prepared;
  const out = [...prepared.problems];
  const stats = options.stats;
  if (stats) {
    stats.filesLinted += inputs.length;
    for (const i of inputs) stats.charsLinted += i.text.length;
  }
  const texts = new Map(inputs.map((i) => [i.filePath, i.text]));
  if (options.fix) {
    for (const r of options.linter.fixModule(inputs, options.configFor)) {
      out.push({
        ...summarize(r.filePath, r.messages, texts.get(r.filePath)),
        ...(r.fixed ? { output: r.output, readStamp: stamps.get(r.filePath) } : {}),
        encoding: encodings.get(r.filePath),
      });
    }
  } else {
    for (const r of options.linter.lintModule(inputs, options.configFor)) {
      out.push({ ...summarize(r.filePath, r.messages, texts.get(r.filePath)), encoding: encodings.get(r.filePath) });
    }
  }
  return out;
}

/**
 * A file's result. `source` is kept only when there are messages (the formatters' code frames and
 * the JSON formatter show it for those only): a clean file's text is dropped, so that the results
 * of a large tree do not hold its texts.
 */
export function summarize(filePath: string, messages: LintMessage[], source?: string): PathLintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return { filePath, messages, errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount, source: messages.length > 0 ? source : undefined };
}

function fileProblem(filePath: string, severity: 1 | 2, message: string): PathLintResult {
  return summarize(filePath, [
    { ruleId: null, severity, fatal: true, message, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] },
  ]);
}
