/**
 * Planning the "move it into a finish-install action" edit for a finding reached from an installer
 * entry point, in whichever files of the module the chain runs through: which statement to move
 * (move-chain.ts: the call of the outermost helper that only shows the UI, or the finding's own
 * statement), whether that is safe enough to apply unattended (a fix) or only a suggestion, and
 * the edits (finishInstallScaffold in the entry point's file, statement-removal.ts where the
 * statement was), as RuleEdits with the path of each file that is not the reported one.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors, calleeName, type EntryPointInfo, type Fix, functionAt, functionName, holdsJumpOrLabel, type ModuleFilesService, type ReachingContext, type RuleEdit, type SourceCode, stripParens } from '../../engine/index.js';
import { finishInstallScaffold, scaffoldKind } from './finish-install.js';
import { definedInModule } from './finish-install-constants.js';
import { boundToEntry, type ChainSite, chainSites, type Choice, chooseStatement, expressionStatementOf } from './move-chain.js';
import { parametersOnce, perTree, statementsOnce } from './per-tree-memo.js';
import { removeMovedStatement } from './statement-removal.js';

export interface MovePlan {
  edits: RuleEdit[];
  /** True when the move is safe to apply unattended (a fix); false for a suggestion only. */
  automatic: boolean;
  /** The statement that moves. */
  statement: Node;
  /** What moves, for the fix's title: `ShowFirmwareWarning()`, `the test around ShowError()`. */
  what: string;
  /** Why it is only a suggestion (for its title), '' for a fix. */
  caveat: string;
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
  /** The module's other files (RuleServices.files): without it, only this file can be read and edited. */
  files?: ModuleFilesService;
  /** The model's contexts at an offset of a file: a helper the statement leaves must run only where the rule reports. */
  contextsAt?: (filePath: string, offset: number) => readonly ReachingContext[];
  /** A context in which the rule reports the call (UI or a process not allowed there). */
  reported?: (c: ReachingContext) => boolean;
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
  const n = functionAt(root, info.nameRange);
  if (!n || functionName(n) === info.name) return n ?? undefined;
  // the functions around it, from one walk down (climbing Node.parent is quadratic in depth)
  return ancestors(n).find((a) => a.type === 'function_definition' && functionName(a) === info.name);
}

export function planMoveToAction(req: MoveRequest): MovePlan | null {
  const { sourceCode, filePath, context } = req;
  const info = context.entryPoint;
  const sourceCodeOf = (path: string) => (path === filePath ? sourceCode : req.files?.sourceCodeOf(path));
  const entrySource = sourceCodeOf(info.filePath);
  const fn = entrySource ? entryPointNode(entrySource, info) : undefined;
  const body = fn?.childForFieldName('body');
  if (!entrySource || !fn || !body) return null;
  const entryParams = parametersOnce(fn).map((p) => p.name ?? '');
  const dif = entryParams[0];
  if (!dif) return null;

  const sites = chainSites(context, { filePath, sourceCode, call: req.call }, sourceCodeOf);
  if (!sites || sites[0].fn.id !== fn.id || sites[0].filePath !== info.filePath) return null;
  const m: Move = {
    sites,
    fn,
    body,
    dif,
    entrySource,
    entryParams,
    isDefined: definedInModule(req.files, entrySource),
    editable: (path) => path === filePath || (req.files?.isEditable(path) ?? false),
    inFile: (path, edits) => (path === filePath ? [...edits] : edits.map((e) => ({ ...e, filePath: path }))),
  };
  // When the chosen statement cannot move (it reads the helper's locals, ...), the call of its
  // function can, with all it does: a suggestion, one level out at a time.
  const first = chooseStatement(sites, (f) => f.id === fn.id && f.tree === fn.tree, req.isApi);
  for (let choice = first; choice; choice = outward(sites, choice)) {
    const site = sites[choice.index];
    const plan = site.fn.id === fn.id && site.filePath === info.filePath ? planInEntry(req, m, choice) : planFromHelper(req, m, choice);
    if (plan) return plan;
  }
  return null;
}

interface Move {
  sites: ChainSite[];
  /** The entry point, its body, its DIF parameter and its file. */
  fn: Node;
  body: Node;
  dif: string;
  entrySource: SourceCode;
  entryParams: string[];
  isDefined: (macro: string) => boolean;
  editable: (path: string) => boolean;
  /** The edits of a file as RuleEdits: with the file's path when it is not the reported file. */
  inFile: (path: string, edits: readonly Fix[]) => RuleEdit[];
}

/** The statement is in the entry point: it moves from its DIF branch. */
function planInEntry(req: MoveRequest, m: Move, choice: Choice): MovePlan | null {
  const entryFile = req.context.entryPoint.filePath;
  const statement = branchStatement(choice.statement, m.body, m.dif);
  if (!statement || !movableStatement(statement)) return null;
  const locals = localUse(statement, m.body, m.entryParams);
  if (locals === 'block') return null;
  const kind = scaffoldKind(req.context.entryPoint.kind);
  const edits = finishInstallScaffold({ sourceCode: m.entrySource, entryPoint: m.fn, kind, move: statement, isDefined: m.isDefined, allowedNote: req.allowedNote });
  if (!edits) return null;
  const whole = statement.id === choice.statement.id;
  const caveat = !whole || !choice.onlyApi ? CHECK_THE_REST : locals === 'function' ? ' (set its locals there)' : !m.editable(entryFile) ? NOT_LINTED : '';
  return titled({ edits: m.inFile(entryFile, edits), automatic: caveat === '', statement, what: describe(statement), caveat });
}

/** The call of the function that holds the choice's statement, as a choice that moves more than the UI. */
function outward(sites: ChainSite[], choice: Choice): Choice | null {
  const caller = choice.index > 0 ? sites[choice.index - 1] : undefined;
  const statement = caller?.plain ? expressionStatementOf(caller.call) : null;
  return statement ? { index: choice.index - 1, statement, onlyApi: false } : null;
}

/**
 * The statement is in a helper (in any file of the module): it leaves the helper and runs in the
 * entry point's DIF_FINISHINSTALL_ACTION handling, its parameters renamed to the entry point's.
 * No edit when it would not compile there (a local of the helper, a parameter the chain does not
 * bind to the entry point's, a name the entry point's file cannot see).
 */
function planFromHelper(req: MoveRequest, m: Move, choice: Choice): MovePlan | null {
  const { fn, entrySource } = m;
  const site = m.sites[choice.index];
  const statement = choice.statement;
  const helperBody = site.fn.childForFieldName('body');
  if (!helperBody || !movableStatement(statement)) return null;
  const helperParams = parametersOnce(site.fn).map((p) => p.name ?? '');
  if (localUse(statement, helperBody, helperParams) !== 'none') return null;
  const inside = new Set(statement.descendantsOfType('declaration').flatMap((d) => (d ? declaredNames(d) : [])));
  const renames: { start: number; end: number; text: string }[] = [];
  for (const id of statement.descendantsOfType('identifier')) {
    if (!id || inside.has(id.text)) continue;
    if (helperParams.includes(id.text)) {
      const bound = boundToEntry(m.sites, choice.index, id.text, m.entryParams);
      if (!bound) return null;
      if (bound !== id.text) renames.push({ start: id.startIndex, end: id.endIndex, text: bound });
    } else if (!visibleInEntry(id.text, req, site, entrySource, fn)) {
      return null;
    }
  }
  const removal = removeMovedStatement(site.sourceCode, statement);
  if (!removal) return null;
  const textStart = statement.endIndex - removal.text.length;
  let text = removal.text;
  for (const r of renames.reverse()) text = text.slice(0, r.start - textStart) + r.text + text.slice(r.end - textStart);
  const kind = scaffoldKind(req.context.entryPoint.kind);
  const scaffold = finishInstallScaffold({ sourceCode: entrySource, entryPoint: fn, kind, moveText: { text, indent: removal.indent }, isDefined: m.isDefined, allowedNote: req.allowedNote });
  if (!scaffold) return null;
  const entryFile = req.context.entryPoint.filePath;
  const edits = site.filePath === entryFile ? m.inFile(entryFile, [...scaffold, ...removal.edits]) : [...m.inFile(entryFile, scaffold), ...m.inFile(site.filePath, removal.edits)];
  // removing it from the helper changes every path through the helper: all must be reported ones
  const contexts = req.contextsAt?.(site.filePath, statement.startIndex) ?? [];
  const onlyReported = contexts.length > 0 && req.reported !== undefined && contexts.every(req.reported);
  const caveat = !choice.onlyApi
    ? CHECK_THE_REST
    : !onlyReported
      ? ` (${functionName(site.fn) ?? 'its function'}() runs elsewhere too)`
      : !m.editable(entryFile) || !m.editable(site.filePath)
        ? NOT_LINTED
        : '';
  return titled({ edits, automatic: caveat === '', statement, what: describe(statement), caveat });
}

/** What a suggestion's title asks of the developer (the fix titles stay within 80 characters: titled). */
const CHECK_THE_REST = ' (check what else it does)';
const NOT_LINTED = ' (in a file not linted)';
const TITLE_LIMIT = 80;

/**
 * The plan with a title ("Move {{what}} into a finish-install action{{caveat}}") of at most 80
 * characters: a shorter caveat, then a shorter name of what moves, when it is longer.
 */
function titled(plan: MovePlan): MovePlan {
  const length = (p: MovePlan) => `Move ${p.what} into a finish-install action${p.caveat}`.length;
  if (length(plan) <= TITLE_LIMIT) return plan;
  const shorter = { ...plan, caveat: plan.caveat === '' ? '' : ' (review)' };
  return length(shorter) <= TITLE_LIMIT ? shorter : { ...shorter, what: 'this statement' };
}

/**
 * A name the moved statement uses is visible where it goes: a Windows API or an SDK macro (a name
 * in capitals the helper's own file does not #define), or a name the entry point's file mentions
 * before the entry point, or one a header of the module mentions.
 */
function visibleInEntry(name: string, req: MoveRequest, site: ChainSite, entrySource: SourceCode, fn: Node): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  if (req.isApi(name)) return true;
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return site.filePath === req.context.entryPoint.filePath || !new RegExp(`#\\s*define\\s+${name}\\b`).test(site.sourceCode.text);
  if (word.test(entrySource.text.slice(0, fn.startIndex))) return true;
  const files = req.files;
  return files !== undefined && files.filePaths.some((p) => /\.(h|hh|hpp|hxx|inl)$/i.test(p) && word.test(files.sourceCodeOf(p)?.text ?? ''));
}

/** What a statement is, for the fix's title: `F()`, or `F() and its test` for an `if` (F called in its block). */
function describe(statement: Node): string {
  const block = statement.type === 'if_statement' ? statement.childForFieldName('consequence') : statement;
  const call = block?.type === 'call_expression' ? block : (block?.descendantsOfType('call_expression')[0] ?? null);
  const name = call ? calleeName(call) : null;
  if (!name) return 'this statement';
  return statement.type === 'expression_statement' ? `${name}()` : statement.type === 'if_statement' ? `${name}() and its test` : `the block calling ${name}()`;
}

/**
 * The statement holding `node` that stands directly in a DIF branch of the entry point: in a
 * `case` of the switch on the DIF parameter (or a block that is the case's only statement), or in
 * the block of an `if (dif == DIF_X)`. Null when the node is not under a DIF branch.
 */
function branchStatement(node: Node, body: Node, dif: string): Node | null {
  const chain = [node, ...ancestors(node)];
  for (let i = 1; i < chain.length; i++) {
    const p = chain[i];
    const child = chain[i - 1];
    if (p.id === body.id) return null;
    if (p.type === 'case_statement' && child.id !== p.childForFieldName('value')?.id) {
      return isDifSwitch(chain[i + 2] ?? null, dif) ? child : null;
    }
    if (p.type === 'compound_statement') {
      const owner = chain[i + 1];
      if (owner?.type === 'case_statement' && statementsOnce(owner).length === 1 && isDifSwitch(chain[i + 3] ?? null, dif)) {
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
  return !holdsJumpOrLabel(statement);
}

/**
 * Whether the statement uses the function's local variables: 'none', 'function' (declared at
 * the top of its body: the move still compiles in the same function, but the value no longer
 * flows in) or 'block' (declared in a nested block: the move would not compile).
 */
function localUse(statement: Node, body: Node, params: string[]): 'none' | 'function' | 'block' {
  // the body's declarations, read once per tree: where each is and what it declares
  const declarations = perTree(body.tree, `declarations:${body.id}`, () => {
    // the body's own statements, by id (asking each declaration for its parent would walk the tree each time)
    const top = new Set(body.namedChildren.map((c) => c?.id));
    return body
      .descendantsOfType('declaration')
      .flatMap((decl) => (decl ? [{ start: decl.startIndex, end: decl.endIndex, where: top.has(decl.id) ? ('function' as const) : ('block' as const), names: declaredNames(decl) }] : []));
  });
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
