/**
 * Which way a condition tests for a quiet installation (docs/installer-facts.md#dif-codes-and-interactivity):
 * `Flags & DI_QUIETINSTALL` holds when the flag is set, `SetupGetNonInteractiveMode()` when
 * SetupAPI may not interact with the user. Under DIF_ALLOW_INSTALL and DIF_REMOVE, UI is allowed
 * where the test says the installation is not quiet (guards.ts records such regions as
 * `quietClear`).
 */
import type { Node } from 'web-tree-sitter';
import { unwrapCondition } from '../syntax/condition-operand.js';

/** What a condition says of the installation when it holds (`t`) and when it fails (`f`); undefined: nothing. */
export interface QuietTest {
  t?: 'clear' | 'set';
  f?: 'clear' | 'set';
}

const MAX_DEPTH = 64;
const QUIET_FLAG = 'DI_QUIETINSTALL';
const NON_INTERACTIVE_MODE = 'SetupGetNonInteractiveMode';
const FALSY = /^(?:0+[uUlL]*|FALSE|false|NULL|nullptr)$/;
const TRUTHY = /^(?:0*1[uUlL]*|TRUE|true|DI_QUIETINSTALL)$/;

export function quietTest(node: Node | null, depth = 0): QuietTest {
  const n = unwrapCondition(node);
  if (!n || depth > MAX_DEPTH) return {};
  switch (n.type) {
    case 'unary_expression': {
      if (n.childForFieldName('operator')?.type !== '!') return {};
      const inner = quietTest(n.childForFieldName('argument'), depth + 1);
      return { t: inner.f, f: inner.t };
    }
    case 'call_expression':
      return n.childForFieldName('function')?.text === NON_INTERACTIVE_MODE ? { t: 'set', f: 'clear' } : {};
    case 'binary_expression':
      return binaryTest(n, depth);
    default:
      return {};
  }
}

function binaryTest(n: Node, depth: number): QuietTest {
  const op = n.childForFieldName('operator')?.type;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return {};
  if (op === '&') {
    // `Flags & DI_QUIETINSTALL`; `Flags & (DI_QUIETINSTALL | DI_NOFILECOPY)` is clear only when it fails
    const masks = [unwrapCondition(left), unwrapCondition(right)];
    if (masks.some((m) => m?.type === 'identifier' && m.text === QUIET_FLAG)) return { t: 'set', f: 'clear' };
    if (masks.some((m) => m !== null && orChainHolds(m, depth))) return { f: 'clear' };
    return {};
  }
  if (op === '&&' || op === '||') {
    const a = quietTest(left, depth + 1);
    const b = quietTest(right, depth + 1);
    // a && b holds: both hold; it fails: one of them does (known only when both say the same)
    if (op === '&&') return { t: a.t ?? b.t, f: a.f === b.f ? a.f : undefined };
    return { t: a.t === b.t ? a.t : undefined, f: a.f ?? b.f };
  }
  if (op !== '==' && op !== '!=') return {};
  for (const [tested, constant] of [
    [left, right],
    [right, left],
  ] as const) {
    const q = quietTest(tested, depth + 1);
    if (q.t === undefined && q.f === undefined) continue;
    const c = unwrapCondition(constant)?.text.trim() ?? '';
    // `x == 0` holds when x fails; `x == TRUE` (or `== DI_QUIETINSTALL`) when x holds; `!=` the other way
    const same = FALSY.test(c) ? op === '!=' : TRUTHY.test(c) ? op === '==' : undefined;
    if (same === undefined) return {};
    return same ? q : { t: q.f, f: q.t };
  }
  return {};
}

/** `A | DI_QUIETINSTALL | B`: a mask that holds the flag among others. */
function orChainHolds(node: Node, depth: number): boolean {
  const n = unwrapCondition(node);
  if (!n || depth > MAX_DEPTH) return false;
  if (n.type === 'identifier') return n.text === QUIET_FLAG;
  if (n.type !== 'binary_expression' || n.childForFieldName('operator')?.type !== '|') return false;
  return orChainHolds(n.childForFieldName('left')!, depth + 1) || orChainHolds(n.childForFieldName('right')!, depth + 1);
}

