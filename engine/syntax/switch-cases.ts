/**
 * The cases of a switch statement as the compiler sees them, across preprocessor directives.
 *
 * tree-sitter-cpp ends a case_statement at the first directive inside its body: in
 * `case X: #ifdef DBG ... #endif break;` the `#ifdef` block and the `break` are siblings of the
 * case in the switch body, not its children; and a label written inside `#if ... #endif` is a
 * child of the preproc_if. Here a case runs from its label to the next label in source order,
 * whatever the directives between (docs/architecture.md, Guards).
 */
import type { Node } from 'web-tree-sitter';
import { constantCondition } from './constant-condition.js';

export interface SwitchCase {
  /** The case_statement (its label, and the statements up to the first directive). */
  node: Node;
  /** The label's value; null for `default:`. */
  label: Node | null;
  /**
   * Every statement from the label to the next one, comments left out: the case's own and those
   * after a directive. A directive block holding no label is one statement (a preproc_if,
   * preproc_ifdef, ...); one holding a label is read through.
   */
  statements: Node[];
  /** Where the case ends: the end of its last statement (or of its label), before the next label. */
  end: number;
}

const PREPROC_BLOCKS: ReadonlySet<string> = new Set(['preproc_if', 'preproc_ifdef', 'preproc_elif', 'preproc_elifdef', 'preproc_else']);

/** The cases of a switch in source order, labels inside directive blocks included (not those of `#if 0`). */
export function switchCases(sw: Node): SwitchCase[] {
  const body = sw.childForFieldName('body');
  if (!body) return [];
  const cases: SwitchCase[] = [];
  const visit = (container: Node, depth: number): void => {
    for (const child of liveChildren(container)) {
      if (child.type === 'case_statement') {
        const label = child.childForFieldName('value');
        const own = child.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && (label === null || c.id !== label.id));
        cases.push({ node: child, label, statements: own, end: -1 });
      } else if (PREPROC_BLOCKS.has(child.type) && depth < MAX_DEPTH && holdsLabel(child, depth)) {
        visit(child, depth + 1);
      } else if (child.type !== 'comment' && !(PREPROC_BLOCKS.has(child.type) && liveChildren(child).length === 0)) {
        // (a block the preprocessor always drops, `#if 0` without `#else`, is no statement)
        cases.at(-1)?.statements.push(child);
      }
    }
  };
  visit(body, 0);
  for (const c of cases) c.end = Math.max(c.node.endIndex, c.statements.at(-1)?.endIndex ?? 0);
  return cases;
}

/** The case of `sw` (from switchCases) whose label is `caseNode`. */
export function caseOf(cases: readonly SwitchCase[], caseNode: Node): SwitchCase | undefined {
  return cases.find((c) => c.node.id === caseNode.id);
}

/** The case holding an offset of the switch body: the last label at or before it. */
export function caseAt(cases: readonly SwitchCase[], offset: number): SwitchCase | undefined {
  let found: SwitchCase | undefined;
  for (const c of cases) {
    if (c.node.startIndex > offset) break;
    found = c;
  }
  return found;
}

const MAX_DEPTH = 32;

/**
 * The children of a switch body or directive block that the preprocessor may keep: not a block's
 * condition or name, not the body of `#if 0`, not the `#else` of `#if 1`.
 */
function liveChildren(container: Node): Node[] {
  const condition = container.childForFieldName('condition');
  const name = container.childForFieldName('name');
  const alternative = container.childForFieldName('alternative');
  const constant = condition ? constantCondition(condition.text) : undefined;
  const out: Node[] = [];
  for (const c of container.namedChildren) {
    if (!c || c.id === condition?.id || c.id === name?.id) continue;
    const isAlternative = c.id === alternative?.id;
    if (constant === false && !isAlternative) continue;
    if (constant === true && isAlternative) continue;
    out.push(c);
  }
  return out;
}

/** Whether a directive block holds a case label the preprocessor may keep (in it or in its #else). */
function holdsLabel(block: Node, depth: number): boolean {
  for (const c of liveChildren(block)) {
    if (c.type === 'case_statement') return true;
    if (PREPROC_BLOCKS.has(c.type) && depth < MAX_DEPTH && holdsLabel(c, depth + 1)) return true;
  }
  return false;
}
