/**
 * What a call by name does, for judging whether code only traces (rules/support/case-work.ts):
 * a tracing API or a macro of the headers that does nothing at run time (isTracingApi,
 * engine/knowledge/api-lists.ts); a function or macro of the module that calls nothing but
 * such calls and writes nothing but its own locals (the model's effectsOf: a macro empty in
 * one configuration and tracing in another only traces); anything else does work. Without the
 * installer model only the API lists are known: every name of the module counts as work.
 *
 * A name neither list nor module knows (a logging macro from a shared header outside the module,
 * a function of a static library) is 'unknown'; its call still only traces when it is shaped like
 * tracing (isTraceShapedCall): a logging name and arguments that nothing can be written through.
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, FORMATTING_APIS, type InstallerModelService, isTracingApi, NO_EFFECT_MACROS } from '../../engine/index.js';

/** 'tracing': only traces; 'work': does something else; 'unknown': no API list nor the module names it. */
export type CallKind = 'tracing' | 'work' | 'unknown';

/** How each name a file calls is judged (one per rule run and file: answers are kept). */
export function callKinds(model: InstallerModelService | undefined, filePath: string): (name: string) => CallKind {
  const known = new Map<string, CallKind>();
  return (name) => {
    let kind = known.get(name);
    if (kind === undefined) known.set(name, (kind = judge(name, model, filePath, new Set())));
    return kind;
  };
}

/**
 * One name, following the module's helpers; `visiting` holds the helpers on the way, whose
 * calls are being judged already (a helper that calls itself is judged by its other calls).
 */
function judge(name: string, model: InstallerModelService | undefined, filePath: string, visiting: Set<string>): CallKind {
  if (isTracingApi(name)) return 'tracing';
  if (visiting.has(name)) return 'tracing';
  const effects = model?.effectsOf(name, filePath);
  if (!effects) return 'unknown';
  if (effects.writes) return 'work';
  visiting.add(name);
  // inside a helper, a formatting API fills a buffer of the helper: a parameter or a module
  // global as the buffer is one of the writes effectsOf counts
  const only = effects.calls.every((c) => FORMATTING_APIS.has(c) || judge(c, model, filePath, visiting) === 'tracing');
  return only ? 'tracing' : 'work';
}

/** Words of a name that say it logs (`Trace`, `DbgOut`, `DebugTrace`, `DPRINT`, `Mx_Debug_Out`, `LogMessage`). */
const LOGGING_WORDS = new Set([
  'trace', 'tracef', 'tracer', 'tracing', 'log', 'logf', 'logger', 'logging', 'dbg', 'dbgout', 'dbgprint', 'dbgprintf',
  'debug', 'debugf', 'dprint', 'dprintf', 'printf', 'verbose', 'diag',
]);

/** The words of an identifier, split at underscores and case changes, lower-cased. */
function wordsOf(name: string): string[] {
  return name.split('_').flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase());
}

/**
 * A call of a name the module does not define that only logs: its name has a logging word, and
 * every argument is a literal, a constant-like name (`TRACE_LEVEL`, `__FUNCTION__`), the DIF
 * code's variable, `TEXT(...)` of those, or a parenthesised list of them (the double parentheses
 * of `DebugTrace(LEVEL, ("fmt", ...))`). Anything else (a handle, a buffer, an address) may be
 * written or acted on: the call counts as work.
 */
export function isTraceShapedCall(call: Node, name: string, difVariable: string | undefined): boolean {
  if (!wordsOf(name).some((w) => LOGGING_WORDS.has(w))) return false;
  const args = call.childForFieldName('arguments');
  return !!args && args.namedChildren.every((a) => a === null || isInert(a, difVariable));
}

const LITERALS = new Set(['string_literal', 'concatenated_string', 'raw_string_literal', 'char_literal', 'number_literal', 'true', 'false', 'null', 'nullptr', 'comment']);

function isInert(node: Node, difVariable: string | undefined): boolean {
  if (LITERALS.has(node.type)) return true;
  switch (node.type) {
    case 'identifier':
      return node.text === difVariable || node.text === '__func__' || /^_*[A-Z][A-Z0-9_]*$/.test(node.text);
    case 'parenthesized_expression':
    case 'comma_expression':
      return node.namedChildren.every((c) => c === null || isInert(c, difVariable));
    case 'call_expression': {
      const callee = calleeName(node);
      const args = node.childForFieldName('arguments');
      return callee !== null && NO_EFFECT_MACROS.has(callee) && !!args && args.namedChildren.every((c) => c === null || isInert(c, difVariable));
    }
    default:
      return false;
  }
}
