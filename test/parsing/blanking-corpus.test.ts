/**
 * Blanking over real files: the mingw-w64 headers (when installed), the examples and the fixture.
 * Offsets never move, and tree-sitter's own lexer confirms that no comment or literal was touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query } from 'web-tree-sitter';
import { CppParser, loadCppLanguage } from '../../engine/parsing/cpp-parser.js';
import { blankWindowsMacros, findWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { listCppFiles } from '../../bench/corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const MINGW_INCLUDE = '/usr/share/mingw-w64/include';

/** The first offset where `output` is not `input` with some characters blanked or respelled, or -1. */
function firstShapeViolation(input: string, output: string): number {
  if (output.length !== input.length) return Math.min(input.length, output.length);
  for (let i = 0; i < input.length; i++) {
    const a = input.charCodeAt(i);
    const b = output.charCodeAt(i);
    if (a === b) continue;
    if (a === 0x0a || a === 0x0d) return i; // newlines never change
    // Blanked to a space, or respelled: `const`, `struct` (lower-case letters) and `:`.
    if (!(b === 0x20 || b === 0x3a || (b >= 0x61 && b <= 0x7a))) return i;
  }
  return -1;
}

let parser: CppParser;
let literals: Query;
beforeAll(async () => {
  parser = await CppParser.create();
  literals = new Query(await loadCppLanguage(), '[(comment) (string_literal) (char_literal) (raw_string_literal) (system_lib_string)] @lit');
});
afterAll(() => {
  parser.delete();
  literals.delete();
});

/**
 * Comments and literals as tree-sitter lexes the unblanked text: each must be the same after
 * blanking, unless it is an argument of a macro that was blanked whole (`MIDL_INTERFACE("uuid")`,
 * `__declspec(uuid("..."))`) or the `"C"` of a blanked `extern "C" {` guard.
 */
function firstTouchedLiteral(text: string, blanked: string): string | null {
  const macros = findWindowsMacros(text);
  const insideMacro = (start: number, end: number): boolean => macros.some((m) => m.start <= start && end <= m.end);
  const tree = parser.parseRaw(text);
  try {
    for (const { node } of literals.captures(tree.rootNode)) {
      // A literal inside an ERROR region may be misread; only well-formed ones are compared.
      if (node.hasError || node.parent?.isError) continue;
      if (insideMacro(node.startIndex, node.endIndex)) continue;
      if (blanked.slice(node.startIndex, node.endIndex) !== node.text) return `${node.type} at ${node.startIndex}: ${node.text.slice(0, 60)}`;
    }
    return null;
  } finally {
    tree.delete();
  }
}

/** The small corpora, and every `step`-th mingw-w64 header. */
function corpusFiles(step: number): string[] {
  const files = [
    ...listCppFiles(path.join(REPO, 'examples')),
    ...listCppFiles(path.join(HERE, 'fixtures')),
    ...(listCppFiles(path.join(import.meta.dirname, '../fixtures/domain/finish-install-example'))),
  ];
  if (existsSync(MINGW_INCLUDE)) files.push(...listCppFiles(MINGW_INCLUDE).filter((_, i) => i % step === 0));
  return files;
}

describe('blanking real files', () => {
  // Every 7th header (over 200 real Windows headers) for the shape; every 21st for the parse-backed check.
  const files = corpusFiles(7);
  const parsedFiles = corpusFiles(21);

  it('keeps length, newlines and every unblanked character, and is idempotent, on every file', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      const blanked = blankWindowsMacros(text);
      const at = firstShapeViolation(text, blanked);
      expect(at, `${file} at offset ${at}: ${JSON.stringify(text.slice(at - 20, at + 20))}`).toBe(-1);
      expect(blankWindowsMacros(blanked) === blanked, `${file}: blanking twice changes it`).toBe(true);
    }
  });

  it('leaves every comment and literal that tree-sitter lexes exactly as it was', () => {
    expect(parsedFiles.length).toBeGreaterThan(5);
    for (const file of parsedFiles) {
      const text = readFileSync(file, 'latin1');
      expect(firstTouchedLiteral(text, blankWindowsMacros(text)), file).toBeNull();
    }
  });
});
