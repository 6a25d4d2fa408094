/**
 * Code the preprocessor always drops: the body of `#if 0` (and `#elif 0`), not its `#else`.
 * tree-sitter-cpp parses such blocks like live code, so rules about calls skip them here.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { ancestors } from './ancestors.js';
import { constantCondition } from './constant-condition.js';


/** The tokens that open preproc_if and preproc_elif (tree-sitter-cpp: `#`, blanks, the word). */
const IF_DIRECTIVE = /#[ \t]*(?:el)?if/;

/**
 * Whether a tree's text has an #if or #elif at all, per tree: without one no node is in disabled
 * code, and the walk up the parents (each step a walk down from the root) is skipped. Directive
 * lines are never blanked. Keyed weakly by the Tree (its text never changes).
 */
const hasIfByTree = new WeakMap<Tree, boolean>();

export function inDisabledCode(node: Node): boolean {
  let hasIf = hasIfByTree.get(node.tree);
  if (hasIf === undefined) hasIfByTree.set(node.tree, (hasIf = IF_DIRECTIVE.test(node.tree.rootNode.text)));
  if (!hasIf) return false;
  let child: Node = node;
  // the ancestors in one walk down (engine/syntax/ancestors.ts), not a chain of Node.parent
  for (const p of ancestors(node)) {
    const below = child;
    child = p;
    if (p.type !== 'preproc_if' && p.type !== 'preproc_elif') continue;
    const condition = p.childForFieldName('condition');
    const alternative = p.childForFieldName('alternative');
    if (below.id === condition?.id || below.id === alternative?.id) continue;
    if (condition && constantCondition(condition.text) === false) return true;
  }
  return false;
}
