/**
 * The value of an `#if` / `#elif` expression, as far as it can be known: `defined(X)`, `!`, `~`,
 * unary `-`/`+`, `* / % + - << >> < > <= >= == != & ^ | && ||`, `?:`, parentheses, integer
 * literals (decimal, hex, octal, binary, with their suffixes) and object-like macros, expanded
 * from their bodies; a name known not to be defined is 0, as in the compiler. Anything else (a
 * macro whose value is not known, a name that may be defined, a function-like macro, a
 * character literal, `__has_include`) is unknown, and so is every result that depends on it: `0 &&
 * X` is 0 and `1 || X` is 1 whatever X is. Values are 64-bit integers, as in the compiler.
 */

/** What a name is when a directive reads it. */
export type MacroState =
  /** defined, with this body (object-like; '' for `#define X`) */
  | { body: string }
  /** defined, with a value the evaluator does not know (a function-like macro, a compiler's version) */
  | 'defined'
  /** not defined */
  | 'undefined'
  /** maybe defined (by a header, a tool): nothing about it is known */
  | 'unknown';

export type MacroLookup = (name: string) => MacroState;

type Token = { kind: 'num'; value: bigint | undefined } | { kind: 'op'; op: string } | { kind: 'id'; name: string };

/** Expansion depth of nested object-like macros (a macro naming itself stops earlier). */
const MAX_EXPANSION = 32;

const OPERATORS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '(', ')', '!', '~', '-', '+', '*', '/', '%', '<', '>', '&', '^', '|', '?', ':', ','];

/** Literal words that read as numbers, as engine/syntax/constant-condition.ts reads them. */
const WORDS: Readonly<Record<string, bigint>> = { TRUE: 1n, true: 1n, FALSE: 0n, false: 0n };

/** The value of the condition: true, false, or undefined when it cannot be known. */
export function evaluateCondition(text: string, lookup: MacroLookup): boolean | undefined {
  const tokens = expand(tokenize(text), lookup, new Set(), 0);
  if (!tokens) return undefined;
  const parser = new ExpressionParser(tokens);
  const value = parser.conditional();
  if (!parser.atEnd() || parser.failed) return undefined;
  return value === undefined ? undefined : value !== 0n;
}

/** The tokens of a directive's expression (comments already out or skipped here); undefined for a character or string literal. */
function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  const re = /\s+|\/\*[\s\S]*?(?:\*\/|$)|\/\/.*|\\(?:\r\n?|\n)|(0[xX][0-9A-Fa-f]+|0[bB][01]+|\d+)[uUlLiI0-9]*|([A-Za-z_]\w*)|(['"])/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m) {
      i = re.lastIndex;
      if (m[3]) return undefined;
      if (m[1]) out.push({ kind: 'num', value: BigInt.asIntN(64, BigInt(/^0\d/.test(m[1]) ? `0o${m[1].slice(1)}` : m[1])) });
      else if (m[2]) out.push({ kind: 'id', name: m[2] });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) return undefined;
    out.push({ kind: 'op', op });
    i += op.length;
  }
  return out;
}

/**
 * `defined X` and `defined(X)` become numbers; names become their bodies' tokens (object-like
 * macros), 1/0 for TRUE/FALSE, or an unknown number. Undefined when the text cannot be read.
 */
function expand(tokens: Token[] | undefined, lookup: MacroLookup, active: Set<string>, depth: number): Token[] | undefined {
  if (!tokens || depth > MAX_EXPANSION) return undefined;
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'id') {
      out.push(t);
      continue;
    }
    if (t.name === 'defined') {
      const paren = tokens[k + 1]?.kind === 'op' && (tokens[k + 1] as { op: string }).op === '(';
      const name = tokens[k + (paren ? 2 : 1)];
      if (name?.kind !== 'id') return undefined;
      if (paren && !(tokens[k + 3]?.kind === 'op' && (tokens[k + 3] as { op: string }).op === ')')) return undefined;
      k += paren ? 3 : 1;
      out.push({ kind: 'num', value: definedValue(lookup(name.name)) });
      continue;
    }
    const next = tokens[k + 1];
    const state = active.has(t.name) ? 'unknown' : lookup(t.name);
    if (typeof state === 'object') {
      const body = expand(tokenize(state.body), lookup, new Set(active).add(t.name), depth + 1);
      if (!body) return undefined;
      out.push(...body);
    } else if (next?.kind === 'op' && next.op === '(') {
      // a function-like macro's call (or __has_include): its value is not known
      let level = 0;
      for (k++; k < tokens.length; k++) {
        const p = tokens[k];
        if (p.kind === 'op' && p.op === '(') level++;
        else if (p.kind === 'op' && p.op === ')' && --level === 0) break;
      }
      out.push({ kind: 'num', value: undefined });
    } else if (state !== 'defined' && Object.hasOwn(WORDS, t.name)) out.push({ kind: 'num', value: WORDS[t.name] });
    // a name known not to be defined is 0, as the compiler reads it; one that may be defined is not known
    else out.push({ kind: 'num', value: state === 'undefined' ? 0n : undefined });
  }
  return out;
}

function definedValue(state: MacroState): bigint | undefined {
  if (state === 'unknown') return undefined;
  return state === 'undefined' ? 0n : 1n;
}

/** Binary operators by precedence, lowest first (`&&`, `||` and `?:` are handled apart). */
const LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

class ExpressionParser {
  private at = 0;
  failed = false;

  constructor(private readonly tokens: readonly Token[]) {}

  atEnd(): boolean {
    return this.at >= this.tokens.length;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.at];
    return t?.kind === 'op' && ops.includes(t.op) ? t.op : undefined;
  }

  conditional(): bigint | undefined {
    const cond = this.logical('||');
    if (!this.peekOp('?')) return cond;
    this.at++;
    const yes = this.conditional();
    if (!this.peekOp(':')) return this.fail();
    this.at++;
    const no = this.conditional();
    if (cond === undefined) return yes !== undefined && yes === no ? yes : undefined;
    return cond !== 0n ? yes : no;
  }

  private logical(op: '||' | '&&'): bigint | undefined {
    let left = op === '||' ? this.logical('&&') : this.binary(0);
    while (this.peekOp(op)) {
      this.at++;
      const right = op === '||' ? this.logical('&&') : this.binary(0);
      // the side that decides alone: 1 for ||, 0 for &&
      const decides = op === '||' ? (v: bigint | undefined) => v !== undefined && v !== 0n : (v: bigint | undefined) => v === 0n;
      if (decides(left) || decides(right)) left = op === '||' ? 1n : 0n;
      else if (left === undefined || right === undefined) left = undefined;
      else left = op === '||' ? 0n : 1n;
    }
    return left;
  }

  private binary(level: number): bigint | undefined {
    if (level >= LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (let op = this.peekOp(...LEVELS[level]); op; op = this.peekOp(...LEVELS[level])) {
      this.at++;
      const right = this.binary(level + 1);
      left = left === undefined || right === undefined ? undefined : apply(op, left, right);
    }
    return left;
  }

  private unary(): bigint | undefined {
    const op = this.peekOp('!', '~', '-', '+');
    if (op) {
      this.at++;
      const v = this.unary();
      if (v === undefined) return undefined;
      if (op === '!') return v === 0n ? 1n : 0n;
      if (op === '~') return BigInt.asIntN(64, ~v);
      return op === '-' ? BigInt.asIntN(64, -v) : v;
    }
    if (this.peekOp('(')) {
      this.at++;
      const v = this.conditional();
      if (!this.peekOp(')')) return this.fail();
      this.at++;
      return v;
    }
    const t = this.tokens[this.at];
    if (t?.kind !== 'num') return this.fail();
    this.at++;
    return t.value;
  }

  private fail(): undefined {
    this.failed = true;
    this.at = this.tokens.length;
    return undefined;
  }
}

function apply(op: string, a: bigint, b: bigint): bigint | undefined {
  const bool = (x: boolean) => (x ? 1n : 0n);
  switch (op) {
    case '*':
      return BigInt.asIntN(64, a * b);
    case '/':
      return b === 0n ? undefined : BigInt.asIntN(64, a / b);
    case '%':
      return b === 0n ? undefined : a % b;
    case '+':
      return BigInt.asIntN(64, a + b);
    case '-':
      return BigInt.asIntN(64, a - b);
    case '<<':
      return b < 0n || b > 63n ? undefined : BigInt.asIntN(64, a << b);
    case '>>':
      return b < 0n || b > 63n ? undefined : a >> b;
    case '<':
      return bool(a < b);
    case '>':
      return bool(a > b);
    case '<=':
      return bool(a <= b);
    case '>=':
      return bool(a >= b);
    case '==':
      return bool(a === b);
    case '!=':
      return bool(a !== b);
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    default:
      return a | b;
  }
}
