/**
 * Lints files from disk, module by module: every file of a module is read for the installer
 * model, the requested ones are reported. The CLI and the server's workspace scan both use it,
 * so the editor and CI always agree.
 */
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Linter, ModuleFileInput } from '../engine/linter.js';
import type { LintMessage, LintResult } from '../engine/types.js';
import { readSourceFile, type ReadSourceResult } from '../io/source-file.js';
import type { TextEncodingName } from '../parsing/decode.js';

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
  readFile?: (filePath: string) => ReadSourceResult;
  /** Called after each module with the number of requested files done so far. */
  onProgress?: (done: number, total: number, filePath: string) => void;
}

export interface PathLintResult extends LintResult {
  /** The encoding the file was read with, to write fixes back the same way. */
  encoding?: TextEncodingName;
}

export function lintPaths(files: readonly string[], options: LintPathsOptions): PathLintResult[] {
  const read = options.readFile ?? ((p: string) => readSourceFile(p));
  const modules = new Map<string, { files: Set<string>; targets: string[] }>();
  for (const file of files) {
    const located = options.locateModule(file);
    let module = modules.get(located.root);
    if (!module) modules.set(located.root, (module = { files: new Set(), targets: [] }));
    for (const f of located.files) module.files.add(f);
    module.targets.push(file);
  }

  const results = new Map<string, PathLintResult>();
  let done = 0;
  for (const module of modules.values()) {
    const targets = new Set(module.targets);
    const inputs: ModuleFileInput[] = [];
    const encodings = new Map<string, TextEncodingName>();
    for (const filePath of new Set([...module.targets, ...module.files])) {
      const r = read(filePath);
      if (!r.ok) {
        if (targets.has(filePath)) results.set(filePath, fileProblem(filePath, r.kind === 'unreadable' ? 2 : 1, r.message));
        continue;
      }
      encodings.set(filePath, r.encoding);
      inputs.push({ filePath, text: r.text, report: targets.has(filePath) });
    }
    if (inputs.some((i) => i.report !== false)) {
      const texts = new Map(inputs.map((i) => [i.filePath, i.text]));
      if (options.fix) {
        for (const r of options.linter.fixModule(inputs, options.configFor)) {
          results.set(r.filePath, {
            ...summarize(r.filePath, r.messages, texts.get(r.filePath)!),
            ...(r.fixed ? { output: r.output } : {}),
            encoding: encodings.get(r.filePath),
          });
        }
      } else {
        for (const r of options.linter.lintModule(inputs, options.configFor)) {
          results.set(r.filePath, { ...summarize(r.filePath, r.messages, texts.get(r.filePath)!), encoding: encodings.get(r.filePath) });
        }
      }
    }
    done += module.targets.length;
    options.onProgress?.(done, files.length, module.targets[module.targets.length - 1]);
  }
  return files.map((f) => results.get(f)!).filter(Boolean);
}

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
  return { filePath, messages, errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount, source };
}

function fileProblem(filePath: string, severity: 1 | 2, message: string): PathLintResult {
  return summarize(filePath, [
    { ruleId: null, severity, fatal: true, message, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] },
  ]);
}
