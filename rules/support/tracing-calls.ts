/**
 * What a call by name does, for judging whether code only traces (rules/support/case-work.ts):
 * a tracing API or a macro of the headers that does nothing at run time (isTracingApi,
 * engine/knowledge/api-lists.ts); a function or macro of the module that calls nothing but
 * such calls and writes nothing but its own locals (the model's effectsOf: a macro empty in
 * one configuration and tracing in another only traces); anything else does work. Without the
 * installer model only the API lists are known: every name of the module counts as work.
 */
import { FORMATTING_APIS, type InstallerModelService, isTracingApi } from '../../engine/index.js';

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
