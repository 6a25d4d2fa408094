/**
 * The branches of `#if` / `#ifdef` / `#ifndef` / `#elif` / `#else` groups that a configuration
 * drops (docs/architecture.md, "Summaries"): the conditions are evaluated with the macros the
 * configuration defines (PreprocessorConditions) and those the file `#define`s and `#undef`s in
 * code that is live, in order. A branch is dead when its condition is known false, or when an
 * earlier branch of its group is known taken; a condition that cannot be evaluated
 * (conditional-expression.ts) leaves its branch live, and every later one of the group too.
 * Without conditions nothing is evaluated here: the model and the rules read literal `#if 0` /
 * `#if 1` from the tree (engine/syntax/constant-condition.ts).
 *
 * The dead branches are blanked before parsing (same length, newlines kept), so that the parser,
 * the model and the rules never see them; the directive lines stay.
 */
import { nextDirective, skipDirective } from './c-lexing.js';
import { evaluateCondition, type MacroState } from './conditional-expression.js';

/** The macros a file is compiled with before its first line, and what is known of the others. */
export interface PreprocessorConditions {
  /** Defined macros: name → body (`/DNAME` is `1`), or 'defined' when the value is not known. */
  readonly defined: ReadonlyMap<string, { body: string } | 'defined'>;
  /** Names not in `defined` that something outside the file may define (a header, the build tool): unknown. */
  readonly mayBeDefined: (name: string) => boolean;
  /** A text that tells these conditions apart from others (caches of trees key on it). */
  readonly key: string;
}

export type InactiveRange = [number, number];

type Liveness = 'live' | 'maybe' | 'dead';

interface Group {
  /** Whether the code around the group is live. */
  outer: Liveness;
  /** Whether a branch before the current one is taken: 'yes' (known), 'maybe', 'no'. */
  taken: 'yes' | 'maybe' | 'no';
  /** The current branch. */
  branch: Liveness;
  /** Where the current branch's body starts (the end of its directive line). */
  bodyStart: number;
}

/** The ranges of `text` the configuration drops: bodies of dead branches, in order, not overlapping. */
export function inactiveRanges(text: string, conditions: PreprocessorConditions): InactiveRange[] {
  const scan = new BranchScan(text, conditions);
  scan.run();
  return scan.ranges;
}

/** `text` with the ranges blanked: every character but CR and LF becomes a space. */
export function blankRanges(text: string, ranges: readonly InactiveRange[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const [start, end] of ranges) {
    out += text.slice(pos, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    pos = end;
  }
  return out + text.slice(pos);
}

class BranchScan {
  readonly ranges: InactiveRange[] = [];
  private readonly groups: Group[] = [];
  /** The file's own #define / #undef, over the configuration's. */
  private readonly own = new Map<string, MacroState>();

  constructor(
    private readonly text: string,
    private readonly conditions: PreprocessorConditions,
  ) {}

  private get current(): Liveness {
    return this.groups.length === 0 ? 'live' : this.groups[this.groups.length - 1].branch;
  }

  private readonly lookup = (name: string): MacroState => {
    const own = this.own.get(name);
    if (own !== undefined) return own;
    const given = this.conditions.defined.get(name);
    if (given !== undefined) return given;
    return this.conditions.mayBeDefined(name) ? 'unknown' : 'undefined';
  };

  run(): void {
    const text = this.text;
    const n = text.length;
    for (let i = nextDirective(text, 0, true); i >= 0; ) {
      const end = skipDirective(text, i);
      this.directive(i, end);
      i = nextDirective(text, end, false);
    }
    // a group left open at the end of the file: its dead branch runs to the end
    for (let g = this.groups.pop(); g; g = this.groups.pop()) this.closeBranch(g, n);
  }

  /** One directive line, `#` at `hash`, ending at `end` (its newline or the end of the text). */
  private directive(hash: number, end: number): void {
    const line = this.text.slice(hash + 1, end).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/g, ' ').replace(/\\(?:\r\n?|\n)/g, ' ');
    const m = /^\s*([a-z]+)\b\s*([\s\S]*)$/.exec(line);
    if (!m) return;
    const [, word, rest] = m;
    const argument = rest.trim();
    switch (word) {
      case 'if':
      case 'ifdef':
      case 'ifndef':
        this.open(end, word === 'if' ? argument : `${word === 'ifndef' ? '!' : ''}defined(${firstName(argument)})`);
        return;
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else':
        this.next(hash, end, word === 'else' ? '1' : word === 'elif' ? argument : `${word === 'elifndef' ? '!' : ''}defined(${firstName(argument)})`);
        return;
      case 'endif': {
        const g = this.groups.pop();
        if (g) this.closeBranch(g, hash);
        return;
      }
      case 'define':
      case 'undef':
        this.define(word, argument);
        return;
    }
  }

  private evaluate(condition: string): boolean | undefined {
    return evaluateCondition(condition, this.lookup);
  }

  private open(end: number, condition: string): void {
    const outer = this.current;
    if (outer === 'dead') {
      this.groups.push({ outer, taken: 'yes', branch: 'dead', bodyStart: end });
      return;
    }
    const value = this.evaluate(condition);
    const branch: Liveness = value === false ? 'dead' : value === true && outer === 'live' ? 'live' : 'maybe';
    this.groups.push({ outer, taken: value === true ? 'yes' : value === undefined ? 'maybe' : 'no', branch, bodyStart: end });
  }

  private next(hash: number, end: number, condition: string): void {
    const g = this.groups[this.groups.length - 1];
    if (!g) return;
    this.closeBranch(g, hash);
    g.bodyStart = end;
    if (g.outer === 'dead' || g.taken === 'yes') {
      g.branch = 'dead';
      return;
    }
    const value = this.evaluate(condition);
    g.branch = value === false ? 'dead' : value === true && g.taken === 'no' && g.outer === 'live' ? 'live' : 'maybe';
    if (value === true) g.taken = 'yes';
    else if (value === undefined) g.taken = 'maybe';
  }

  private closeBranch(g: Group, bodyEnd: number): void {
    if (g.branch !== 'dead' || g.outer === 'dead' || bodyEnd <= g.bodyStart) return;
    this.ranges.push([g.bodyStart, bodyEnd]);
  }

  private define(word: 'define' | 'undef', argument: string): void {
    const live = this.current;
    if (live === 'dead') return;
    const m = /^([A-Za-z_]\w*)(\()?/.exec(argument);
    if (!m) return;
    const name = m[1];
    // a #define in a branch that may not be taken leaves the name unknown after it
    if (live === 'maybe') this.own.set(name, 'unknown');
    else if (word === 'undef') this.own.set(name, 'undefined');
    else this.own.set(name, m[2] ? 'defined' : { body: argument.slice(name.length).trim() });
  }
}

function firstName(argument: string): string {
  return /^[A-Za-z_]\w*/.exec(argument)?.[0] ?? '';
}
