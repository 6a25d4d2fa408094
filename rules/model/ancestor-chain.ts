/**
 * The ancestors of nodes looked at one after another, found without Node.parent. tree-sitter
 * answers `parent` by walking down from the root, so a chain of `parent` calls costs the square
 * of the depth; here the path of the previous node is kept, cut back to the ancestors the next
 * node shares with it, and extended downwards with childWithDescendant. Nodes met in document
 * order (as rule listeners meet them) cost, all together, about the size of the tree.
 * One chain per file and rule run (it holds nodes of one tree).
 */
import type { Node } from 'web-tree-sitter';

export class AncestorChain {
  private readonly chain: Node[] = [];
  /** childWithDescendant calls made (for tests: it grows with the tree, not with depth squared). */
  steps = 0;

  constructor(private readonly root: Node) {}

  /**
   * The path from the root to `node`, root first and `node` last. The array is the chain's own:
   * read it before the next call.
   */
  pathTo(node: Node): readonly Node[] {
    const c = this.chain;
    const start = node.startIndex;
    const end = node.endIndex;
    // keep what holds the node; a kept node with the node's very range may be below it: drop it too
    while (c.length > 0) {
      const top = c[c.length - 1];
      if (top.id === node.id) return c;
      const holds = top.startIndex <= start && end <= top.endIndex && (top.startIndex !== start || top.endIndex !== end);
      if (holds) break;
      c.pop();
    }
    if (c.length === 0) c.push(this.root);
    for (;;) {
      const top = c[c.length - 1];
      if (top.id === node.id) return c;
      this.steps++;
      const next = top.childWithDescendant(node);
      if (!next) return this.byParents(node);
      c.push(next);
    }
  }

  /** The innermost ancestor of `node` (not itself) of one of `types`. */
  closest(node: Node, types: ReadonlySet<string>): Node | null {
    const path = this.pathTo(node);
    for (let i = path.length - 2; i >= 0; i--) if (types.has(path[i].type)) return path[i];
    return null;
  }

  /** The slow way, for a node the descent cannot reach (not seen in practice). */
  private byParents(node: Node): readonly Node[] {
    const c = this.chain;
    c.length = 0;
    for (let n: Node | null = node; n; n = n.parent) c.push(n);
    c.reverse();
    return c;
  }
}
