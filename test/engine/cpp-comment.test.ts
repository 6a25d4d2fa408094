import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { cppComment } from '../../engine/linter/comments.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser?.delete());

describe('cppComment', () => {
  it('the text without its delimiters, and the whole comment as range (UTF-16 offsets)', () => {
    // a line comment runs to the \n: the \r of a CRLF line is in it (as tree-sitter-cpp's token has it)
    const text = '// line\r\nint a; /**/ /* x */ /*\u{1F642}*/\n';
    const tree = parser.parse(text);
    try {
      const comments = tree.rootNode.descendantsOfType('comment').filter((n): n is Node => n !== null).map(cppComment);
      expect(comments).toEqual([
        { value: ' line\r', range: [0, 8] },
        { value: '', range: [16, 20] },
        { value: ' x ', range: [21, 28] },
        { value: '\u{1F642}', range: [29, 35] },
      ]);
    } finally {
      tree.delete();
    }
  });
});
