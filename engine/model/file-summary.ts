/** summarizeFile for every language of a module: C/C++ trees, .def EXPORTS, INF installer registrations. */
import { parseDef } from '../readers/def-parser.js';
import type { ParsedFile } from '../linter/linter.js';
import { infInstallerReferences } from '../readers/installer-references.js';
import { wasmModuleObject } from '../parsing/cpp-parser.js';
import { declaredParameterDirections } from '../syntax/parameter-directions.js';
import { headerWords } from './header-words.js';
import { wasmBindingOf } from './summarize-cursor.js';
import { summarizeCppFile as summarizeCpp } from './summarize.js';
import type { FileSummary, FunctionSummary } from './summary-types.js';

export function summarizeFile(file: ParsedFile): FileSummary {
  const summary = summarizeCpp(file, wasmBindingOf(wasmModuleObject()));
  const text = file.sourceCode.text;
  if (file.language === 'def') {
    summary.defExports = parseDef(text).exports.map((e) => (e.internalName && !e.forward ? { name: e.name, internalName: e.internalName } : { name: e.name }));
  } else if (file.language === 'inf') {
    summary.infReferences = infInstallerReferences(text).map((r) => (r.entryPoint ? { kind: r.kind, entryPoint: r.entryPoint } : { kind: r.kind }));
  } else {
    addHeaderWords(summary.functions, text);
    const root = file.sourceCode.tree?.rootNode;
    const declared = root ? declaredParameterDirections(root, text) : [];
    if (declared.length > 0) summary.declaredParameters = declared;
  }
  return summary;
}

/** Keeps the words before the name of the functions not marked dllexport (a macro may alias the mark). */
export function addHeaderWords(functions: readonly FunctionSummary[], text: string): void {
  for (const fn of functions) {
    if (fn.dllexport) continue;
    const words = headerWords(text, fn.start, fn.nameStart);
    if (words.length > 0) fn.headerWords = words;
  }
}
