/**
 * MSBuild conditions, read as data: the common forms of a project's configuration conditions
 * (`'$(Configuration)|$(Platform)'=='Release|x64'`, `'$(Configuration)' != 'Debug'`, `true`,
 * `!`, `and`, `or`, parentheses) are evaluated; anything else (`Exists(...)`, property functions,
 * `<`/`>` comparisons, a property the project does not define) is 'any': it may hold. String
 * comparison is case-insensitive, as MSBuild's is.
 */

/** The result of a condition: it holds, it does not, or the reader cannot tell. */
export type ConditionValue = boolean | 'any';

/** Expands `$(...)` in a string; unresolved when a reference is left (unknown or a function). */
export type ExpandString = (text: string) => { value: string; unresolved: boolean };

type Token = { kind: 'string' | 'word' | 'property' | 'op' | 'open' | 'close' | 'not'; text: string };

/** Thrown inside the parser when a condition is not of a form it reads; evaluateCondition answers 'any'. */
class Unreadable extends Error {}

export function evaluateCondition(condition: string | undefined, expand: ExpandString): ConditionValue {
  if (condition === undefined || condition.trim() === '') return true;
  const tokens = tokenize(condition);
  if (!tokens) return 'any';
  try {
    const parser = new ConditionParser(tokens, expand);
    const value = parser.readOr();
    return parser.atEnd() ? value : 'any';
  } catch (error) {
    if (error instanceof Unreadable) return 'any';
    throw error;
  }
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      tokens.push({ kind: 'string', text: text.slice(i + 1, close) });
      i = close + 1;
    } else if ((c === '$' || c === '@' || c === '%') && text[i + 1] === '(') {
      const close = balancedClose(text, i + 1);
      if (close < 0) return undefined;
      tokens.push({ kind: 'property', text: text.slice(i, close + 1) });
      i = close + 1;
    } else if (/^(==|!=|<=|>=)/.test(text.slice(i, i + 2))) {
      tokens.push({ kind: 'op', text: text.slice(i, i + 2) });
      i += 2;
    } else if (c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c });
      i++;
    } else if (c === '!') {
      tokens.push({ kind: 'not', text: c });
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i++;
    } else {
      const word = /^[\w.-]+/.exec(text.slice(i));
      if (!word) return undefined;
      tokens.push({ kind: 'word', text: word[0] });
      i += word[0].length;
    }
  }
  return tokens;
}

function balancedClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

class ConditionParser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly expand: ExpandString,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  readOr(): ConditionValue {
    const values = [this.readAnd()];
    while (this.isWord('or')) {
      this.pos++;
      values.push(this.readAnd());
    }
    if (values.includes(true)) return true;
    return values.every((v) => v === false) ? false : 'any';
  }

  private readAnd(): ConditionValue {
    const values = [this.readUnary()];
    while (this.isWord('and')) {
      this.pos++;
      values.push(this.readUnary());
    }
    if (values.includes(false)) return false;
    return values.every((v) => v === true) ? true : 'any';
  }

  private readUnary(): ConditionValue {
    const token = this.tokens[this.pos];
    if (!token) throw new Unreadable();
    if (token.kind === 'not') {
      this.pos++;
      const value = this.readUnary();
      return value === 'any' ? 'any' : !value;
    }
    if (token.kind === 'open') {
      this.pos++;
      const value = this.readOr();
      if (this.tokens[this.pos]?.kind !== 'close') throw new Unreadable();
      this.pos++;
      return value;
    }
    if (token.kind === 'word' && this.tokens[this.pos + 1]?.kind === 'open') return this.skipFunctionCall();
    return this.readComparison();
  }

  /** `Exists('x')`, `HasTrailingSlash('x')`: read as 'any'. */
  private skipFunctionCall(): ConditionValue {
    this.pos += 2;
    let depth = 1;
    while (depth > 0) {
      const token = this.tokens[this.pos++];
      if (!token) throw new Unreadable();
      if (token.kind === 'open') depth++;
      else if (token.kind === 'close') depth--;
    }
    return 'any';
  }

  private readComparison(): ConditionValue {
    const left = this.readOperand();
    const op = this.tokens[this.pos];
    if (op?.kind !== 'op') return asBoolean(left);
    this.pos++;
    const right = this.readOperand();
    if (op.text !== '==' && op.text !== '!=') return 'any';
    if (left === undefined || right === undefined) return 'any';
    const equal = left.toLowerCase() === right.toLowerCase();
    return op.text === '==' ? equal : !equal;
  }

  /** The operand's expanded value, or undefined when it holds a reference the reader cannot expand. */
  private readOperand(): string | undefined {
    const token = this.tokens[this.pos++];
    if (!token || (token.kind !== 'string' && token.kind !== 'word' && token.kind !== 'property')) throw new Unreadable();
    if (token.kind === 'word' && (token.text.toLowerCase() === 'and' || token.text.toLowerCase() === 'or')) throw new Unreadable();
    const { value, unresolved } = this.expand(token.text);
    return unresolved ? undefined : value;
  }

  private isWord(word: string): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }
}

function asBoolean(value: string | undefined): ConditionValue {
  const lower = value?.toLowerCase();
  if (lower === 'true' || lower === 'on' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'off' || lower === 'no') return false;
  return 'any';
}
