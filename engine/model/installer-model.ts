/**
 * buildModuleModel: the installer model of one module, from its file summaries. Finds the entry
 * points (entry-point-discovery.ts), propagates DIF contexts from them over the module graph
 * (propagation.ts), and answers the rules' questions (InstallerModelService, contract.ts): the
 * contexts reaching a site (reaching-contexts.ts), the module's globals (globals-index.ts), the
 * calls hidden in its macros, what its functions and macros do (module-effects.ts) and the names
 * its .def files export.
 */
import type { DefExport, EntryPointInfo, GlobalAccess, InstallerModelService, ModelNotice, ModuleEffects, ModuleGlobal, ParameterWait, ReachingContext } from './contract.js';
import { findEntryPoints, handledCodes, type ModelExtras, moduleDefExports } from './entry-point-discovery.js';
import { GlobalsIndex } from './globals-index.js';
import { ModuleEffectsIndex } from './module-effects.js';
import { ModuleGraph, type GraphFunction } from './module-graph.js';
import { ParameterWaitsIndex } from './parameter-waits.js';
import { MAX_CALL_DEPTH, Propagation } from './propagation.js';
import { type PropagatedModule, reachingContexts } from './reaching-contexts.js';
import type { FileSummary } from './summary-types.js';

export type { ModelExtras } from './entry-point-discovery.js';
export { ANY_DIF_CODE, OTHER_DIF_CODE } from './reaching-contexts.js';

/** The model as the engine builds it: what the rules may ask, nothing more (contract.ts). */
export type InstallerModel = InstallerModelService;

export function buildModuleModel(summaries: readonly FileSummary[], extras: ModelExtras = {}): InstallerModel {
  return new Model(summaries, extras);
}

class Model implements InstallerModelService {
  readonly entryPoints: readonly EntryPointInfo[];
  readonly notices: readonly ModelNotice[];
  private readonly graph: ModuleGraph;
  /** The graph, the entry points and the states reached, for reachingContexts. */
  private readonly propagated: PropagatedModule;
  private fromDllMain: Set<number> | undefined;
  /** Answers already given in this model's life (one lint of the module): rules ask for the same sites. */
  private readonly contextMemo = new Map<string, ReachingContext[]>();
  private globalsIndex: GlobalsIndex | undefined;
  private defs: readonly DefExport[] | undefined;
  private effects: ModuleEffectsIndex | undefined;
  private parameterWaits: ParameterWaitsIndex | undefined;

  constructor(summaries: readonly FileSummary[], private readonly extras: ModelExtras) {
    const graph = new ModuleGraph(summaries);
    const { functions, entryPoints } = findEntryPoints(graph, extras);
    graph.computeDifParams(functions.map((f) => f.id));
    functions.forEach((fn, i) => (entryPoints[i].handledDifCodes = handledCodes(graph, fn)));
    const propagation = new Propagation(graph, functions, entryPoints, new Set(extras.settings?.interactiveFunctions ?? []));
    this.graph = graph;
    this.entryPoints = entryPoints;
    this.propagated = { graph, entryPoints, entryFns: functions, propagation };
    this.notices = cutNotices(graph, entryPoints, propagation);
  }

  contextsAt(filePath: string, offset: number): ReachingContext[] {
    const key = `${filePath}\u0000${offset}`;
    let found = this.contextMemo.get(key);
    if (!found) this.contextMemo.set(key, (found = reachingContexts(this.propagated, filePath, offset)));
    return [...found];
  }

  onlyFromDllMain(filePath: string, offset: number): boolean {
    if (this.graph.isDead(filePath, offset)) return false;
    const fn = this.graph.functionAt(filePath, offset);
    if (!fn) return false;
    this.fromDllMain ??= this.reachFrom(this.graph.byName.get('DllMain') ?? []);
    return this.fromDllMain.has(fn.id) && this.contextsAt(filePath, offset).length === 0;
  }

  private reachFrom(roots: readonly GraphFunction[]): Set<number> {
    const seen = new Set<number>(roots.map((r) => r.id));
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++) {
      for (const e of this.graph.edgesOf(queue[i])) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    return seen;
  }

  globalAt(filePath: string, offset: number): ModuleGlobal | undefined {
    return this.globals().at(filePath, offset);
  }

  accessesOf(global: ModuleGlobal): readonly GlobalAccess[] {
    return this.globals().accesses.get(global) ?? [];
  }

  macroCalls(name: string): readonly string[] {
    return this.graph.macroTargets(name).map((t) => t.name);
  }

  effectsOf(name: string, fromFile: string): ModuleEffects | undefined {
    this.effects ??= new ModuleEffectsIndex(this.graph);
    return this.effects.effectsOf(name, fromFile);
  }

  waitsOnParameter(name: string, fromFile: string, index: number): ParameterWait | undefined {
    this.effects ??= new ModuleEffectsIndex(this.graph);
    this.parameterWaits ??= new ParameterWaitsIndex(this.graph, this.effects);
    return this.parameterWaits.waitsOnParameter(name, fromFile, index);
  }

  defExports(): readonly DefExport[] {
    this.defs ??= moduleDefExports(this.graph, this.extras);
    return this.defs;
  }

  private globals(): GlobalsIndex {
    this.globalsIndex ??= new GlobalsIndex(this.graph);
    return this.globalsIndex;
  }
}

/** The notice of a call chain cut at MAX_CALL_DEPTH: at the name of the function whose calls were not followed. */
function cutNotices(graph: ModuleGraph, entryPoints: readonly EntryPointInfo[], propagation: Propagation): ModelNotice[] {
  if (propagation.cut === undefined) return [];
  const state = propagation.states[propagation.cut];
  const fn = graph.functions[state.fn];
  const entry = entryPoints[state.entry].name;
  const message = `${fn.s.qualifiedName} is ${MAX_CALL_DEPTH} calls deep from ${entry}, the limit of the analysis: its calls are not followed, and code reached only through them counts as reached by no entry point`;
  return [{ filePath: fn.file.filePath, start: fn.s.nameStart, end: fn.s.nameEnd, message }];
}
