/**
 * ancestors / pathFromRoot (engine/syntax/ancestors.ts): the same nodes as the chain of Node.parent,
 * found with one walk down (one childWithDescendant per level, no Node.parent), in C and C++ with
 * LF and CRLF line ends, on the example installer and on code nested 10,000 blocks deep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Node } from 'web-tree-sitter';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { ancestors, closestAncestor, pathFromRoot } from '../../engine/syntax/ancestors.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());
afterEach(() => vi.restoreAllMocks());

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

function parentChain(node: Node): number[] {
  const ids: number[] = [];
  for (let n: Node | null = node; n; n = n.parent) ids.push(n.id);
  return ids.reverse();
}

function namedNodes(root: Node): Node[] {
  const out: Node[] = [];
  const cursor = root.walk();
  try {
    for (;;) {
      if (cursor.nodeIsNamed) out.push(cursor.currentNode);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out;
    }
  } finally {
    cursor.delete();
  }
}

/** `void ContosoDeep(void) { {{ ... g_Depth; ... }} }` with `depth` inner blocks (C++: in a namespace). */
function nested(cpp: boolean, depth: number, eol: string): string {
  const fn = `void ContosoDeep(${cpp ? '' : 'void'})${eol}{${eol}${'{'.repeat(depth)}g_Depth;${'}'.repeat(depth)}${eol}}${eol}`;
  return cpp ? `namespace Contoso${eol}{${eol}${fn}}${eol}` : fn;
}

/** C++ of my own: a class, a member defined outside it, a lambda, a range for. */
const CPP_SOURCE = [
  'namespace Contoso {',
  'class CoInstaller {',
  'public:',
  '  DWORD Handle(DI_FUNCTION dif) const;',
  '  std::vector<int> g_Items;',
  '};',
  'DWORD CoInstaller::Handle(DI_FUNCTION dif) const {',
  '  auto count = [&](int x) { return x + 1; };',
  '  for (int item : g_Items) { if (dif == DIF_INSTALLDEVICE) { count(item); } }',
  '  switch (dif) { case DIF_REMOVE: return ERROR_DI_DO_DEFAULT; default: break; }',
  '  return NO_ERROR;',
  '}',
  '}',
  '',
].join('\n');

const VARIANTS = [
  { lang: 'C', cpp: false, eol: '\n' },
  { lang: 'C', cpp: false, eol: '\r\n' },
  { lang: 'C++', cpp: true, eol: '\n' },
  { lang: 'C++', cpp: true, eol: '\r\n' },
] as const;

describe('ancestors', () => {
  for (const v of VARIANTS) {
    const name = `${v.lang} ${v.eol === '\n' ? 'LF' : 'CRLF'}`;

    it(`${name}: the path of every named node is its parent chain`, () => {
      const source = v.cpp ? CPP_SOURCE : readFileSync(join(EXAMPLE, 'coinstaller.c'), 'utf8');
      const tree = parser.parse(source.replace(/\r?\n/g, v.eol));
      try {
        const nodes = namedNodes(tree.rootNode);
        expect(nodes.length).toBeGreaterThan(v.cpp ? 50 : 200);
        for (const node of nodes) {
          const want = parentChain(node);
          expect(pathFromRoot(node).map((n) => n.id)).toEqual(want);
          expect(ancestors(node).map((n) => n.id)).toEqual(want.slice(0, -1).reverse());
        }
        expect(ancestors(tree.rootNode)).toEqual([]);
      } finally {
        tree.delete();
      }
    });

    it(`${name}: 10,000 nested blocks: one step per level and no Node.parent`, () => {
      const depth = 10_000;
      const tree = parser.parse(nested(v.cpp, depth, v.eol));
      // C++: the function sits in a namespace's declaration_list
      const outer = v.cpp ? 2 : 0;
      try {
        const id = tree.rootNode.descendantForIndex(tree.rootNode.text.indexOf('g_Depth'));
        expect(id?.type).toBe('identifier');
        const steps = vi.spyOn(Node.prototype, 'childWithDescendant');
        const parent = vi.spyOn(Node.prototype, 'parent', 'get');
        const up = ancestors(id!);
        // identifier < expression_statement < 10,000 blocks < the body < function_definition
        // (C++: < declaration_list < namespace_definition) < translation_unit
        expect(up.length).toBe(depth + 4 + outer);
        expect(up[0].type).toBe('expression_statement');
        expect(up.slice(1, depth + 2).every((n) => n.type === 'compound_statement')).toBe(true);
        expect(up[depth + 2].type).toBe('function_definition');
        if (v.cpp) expect(up.slice(depth + 3, depth + 5).map((n) => n.type)).toEqual(['declaration_list', 'namespace_definition']);
        expect(up[up.length - 1].type).toBe('translation_unit');
        expect(steps).toHaveBeenCalledTimes(depth + 4 + outer);
        expect(parent).not.toHaveBeenCalled();
        steps.mockClear();
        expect(closestAncestor(id!, (n) => n.type === 'function_definition')?.type).toBe('function_definition');
        expect(closestAncestor(id!, (n) => n.type === 'switch_statement')).toBeNull();
      } finally {
        tree.delete();
      }
    });
  }
});
