/**
 * How an installer entry point dispatches on its DIF code parameter: `switch (dif)` with case
 * labels, and `if (dif == DIF_X)` / `else if` chains. Read from the syntax of one function.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, pathFromRoot } from './ancestors.js';
import { caseAt, caseOf, switchCases } from './switch-cases.js';

export function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}

/** The switch statements of a function body that switch on the DIF parameter `dif`. */
export function difSwitches(body: Node, dif: string): Node[] {
  return body
    .descendantsOfType('switch_statement')
    .filter((s): s is Node => s !== null && stripParens(s.childForFieldName('condition')?.text ?? '') === dif);
}

/** The case_statement nodes of a switch, in source order, labels inside directive blocks included (engine/syntax/switch-cases.ts). */
export function casesOf(sw: Node): Node[] {
  return switchCases(sw).map((c) => c.node);
}

/**
 * The statements of a case from its label to the next label, across directives: tree-sitter ends
 * the case_statement at the first directive of its body (engine/syntax/switch-cases.ts), so
 * statementsOf(case) alone misses what follows `#ifdef DBG ... #endif`.
 */
export function caseStatements(c: Node): Node[] {
  const sw = switchOf(c);
  const found = sw ? caseOf(switchCases(sw), c) : undefined;
  if (found) return found.statements;
  const value = c.childForFieldName('value');
  return c.namedChildren.filter((s): s is Node => s !== null && s.type !== 'comment' && (value === null || s.id !== value.id));
}

/** The switch statement a case label belongs to (through directive blocks). */
function switchOf(c: Node): Node | null {
  const up = ancestors(c);
  for (let depth = 0; depth < up.length && depth < 64; depth++) {
    const p = up[depth];
    if (p.type === 'compound_statement') return up[depth + 1]?.type === 'switch_statement' ? up[depth + 1] : null;
    if (!p.type.startsWith('preproc_')) return null;
  }
  return null;
}

/** A case's label: the DIF code text, or null for `default:`. */
export function caseLabel(c: Node): string | null {
  const v = c.childForFieldName('value');
  return v ? stripParens(v.text) : null;
}

/** `dif == X`, `X == dif`, `dif != X`, `X != dif`: the operator and the code X, else null. */
export function difComparison(node: Node, dif: string): { operator: '==' | '!='; code: Node } | null {
  if (node.type !== 'binary_expression') return null;
  const operator = node.childForFieldName('operator')?.text;
  if (operator !== '==' && operator !== '!=') return null;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return null;
  if (stripParens(left.text) === dif) return { operator, code: right };
  if (stripParens(right.text) === dif) return { operator, code: left };
  return null;
}

/**
 * The DIF codes under which `node` runs inside the function body, read from the dispatch that
 * encloses it: the labels of its case (with labels stacked on it), or the code an enclosing
 * `if (dif == X)` tests. `other` is true for `default:`. Null when no dispatch encloses it. A case
 * runs from its label to the next one, across directives (engine/syntax/switch-cases.ts).
 */
export function dispatchAt(node: Node, body: Node, dif: string): { codes: string[]; other: boolean } | null {
  // from the node up to the body, on one path from the root (engine/syntax/ancestors.ts)
  const path = pathFromRoot(node);
  for (let k = path.length - 1; k >= 1 && path[k].id !== body.id; k--) {
    const n = path[k];
    const parent = path[k - 1];
    if (parent.type === 'compound_statement' && path[k - 2]?.type === 'switch_statement') {
      const sw = path[k - 2];
      if (stripParens(sw.childForFieldName('condition')?.text ?? '') !== dif) continue;
      const cases = switchCases(sw);
      const here = caseAt(cases, node.startIndex);
      if (!here) continue;
      const at = cases.indexOf(here);
      const codes: string[] = [];
      let other = false;
      // Labels stacked above this case (with no statements of their own) lead here too.
      for (let i = at; i >= 0; i--) {
        if (i < at && cases[i].statements.length > 0) break;
        const label = cases[i].label;
        if (label === null) other = true;
        else codes.push(stripParens(label.text));
      }
      return { codes: codes.reverse(), other };
    }
    if (parent.type === 'if_statement' && parent.childForFieldName('consequence')?.id === n.id) {
      const cond = parent.childForFieldName('condition');
      const test = cond ? difComparison(cond.namedChild(0) ?? cond, dif) : null;
      if (test && test.operator === '==') return { codes: [stripParens(test.code.text)], other: false };
    }
  }
  return null;
}
