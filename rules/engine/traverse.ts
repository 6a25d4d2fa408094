/**
 * Walks a syntax tree once, in document order, calling the listeners registered for each node
 * type on entry and on ":exit". Iterative (a TreeCursor, no recursion), and a Node object is
 * only materialised for node types somebody listens to.
 */
import type { Node } from 'web-tree-sitter';

export type Dispatch = ReadonlyMap<string, readonly ((node: Node) => void)[]>;

export function traverse(root: Node, enter: Dispatch, exit: Dispatch): void {
  const cursor = root.walk();
  try {
    for (;;) {
      const onEnter = enter.get(cursor.nodeType);
      if (onEnter) {
        const node = cursor.currentNode;
        for (const listener of onEnter) listener(node);
      }
      if (cursor.gotoFirstChild()) continue;
      for (;;) {
        const onExit = exit.get(cursor.nodeType);
        if (onExit) {
          const node = cursor.currentNode;
          for (const listener of onExit) listener(node);
        }
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
