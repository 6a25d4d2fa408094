/**
 * DIF guards of one function, read from the few nodes that hold them (switch and if statements):
 * which DIF codes, post-processing state and DI_QUIETINSTALL test each case, branch or rest of a
 * block after an early return runs under.
 */
import type { Node } from 'web-tree-sitter';
import { ANY_DIF, complementDif, difIn, difOut, intersectDif, unionDif, type DifSet } from './dif-set.js';
import { difCodeOfLabel, isNumericLabel } from './dif-facts.js';
import { LEAVING_STATEMENTS } from '../syntax/jumps.js';
import { constantCondition } from '../syntax/constant-condition.js';
import { caseAt, switchCases } from '../syntax/switch-cases.js';
import { ancestors } from '../syntax/ancestors.js';
import { quietTest } from './quiet-guard.js';
import type { GuardRegion, Range } from './summary-types.js';
import { unwrapCondition } from '../syntax/condition-operand.js';

/** What the walker knows of a name: a parameter (by index), or a local copy of one. */
export type ParamOf = (name: string) => number | undefined;

interface Condition {
  /** Codes when the condition holds / does not hold; undefined: unrelated to the DIF code. */
  t?: DifSet;
  f?: DifSet;
  param?: number;
  named?: boolean;
  anchors?: Record<string, Range>;
  /** Context->PostProcessing when the condition holds / does not hold. */
  postT?: boolean;
  postF?: boolean;
}

const MAX_DEPTH = 64;

/**
 * Regions of a switch statement on the DIF code (one per case; fall-through and default included).
 * A case runs from its label to the next label, across directives (engine/syntax/switch-cases.ts).
 */
export function switchRegions(sw: Node, paramOf: ParamOf): GuardRegion[] {
  const value = unwrapCondition(sw.childForFieldName('condition'));
  const param = value && value.type === 'identifier' ? paramOf(value.text) : undefined;
  const cases = switchCases(sw);
  const labels = cases.flatMap((c) => (c.label ? [c.label] : []));
  const named = labels.some((l) => /^\s*\(?\s*DIF_\w+/.test(l.text));
  if (!named && (param === undefined || !labels.every((l) => isNumericLabel(l.text)))) return [];
  const all = new Set(labels.map(labelCode));
  const anchors: Record<string, Range> = {};
  for (const l of labels) anchors[labelCode(l)] ??= [l.startIndex, l.endIndex];
  const regions: GuardRegion[] = [];
  let carried: DifSet | undefined;
  for (const c of cases) {
    let own: DifSet = c.label ? difIn([labelCode(c.label)]) : difOut(all);
    if (carried) own = unionDif(own, carried);
    const caseAnchors: Record<string, Range> = {};
    if (own.mode === 'in') for (const code of own.codes) if (anchors[code]) caseAnchors[code] = anchors[code];
    regions.push({ start: c.node.startIndex, end: c.end, dif: own, param, named, anchors: caseAnchors });
    const last = c.statements[c.statements.length - 1];
    carried = last && alwaysLeaves(last) ? undefined : own;
  }
  return regions;
}

/** Regions of an if statement: its branches, and the rest of the enclosing block after an early return. */
/**
 * `inCase`: the if is a statement of a switch's case (its parent is a case_statement, or the
 * switch body after a directive ended the case_statement): the rest after an early exit then runs
 * to the case's end, past directives, not to the end of tree-sitter's case_statement or of the body.
 */
export function ifRegions(ifNode: Node, enclosingEnd: number | undefined, paramOf: ParamOf, text: string, inCase = false): GuardRegion[] {
  const condNode = ifNode.childForFieldName('condition');
  if (!condNode) return [];
  const condText = text.slice(condNode.startIndex, condNode.endIndex);
  // a DI_QUIETINSTALL or SetupGetNonInteractiveMode test: both branches are quiet-guarded, the
  // branch where the installation is known not quiet also quietClear (quiet-guard.ts)
  const quiet = condText.includes('DI_QUIETINSTALL') || condText.includes('SetupGetNonInteractiveMode') ? true : undefined;
  const clear = quiet ? quietTest(condNode) : {};
  const relevant = quiet || /DIF_|PostProcessing/.test(condText) || /\b(?:0[xX][0-9a-fA-F]+|\d+)\b/.test(condText);
  if (!relevant) return [];
  const cond = analyze(condNode, paramOf, 0);
  const hasDif = cond.t !== undefined || cond.f !== undefined;
  if (!hasDif && cond.postT === undefined && cond.postF === undefined && !quiet) return [];
  const make = (start: number, end: number, dif: DifSet | undefined, post: boolean | undefined, quietClear: boolean): GuardRegion | undefined => {
    if (!dif && post === undefined && !quiet) return undefined;
    const r: GuardRegion = { start, end };
    if (dif) {
      r.dif = dif;
      if (cond.param !== undefined) r.param = cond.param;
      if (cond.named) r.named = true;
      if (cond.anchors) r.anchors = cond.anchors;
    }
    if (post !== undefined) r.post = post;
    if (quiet) r.quiet = true;
    if (quietClear) r.quietClear = true;
    return r;
  };
  const out: GuardRegion[] = [];
  const blockEnd = enclosingEnd !== undefined && inCase ? (restOfCase(ifNode) ?? enclosingEnd) : enclosingEnd;
  const consequence = ifNode.childForFieldName('consequence');
  const alternative = ifNode.childForFieldName('alternative');
  const postF = cond.postF;
  const tDif = hasDif ? (cond.t ?? ANY_DIF) : undefined;
  const fDif = hasDif ? (cond.f ?? ANY_DIF) : undefined;
  const push = (r: GuardRegion | undefined) => r && out.push(r);
  const tClear = clear.t === 'clear';
  const fClear = clear.f === 'clear';
  if (consequence) push(make(consequence.startIndex, consequence.endIndex, tDif, cond.postT, tClear));
  if (alternative) push(make(alternative.startIndex, alternative.endIndex, fDif, postF, fClear));
  if (blockEnd !== undefined && blockEnd > ifNode.endIndex) {
    const tLeaves = consequence ? alwaysLeaves(consequence) : false;
    const fLeaves = alternative ? alwaysLeaves(alternative) : false;
    if (tLeaves && !fLeaves) push(make(ifNode.endIndex, blockEnd, fDif, postF, fClear));
    else if (fLeaves && !tLeaves) push(make(ifNode.endIndex, blockEnd, tDif, cond.postT, tClear));
  }
  return out;
}

/**
 * Where the rest of a case ends for an if statement among the case's statements: at the next
 * label, even when a directive ended tree-sitter's case_statement before the if or after it
 * (engine/syntax/switch-cases.ts). Undefined for an if that is not a statement of a case.
 */
function restOfCase(ifNode: Node): number | undefined {
  // the ancestors in one walk down (engine/syntax/ancestors.ts), not a chain of Node.parent
  const up = ancestors(ifNode);
  const parent = up[0];
  if (!parent) return undefined;
  let at = parent.type === 'case_statement' ? 1 : 0;
  for (let depth = 0; at < up.length && up[at].type.startsWith('preproc_') && parent.type === 'case_statement' && depth < MAX_DEPTH; depth++) at++;
  const body = up[at];
  const sw = up[at + 1];
  if (!body || body.type !== 'compound_statement' || sw?.type !== 'switch_statement') return undefined;
  return caseAt(switchCases(sw), ifNode.startIndex)?.end;
}

function labelCode(label: Node): string {
  return difCodeOfLabel(label.text) ?? label.text.trim();
}

/** True when a statement never falls through to what follows (return, break, ... or a block ending in one). */
export function alwaysLeaves(stmt: Node): boolean {
  let s: Node | null = stmt;
  for (let depth = 0; s && depth < MAX_DEPTH; depth++) {
    if (LEAVING_STATEMENTS.has(s.type)) return true;
    if (s.type === 'else_clause') {
      s = s.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
      continue;
    }
    if (s.type === 'compound_statement') {
      const stmts: Node[] = s.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      s = stmts[stmts.length - 1] ?? null;
      continue;
    }
    if (PREPROC_BRANCHES.has(s.type)) return directiveLeaves(s, depth);
    if (s.type === 'if_statement') {
      const c = s.childForFieldName('consequence');
      const a = s.childForFieldName('alternative');
      return !!c && !!a && alwaysLeaves(c) && alwaysLeaves(a);
    }
    if (s.type === 'expression_statement') {
      const call = s.namedChild(0);
      const name = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : undefined;
      return name === 'ExitProcess' || name === 'ExitThread' || name === 'abort' || name === 'exit';
    }
    return false;
  }
  return false;
}

const PREPROC_BRANCHES: ReadonlySet<string> = new Set(['preproc_if', 'preproc_ifdef', 'preproc_elif', 'preproc_elifdef', 'preproc_else']);

/**
 * A directive block among statements (`#if X return 1; #else return 2; #endif`) leaves when every
 * branch the preprocessor may keep ends in a leaving statement; without `#else`, one branch is
 * empty and falls through. `#if 0` and `#if 1` keep one branch (engine/syntax/constant-condition.ts).
 */
function directiveLeaves(block: Node, depth: number): boolean {
  const condition = block.childForFieldName('condition');
  const name = block.childForFieldName('name');
  const alternative = block.childForFieldName('alternative');
  const constant = condition ? constantCondition(condition.text) : undefined;
  const own = block.namedChildren.filter(
    (c): c is Node => c !== null && c.type !== 'comment' && c.id !== condition?.id && c.id !== name?.id && c.id !== alternative?.id,
  );
  const last = own[own.length - 1];
  const ownLeaves = last !== undefined && depth < MAX_DEPTH && alwaysLeaves(last);
  if (block.type === 'preproc_else' || constant === true) return ownLeaves;
  const altLeaves = alternative !== null && depth < MAX_DEPTH && directiveLeaves(alternative, depth + 1);
  return constant === false ? altLeaves : ownLeaves && altLeaves;
}

function operatorOf(node: Node): string {
  return node.childForFieldName('operator')?.type ?? '';
}

function analyze(node: Node, paramOf: ParamOf, depth: number): Condition {
  const n = unwrapCondition(node);
  if (!n || depth > MAX_DEPTH) return {};
  if (n.type === 'unary_expression' && operatorOf(n) === '!') {
    const inner = analyze(n.childForFieldName('argument')!, paramOf, depth + 1);
    return { ...inner, t: inner.f, f: inner.t, postT: inner.postF, postF: inner.postT };
  }
  if (n.type === 'field_expression' && n.childForFieldName('field')?.text === 'PostProcessing') return { postT: true, postF: false };
  if (n.type !== 'binary_expression') return {};
  const op = operatorOf(n);
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return {};
  if (op === '&&' || op === '||') {
    const a = analyze(left, paramOf, depth + 1);
    const b = analyze(right, paramOf, depth + 1);
    const both = { param: a.param ?? b.param, named: a.named || b.named || undefined, anchors: { ...a.anchors, ...b.anchors } };
    // a && b holds: both hold; it fails: one of them fails (known only when both say the same)
    const same = (x?: boolean, y?: boolean) => (x !== undefined && x === y ? x : undefined);
    if (op === '&&') {
      const t = a.t && b.t ? intersectDif(a.t, b.t) : (a.t ?? b.t);
      const f = a.f && b.f ? unionDif(a.f, b.f) : undefined;
      return { ...both, t, f, postT: a.postT ?? b.postT, postF: same(a.postF, b.postF) };
    }
    const t = a.t && b.t ? unionDif(a.t, b.t) : undefined;
    const f = a.f && b.f ? intersectDif(a.f, b.f) : (a.f ?? b.f);
    return { ...both, t, f, postT: same(a.postT, b.postT), postF: a.postF ?? b.postF };
  }
  if (op !== '==' && op !== '!=') return {};
  const l = unwrapCondition(left);
  const r = unwrapCondition(right);
  if (!l || !r) return {};
  // Context->PostProcessing == TRUE / FALSE
  for (const [a, b] of [
    [l, r],
    [r, l],
  ] as const) {
    if (a.type === 'field_expression' && a.childForFieldName('field')?.text === 'PostProcessing') {
      const truth = /^(TRUE|true|1)$/.test(b.text) ? true : /^(FALSE|false|0|NULL)$/.test(b.text) ? false : undefined;
      if (truth === undefined) return {};
      const holds = op === '==' ? truth : !truth;
      return { postT: holds, postF: !holds };
    }
  }
  for (const [v, c] of [
    [l, r],
    [r, l],
  ] as const) {
    const code = difCodeOfLabel(c.text);
    const named = /^DIF_\w+$/.test(c.text.trim());
    if (!code && !(isNumericLabel(c.text) && v.type === 'identifier' && paramOf(v.text) !== undefined)) continue;
    if (v.type !== 'identifier' && v.type !== 'field_expression' && v.type !== 'subscript_expression') continue;
    const param = v.type === 'identifier' ? paramOf(v.text) : undefined;
    if (!named && param === undefined) continue;
    // A comparison with a field (`Table[i].Dif == InstallFunction`) is a dispatch loop, not a guard.
    if (v.type !== 'identifier' && !named) continue;
    const label = code ?? c.text.trim();
    const set = difIn([label]);
    const anchors = { [label]: [n.startIndex, n.endIndex] as Range };
    return op === '==' ? { t: set, f: complementDif(set), param, named: named || undefined, anchors } : { t: complementDif(set), f: set, param, named: named || undefined, anchors };
  }
  return {};
}
