/**
 * How badly a parse went: the ERROR and MISSING nodes of a tree. Used to check that a fix or a
 * macro blanking leaves the parse no worse than it was.
 */
import type { Node } from 'web-tree-sitter';

/** ERROR and MISSING nodes under (and including) `root`; subtrees without one are not walked. */
export function countParseProblems(root: Node): number {
  if (!root.hasError) return 0;
  let n = 0;
  const cursor = root.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) n++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return n;
    }
  } finally {
    cursor.delete();
  }
}
