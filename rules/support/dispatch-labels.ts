/**
 * The DIF codes a function tests on its DIF parameter (case labels, `==`/`!=` comparisons), each
 * with whether the code does work where it is tested (case-work.ts): for a case, its statements
 * and those of the cases it falls into; for an `==` comparison that is an `if`'s condition, the
 * branch it guards; any other comparison counts as work. no-reserved-dif-code reads them in the
 * entry point and in the helpers of the same file the entry point hands its DIF code to.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, calleeName, caseLabel, casesOf, difComparison, difSwitches, followStatements, functionName, parameters, statementsOf, stripParens } from '../../engine/index.js';
import { firstWork, type WorkQuestion } from './case-work.js';

export interface DispatchLabel {
  /** The label's value or the comparison's operand naming the code. */
  node: Node;
  code: string;
  /** A case label: the cases of its switch and its index among them. */
  cases?: Node[];
  index?: number;
  /** The code does work where it is tested. */
  work: boolean;
}

/**
 * The labels and comparisons of `body` on the parameter `dif` naming a code `judged` accepts, in
 * document order (cases first); `dispatches` when a switch or a comparison on `dif` names any DIF code.
 */
export function dispatchLabels(body: Node, dif: string, text: string, question: WorkQuestion, judged: (code: string) => boolean): { labels: DispatchLabel[]; dispatches: boolean } {
  const labels: DispatchLabel[] = [];
  let dispatches = false;
  for (const sw of difSwitches(body, dif)) {
    dispatches = true;
    const cases = casesOf(sw);
    cases.forEach((c, index) => {
      const node = c.childForFieldName('value');
      const code = caseLabel(c);
      if (!node || code === null || !judged(code)) return;
      labels.push({ node, code, cases, index, work: firstWork(statementsReached(cases, index), question) !== null });
    });
  }
  for (const expr of comparisonsWith(body, dif, text)) {
    const test = difComparison(expr, dif);
    if (!test) continue;
    const code = stripParens(test.code.text);
    if (/^DIF_\w+$/.test(code)) dispatches = true;
    if (!judged(code)) continue;
    const guarded = test.operator === '==' ? branchTaken(expr) : null;
    labels.push({ node: test.code, code, work: !guarded || firstWork([guarded], question) !== null });
  }
  return { labels, dispatches };
}

/**
 * The labels of the functions of this file that the entry point hands its DIF code to (an
 * argument spelled `dif`), read on the parameter that receives it. What such a helper returns
 * is passed on when the entry point returns it, and matters not at all when the entry point
 * drops it or only traces it; anything else it does is work as in the entry point.
 */
export function helperLabels(entry: Node, dif: string, text: string, question: WorkQuestion, judged: (code: string) => boolean): DispatchLabel[] {
  const body = entry.childForFieldName('body');
  const root = entry.tree.rootNode;
  if (!body) return [];
  const out: DispatchLabel[] = [];
  for (const call of body.descendantsOfType('call_expression')) {
    if (!call) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
    const at = args.findIndex((a) => stripParens(a.text) === dif);
    const name = calleeName(call);
    if (at < 0 || name === null) continue;
    const helper = root.namedChildren.find((n): n is Node => n !== null && n.type === 'function_definition' && n.id !== entry.id && functionName(n) === name);
    const param = helper ? parameters(helper)[at]?.name : undefined;
    const helperBody = helper?.childForFieldName('body');
    if (!param || !helperBody) continue;
    const use = resultUse(call, question);
    out.push(...dispatchLabels(helperBody, param, text, use === 'dropped' ? { ...question, passThrough: 'any' } : question, judged).labels);
  }
  return out;
}

/** What becomes of a call's value: returned, dropped (a statement of its own, or an argument of tracing), or used otherwise. */
function resultUse(call: Node, question: WorkQuestion): 'returned' | 'dropped' | 'used' {
  // the ancestors in one walk down (engine/syntax/ancestors.ts), not a chain of Node.parent
  const up = ancestors(call);
  let k = 0;
  while (k < up.length && (up[k].type === 'parenthesized_expression' || up[k].type === 'cast_expression')) k++;
  const p = up.at(k);
  if (!p) return 'used';
  if (p.type === 'expression_statement') return 'dropped';
  if (p.type === 'return_statement') return 'returned';
  const outer = p.type === 'argument_list' ? (up.at(k + 1) ?? null) : null;
  const outerName = outer?.type === 'call_expression' ? calleeName(outer) : null;
  return outerName !== null && question.callKind(outerName) === 'tracing' ? 'dropped' : 'used';
}

/** The statements that run from the label of `cases[i]` on: its own, then those of the cases it falls into. */
function statementsReached(cases: readonly Node[], i: number): Node[] {
  const out: Node[] = [];
  for (let j = i; j < cases.length; j++) {
    const own = statementsOf(cases[j]);
    out.push(...own);
    if (followStatements(own).kind !== 'end') break;
  }
  return out;
}

/**
 * The statement an `if` runs when the comparison `test` holds: `test` is its condition, alone or
 * as an operand of `||` (in parentheses or not). Null for any other place (`&&`, a loop, a
 * ternary, an assignment): then the comparison counts as work whatever follows it.
 */
function branchTaken(test: Node): Node | null {
  const up = ancestors(test);
  for (let k = 0; k < up.length; k++) {
    const p = up[k];
    if (p.type === 'parenthesized_expression') continue;
    if (p.type === 'binary_expression' && p.childForFieldName('operator')?.text === '||') continue;
    const owner = up.at(k + 1);
    if (p.type === 'condition_clause' && owner?.type === 'if_statement') return owner.childForFieldName('consequence');
    return null;
  }
  return null;
}

/**
 * The binary expressions of `body` with an operand spelled `dif` (alone or in parentheses), in
 * document order: found from where the text spells the name (an operand's text is the text where
 * it stands: blanking never writes a name), not by listing every binary expression of the body.
 * difComparison wants nothing else.
 */
function comparisonsWith(body: Node, dif: string, text: string): Node[] {
  const found = new Map<number, Node>();
  if (dif.length === 0) return [];
  const end = body.endIndex;
  for (let at = text.indexOf(dif, body.startIndex); at >= 0 && at + dif.length <= end; at = text.indexOf(dif, at + 1)) {
    // the node that spells the name here (an identifier, or whatever else has exactly this text)
    const leaf = body.descendantForIndex(at, at + dif.length);
    if (!leaf || leaf.startIndex !== at || leaf.endIndex !== at + dif.length) continue;
    let operand: Node = leaf;
    const up = ancestors(leaf);
    let k = 0;
    while (k < up.length && (up[k].type === 'parenthesized_expression' || (up[k].startIndex === at && up[k].endIndex === at + dif.length))) operand = up[k++];
    const parent = up.at(k);
    if (!parent || parent.type !== 'binary_expression') continue;
    const left = parent.childForFieldName('left');
    const right = parent.childForFieldName('right');
    if (left?.id !== operand.id && right?.id !== operand.id) continue;
    found.set(parent.id, parent);
  }
  // the order of descendantsOfType: by start, an enclosing expression before one it holds
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}
