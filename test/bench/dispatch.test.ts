/**
 * The linter's query dispatch (traverseCaptures) calls the same listeners on the same nodes in the
 * same order as the cursor walk (traverse), and steps aside where it cannot (exit listeners,
 * anonymous node types).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query, type Language, type Node } from 'web-tree-sitter';
import { dispatchQuerySource, traverse, traverseCaptures, type Dispatch } from '../../engine/linter/traverse.js';
import { CppParser, loadCppLanguage } from '../../engine/parsing/cpp-parser.js';

let parser: CppParser;
let language: Language;

beforeAll(async () => {
  parser = await CppParser.create();
  language = await loadCppLanguage();
});
afterAll(() => parser?.delete());

const SOURCES = [
  path.resolve(__dirname, '../../examples/contoso-coinstaller/coinstaller.c'),
  path.resolve(__dirname, '../../examples/contoso-coinstaller/maintenance.c'),
];
// broken code too: ERROR and MISSING nodes are walked like any other
const BROKEN = 'void f(void) { g(1, ; x = ; #if A\n h(2);\n}\n int k = m(3) +;\n';

function sequence(walk: (root: Node, enter: Dispatch) => void, text: string, types: string[]): string[] {
  const tree = parser.parse(text);
  try {
    const out: string[] = [];
    const enter = new Map(types.map((t) => [t, [(n: Node) => out.push(`${n.type}@${n.startIndex}-${n.endIndex}`), (n: Node) => out.push(`second ${n.type}`)]]));
    walk(tree.rootNode, enter);
    return out;
  } finally {
    tree.delete();
  }
}

describe('query dispatch', () => {
  const types = ['call_expression', 'identifier', 'comment', 'assignment_expression', 'update_expression', 'preproc_call', 'return_statement', 'case_statement', 'ERROR'];

  it('visits the nodes of the listened types in the order of the cursor walk', () => {
    const source = dispatchQuerySource(language, new Map(types.map((t) => [t, []])), new Map());
    expect(source).toBeDefined();
    const query = new Query(language, source!);
    try {
      for (const text of [...SOURCES.map((f) => readFileSync(f, 'utf8')), BROKEN]) {
        const byCursor = sequence((root, enter) => traverse(root, enter, new Map()), text, types);
        const byQuery = sequence((root, enter) => traverseCaptures(root, enter, query), text, types);
        expect(byCursor.length).toBeGreaterThan(20);
        expect(byQuery).toEqual(byCursor);
      }
    } finally {
      query.delete();
    }
  });

  it('leaves out keys that are no node type, and steps aside for exit listeners and anonymous types', () => {
    const none: Dispatch = new Map();
    expect(dispatchQuerySource(language, new Map([['Program', []], ['call_expression', []], ['no_such_type', []]]), none)).toBe('[(call_expression) @call_expression]');
    expect(dispatchQuerySource(language, new Map([['Program', []]]), none)).toBeUndefined();
    expect(dispatchQuerySource(language, new Map([['call_expression', []]]), new Map([['Program', []]]))).toBe('[(call_expression) @call_expression]');
    expect(dispatchQuerySource(language, new Map([['call_expression', []]]), new Map([['call_expression', []]]))).toBeUndefined();
    expect(dispatchQuerySource(language, new Map([['call_expression', []], ['(', []]]), none)).toBeUndefined();
  });
});
