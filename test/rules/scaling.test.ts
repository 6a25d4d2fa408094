/**
 * Deep nesting stays linear in no-state-in-dll: ancestors come from one kept path (AncestorChain),
 * not from chains of Node.parent, which tree-sitter answers by walking down from the root.
 * Behaviour only: the paths are the parent chains, the descent steps grow with the tree, and the
 * rule gives its findings on code nested thousands of levels deep within vitest's normal timeout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import rule from '../../rules/no-state-in-dll.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import { AncestorChain } from '../../engine/model/ancestor-chain.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { calleeName } from '../../engine/syntax/calls.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

function parentChain(node: Node): number[] {
  const ids: number[] = [];
  for (let n: Node | null = node; n; n = n.parent) ids.push(n.id);
  return ids.reverse();
}

/** Named nodes in document order, by a cursor walk. */
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

describe('AncestorChain', () => {
  it('gives the parent chain of every named node of the example installer, asked in document order and back up', () => {
    const text = readFileSync(join(EXAMPLE, 'coinstaller.c'), 'utf8');
    const tree = parser.parse(text);
    try {
      const chain = new AncestorChain(tree.rootNode, new Set(['function_definition']));
      const nodes = namedNodes(tree.rootNode);
      expect(nodes.length).toBeGreaterThan(200);
      for (const node of nodes) {
        expect(chain.pathTo(node).map((n) => n.id)).toEqual(parentChain(node));
        // a rule asks for an identifier, then for the statement that holds it
        const parent = node.parent;
        if (parent) expect(chain.pathTo(parent).map((n) => n.id)).toEqual(parentChain(parent));
      }
      // out of order: the last node, then the first
      expect(chain.pathTo(nodes[1]).map((n) => n.id)).toEqual(parentChain(nodes[1]));
    } finally {
      tree.delete();
    }
  });

  it('the innermost function around a node', () => {
    const text = 'int g;\nvoid f(void) { if (a) { g = 1; } }\n';
    const tree = parser.parse(text);
    try {
      const chain = new AncestorChain(tree.rootNode, new Set(['function_definition']));
      const write = tree.rootNode.descendantForIndex(text.indexOf('g = 1'), text.indexOf('g = 1') + 5)!;
      expect(write.type).toBe('assignment_expression');
      const fn = chain.closest(write, 'function_definition');
      expect(fn?.type).toBe('function_definition');
      expect(fn?.startIndex).toBe(text.indexOf('void f'));
      expect(chain.closest(tree.rootNode.namedChild(0)!, 'function_definition')).toBeNull();
    } finally {
      tree.delete();
    }
  });

  it('descends once per level: 2,000 writes nested 2,000 deep cost a few steps per write, not one per level', () => {
    const N = 2000;
    const text = 'int g;\nint f(int a) {\n  return ' + 'a ? g++ : '.repeat(N) + '0;\n}\n';
    const tree = parser.parse(text);
    try {
      const chain = new AncestorChain(tree.rootNode, new Set(['function_definition']));
      const writes = tree.rootNode.descendantsOfType('update_expression').filter((n): n is Node => n !== null);
      expect(writes).toHaveLength(N);
      let deepest = 0;
      for (const w of writes) deepest = Math.max(deepest, chain.pathTo(w.namedChild(0)!).length);
      expect(deepest).toBeGreaterThan(N);
      // each conditional_expression and each write is entered once: linear, where N parent chains are N x N / 2
      expect(chain.steps).toBeLessThan(4 * N + 20);
    } finally {
      tree.delete();
    }
  });
});

describe('no-state-in-dll on deep nesting', () => {
  const lint = (text: string) => {
    const linter = new Linter({ rules: new Map([['no-state-in-dll', rule]]), parser });
    const config: ResolvedConfig = {
      filePath: null,
      rules: { 'no-state-in-dll': { severity: 2, options: [] } },
      settings: defaultSettings(),
      ignores: [],
      reportUnusedDisableDirectives: 0,
    };
    try {
      return linter.lintText(text, '/virtual/module/installer.c', config);
    } finally {
      linter.dispose();
    }
  };

  it('5,000 writes of a file-scope variable in ternaries nested 5,000 deep: each one is reported', () => {
    const N = 5000;
    const text = 'static int g;\nint f(int a) {\n  return ' + 'a ? g++ : '.repeat(N) + '0;\n}\n';
    const messages = lint(text);
    expect(messages).toHaveLength(N);
    expect(messages.every((m) => m.ruleId === 'no-state-in-dll' && m.message.startsWith('g is written in f:'))).toBe(true);
    expect(messages[N - 1].column).toBe('  return '.length + (N - 1) * 'a ? g++ : '.length + 5);
  });

  it('a local shadowing the variable 5,000 blocks up is no state; a parameter is none either', () => {
    const N = 5000;
    const text = 'static int g;\nint f(int a) {\n  int g = 0;\n' + '{\n'.repeat(N) + 'g = a ? g++ : 0;\n' + '}\n'.repeat(N) + '  return g;\n}\nint h(int g) { return g++; }\n';
    expect(lint(text)).toEqual([]);
  });
});

describe('calleeName, read once per call and tree', () => {
  it('gives each tree its own names, even where a new tree reuses the node ids of a freed one', () => {
    const names: string[] = [];
    // names of one length: the freed tree's memory is reused, and with it the node ids
    for (const callee of ['LoadLibraryW', 'LoadLibraryA', 'CreateThread', 'LoadLibraryW', 'CreateThread']) {
      const tree = parser.parse(`void f(void) { ${callee}(0); ${callee}(1); }\n`);
      try {
        const calls = tree.rootNode.descendantsOfType('call_expression').filter((n): n is Node => n !== null);
        for (const c of calls) names.push(calleeName(c) ?? 'null', calleeName(c) ?? 'null');
      } finally {
        tree.delete();
      }
    }
    expect(names).toEqual([
      ...Array(4).fill('LoadLibraryW'),
      ...Array(4).fill('LoadLibraryA'),
      ...Array(4).fill('CreateThread'),
      ...Array(4).fill('LoadLibraryW'),
      ...Array(4).fill('CreateThread'),
    ]);
  });

  it('the names of a qualified, a member and a parenthesized callee; null for a call through an expression', () => {
    const tree = parser.parse('void f(void) { ::ns::Open(1); p->Close(); (Start)(); (*table[0])(); }\n');
    try {
      const calls = tree.rootNode.descendantsOfType('call_expression').filter((n): n is Node => n !== null);
      expect(calls.map((c) => calleeName(c))).toEqual(['Open', 'Close', 'Start', null]);
      expect(calls.map((c) => calleeName(c))).toEqual(['Open', 'Close', 'Start', null]);
    } finally {
      tree.delete();
    }
  });
});
