/**
 * traverseCaptures lists the listened nodes with descendantsOfType: the same nodes, listeners and
 * order as the cursor walk, with one listened type or several, ERROR nodes included; and the query
 * where a key is also an anonymous node type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Query, type Language, type Node } from 'web-tree-sitter';
import { dispatchQuerySource, listenedNamedTypes, listensToNodes, traverse, traverseCaptures, traverseNamedTypes, type Dispatch } from '../../engine/linter/traverse.js';
import { CppParser, loadCppLanguage } from '../../engine/parsing/cpp-parser.js';

let parser: CppParser;
let language: Language;
beforeAll(async () => {
  parser = await CppParser.create();
  language = await loadCppLanguage();
});
afterAll(() => parser?.delete());

const TEXT = [
  '/* c */ static int g;',
  'int f(int a) { g = a; g++; return h(&g) + (a) & g; }',
  'void k(void) { x = ; m(1, ; }',
  '#pragma comment(lib, "x.lib")',
  '',
].join('\n');

function walk(how: 'cursor' | 'list', types: string[]): string[] {
  const tree = parser.parse(TEXT);
  const out: string[] = [];
  const enter: Dispatch = new Map(types.map((t) => [t, [(n: Node) => out.push(`${t} ${n.startIndex}`), (n: Node) => out.push(`again ${n.startIndex}`)]]));
  const source = dispatchQuerySource(language, enter, new Map());
  const query = source ? new Query(language, source) : null;
  try {
    if (how === 'cursor') traverse(tree.rootNode, enter, new Map());
    else traverseCaptures(tree.rootNode, enter, query!);
    return out;
  } finally {
    query?.delete();
    tree.delete();
  }
}

describe('traverseCaptures through descendantsOfType', () => {
  it('one listened type: every node of it, in document order, each listener in turn', () => {
    // h(&g) at 22 + 15 + 7 + 5 + 7; `m(1, ;` is broken (no call), the pragma is a preproc_call
    expect(walk('list', ['call_expression'])).toEqual(['call_expression 56', 'again 56']);
    expect(walk('list', ['call_expression'])).toEqual(walk('cursor', ['call_expression']));
  });

  it('several types, ERROR included, equal the cursor walk', () => {
    const types = ['assignment_expression', 'update_expression', 'binary_expression', 'pointer_expression', 'comment', 'ERROR', 'Program'];
    const listed = walk('list', types);
    expect(listed.filter((l) => l.startsWith('ERROR')).length).toBeGreaterThan(0);
    expect(listed.slice(0, 6)).toEqual(['comment 0', 'again 0', 'assignment_expression 37', 'again 37', 'update_expression 44', 'again 44']);
    expect(listed).toEqual(walk('cursor', types));
  });

  it('listens by named types only; undefined when a key is also an anonymous type', () => {
    expect(listenedNamedTypes(language, new Map([['Program', []], ['call_expression', []], ['no_such_type', []], ['ERROR', []]]))).toEqual(['call_expression', 'ERROR']);
    expect(listenedNamedTypes(language, new Map([['Program', []]]))).toEqual([]);
    const both = ['true', 'false', 'this', 'nullptr', 'auto'].find((t) => language.idForNodeType(t, true) !== null && language.idForNodeType(t, false) !== null);
    if (both) expect(listenedNamedTypes(language, new Map([[both, []]]))).toBeUndefined();
    expect(listenedNamedTypes(language, new Map([['call_expression', []], ['(', []]]))).toBeUndefined();
  });

  it('traverseNamedTypes declines an anonymous key (nothing called); the cursor walk calls it', () => {
    const tree = parser.parse('int f(int a) { return h((a)); }\n');
    try {
      const seen: number[] = [];
      const enter: Dispatch = new Map([['(', [(n: Node) => seen.push(n.startIndex)]]]);
      expect(traverseNamedTypes(tree.rootNode, enter)).toBe(false);
      expect(seen).toEqual([]);
      traverse(tree.rootNode, enter, new Map());
      // the parameter list's, the argument list's and the parentheses around a
      expect(seen).toEqual([5, 23, 24]);
    } finally {
      tree.delete();
    }
  });

  it('listensToNodes: Program and keys that are no node type call nothing on nodes', () => {
    const none: Dispatch = new Map();
    expect(listensToNodes(language, new Map([['Program', []], ['no_such_type', []]]), new Map([['Program', []]]))).toBe(false);
    expect(listensToNodes(language, new Map([['Program', []]]), new Map([['call_expression', []]]))).toBe(true);
    expect(listensToNodes(language, new Map([['(', []]]), none)).toBe(true);
    expect(listensToNodes(language, new Map([['ERROR', []]]), none)).toBe(true);
  });
});
