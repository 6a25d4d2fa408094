/**
 * The module's own #define macros, read well enough to see the calls they hide: the names a body
 * calls (`name(`) and the other names it uses, comments and string literals left out. Expansion
 * follows macros used inside macros, iteratively, each macro once.
 */
import type { MacroSummary } from './summary-types.js';

const KEYWORDS = new Set([
  'if', 'else', 'while', 'for', 'do', 'switch', 'case', 'return', 'sizeof', 'defined', 'goto', 'break', 'continue',
  'default', 'typeof', '__typeof__', 'alignof', '_Alignof', 'decltype', 'static_cast', 'reinterpret_cast', 'const_cast',
  'dynamic_cast', 'new', 'delete', 'throw', 'catch', 'try', '__try', '__except', '__finally', 'struct', 'union', 'enum',
  'const', 'volatile', 'static', 'extern', 'int', 'char', 'long', 'short', 'unsigned', 'signed', 'void', 'float', 'double',
]);

/** Strips comments, string and character literals (replaced by spaces). */
function code(body: string): string {
  return body.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|L?"(?:[^"\\\n]|\\.)*"|L?'(?:[^'\\\n]|\\.)*'/g, (m) => ' '.repeat(m.length));
}

/** An assignment, a compound assignment or `++`/`--` (not `==`, `!=`, `<=`, `>=`). */
const ASSIGNS = /(?:^|[^=!<>])=(?!=)|<<=|>>=|\+\+|--/;

export function macroSummary(name: string, params: string[] | undefined, body: string, start: number, end: number): MacroSummary {
  const calls = new Set<string>();
  const names = new Set<string>();
  const skip = new Set(params ?? []);
  const src = code(body);
  const re = /[A-Za-z_]\w*/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const id = m[0];
    if (KEYWORDS.has(id) || skip.has(id)) continue;
    // `a.b` / `a->b`: the member is not a free name unless called
    const before = src.slice(Math.max(0, m.index - 2), m.index);
    const member = before.endsWith('.') || before.endsWith('->');
    let i = re.lastIndex;
    while (i < src.length && (src[i] === ' ' || src[i] === '\t' || src[i] === '\\' || src[i] === '\r' || src[i] === '\n')) i++;
    if (src[i] === '(') calls.add(id);
    else if (!member && !/^\d/.test(id)) names.add(id);
  }
  const summary: MacroSummary = { name, params, calls: [...calls], names: [...names], start, end };
  if (ASSIGNS.test(src)) summary.writes = true;
  return summary;
}

/**
 * Every name the expansion of `macro` calls, through nested macros: `[name, via]` pairs where
 * `via` is the macro whose body holds the call. Object-like macros that name a function (an alias
 * such as `#define ShowIt ShowItImpl`) count as calls of that function when the alias is called.
 */
export function expandMacroCalls(start: MacroSummary, macros: ReadonlyMap<string, MacroSummary>): { name: string; via: string }[] {
  const out: { name: string; via: string }[] = [];
  const seen = new Set<string>([start.name]);
  const seenCalls = new Set<string>();
  const queue: MacroSummary[] = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const m = queue[qi];
    for (const name of m.calls) {
      const nested = macros.get(name);
      if (nested) {
        if (!seen.has(name)) {
          seen.add(name);
          queue.push(nested);
        }
        continue;
      }
      if (!seenCalls.has(name)) {
        seenCalls.add(name);
        out.push({ name, via: m.name });
      }
    }
    for (const name of m.names) {
      const nested = macros.get(name);
      if (nested && !seen.has(name)) {
        seen.add(name);
        queue.push(nested);
      }
    }
  }
  return out;
}

/** The function an object-like macro stands for (`#define ShowIt ShowItImpl`), if its body is one name. */
export function macroAlias(m: MacroSummary): string | undefined {
  return m.params === undefined && m.calls.length === 0 && m.names.length === 1 ? m.names[0] : undefined;
}
