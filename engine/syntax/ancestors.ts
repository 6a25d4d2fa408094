/**
 * The ancestors of one node, found in time linear in its depth. tree-sitter stores no parent in a
 * node: `Node.parent` walks down from the root each time, so a loop climbing `.parent` costs the
 * square of the depth (40,000 nested braces: tens of seconds). Here the path is found with one
 * walk down from the root (`childWithDescendant`, which is what `parent` itself does once).
 * For many nodes met in document order, AncestorChain (engine/model/ancestor-chain.ts) shares the
 * walks between them.
 */
import type { Node } from 'web-tree-sitter';

/** The path from the root of the node's tree down to the node: root first, the node itself last. */
export function pathFromRoot(node: Node): Node[] {
  const path: Node[] = [node.tree.rootNode];
  for (;;) {
    const top = path[path.length - 1];
    if (top.id === node.id) return path;
    const next = top.childWithDescendant(node);
    if (!next) return byParents(node);
    path.push(next);
  }
}

/** The ancestors of a node, innermost first (its parent, then that one's parent, up to the root); not the node itself. */
export function ancestors(node: Node): Node[] {
  const path = pathFromRoot(node);
  path.pop();
  return path.reverse();
}

/** The innermost ancestor of the node (not the node itself) that `test` accepts, or null. */
export function closestAncestor(node: Node, test: (ancestor: Node) => boolean): Node | null {
  for (const a of ancestors(node)) if (test(a)) return a;
  return null;
}

/** The slow way, for a node the descent cannot reach (a node of another tree: not seen in practice). */
function byParents(node: Node): Node[] {
  const up: Node[] = [];
  for (let n: Node | null = node; n; n = n.parent) up.push(n);
  return up.reverse();
}
