/**
 * Text helpers of the finish-install scaffold (finish-install.ts) and the move planner
 * (move-to-action.ts): wrapping a comment or a call to the file's line limit
 * (rules/support/code-style.ts lineLimit), opening a block in the file's brace style, and moving
 * a statement's lines from one indentation to another.
 */

/**
 * A `/* ... *\/` comment at `indent`, on one line when it fits in `limit`, else over several
 * (continuation lines start with ` * ` under the opening).
 */
export function commentLines(indent: string, text: string, limit: number): string[] {
  const one = `${indent}/* ${text} */`;
  if (one.length <= limit) return [one];
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let current = `${indent}/*`;
  const next = `${indent} *`;
  for (const word of words) {
    if (current.length + 1 + word.length > limit && current !== `${indent}/*` && current !== next) {
      lines.push(current);
      current = next;
    }
    current += ` ${word}`;
  }
  lines.push(`${current} */`);
  return lines;
}

/**
 * A line of code broken after commas so that each piece fits in `limit`, later pieces aligned
 * under the first character after the innermost open parenthesis; the line as it is when it
 * fits, or when no comma lets it fit.
 */
export function wrapCode(line: string, limit: number): string[] {
  if (line.length <= limit) return [line];
  const opens: number[] = [];
  let best = -1;
  let bestAlign = 0;
  for (let i = 0; i < line.length && i < limit; i++) {
    const ch = line[i];
    if (ch === '(') opens.push(i);
    else if (ch === ')') opens.pop();
    else if (ch === ',' && opens.length > 0 && line[i + 1] === ' ') {
      best = i;
      bestAlign = opens[opens.length - 1] + 1;
    }
  }
  if (best < 0) return [line];
  const head = line.slice(0, best + 1);
  const rest = ' '.repeat(bestAlign) + line.slice(best + 2);
  if (rest.length >= line.length) return [line];
  return [head, ...wrapCode(rest, limit)];
}

/** `head {` on one line, or `head` and `{` under it in a file that puts braces on their own line. */
export function openBlock(head: string, indent: string, ownLine: boolean): string[] {
  return ownLine ? [head, `${indent}{`] : [`${head} {`];
}

/** A multi-line statement's later lines, moved from one indentation to another (after LF, CRLF or a lone CR). */
export function reindent(text: string, from: string, to: string): string {
  if (from === to) return text;
  return text.replace(/(\r\n?|\n)([ \t]*)/g, (_m, eol: string, ws: string) =>
    eol + (ws.startsWith(from) ? to + ws.slice(from.length) : ws),
  );
}

/** Text without its comments: what code does, not what it says. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g, ' ');
}

/** Code compared without spacing and comments (`Show( );` is `Show();`). */
export function sameCode(a: string, b: string): boolean {
  const squeeze = (t: string) => withoutComments(t).replace(/\s+/g, '');
  return squeeze(a) === squeeze(b);
}
