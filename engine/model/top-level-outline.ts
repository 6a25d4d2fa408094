/**
 * The children of a tree's root (type and offsets of each), read with the walk's cursor. Two
 * versions of a file whose outlines are the same but for one child that grew or shrank, and the
 * children after it moving by as much, were parsed alike outside that child: the language server
 * relints only inside it (summary-splice.ts, engine/incremental/function-relint.ts).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { walkCursor, type WasmBinding } from './summarize-cursor.js';

/** Type id, start and end of each child of the root, three numbers per child. */
export type Outline = Int32Array;

export function topLevelOutline(tree: Tree, binding?: WasmBinding): Outline {
  const out: number[] = [];
  const cursor = walkCursor(tree, binding);
  try {
    if (cursor.gotoFirstChild()) {
      do out.push(cursor.nodeTypeId, cursor.startIndex, cursor.endIndex);
      while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return Int32Array.from(out);
}

/**
 * The index of the one child that changed from `before` to `after` when the edit [at, oldEnd) ->
 * [at, oldEnd + delta) lies inside it: every other child the same (those after it moved by
 * `delta`), that child of the same type and start, its end moved by `delta`. Undefined otherwise.
 */
export function changedChild(before: Outline, after: Outline, at: number, oldEnd: number, delta: number): number | undefined {
  if (before.length !== after.length) return undefined;
  let changed: number | undefined;
  for (let i = 0; i < before.length; i += 3) {
    const type = before[i];
    const start = before[i + 1];
    const end = before[i + 2];
    if (after[i] !== type) return undefined;
    if (end <= at) {
      if (after[i + 1] !== start || after[i + 2] !== end) return undefined;
    } else if (start >= oldEnd) {
      if (after[i + 1] !== start + delta || after[i + 2] !== end + delta) return undefined;
    } else {
      // the edit touches this child: it must hold the edit whole
      if (changed !== undefined || start > at || end < oldEnd) return undefined;
      if (after[i + 1] !== start || after[i + 2] !== end + delta) return undefined;
      changed = i / 3;
    }
  }
  return changed;
}

/**
 * The function definition at file scope whose body holds the whole edit (strictly inside its
 * braces), and its index among the root's children, when the outlines say nothing else changed;
 * else undefined.
 */
export function editedTopLevelFunction(before: Outline, after: Outline, root: Node, at: number, oldEnd: number, delta: number): { node: Node; index: number } | undefined {
  const index = changedChild(before, after, at, oldEnd, delta);
  if (index === undefined) return undefined;
  const node = root.child(index);
  if (!node || node.type !== 'function_definition') return undefined;
  const body = node.childForFieldName('body');
  if (!body || body.type !== 'compound_statement' || body.endIndex !== node.endIndex) return undefined;
  const close = body.lastChild;
  if (!close || close.type !== '}' || close.isMissing) return undefined;
  if (at <= body.startIndex || oldEnd + delta >= body.endIndex) return undefined;
  return { node, index };
}
