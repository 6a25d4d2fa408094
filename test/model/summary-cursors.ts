/**
 * The summaries of test/model/summarize-*.test.ts taken both ways: through web-tree-sitter's public
 * TreeCursor and through the raw cursor over its WebAssembly module (engine/model/summarize-cursor.ts),
 * which must give the same summary on every input.
 */
import { expect } from 'vitest';
import { Parser } from 'web-tree-sitter';
import { fileLanguage, type ParsedFile } from '../../engine/linter/linter.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { summarizeCppFile } from '../../engine/model/summarize.js';
import { wasmBindingOf, type WasmBinding } from '../../engine/model/summarize-cursor.js';
import type { FileSummary } from '../../engine/model/summary-types.js';
import type { CppParser } from '../../engine/parsing/cpp-parser.js';

// web-tree-sitter keeps the first module object it is given (each test file runs in a process of
// its own): initialised here, when a test file imports this one and before any parser, that object
// is the module the raw cursor calls.
const wasmModule = {};
await Parser.init(wasmModule);
export const binding: WasmBinding | undefined = wasmBindingOf(wasmModule);

/** Both summaries of one text: through the public TreeCursor and through the raw cursor. */
function summaries(parser: CppParser, name: string, text: string): { pub: FileSummary; raw: FileSummary } {
  const tree = parser.parse(text);
  try {
    const file: ParsedFile = { filePath: `/m/${name}`, language: fileLanguage(name), sourceCode: new SourceCode(text, tree) };
    return { pub: summarizeCppFile(file), raw: summarizeCppFile(file, binding) };
  } finally {
    tree.delete();
  }
}

/** The summary of a text, after checking that the raw cursor gives the same one. */
export function checkedSummary(parser: CppParser, name: string, text: string): FileSummary {
  // without the raw cursor both summaries would come from the public one
  expect(binding, 'the raw cursor').toBeDefined();
  const { pub, raw } = summaries(parser, name, text);
  expect(JSON.stringify(raw, sets)).toBe(JSON.stringify(pub, sets));
  return pub;
}

const sets = (_key: string, value: unknown) => (value instanceof Set ? [...(value as Set<unknown>)] : value);
