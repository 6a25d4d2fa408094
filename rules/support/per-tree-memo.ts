/**
 * Answers the fix planners compute once per syntax tree and reuse for every finding of the file:
 * the shape of an entry point's DIF dispatch, the declarations of a function body, where the
 * includes end. Keyed weakly by the tree, so they go with it; the values hold nodes of that tree
 * only and are never changed after they are made.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { identifiersSpelled, parameters, statementsOf } from '../../engine/index.js';

const memos = new WeakMap<Tree, Map<string, unknown>>();

/** `compute()` the first time `key` is asked for this tree, the same value after that. */
export function perTree<T>(tree: Tree, key: string, compute: () => T): T {
  let memo = memos.get(tree);
  if (!memo) memos.set(tree, (memo = new Map<string, unknown>()));
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/**
 * statementsOf (engine/syntax/functions.ts) once per block and tree: the fix planners ask it of the
 * same case or block for every finding in it (5,400 calls on one line asked 5,400 times: seconds of
 * node marshalling). The list is shared: callers must not change it.
 */
export function statementsOnce(block: Node): readonly Node[] {
  return perTree(block.tree, `statementsOf:${block.id}`, () => statementsOf(block));
}

/** parameters (engine/syntax/functions.ts) of a function, once per tree. Shared: not to be changed. */
export function parametersOnce(fn: Node): ReturnType<typeof parameters> {
  return perTree(fn.tree, `parameters:${fn.id}`, () => parameters(fn));
}

/** identifiersSpelled over the whole file (a scan of its text), once per tree and name. Shared: not to be changed. */
export function spelledOnce(root: Node, text: string, name: string): readonly Node[] {
  return perTree(root.tree, `spelled:${root.id}:${name}`, () => identifiersSpelled(root, text, name));
}
