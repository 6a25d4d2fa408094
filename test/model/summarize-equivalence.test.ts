/**
 * The raw cursor over web-tree-sitter's WebAssembly module (engine/model/summarize-cursor.ts) must
 * give the same summary as the public TreeCursor on every input: it is used only when this process
 * gave web-tree-sitter a module object of its own, it reads the tree as the public cursor does, and
 * it summarises every fixture and example file alike. The summary's fast paths are tested in
 * test/model/summarize-callees.test.ts, summarize-declarations.test.ts and summarize-field-reads.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkCursor, wasmBindingOf } from '../../engine/model/summarize-cursor.js';
import { CppParser, languageOfPath } from '../../engine/parsing/cpp-parser.js';
import { binding, checkedSummary } from './summary-cursors.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

/** The summary of a text, after checking that the raw cursor gives the same one. */
const summary = (name: string, text: string) => checkedSummary(parser, name, text);

describe('the raw cursor', () => {
  it('is available: this process initialised web-tree-sitter with a module object of its own', () => {
    expect(binding).toBeDefined();
  });

  it('is not used without the exports it calls: the walk falls back to the public cursor', () => {
    expect(wasmBindingOf({})).toBeUndefined();
    expect(wasmBindingOf(null)).toBeUndefined();
    expect(wasmBindingOf({ ...binding, _ts_tree_cursor_goto_parent_wasm: undefined })).toBeUndefined();
    const tree = parser.parse('int x;');
    try {
      const cursor = walkCursor(tree, undefined);
      expect(cursor.constructor.name).toBe('TreeCursor');
      cursor.delete();
      const raw = walkCursor(tree, binding);
      expect(raw.constructor.name).not.toBe('TreeCursor');
      // it reads the same root as the public cursor: translation_unit over the whole text
      expect(raw.startIndex).toBe(0);
      expect(raw.endIndex).toBe('int x;'.length);
      expect(raw.gotoFirstChild()).toBe(true);
      expect(raw.currentNode.type).toBe('declaration');
      // after a node was handed out, the cursor moves on from where it was
      expect(raw.gotoFirstChild()).toBe(true);
      expect(raw.currentNode.type).toBe('primitive_type');
      expect(raw.gotoNextSibling()).toBe(true);
      expect(raw.currentNode.text).toBe('x');
      expect(raw.gotoParent()).toBe(true);
      expect(raw.currentNode.type).toBe('declaration');
      raw.delete();
    } finally {
      tree.delete();
    }
  });

  it('gives the summary of the public cursor on every fixture and example file', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (languageOfPath(path) === 'cpp') files.push(path);
      }
    };
    walk('test/fixtures');
    walk('examples');
    expect(files.length).toBeGreaterThan(20);
    let functions = 0;
    for (const path of files) {
      const s = summary(path, readFileSync(path, 'utf8'));
      functions += s.functions.length;
    }
    expect(functions).toBeGreaterThan(20);
  });
});
