/**
 * Planning the "move it into a finish-install action" edit for a finding reached from an installer
 * entry point: which statement of the entry point's DIF handler to move (the finding's own
 * statement, or the call of the helper that leads to it), whether that is safe enough to apply
 * automatically, and the edits (finishInstallScaffold). Only entry points in the finding's own file
 * can be edited.
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, enclosingFunction, type EntryPointInfo, type Fix, functionAt, functionName, holdsJumpOrLabel, parameters, type ReachingContext, type SourceCode, statementsOf, stripParens } from '../../engine/index.js';
import { finishInstallScaffold, scaffoldKind } from './finish-install.js';
import { perTree } from './per-tree-memo.js';

export interface MovePlan {
  edits: Fix[];
  /** True when the move is safe to apply unattended (a fix); false for a suggestion only. */
  automatic: boolean;
  /** The statement of the entry point that moves. */
  statement: Node;
}

export interface MoveRequest {
  sourceCode: SourceCode;
  filePath: string;
  /** The reported call (a UI or process API call). */
  call: Node;
  context: ReachingContext;
  /** The API names of the rule: a helper whose body only calls these is a thin wrapper. */
  isApi: (name: string) => boolean;
  /** What the new action handler's comment says is allowed there (see ScaffoldRequest.allowedNote). */
  allowedNote?: string;
}

/** The entry point a reaching context names, when it is defined in this file. */
export function entryPointOf(filePath: string, c: ReachingContext): EntryPointInfo | undefined {
  return c.entryPoint.filePath === filePath ? c.entryPoint : undefined;
}

/**
 * The function_definition node of an entry point in this file's tree: the definition spanning its
 * range exactly, else the one around its name that has its name. Found from the positions (no
 * scan of the file: this runs once per finding).
 */
export function entryPointNode(sourceCode: SourceCode, info: EntryPointInfo): Node | undefined {
  const root = sourceCode.ast;
  if (!root) return undefined;
  const spanning = functionAt(root, info.range);
  if (spanning && spanning.startIndex === info.range[0] && spanning.endIndex === info.range[1]) return spanning;
  let n = functionAt(root, info.nameRange);
  while (n && functionName(n) !== info.name) n = n.parent ? enclosingFunction(n.parent) : null;
  return n ?? undefined;
}

export function planMoveToAction(req: MoveRequest): MovePlan | null {
  const { sourceCode, filePath, call, context } = req;
  const info = entryPointOf(filePath, context);
  if (!info) return null;
  const fn = entryPointNode(sourceCode, info);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return null;
  const dif = parameters(fn)[0]?.name;
  if (!dif) return null;

  const direct = within(call, body);
  const anchor = direct ? call : helperCallIn(sourceCode, body, context);
  if (!anchor) return null;
  const statement = branchStatement(anchor, body, dif);
  if (!statement || !movableStatement(statement)) return null;

  const locals = localUse(statement, body, parameters(fn).map((p) => p.name ?? ''));
  if (locals === 'block') return null;

  const ownStatement = expressionStatementOf(anchor);
  const isWholeStatement = ownStatement !== null && ownStatement.id === statement.id;
  const thinWrapper = !direct && isWholeStatement && isThinWrapper(anchor, call, req.isApi);
  const automatic = locals === 'none' && isWholeStatement && (direct || thinWrapper);

  const edits = finishInstallScaffold({
    sourceCode,
    entryPoint: fn,
    kind: scaffoldKind(info.kind),
    move: statement,
    isDefined: () => false,
    allowedNote: req.allowedNote,
  });
  if (!edits) return null;
  return { edits, automatic, statement };
}

function within(node: Node, outer: Node): boolean {
  return outer.startIndex <= node.startIndex && node.endIndex <= outer.endIndex;
}

/** The call in the entry point's body through which the chain reaches the finding. */
function helperCallIn(sourceCode: SourceCode, body: Node, context: ReachingContext): Node | null {
  let found: Node | null = null;
  for (const step of context.chain) {
    const start = step.range ? step.range[0] : sourceCode.getIndexFromLoc({ line: step.line, column: step.column });
    if (start < body.startIndex || start >= body.endIndex) continue;
    let n: Node | null = body.descendantForIndex(start, start);
    while (n && n.type !== 'call_expression' && n.id !== body.id) n = n.parent;
    if (n && n.type === 'call_expression') found = n;
  }
  return found;
}

/** `f(...);` or `(void)f(...);`: the expression statement that is exactly this call. */
function expressionStatementOf(call: Node): Node | null {
  let n = call.parent;
  while (n && (n.type === 'cast_expression' || n.type === 'parenthesized_expression')) n = n.parent;
  return n && n.type === 'expression_statement' ? n : null;
}

/**
 * The statement holding `node` that stands directly in a DIF branch of the entry point: in a
 * `case` of the switch on the DIF parameter (or a block that is the case's only statement), or in
 * the block of an `if (dif == DIF_X)`. Null when the node is not under a DIF branch.
 */
function branchStatement(node: Node, body: Node, dif: string): Node | null {
  let child: Node = node;
  for (let p = node.parent; p && p.id !== body.id; child = p, p = p.parent) {
    if (p.type === 'case_statement' && child.id !== p.childForFieldName('value')?.id) {
      return isDifSwitch(p.parent?.parent ?? null, dif) ? child : null;
    }
    if (p.type === 'compound_statement') {
      const owner = p.parent;
      if (owner?.type === 'case_statement' && statementsOf(owner).length === 1 && isDifSwitch(owner.parent?.parent ?? null, dif)) {
        return child;
      }
      if (owner?.type === 'if_statement' && owner.childForFieldName('consequence')?.id === p.id && testsDif(owner, dif)) {
        return child;
      }
    }
  }
  return null;
}

function isDifSwitch(sw: Node | null, dif: string): boolean {
  return sw?.type === 'switch_statement' && stripParens(sw.childForFieldName('condition')?.text ?? '') === dif;
}

function testsDif(ifStatement: Node, dif: string): boolean {
  const cond = ifStatement.childForFieldName('condition')?.namedChild(0);
  if (!cond || cond.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '==') return false;
  return cond.childForFieldName('left')?.text === dif || cond.childForFieldName('right')?.text === dif;
}

/** Statements that keep their meaning in another branch: no jumps, no declarations. */
function movableStatement(statement: Node): boolean {
  if (!['expression_statement', 'if_statement', 'compound_statement'].includes(statement.type)) return false;
  return !holdsJumpOrLabel(statement) && statement.type !== 'declaration';
}

/**
 * Whether the statement uses the entry point's local variables: 'none', 'function' (declared at
 * the top of its body: the move still compiles, but the value no longer flows in) or 'block'
 * (declared in a nested block: the move would not compile).
 */
function localUse(statement: Node, body: Node, params: string[]): 'none' | 'function' | 'block' {
  // the body's declarations, read once per tree: where each is and what it declares
  const declarations = perTree(body.tree, `declarations:${body.id}`, () =>
    body.descendantsOfType('declaration').flatMap((decl) =>
      decl ? [{ start: decl.startIndex, end: decl.endIndex, where: decl.parent?.id === body.id ? ('function' as const) : ('block' as const), names: declaredNames(decl) }] : [],
    ),
  );
  const declared = new Map<string, 'function' | 'block'>();
  for (const decl of declarations) {
    if (statement.startIndex <= decl.start && decl.end <= statement.endIndex) continue; // declared inside the statement
    for (const name of decl.names) if (declared.get(name) !== 'block') declared.set(name, decl.where);
  }
  let use: 'none' | 'function' | 'block' = 'none';
  for (const id of statement.descendantsOfType('identifier')) {
    if (!id || params.includes(id.text)) continue;
    const where = declared.get(id.text);
    if (where === 'block') return 'block';
    if (where === 'function') use = 'function';
  }
  return use;
}

function declaredNames(decl: Node): string[] {
  const names: string[] = [];
  for (const d of decl.childrenForFieldName('declarator')) {
    let n: Node | null = d;
    while (n && n.type !== 'identifier') n = n.childForFieldName('declarator') ?? null;
    if (n) names.push(n.text);
  }
  return names;
}

/**
 * A helper of this file, called as `Helper(...);` from the entry point, whose body holds the
 * finding directly and does nothing but call the rule's APIs: moving its call moves only them.
 */
function isThinWrapper(helperCall: Node, site: Node, isApi: (name: string) => boolean): boolean {
  const name = calleeName(helperCall);
  if (!name) return false;
  // the function around the finding that has the helper's name
  let helper = enclosingFunction(site);
  while (helper && functionName(helper) !== name) helper = helper.parent ? enclosingFunction(helper.parent) : null;
  const body = helper?.childForFieldName('body');
  if (!helper || !body) return false;
  const statements = statementsOf(body);
  return (
    statements.length > 0 &&
    statements.every((s) => {
      if (s.type === 'return_statement') return s.namedChildCount === 0;
      if (s.type !== 'expression_statement') return false;
      let e = s.namedChild(0);
      while (e && e.type === 'cast_expression') e = e.childForFieldName('value');
      if (!e || e.type !== 'call_expression') return false;
      const api = calleeName(e);
      return api !== null && isApi(api);
    })
  );
}
