/**
 * Why an installer gives ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION at a site, read from the
 * conditions around it in its function (no-interactive-windowstation-error decides from it whether
 * its change is a fix or a suggestion):
 *  - 'non-interactive': a test of SetupGetNonInteractiveMode() or DI_QUIETINSTALL guards it (here,
 *    or on the way from the entry point, ReachingContext.quietGuarded): the installer needs the
 *    user and cannot reach them, what a finish-install action is for
 *    (docs/installer-facts.md#the-guidelines, 1);
 *  - 'failure': the innermost condition tests a call's failure (`!Call(...)`, `h == NULL`,
 *    `h == INVALID_HANDLE_VALUE`, `status != ERROR_SUCCESS`, `FAILED(hr)`): the constant stands
 *    for an error that has nothing to do with the user; `error` is the expression that holds the
 *    real one (`GetLastError()`, the status variable), or null when none does;
 *  - 'unknown': anything else (no condition, a condition of the module's own).
 */
import type { Node } from 'web-tree-sitter';
import { ancestors } from '../../engine/index.js';

export type WindowStationReason = { kind: 'non-interactive' } | { kind: 'failure'; error: string | null } | { kind: 'unknown' };

const USER_TESTS = new Set(['SetupGetNonInteractiveMode', 'DI_QUIETINSTALL']);
/** Values a failed call returns: a handle (in a variable or not), and a BOOL (from the call itself). */
const NO_HANDLE = new Set(['NULL', 'nullptr', 'INVALID_HANDLE_VALUE']);
const NULL_LIKE = new Set([...NO_HANDLE, '0', 'FALSE']);
const SUCCESS = new Set(['ERROR_SUCCESS', 'NO_ERROR']);
const LAST_ERROR = 'GetLastError()';

export function windowStationReason(node: Node, quietGuarded: boolean): WindowStationReason {
  const conditions: { test: Node; inElse: boolean }[] = [];
  // one walk down from the root (climbing Node.parent is quadratic in depth: engine/syntax/ancestors.ts)
  const up = ancestors(node);
  for (let i = 0; i < up.length && up[i].type !== 'function_definition'; i++) {
    const p = up[i];
    const child = i === 0 ? node : up[i - 1];
    const test =
      p.type === 'if_statement' ? p.childForFieldName('condition') : p.type === 'conditional_expression' ? p.childForFieldName('condition') : null;
    if (!test || test.id === child.id) continue;
    const alternative = p.childForFieldName('alternative');
    conditions.push({ test, inElse: alternative?.id === child.id });
  }
  const mentionsUser = (n: Node) => n.descendantsOfType('identifier').some((id) => id !== null && USER_TESTS.has(id.text));
  if (quietGuarded || conditions.some((c) => mentionsUser(c.test))) return { kind: 'non-interactive' };
  const innermost = conditions[0];
  if (!innermost) return { kind: 'unknown' };
  const failure = failureOf(valueOf(innermost.test), innermost.inElse);
  return failure ? { kind: 'failure', error: failure.error } : { kind: 'unknown' };
}

/** The tested expression: the value of an `if`'s condition clause, without parentheses. */
function valueOf(test: Node): Node {
  const value = test.type === 'condition_clause' ? (test.childForFieldName('value') ?? test) : test;
  return unparen(value);
}

/** Whether a branch taken when `e` holds (or, `inElse`, when it does not) is a failure path, and where the error is. */
function failureOf(e: Node, inElse: boolean): { error: string | null } | null {
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '!') {
    const operand = unparen(e.childForFieldName('argument') ?? e);
    return !inElse && operand.type === 'call_expression' ? { error: LAST_ERROR } : null;
  }
  if (e.type === 'call_expression') {
    if (/^FAILED$/.test(e.childForFieldName('function')?.text ?? '')) return inElse ? null : { error: null };
    return inElse ? { error: LAST_ERROR } : null;
  }
  if (e.type !== 'binary_expression') return null;
  const op = e.childForFieldName('operator')?.text;
  const left = e.childForFieldName('left');
  const right = e.childForFieldName('right');
  if (!left || !right) return null;
  const constantRight = NULL_LIKE.has(right.text) || SUCCESS.has(right.text);
  const value: Node = unparen(constantRight ? left : right);
  const constant = constantRight ? right.text : left.text;
  const handle = value.type === 'identifier' || value.type === 'field_expression';
  if (op === (inElse ? '!=' : '==') && NULL_LIKE.has(constant) && (value.type === 'call_expression' || (handle && NO_HANDLE.has(constant)))) {
    return { error: LAST_ERROR };
  }
  if (op === (inElse ? '==' : '!=') && SUCCESS.has(constant)) return { error: value.type === 'identifier' ? value.text : null };
  return null;
}

/** The expression inside any parentheses around it. */
function unparen(n: Node): Node {
  let e = n;
  while (e.type === 'parenthesized_expression' && e.namedChild(0)) e = e.namedChild(0)!;
  return e;
}
