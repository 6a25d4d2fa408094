import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { DocumentTree } from '../../engine/incremental/document-tree.js';
import { editBetween, pointAt } from '../../engine/incremental/tree-edit.js';

describe('editBetween', () => {
  it('is null for equal texts', () => {
    expect(editBetween('abc', 'abc')).toBeNull();
  });

  it('spans the changed characters, with points counted by newline and UTF-16 columns', () => {
    // "x = 1;" on the second line becomes "x = 42;"
    const edit = editBetween('int a;\r\nx = 1;\r\n', 'int a;\r\nx = 42;\r\n')!;
    expect(edit.startIndex).toBe(12);
    expect(edit.oldEndIndex).toBe(13);
    expect(edit.newEndIndex).toBe(14);
    expect(edit.startPosition).toEqual({ row: 1, column: 4 });
    expect(edit.oldEndPosition).toEqual({ row: 1, column: 5 });
    expect(edit.newEndPosition).toEqual({ row: 1, column: 6 });
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    // "é" is one code unit, "😀" two.
    const edit = editBetween('/* é😀 */ a;', '/* é😀 */ ab;')!;
    expect(edit.startIndex).toBe(11);
    expect(edit.startPosition).toEqual({ row: 0, column: 11 });
    expect(edit.newEndIndex).toBe(12);
  });

  it('handles a pure deletion and a pure insertion', () => {
    expect(editBetween('abcdef', 'abef')).toMatchObject({ startIndex: 2, oldEndIndex: 4, newEndIndex: 2 });
    expect(editBetween('abef', 'abcdef')).toMatchObject({ startIndex: 2, oldEndIndex: 2, newEndIndex: 4 });
  });

  it('pointAt counts rows by \\n only, as tree-sitter does', () => {
    expect(pointAt('a\nbc\r\nd', 7)).toEqual({ row: 2, column: 1 });
    expect(pointAt('a\nbc', 0)).toEqual({ row: 0, column: 0 });
  });
});

describe('DocumentTree', () => {
  let parser: CppParser;
  beforeAll(async () => {
    parser = await CppParser.create();
  });
  afterAll(() => parser.delete());

  const fresh = (text: string) => {
    const tree = parser.parse(text);
    const s = tree.rootNode.toString();
    tree.delete();
    return s;
  };

  it('re-parses incrementally and gives the tree a full parse gives', () => {
    const counts = { full: 0, incremental: 0 };
    const doc = new DocumentTree(counts);
    const v1 = 'int f(void)\r\n{\r\n    /* é */ return 1;\r\n}\r\n';
    const v2 = 'int f(void)\r\n{\r\n    /* é */ return g(1);\r\n}\r\n';
    const t1 = doc.treeFor(parser, v1);
    expect(t1.rootNode.toString()).toBe(fresh(v1));
    const t2 = doc.treeFor(parser, v2);
    expect(t2.rootNode.toString()).toBe(fresh(v2));
    expect(counts).toEqual({ full: 1, incremental: 1 });
    // The same text again: no parse at all.
    expect(doc.treeFor(parser, v2)).toBe(t2);
    expect(counts).toEqual({ full: 1, incremental: 1 });
    doc.dispose();
    expect(doc.current).toBeNull();
  });

  it('follows a change that turns a blanked macro into an identifier (typing after IN)', () => {
    const counts = { full: 0, incremental: 0 };
    const doc = new DocumentTree(counts);
    const v1 = 'void f(IN int a);\n';
    const v2 = 'void f(INX int a);\n';
    doc.treeFor(parser, v1);
    const t2 = doc.treeFor(parser, v2);
    expect(t2.rootNode.toString()).toBe(fresh(v2));
    // With "INX" as a type, the parameter is no longer a plain "int a".
    expect(fresh(v2)).not.toBe(fresh(v1));
    doc.dispose();
  });

  it('keeps one live tree: the previous one is freed after each re-parse', () => {
    const doc = new DocumentTree({ full: 0, incremental: 0 });
    const t1 = doc.treeFor(parser, 'int a;');
    doc.treeFor(parser, 'int ab;');
    // A freed tree can no longer be used.
    expect(() => t1.rootNode.toString()).toThrow();
    doc.dispose();
  });
});
