import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { CppParser } from '../../rules/parsing/cpp-parser.js';
import { SourceCode } from '../../rules/source/source-code.js';
import { descendantsByType } from '../../rules/syntax/functions.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser?.delete());

describe('descendantsByType and SourceCode.ast', () => {
  it('lists the nodes of a type under a node once, in document order, apart for each node and type', () => {
    const text = 'void f(void) { a(1); b(2); x = 3; }\nvoid g(void) { c(4); }\n';
    const tree = parser.parse(text);
    try {
      const source = new SourceCode(text, tree);
      expect(source.ast).toBe(source.ast);
      const [f, g] = source.ast!.namedChildren as Node[];
      const nodesOf = descendantsByType();
      const callsOfF = nodesOf(f, 'call_expression');
      expect(callsOfF.map((n) => n.text)).toEqual(['a(1)', 'b(2)']);
      expect(nodesOf(f, 'call_expression')).toBe(callsOfF);
      expect(nodesOf(f, 'assignment_expression').map((n) => n.text)).toEqual(['x = 3']);
      expect(nodesOf(g, 'call_expression').map((n) => n.text)).toEqual(['c(4)']);
      expect(nodesOf(g, 'assignment_expression')).toEqual([]);
    } finally {
      tree.delete();
    }
  });
});
