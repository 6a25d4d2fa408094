/**
 * A name handed to a call (summarize-names.ts records it on the ref or static access): which
 * argument of which callee, by address or itself. The model then tells from the parameter's
 * direction whether the call writes the name (globals-index.ts, engine/knowledge/api-parameters.ts,
 * engine/syntax/parameter-directions.ts).
 */
import type { Frame } from './summarize-frame.js';
import type { WalkState } from './summarize-walk-state.js';
import type { ArgumentUse } from './summary-types.js';

/** The frame types argumentUse looks through; under any other parent a name is no argument. */
const ARGUMENT_PARENTS = new Set(['argument_list', 'parenthesized_expression', 'cast_expression', 'pointer_expression', 'field_expression', 'subscript_expression', 'binary_expression', 'qualified_identifier']);

/**
 * The call argument the name at `frame` is, through parentheses and casts: `&g` (and `&g.x`,
 * `&g[i]`, `(TYPE) & g`) by address, `g` itself; undefined for anything else (`g.x` and `g[i]`
 * without `&`, `*g`, `g->x`, `g + 1`, ...).
 */
export function argumentUse(w: WalkState, frame: Frame): ArgumentUse | undefined {
  const frames = w.frames;
  if (!ARGUMENT_PARENTS.has(frames[frames.length - 1]?.type ?? '')) return undefined;
  let child = frame;
  let address = false;
  let part = false;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    // `&ContosoState::s_Installs`: the qualified name stands for its last name
    if (f.type === 'parenthesized_expression' || f.type === 'cast_expression' || (f.type === 'qualified_identifier' && child.field === 'name')) {
      child = f;
      continue;
    }
    if (f.type === 'pointer_expression' && f.op === '&' && !address) {
      address = true;
      child = f;
      continue;
    }
    if ((f.type === 'field_expression' || f.type === 'subscript_expression') && child.field === 'argument' && !address && !part) {
      if (f.type === 'field_expression' && arrowAfter(w.text, frame.end)) return undefined;
      part = true;
      child = f;
      continue;
    }
    if (f.type === 'binary_expression' && (child === frame || child.type === 'qualified_identifier') && !address && castBefore(w.text, qualifiedStart(w.text, frame.start))) {
      address = true;
      child = f;
      continue;
    }
    if (f.type !== 'argument_list' || (part && !address)) return undefined;
    const call = w.frameAt(i - 1)?.call;
    return call ? { callee: call.name, index: f.argIndex ?? 0, address } : undefined;
  }
  return undefined;
}

/** Where the qualified name ending in the name at `at` starts (`ContosoState::s_Installs`), or `at`. */
function qualifiedStart(text: string, at: number): number {
  let start = at;
  for (;;) {
    const m = /(\w+)\s*::\s*$/.exec(text.slice(Math.max(0, start - 80), start));
    if (!m) return start;
    start -= m[0].length;
  }
}

/** `g->x`: the member is reached through the pointer g holds. */
function arrowAfter(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
  return text.startsWith('->', i);
}

/**
 * `(PBYTE) & g`: a cast to a typedef name the parser cannot know reads as a bitwise and; the text
 * before the name is `&` after a parenthesized upper-case or `_t` type name (as rules/no-state-in-dll.ts reads it).
 */
function castBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 80), at);
  return /\(\s*(?:[A-Z][A-Z0-9_]*|\w+_t)\s*\)\s*&\s*$/.test(before);
}
