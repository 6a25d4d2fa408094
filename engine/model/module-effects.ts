/**
 * What a function or a macro of the module does (InstallerModelService.effectsOf, contract.ts),
 * read from the file summaries: the names it calls and whether it writes anything besides its
 * own locals. Rules judge from it whether a helper only traces (rules/support/tracing-calls.ts).
 */
import { FORMATTING_APIS } from '../knowledge/api-lists.js';
import type { ModuleEffects } from './contract.js';
import { expandMacroCalls, macroAlias } from './macros.js';
import type { ModuleGraph } from './module-graph.js';
import type { FunctionSummary, MacroSummary } from './summary-types.js';

export class ModuleEffectsIndex {
  /** Every live definition of each macro of the module (ModuleGraph.macros keeps the first only). */
  private definitions: Map<string, MacroSummary[]> | undefined;
  private readonly memo = new Map<string, ModuleEffects | null>();

  constructor(private readonly graph: ModuleGraph) {}

  /** The functions `name` means in `fromFile` and the macros of that name, together. */
  effectsOf(name: string, fromFile: string): ModuleEffects | undefined {
    const key = `${fromFile}\u0000${name}`;
    let found = this.memo.get(key);
    if (found === undefined) this.memo.set(key, (found = this.compute(name, fromFile)));
    return found ?? undefined;
  }

  private compute(name: string, fromFile: string): ModuleEffects | null {
    const functions = this.graph.resolve(name, fromFile).filter((f) => !this.graph.isDead(f.file.filePath, f.s.start));
    const macros = this.macroDefinitions().get(name) ?? [];
    if (functions.length === 0 && macros.length === 0) return null;
    const calls = new Set<string>();
    let writes = false;
    for (const { s } of functions) {
      for (const c of s.calls) calls.add(c.name);
      writes ||= functionWrites(s);
    }
    for (const m of macros) {
      const expansion = this.expand(m);
      for (const c of expansion.calls) calls.add(c);
      writes ||= expansion.writes;
    }
    return { kind: macros.length > 0 ? 'macro' : 'function', calls: [...calls], writes };
  }

  /** The calls of one definition's expansion (nested macros followed) and whether any body on the way assigns. */
  private expand(m: MacroSummary): { calls: string[]; writes: boolean } {
    const macros = this.graph.macros;
    const alias = macroAlias(m);
    if (alias && !macros.has(alias)) return { calls: [alias], writes: false };
    const start = alias ? macros.get(alias)! : m;
    let writes = !!m.writes;
    // the macros the expansion goes through, for their assignments
    const seen = new Set<string>([m.name, start.name]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      writes ||= !!queue[i].writes;
      for (const n of [...queue[i].calls, ...queue[i].names]) {
        const nested = macros.get(n);
        if (nested && !seen.has(n)) {
          seen.add(n);
          queue.push(nested);
        }
      }
    }
    const calls = alias ? this.graph.macroTargets(alias).map((t) => t.name) : expandMacroCalls(m, macros).map((t) => t.name);
    return { calls, writes };
  }

  private macroDefinitions(): Map<string, MacroSummary[]> {
    if (!this.definitions) {
      this.definitions = new Map();
      for (const file of this.graph.summaries) {
        for (const m of file.macros) {
          if (this.graph.isDead(file.filePath, m.start)) continue;
          const list = this.definitions.get(m.name);
          if (list) list.push(m);
          else this.definitions.set(m.name, [m]);
        }
      }
    }
    return this.definitions;
  }
}

/**
 * A function writes outside its locals: a global or a name it does not declare assigned (or its
 * address taken), a function static written, memory reached through a parameter, or a module
 * name handed as the buffer of a formatting API.
 */
function functionWrites(s: FunctionSummary): boolean {
  if (s.writesThroughParams) return true;
  if (s.staticAccesses.some((a) => a.access === 'write')) return true;
  return s.refs.some((r) => r.access === 'write' || (r.via !== undefined && r.viaArg === 0 && FORMATTING_APIS.has(r.via)));
}
