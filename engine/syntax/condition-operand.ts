/**
 * What a condition tests, with its wrapping taken off: the `( )` of an `if`/`switch` condition,
 * parentheses and casts, `(DWORD)(Flags & DI_QUIETINSTALL)` -> `Flags & DI_QUIETINSTALL`. Shared by
 * the DIF guards (engine/model/guards.ts) and the quiet guard (engine/model/quiet-guard.ts).
 */
import type { Node } from 'web-tree-sitter';

/** Wrappings taken off at most; deeper nesting is returned as it stands. */
const MAX_DEPTH = 64;

export function unwrapCondition(node: Node | null): Node | null {
  let n = node;
  for (let depth = 0; n && depth < MAX_DEPTH; depth++) {
    if (n.type === 'condition_clause') n = n.childForFieldName('value');
    else if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else if (n.type === 'cast_expression') n = n.childForFieldName('value');
    else return n;
  }
  return n;
}
