/**
 * Code the preprocessor always drops: the body of `#if 0` (and `#elif 0`), not its `#else`.
 * tree-sitter-cpp parses such blocks like live code, so rules about calls skip them here.
 */
import type { Node } from 'web-tree-sitter';

const ALWAYS_FALSE = /^\(*\s*(0+|FALSE|false)\s*\)*$/;

export function inDisabledCode(node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'preproc_if' && p.type !== 'preproc_elif') continue;
    const condition = p.childForFieldName('condition');
    const alternative = p.childForFieldName('alternative');
    if (child.id === condition?.id || child.id === alternative?.id) continue;
    if (condition && ALWAYS_FALSE.test(condition.text.trim())) return true;
  }
  return false;
}
