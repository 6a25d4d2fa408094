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
  /** Indices in `chain` of the nodes of a marked type, outermost first (their type is read once). */
  private readonly marks: number[] = [];
  /** childWithDescendant calls made (for tests: it grows with the tree, not with depth squared). */
  steps = 0;

  /** `marked`: the node types the caller looks for on paths (see marked()). */
  constructor(
    private readonly root: Node,
    private readonly markedTypes: ReadonlySet<string> = new Set(),
  ) {}

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
      this.pop();
    }
    if (c.length === 0) this.push(this.root);
    for (;;) {
      const top = c[c.length - 1];
      if (top.id === node.id) return c;
      this.steps++;
      const next = top.childWithDescendant(node);
      if (!next) return this.byParents(node);
      this.push(next);
    }
  }

  /**
   * The indices, in the path pathTo last gave, of its nodes of a marked type, outermost first:
   * reading them costs no call into WASM. Read them before the next call.
   */
  marked(): readonly number[] {
    return this.marks;
  }

  /** The innermost ancestor of `node` (not itself) of the marked type `type`. */
  closest(node: Node, type: string): Node | null {
    const path = this.pathTo(node);
    for (let k = this.marks.length - 1; k >= 0; k--) {
      const i = this.marks[k];
      if (i < path.length - 1 && path[i].type === type) return path[i];
    }
    return null;
  }

  private push(node: Node): void {
    if (this.markedTypes.has(node.type)) this.marks.push(this.chain.length);
    this.chain.push(node);
  }

  private pop(): void {
    this.chain.pop();
    if (this.marks.length > 0 && this.marks[this.marks.length - 1] >= this.chain.length) this.marks.pop();
  }

  /** The slow way, for a node the descent cannot reach (not seen in practice). */
  private byParents(node: Node): readonly Node[] {
    const c = this.chain;
    const up: Node[] = [];
    for (let n: Node | null = node; n; n = n.parent) up.push(n);
    c.length = 0;
    this.marks.length = 0;
    for (let i = up.length - 1; i >= 0; i--) this.push(up[i]);
    return c;
  }
}
