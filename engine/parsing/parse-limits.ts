/**
 * What the parser is given to analyse: a cheap scan of the text, before tree-sitter, that finds
 * files too deep or too big in tokens to analyse within bounded time and memory.
 *
 * tree-sitter's memory grows with the number of tokens (about 150 to 300 bytes of WebAssembly
 * memory per token, which never shrinks; docs/performance.md, "Pathological files"), and a deep
 * tree makes every walk that climbs it slow: 4 MiB of `;` took 1.2 GB to parse, a 2 MB line of
 * `x+` 1.2 GB through the CLI. Such a file is parsed as blank text instead (an empty tree with the
 * file's offsets and lines) and the linter reports why, as it does for a file over the size
 * limit (engine/text/source-file.ts).
 */

/** Brackets and `#if` levels open at once (the model is tested 20,000 levels deep: test/model/scaling.test.ts). */
export const MAX_NESTING = 25_000;
/** Tokens in a row between two of `;`, `,`, `{` and `}`: one expression, whose tree can be half as deep. */
export const MAX_EXPRESSION_TOKENS = 4 * MAX_NESTING;
/**
 * Tokens in the file (a punctuation character counts as one token): ten times the largest
 * installer source we know (27,000 tokens); at 600,000 a lint peaked at 500 MB.
 */
export const MAX_TOKENS = 250_000;

export interface TextShape {
  /** The deepest nesting of brackets and `#if` levels, and the 1-based line where it is reached. */
  nesting: number;
  nestingLine: number;
  /** The longest run of tokens with no `;`, `,`, `{` or `}` (tokens of comments and literals aside), and where it ends. */
  expression: number;
  expressionLine: number;
  tokens: number;
}

const enum Ch {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Apostrophe = 39,
  Star = 42,
  Slash = 47,
  Backslash = 92,
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

const OPEN = new Set([40, 91, 123]); // ( [ {
const CLOSE = new Set([41, 93, 125]); // ) ] }
const SEPARATORS = new Set([59, 44, 123, 125]); // ; , { }

/** The end of the line that starts a directive or holds `at` (a lone CR ends a line, as in GCC). */
function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) !== Ch.Lf && text.charCodeAt(i) !== Ch.Cr) i++;
  return i;
}

/** The `#if`-family word at a directive (`#` at `at`): +1 for if/ifdef/ifndef, -1 for endif, else 0. */
function conditionalStep(text: string, at: number): number {
  let i = at + 1;
  while (text.charCodeAt(i) === Ch.Space || text.charCodeAt(i) === Ch.Tab) i++;
  let j = i;
  while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
  const word = text.slice(i, j);
  if (word === 'if' || word === 'ifdef' || word === 'ifndef') return 1;
  return word === 'endif' ? -1 : 0;
}

/** One pass over the text: how deep, how long an expression, how many tokens. */
export function textShape(text: string): TextShape {
  const s: TextShape = { nesting: 0, nestingLine: 1, expression: 0, expressionLine: 1, tokens: 0 };
  let depth = 0;
  let run = 0;
  let line = 1;
  let lineStart = true;
  const n = text.length;
  const token = () => {
    s.tokens++;
    if (++run > s.expression) {
      s.expression = run;
      s.expressionLine = line;
    }
  };
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === Ch.Lf || c === Ch.Cr) {
      i += c === Ch.Cr && text.charCodeAt(i + 1) === Ch.Lf ? 2 : 1;
      line++;
      lineStart = true;
      continue;
    }
    if (c === Ch.Space || c === Ch.Tab || c === 11 || c === 12) {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Slash) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) {
        const d = text.charCodeAt(k);
        if (d === Ch.Lf || (d === Ch.Cr && text.charCodeAt(k + 1) !== Ch.Lf)) line++;
      }
      i = stop;
      continue;
    }
    if (c === Ch.Quote || c === Ch.Apostrophe) {
      // a literal ends at its quote or at the end of its line
      let k = i + 1;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === c || d === Ch.Lf || d === Ch.Cr) break;
        k += d === Ch.Backslash ? 2 : 1;
      }
      i = k < n && text.charCodeAt(k) === c ? k + 1 : k;
      token();
      continue;
    }
    if (c === Ch.Hash && atLineStart) {
      depth = Math.max(0, depth + conditionalStep(text, i));
      if (depth > s.nesting) {
        s.nesting = depth;
        s.nestingLine = line;
      }
    }
    if (isWordChar(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      token();
      continue;
    }
    i++;
    if (SEPARATORS.has(c)) {
      s.tokens++;
      run = 0;
    } else token();
    if (OPEN.has(c)) {
      if (++depth > s.nesting) {
        s.nesting = depth;
        s.nestingLine = line;
      }
    } else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
  }
  return s;
}

/** Why the text is too deep or too big to analyse (a message like the size limit's), or undefined when it is not. */
export function analysisLimit(text: string): string | undefined {
  // below this many characters no limit can be reached: skip the scan
  if (text.length <= MAX_NESTING) return undefined;
  const s = textShape(text);
  if (s.tokens > MAX_TOKENS) return `file has ${s.tokens} tokens, over the limit of ${MAX_TOKENS} tokens; not analysed`;
  if (s.nesting > MAX_NESTING) return `file is nested ${s.nesting} levels deep (line ${s.nestingLine}), over the limit of ${MAX_NESTING} levels; not analysed`;
  if (s.expression > MAX_EXPRESSION_TOKENS) {
    return `file has an expression of ${s.expression} tokens (line ${s.expressionLine}), over the limit of ${MAX_EXPRESSION_TOKENS} tokens; not analysed`;
  }
  return undefined;
}

/** The text with every character but line ends replaced by a space: what a file over a limit is parsed as. */
export function blankText(text: string): string {
  // runs of spaces between the line ends (a regular expression replace took 130 MB on 4 MiB)
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== Ch.Lf && c !== Ch.Cr) continue;
    parts.push(' '.repeat(i - from), c === Ch.Lf ? '\n' : '\r');
    from = i + 1;
  }
  parts.push(' '.repeat(text.length - from));
  return parts.join('');
}
