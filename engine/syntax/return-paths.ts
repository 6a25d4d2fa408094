/**
 * Which statement a path through straight-line code reaches first: a return, a break out of the
 * enclosing switch, or the end of the block. Used to find what an installer entry point returns
 * for the DIF codes it does not handle. Conservative: `if`s and loops are assumed to fall through.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors } from './ancestors.js';
import { statementsOf } from './functions.js';

export type PathEnd =
  | { kind: 'return'; node: Node }
  | { kind: 'break'; node: Node }
  | { kind: 'end' }
  | { kind: 'other' };

/** Follows `statements` from the first one until a return, a break, another jump, or their end. */
export function followStatements(statements: readonly Node[]): PathEnd {
  for (const s of statements) {
    switch (s.type) {
      case 'return_statement':
        return { kind: 'return', node: s };
      case 'break_statement':
        return { kind: 'break', node: s };
      case 'continue_statement':
      case 'goto_statement':
      case 'throw_statement':
        return { kind: 'other' };
      case 'compound_statement': {
        const inner = followStatements(statementsOf(s));
        if (inner.kind !== 'end') return inner;
        break;
      }
      default:
        break;
    }
  }
  return { kind: 'end' };
}

/** The statements that follow `statement` in its block, or null when it is not directly in a block. */
export function statementsAfter(statement: Node): Node[] | null {
  const block = statement.parent;
  if (!block || block.type !== 'compound_statement') return null;
  const all = statementsOf(block);
  const at = all.findIndex((s) => s.id === statement.id);
  return at < 0 ? null : all.slice(at + 1);
}

const BREAK_TARGETS = new Set(['switch_statement', 'for_statement', 'while_statement', 'do_statement', 'for_range_loop']);

/** True when `node` holds a `break` that leaves the switch `sw` (not an inner loop or switch). */
export function breaksOutOf(node: Node, sw: Node): boolean {
  return node.descendantsOfType('break_statement').some((b) => {
    return (b ? ancestors(b) : []).find((p) => BREAK_TARGETS.has(p.type))?.id === sw.id;
  });
}

/** The value of a return statement, without parentheses and casts. */
export function returnedValue(ret: Node): Node | null {
  let v: Node | null = ret.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  while (v && (v.type === 'parenthesized_expression' || v.type === 'cast_expression')) {
    v = v.type === 'cast_expression' ? v.childForFieldName('value') : v.namedChild(0);
  }
  return v;
}
