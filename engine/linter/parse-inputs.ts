/**
 * The linter's parse of a module's inputs: each C/C++ file parsed once (unless the caller gave
 * its tree), with the preprocessor conditions of its configuration (module-conditions.ts).
 * A file too deep or too big in tokens to analyse (engine/parsing/parse-limits.ts) has the tree of
 * blank text and a notice, which its lint reports first (withAnalysisNotice).
 */
import type { Tree } from 'web-tree-sitter';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { analysisNoticeOf, type CppParser } from '../parsing/cpp-parser.js';
import { fileLanguage, type FileLintResult, type ModuleFileInput, type ParsedFile } from './linter.js';
import type { LintMessage, OffsetRange, RuleServices } from './types.js';
import { type BuildLookup, moduleConditions, settingsThrough } from './module-conditions.js';
import { SourceCode } from './source-code.js';

/** Parses what was not parsed already; `tree` in the result is set only for trees the caller must free. */
export function parseInputs(
  inputs: readonly ModuleFileInput[],
  parser: CppParser,
  configFor: (filePath: string) => ResolvedConfig,
  buildOf?: BuildLookup,
): { file: ParsedFile; tree: Tree | null; notice?: string }[] {
  const conditionsOf = moduleConditions(inputs, settingsThrough(configFor), buildOf);
  const out: { file: ParsedFile; tree: Tree | null; notice?: string }[] = [];
  try {
    for (const input of inputs) {
      const language = fileLanguage(input.filePath);
      const given = language === 'cpp' ? input.tree : undefined;
      const tree = given ?? (language === 'cpp' ? parser.parse(input.text, null, conditionsOf(input.filePath)) : null);
      const owned = given ? null : tree;
      const notice = tree ? analysisNoticeOf(tree) : undefined;
      out.push({ file: { filePath: input.filePath, language, sourceCode: new SourceCode(input.text, tree, input.lineIndex) }, tree: owned, ...(notice ? { notice } : {}) });
    }
  } catch (error) {
    for (const p of out) p.tree?.delete();
    throw error;
  }
  return out;
}

/**
 * The lint of a file with what was not analysed: the notice of parseInputs first (a warning at 1:1
 * with no rule, worded like the size limit's: engine/text/source-file.ts), and the installer
 * model's notices in this file (a budget reached: ModelNotice) at their ranges.
 */
export function withNotices(result: FileLintResult, file: ParsedFile, notice: string | undefined, services: RuleServices): FileLintResult {
  const model = (services.installer?.notices ?? []).filter((n) => n.filePath === file.filePath);
  if (!notice && model.length === 0) return result;
  const warning = (message: string, range: OffsetRange): LintMessage => {
    const start = file.sourceCode.getLocFromIndex(range[0]);
    const end = file.sourceCode.getLocFromIndex(range[1]);
    return { ruleId: null, severity: 1, message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range };
  };
  const added = [...(notice ? [warning(notice, [0, 0])] : []), ...model.map((n) => warning(n.message, [n.start, n.end]))];
  const messages = [...added, ...result.messages].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return { ...result, messages };
}
