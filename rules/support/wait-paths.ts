/**
 * The paths of one function after a process starts (docs/rules/wait-for-finish-install-process.md,
 * "On every path"): a walk over the function's statements that carries, for every point, which of
 * three states the started process can be in there: none (not started, or the start failed), live
 * (started and not waited on) or done (waited on, or handed on to code that may wait). A return,
 * or the end of the function, reached with a live process is a leak.
 *
 * Intra-procedural, with a simple path model: if/else, conditions with `!`, `&&`, `||` and
 * comparisons with 0/NULL/FALSE/TRUE, loops (to a fixed point), switch with fall-through, break,
 * continue, and forward gotos (a label later in the function: cleanup code). Where it cannot
 * decide (a backward goto, try/catch, __try/__leave, setjmp/longjmp, a case label inside a
 * preprocessor group, a lambda that mentions the process) the walk gives up: undecidable.
 * What a call, a condition or an assignment does to the state is the events' (wait-events.ts).
 */
import type { Node } from 'web-tree-sitter';
import { closestAncestor, statementsOf } from '../../engine/index.js';

export const NONE = 1;
export const LIVE = 2;
export const DONE = 4;
/** A set of states, as bits. */
export type States = number;

/** What the start's events make of the pieces of code the walk meets. */
export interface PathEvents {
  /** The effect of an expression (calls in evaluation order, assignments), from `s`. */
  effect(node: Node, s: States): States;
  /** The states where a condition atom is true and false, after its effect; null when it says nothing of the process. */
  truth(atom: Node, s: States): { t: States; f: States } | null;
  /** A loop that polls GetExitCodeProcess while the code is STILL_ACTIVE: leaving it waited. */
  polls(loop: Node): boolean;
  /** A return that hands the process on (returns its handle or structure). */
  handsOff(ret: Node): boolean;
}

export interface PathResult {
  /** Return statements reached with a live process, in source order. */
  leaks: Node[];
  /** The end of the body is reached with a live process. */
  fallsOff: boolean;
}

const UNDECIDABLE_TYPES = new Set(['try_statement', 'seh_try_statement', 'seh_leave_statement', 'co_return_statement']);
const NO_RETURN = new Set(['longjmp', 'setjmp', '_setjmp', 'siglongjmp', 'sigsetjmp']);
const LOOPS = new Set(['while_statement', 'do_statement', 'for_statement', 'for_range_loop']);

class Undecidable extends Error {}

/** Walks `body` (a function's compound statement); null when the function's control flow is beyond the model. */
export function leaksOf(body: Node, events: PathEvents): PathResult | null {
  if (body.descendantsOfType([...UNDECIDABLE_TYPES]).length > 0) return null;
  const calls = body.descendantsOfType('call_expression');
  if (calls.some((c) => c !== null && NO_RETURN.has(c.childForFieldName('function')?.text ?? ''))) return null;
  const walker = new Walker(body, events);
  try {
    const end = walker.statement(body, NONE);
    const leaks = [...walker.leaks.values()].sort((a, b) => a.startIndex - b.startIndex);
    return { leaks, fallsOff: (end & LIVE) !== 0 };
  } catch (e) {
    if (e instanceof Undecidable) return null;
    throw e;
  }
}

/** Live becomes done: a wait, or a hand-off. */
export const waited = (s: States): States => (s & LIVE ? (s & ~LIVE) | DONE : s);
/** Live becomes none: the start failed, or its handle is NULL. */
export const notStarted = (s: States): States => (s & LIVE ? (s & ~LIVE) | NONE : s);

class Walker {
  readonly leaks = new Map<number, Node>();
  private readonly pending = new Map<string, States>();
  private readonly breaks: States[] = [];
  private readonly continues: States[] = [];
  private readonly labels = new Map<string, Node>();

  constructor(
    body: Node,
    private readonly events: PathEvents,
  ) {
    for (const l of body.descendantsOfType('labeled_statement')) {
      const name = l?.childForFieldName('label')?.text;
      if (l && name) this.labels.set(name, l);
    }
  }

  statement(n: Node, s: States): States {
    switch (n.type) {
      case 'compound_statement':
        return this.sequence(statementsOf(n), s);
      case 'expression_statement':
      case 'declaration':
        return this.events.effect(n, s);
      case 'return_statement':
        return this.leave(n, s);
      case 'throw_statement':
        this.events.effect(n, s);
        return 0;
      case 'break_statement':
        return this.jump(this.breaks, s);
      case 'continue_statement':
        return this.jump(this.continues, s);
      case 'goto_statement':
        return this.goto(n, s);
      case 'labeled_statement': {
        const name = n.childForFieldName('label')?.text ?? '';
        const inner = n.namedChildren.find((c) => c !== null && c.type !== 'statement_identifier' && c.type !== 'comment');
        const at = s | (this.pending.get(name) ?? 0);
        return inner ? this.statement(inner, at) : at;
      }
      case 'if_statement':
        return this.ifStatement(n, s);
      case 'switch_statement':
        return this.switchStatement(n, s);
      case 'preproc_if':
      case 'preproc_ifdef':
      case 'preproc_else':
      case 'preproc_elif':
      case 'preproc_elifdef':
        return this.preprocessor(n, s);
      default:
        if (LOOPS.has(n.type)) return this.loop(n, s);
        return this.events.effect(n, s);
    }
  }

  private sequence(statements: readonly Node[], s: States): States {
    let at = s;
    for (const st of statements) at = this.statement(st, at);
    return at;
  }

  private leave(ret: Node, s: States): States {
    let at = this.events.effect(ret, s);
    if (this.events.handsOff(ret)) at = waited(at);
    if (at & LIVE) this.leaks.set(ret.id, ret);
    return 0;
  }

  private jump(targets: States[], s: States): States {
    if (targets.length === 0) throw new Undecidable();
    targets[targets.length - 1] |= s;
    return 0;
  }

  private goto(n: Node, s: States): States {
    const name = n.childForFieldName('label')?.text ?? '';
    const label = this.labels.get(name);
    // a label before the goto would need the walk to go back: beyond this model
    if (!label || label.startIndex < n.endIndex) throw new Undecidable();
    this.pending.set(name, (this.pending.get(name) ?? 0) | s);
    return 0;
  }

  private ifStatement(n: Node, s: States): States {
    const { t, f } = this.clause(n.childForFieldName('condition'), s);
    const consequence = n.childForFieldName('consequence');
    const alternative = n.childForFieldName('alternative');
    const elseStatement = alternative?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    const out = consequence ? this.statement(consequence, t) : t;
    return out | (elseStatement ? this.statement(elseStatement, f) : f);
  }

  /** A condition_clause (with a C++17 initializer) or a plain condition. */
  private clause(cond: Node | null, s: States): { t: States; f: States } {
    if (!cond) return { t: s, f: s };
    if (cond.type !== 'condition_clause') return this.condition(cond, s);
    let at = s;
    const init = cond.childForFieldName('initializer');
    if (init) at = this.events.effect(init, at);
    const value = cond.childForFieldName('value');
    if (!value) return { t: at, f: at };
    // `if (BOOL ok = Start(...))`: the declared value is the condition
    if (value.type === 'declaration') {
      const v = value.childForFieldName('value') ?? value.descendantsOfType('init_declarator')[0]?.childForFieldName('value');
      return v ? this.condition(v, at) : { t: at, f: at };
    }
    return this.condition(value, at);
  }

  condition(e: Node, s: States): { t: States; f: States } {
    if (e.type === 'parenthesized_expression' || e.type === 'condition_clause') {
      const inner = e.namedChildren.find((c) => c !== null && c.type !== 'comment');
      return inner ? this.condition(inner, s) : { t: s, f: s };
    }
    if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '!') {
      const r = this.condition(e.childForFieldName('argument')!, s);
      return { t: r.f, f: r.t };
    }
    if (e.type === 'binary_expression') {
      const op = e.childForFieldName('operator')?.text;
      const left = e.childForFieldName('left')!;
      const right = e.childForFieldName('right')!;
      if (op === '&&') {
        const a = this.condition(left, s);
        const b = this.condition(right, a.t);
        return { t: b.t, f: a.f | b.f };
      }
      if (op === '||') {
        const a = this.condition(left, s);
        const b = this.condition(right, a.f);
        return { t: a.t | b.t, f: b.f };
      }
      if (op === '==' || op === '!=') {
        const other = constantTruth(right) !== null ? left : constantTruth(left) !== null ? right : null;
        if (other) {
          const value = constantTruth(other === left ? right : left)!;
          const r = this.condition(other, s);
          return (op === '==') === value ? r : { t: r.f, f: r.t };
        }
      }
    }
    const constant = constantTruth(e);
    if (constant !== null) return constant ? { t: s, f: 0 } : { t: 0, f: s };
    const truth = this.events.truth(e, s);
    if (truth) return truth;
    const at = this.events.effect(e, s);
    return { t: at, f: at };
  }

  private switchStatement(n: Node, s: States): States {
    const body = n.childForFieldName('body');
    const { t } = this.clause(n.childForFieldName('condition'), s);
    if (!body) return t;
    const cases = body.descendantsOfType('case_statement');
    // a case label inside #if is a child of the directive, not of the body: beyond this model
    if (cases.some((c) => c !== null && c.parent?.id !== body.id && enclosingSwitch(c)?.id === n.id)) throw new Undecidable();
    this.breaks.push(0);
    let at = 0;
    let hasDefault = false;
    for (const child of statementsOf(body)) {
      if (child.type === 'case_statement') {
        if (!child.childForFieldName('value')) hasDefault = true;
        at = this.sequence(statementsOf(child), at | t);
      } else {
        at = this.statement(child, at);
      }
    }
    return at | this.breaks.pop()! | (hasDefault ? 0 : t);
  }

  private preprocessor(n: Node, s: States): States {
    const condition = n.childForFieldName('condition');
    const name = n.childForFieldName('name');
    const alternative = n.childForFieldName('alternative');
    const inner = n.namedChildren.filter(
      (c): c is Node => c !== null && c.type !== 'comment' && c.id !== condition?.id && c.id !== name?.id && c.id !== alternative?.id,
    );
    const through = this.sequence(inner, s);
    if (n.type === 'preproc_else') return through;
    return through | (alternative ? this.statement(alternative, s) : s);
  }

  private loop(n: Node, s: States): States {
    const body = n.childForFieldName('body');
    const cond = n.childForFieldName('condition');
    let entry = n.type === 'for_statement' ? this.forInit(n, s) : n.type === 'for_range_loop' ? this.events.effect(n.childForFieldName('right') ?? n, s) : s;
    let exit = 0;
    this.breaks.push(0);
    this.continues.push(0);
    for (let round = 0; round < 8; round++) {
      this.continues[this.continues.length - 1] = 0;
      let next: States;
      if (n.type === 'do_statement') {
        const through = (body ? this.statement(body, entry) : entry) | this.continues[this.continues.length - 1];
        const r = this.clause(cond, through);
        exit |= r.f;
        next = r.t;
      } else {
        const r = n.type === 'for_range_loop' ? { t: entry, f: entry } : cond ? this.clause(cond, entry) : { t: entry, f: 0 };
        exit |= r.f;
        const through = (body ? this.statement(body, r.t) : r.t) | this.continues[this.continues.length - 1];
        const update = n.childForFieldName('update');
        next = update ? this.events.effect(update, through) : through;
      }
      if ((entry | next) === entry) break;
      entry |= next;
    }
    this.continues.pop();
    const out = exit | this.breaks.pop()!;
    return this.events.polls(n) ? waited(out) : out;
  }

  private forInit(n: Node, s: States): States {
    const init = n.childForFieldName('initializer');
    return init ? this.events.effect(init, s) : s;
  }
}

function enclosingSwitch(node: Node): Node | null {
  return closestAncestor(node, (p) => p.type === 'switch_statement');
}

/** 0, FALSE, false, NULL, nullptr: false; other numbers, TRUE, true: true; anything else: null. */
export function constantTruth(e: Node): boolean | null {
  const t = e.text.trim();
  if (e.type === 'number_literal') return !/^0+[uUlL]*$/.test(t) && !/^0[xX]0+[uUlL]*$/.test(t);
  if (t === 'FALSE' || t === 'false' || t === 'NULL' || t === 'nullptr') return false;
  if (t === 'TRUE' || t === 'true') return true;
  return null;
}
