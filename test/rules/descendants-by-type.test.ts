import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { descendantsByType, identifiersSpelled } from '../../engine/syntax/functions.js';

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
      const [f, g] = source.ast!.namedChildren;
      const nodesOf = descendantsByType(['call_expression', 'assignment_expression']);
      const callsOfF = nodesOf(f, 'call_expression');
      expect(callsOfF.map((n) => n.text)).toEqual(['a(1)', 'b(2)']);
      expect(nodesOf(f, 'call_expression')).toBe(callsOfF);
      expect(nodesOf(f, 'assignment_expression').map((n) => n.text)).toEqual(['x = 3']);
      expect(nodesOf(g, 'call_expression').map((n) => n.text)).toEqual(['c(4)']);
      expect(nodesOf(g, 'assignment_expression')).toEqual([]);
      expect(() => nodesOf(g, 'return_statement')).toThrow(/not declared/);
    } finally {
      tree.delete();
    }
  });

  it('identifiersSpelled: identifier nodes only, not longer names, strings, comments or field names', () => {
    const text = 'static int n; /* n */\nint nn(int n) { s.n = n + nn(n); return "n"[0] + n; }\n';
    const tree = parser.parse(text);
    try {
      const found = identifiersSpelled(tree.rootNode, text, 'n');
      // `n` stands at 11, 17 (comment), 33, 40 (field), 44, 51, 63 (string), 71: the identifiers are
      // the declaration, the parameter, the right of `=`, the argument of nn and the last operand
      expect(found.map((id) => id.startIndex)).toEqual([11, 33, 44, 51, 71]);
      expect(found.every((id) => id.type === 'identifier' && id.text === 'n')).toBe(true);
      expect(identifiersSpelled(tree.rootNode, text, 'nn').map((id) => id.startIndex)).toEqual([26, 48]);
      expect(identifiersSpelled(tree.rootNode, text, 'missing')).toEqual([]);
    } finally {
      tree.delete();
    }
  });
});
