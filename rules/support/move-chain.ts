/**
 * The call chain of a finding, read back in the module's files for the move planner
 * (move-to-action.ts): each step's call and the function that makes it, which statement to move
 * (the call of the outermost helper that only shows the UI, or the finding's own statement), and
 * how the moved statement's parameters are bound to the entry point's own.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, calleeName, enclosingFunction, parameters, type ReachingContext, type SourceCode } from '../../engine/index.js';
import { statementsOnce } from './per-tree-memo.js';

export interface ChainSite {
  filePath: string;
  sourceCode: SourceCode;
  /** The call of this step (the finding's own call last). */
  call: Node;
  /** The function definition that makes the call. */
  fn: Node;
  /** A plain call ("calls X()"), not a thread, a callback or a pointer. */
  plain: boolean;
}

/**
 * The chain's call sites, the entry point's first and the finding last; null when a file of the
 * chain cannot be read or a step is not a call.
 */
export function chainSites(
  context: ReachingContext,
  finding: { filePath: string; sourceCode: SourceCode; call: Node },
  sourceCodeOf: (filePath: string) => SourceCode | undefined,
): ChainSite[] | null {
  const sites: ChainSite[] = [];
  // step 0 is the entry point's DIF branch; the others are the calls on the way
  for (const step of context.chain.slice(1)) {
    const sourceCode = sourceCodeOf(step.filePath);
    const root = sourceCode?.ast;
    if (!sourceCode || !root) return null;
    const start = step.range ? step.range[0] : sourceCode.getIndexFromLoc({ line: step.line, column: step.column });
    const at = root.descendantForIndex(start, start);
    if (!at) return null;
    const call = at.type === 'call_expression' ? at : ancestors(at).find((a) => a.type === 'call_expression');
    const fn = call ? enclosingFunction(call) : null;
    if (!call || !fn) return null;
    sites.push({ filePath: step.filePath, sourceCode, call, fn, plain: step.label.startsWith('calls ') });
  }
  const fn = enclosingFunction(finding.call);
  if (!fn) return null;
  sites.push({ ...finding, fn, plain: true });
  return sites;
}

/** `f(...);` or `(void)f(...);`: the expression statement that is exactly this call. */
export function expressionStatementOf(call: Node): Node | null {
  const n = ancestors(call).find((a) => a.type !== 'cast_expression' && a.type !== 'parenthesized_expression');
  return n && n.type === 'expression_statement' ? n : null;
}

/** The statement of a block or case that holds the node (the node's own when it is one). */
export function statementHolding(node: Node): Node | null {
  // one walk for the whole path (Node.parent walks down from the root each time)
  const chain = [node, ...ancestors(node)];
  for (let i = 0; i + 1 < chain.length; i++) {
    const holder = chain[i + 1];
    if (holder.type === 'compound_statement' || holder.type === 'case_statement') return chain[i];
  }
  return null;
}

export interface Choice {
  /** Index in the sites of the call the statement holds (the statement is in sites[index].fn). */
  index: number;
  statement: Node;
  /** The statement does only what the rule reports (its API, or thin wrappers of it). */
  onlyApi: boolean;
}

/**
 * Which statement to move. From the finding outwards: while the function holding the statement
 * only calls the rule's APIs (a thin wrapper), or the statement is all the function does, move
 * the call of that function instead; an `if` whose block holds only the statement moves with it
 * (the condition goes where the statement goes). Stops at the entry point.
 */
export function chooseStatement(sites: ChainSite[], isEntry: (fn: Node) => boolean, isApi: (name: string) => boolean): Choice | null {
  let index = sites.length - 1;
  const own = expressionStatementOf(sites[index].call);
  let statement = own ?? statementHolding(sites[index].call);
  if (!statement) return null;
  let onlyApi = own !== null;
  for (;;) {
    const fn = sites[index].fn;
    if (isEntry(fn)) return { index, statement, onlyApi };
    const body = fn.childForFieldName('body');
    if (!body) return null;
    const work = statementsOnce(body).filter((s) => !(s.type === 'return_statement' && s.namedChildCount === 0));
    const moved = statement;
    const thin = onlyApi && work.every((s) => s.id === moved.id || callsOnly(s, isApi));
    const whole = work.length === 1 && work[0].id === statement.id;
    const caller = index > 0 ? sites[index - 1] : undefined;
    const callerStatement = caller?.plain ? expressionStatementOf(caller.call) : null;
    if ((thin || whole) && callerStatement) {
      onlyApi = thin;
      statement = callerStatement;
      index--;
      continue;
    }
    const lifted = liftedCondition(statement);
    if (!lifted) return { index, statement, onlyApi };
    statement = lifted;
    onlyApi = false;
  }
}

/** `f(...);` calling one of the APIs. */
function callsOnly(s: Node, isApi: (name: string) => boolean): boolean {
  if (s.type !== 'expression_statement') return false;
  let e = s.namedChild(0);
  while (e && e.type === 'cast_expression') e = e.childForFieldName('value');
  const name = e?.type === 'call_expression' ? calleeName(e) : null;
  return name !== null && isApi(name);
}

/** The `if` (without else) whose block holds only this statement. */
function liftedCondition(statement: Node): Node | null {
  const block = statement.parent;
  if (!block || block.type !== 'compound_statement' || statementsOnce(block).length !== 1) return null;
  const owner = block.parent;
  if (owner?.type !== 'if_statement' || owner.childForFieldName('consequence')?.id !== block.id) return null;
  return owner.childForFieldName('alternative') ? null : owner;
}

/**
 * The entry point's parameter a parameter of sites[index].fn is bound to along the chain
 * (`OnInstallDevice(DeviceInfoSet, DeviceInfoData)` binds OnInstallDevice's parameters to the
 * entry point's), or null when a step passes something else.
 */
export function boundToEntry(sites: ChainSite[], index: number, name: string, entryParams: readonly string[]): string | null {
  let current = name;
  for (let k = index; k >= 0; k--) {
    const fn = sites[k].fn;
    const names = parameters(fn).map((p) => p.name ?? '');
    const at = names.indexOf(current);
    if (at < 0) return null;
    if (k === 0) return entryParams.includes(current) ? current : null;
    const args = sites[k - 1].call.childForFieldName('arguments')?.namedChildren.filter((a) => a !== null && a.type !== 'comment') ?? [];
    const arg = args[at];
    if (!arg || arg.type !== 'identifier') return null;
    current = arg.text;
  }
  return null;
}
