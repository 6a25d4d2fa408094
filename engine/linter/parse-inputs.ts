/**
 * The linter's parse of a module's inputs: each C/C++ file parsed once (unless the caller gave
 * its tree), with the preprocessor conditions of its configuration (module-conditions.ts).
 */
import type { Tree } from 'web-tree-sitter';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { CppParser } from '../parsing/cpp-parser.js';
import { fileLanguage, type ModuleFileInput, type ParsedFile } from './linter.js';
import { type BuildLookup, moduleConditions, settingsThrough } from './module-conditions.js';
import { SourceCode } from './source-code.js';

/** Parses what was not parsed already; `tree` in the result is set only for trees the caller must free. */
export function parseInputs(
  inputs: readonly ModuleFileInput[],
  parser: CppParser,
  configFor: (filePath: string) => ResolvedConfig,
  buildOf?: BuildLookup,
): { file: ParsedFile; tree: Tree | null }[] {
  const conditionsOf = moduleConditions(inputs, settingsThrough(configFor), buildOf);
  const out: { file: ParsedFile; tree: Tree | null }[] = [];
  try {
    for (const input of inputs) {
      const language = fileLanguage(input.filePath);
      const given = language === 'cpp' ? input.tree : undefined;
      const tree = given ?? (language === 'cpp' ? parser.parse(input.text, null, conditionsOf(input.filePath)) : null);
      const owned = given ? null : tree;
      out.push({ file: { filePath: input.filePath, language, sourceCode: new SourceCode(input.text, tree, input.lineIndex) }, tree: owned });
    }
  } catch (error) {
    for (const p of out) p.tree?.delete();
    throw error;
  }
  return out;
}
