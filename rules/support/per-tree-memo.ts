/**
 * Answers the fix planners compute once per syntax tree and reuse for every finding of the file:
 * the shape of an entry point's DIF dispatch, the declarations of a function body, where the
 * includes end. Keyed weakly by the tree, so they go with it; the values hold nodes of that tree
 * only and are never changed after they are made.
 */
import type { Tree } from 'web-tree-sitter';

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
