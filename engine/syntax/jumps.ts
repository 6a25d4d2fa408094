/**
 * Statements that move control elsewhere, by tree-sitter node type: one home for the sets the
 * model's guards, the syntax helpers and the rules' fix planners read. They differ on purpose.
 */
import type { Node } from 'web-tree-sitter';

/**
 * C's jump statements (C11 6.8.6): goto, continue, break and return. The wait planner
 * (rules/support/wait-for-process.ts) puts the handles' CloseHandle calls before one of these at
 * the end of a block; it has never counted C++'s `throw` among them.
 */
export const JUMP_STATEMENTS: ReadonlySet<string> = new Set(['break_statement', 'return_statement', 'continue_statement', 'goto_statement']);

/**
 * Statements after which control never reaches the next one: the jump statements and C++'s
 * `throw`. What decides whether a guard's early exit covers the rest of a block
 * (engine/model/guards.ts) and whether a case falls through.
 */
export const LEAVING_STATEMENTS: ReadonlySet<string> = new Set([...JUMP_STATEMENTS, 'throw_statement']);

/**
 * What a fix may not move into another branch: a jump (it would leave another loop or function
 * path) and a label (a goto elsewhere would lose its target). A `throw` leaves the same way from
 * any branch, so it is not one of them.
 */
export const JUMPS_AND_LABELS: ReadonlySet<string> = new Set([...JUMP_STATEMENTS, 'labeled_statement']);

/**
 * How a case ends when the case can be removed without reading further: `break` or `return`.
 * A case ending in continue, goto or throw leaves too, but where it goes is the loop's or the
 * label's business; the fix leaves such cases alone.
 */
export const CASE_EXITS: ReadonlySet<string> = new Set(['break_statement', 'return_statement']);

/** True for a statement after which control never reaches the next one (LEAVING_STATEMENTS). */
export function isJump(statement: Node | undefined): boolean {
  return statement !== undefined && LEAVING_STATEMENTS.has(statement.type);
}

/** True when the node holds a jump or a label anywhere inside it (JUMPS_AND_LABELS). */
export function holdsJumpOrLabel(node: Node): boolean {
  return node.descendantsOfType([...JUMPS_AND_LABELS]).length > 0;
}
