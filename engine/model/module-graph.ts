/**
 * The module graph, recombined from file summaries: functions by name, the edges between them
 * (direct calls, calls hidden in the module's macros, function pointers handed to threads,
 * dialogs, property pages and window classes, dispatch tables), the DIF parameters of helpers,
 * and the guards that apply at a site. Pure data built once per module state.
 */
import { ClassHierarchy } from './class-hierarchy.js';
import { ANY_DIF, difHas, intersectDif, type DifSet } from './dif-set.js';
import { IncludeVisibility } from './include-visibility.js';
import { expandMacroCalls, macroAlias } from './macros.js';
import { classOfMethod } from './summarize-cxx.js';
import { FunctionValues, pointerLabel } from './function-values.js';
import type { CallSite, FileSummary, FunctionSummary, MacroSummary, PointerKind, Range } from './summary-types.js';

export interface GraphFunction {
  id: number;
  file: FileSummary;
  s: FunctionSummary;
}

export type EdgeKind = 'call' | 'macro' | 'dispatch' | PointerKind;

export interface Edge {
  to: number;
  kind: EdgeKind;
  label: string;
  /** Offset in the caller where the edge is taken (guards at this offset apply). */
  at: number;
  /** Where the chain step points. */
  stepFile: string;
  stepRange: Range;
  /** Dispatch tables: the DIF code the handler is registered for. */
  dif?: string;
  /** The guards at `at`, worked out once per model. */
  guard?: SiteGuard;
  /** Call edges: arguments that carry the caller's parameters, and DIF_ constants. */
  paramArgs?: readonly { arg: number; param: number }[];
  constArgs?: readonly { arg: number; code: string }[];
}

export interface SiteGuard {
  dif: DifSet;
  post?: boolean;
  quiet: boolean;
  /** DI_QUIETINSTALL is known clear at the site (GuardRegion.quietClear). */
  quietClear?: boolean;
  /** Contradictory post-processing tests: the site cannot run. */
  impossible: boolean;
  /** Guards on a parameter, for callers that pass that parameter a DIF_ constant. */
  onParams?: { param: number; dif: DifSet }[];
}

/**
 * The guard at a site when some parameters hold DIF_ constants: a guard on such a parameter is
 * decided by the constant (passed or the site cannot run), the others narrow the DIF code.
 */
export function guardWithConstants(graph: ModuleGraph, fn: GraphFunction, offset: number, base: SiteGuard, consts: ReadonlyMap<number, string>): SiteGuard {
  if (!base.onParams?.some((g) => consts.has(g.param))) return base;
  let dif = ANY_DIF;
  const params = graph.difParams.get(fn.id);
  for (const r of fn.s.regions) {
    if (offset < r.start || offset >= r.end || !r.dif) continue;
    const value = r.param !== undefined ? consts.get(r.param) : undefined;
    if (value !== undefined) {
      if (!difHas(r.dif, value)) return { ...base, impossible: true };
      continue;
    }
    if (r.named || (r.param !== undefined && params?.has(r.param))) dif = intersectDif(dif, r.dif);
  }
  return { ...base, dif };
}


export class ModuleGraph {
  readonly functions: GraphFunction[] = [];
  readonly byName = new Map<string, GraphFunction[]>();
  readonly macros = new Map<string, MacroSummary>();
  readonly files = new Map<string, FileSummary>();
  /** Per function, sorted by start. */
  private readonly byFile = new Map<string, GraphFunction[]>();
  /** Per file, the enclosing function of each function of byFile (functionAt). */
  private readonly enclosing = new Map<string, Int32Array>();
  private readonly edgesCache = new Map<number, Edge[]>();
  /** Function values followed through the module's helpers, locals and fields (function-values.ts). */
  private readonly functionValues = new FunctionValues(this);
  /** Parameters (by index) that carry the DIF code, per function. */
  readonly difParams = new Map<number, Set<number>>();
  /** Initializer references of file-scope variables, by variable name. */
  private readonly inits = new Map<string, { file: FileSummary; refs: FileSummary['globalInits'] }>();
  /** Which files' statics each file sees, worked out when a static of another file is named. */
  private includes: IncludeVisibility | undefined;

  constructor(readonly summaries: readonly FileSummary[]) {
    for (const file of summaries) {
      this.files.set(file.filePath, file);
      const list: GraphFunction[] = [];
      for (const s of file.functions) {
        const fn: GraphFunction = { id: this.functions.length, file, s };
        this.functions.push(fn);
        list.push(fn);
        const named = this.byName.get(s.name);
        if (named) named.push(fn);
        else this.byName.set(s.name, [fn]);
      }
      list.sort((a, b) => a.s.start - b.s.start);
      this.byFile.set(file.filePath, list);
      for (const m of file.macros) if (!this.macros.has(m.name)) this.macros.set(m.name, m);
      for (const g of file.globalInits) {
        const entry = this.inits.get(g.owner);
        if (entry) entry.refs.push(g);
        else this.inits.set(g.owner, { file, refs: [g] });
      }
    }
  }

  /**
   * Functions a name refers to from a file: a static function the file sees first (its own, or one
   * of a header it includes: include-visibility.ts), else the module's non-static ones.
   */
  resolve(name: string, fromFile: string): GraphFunction[] {
    const all = this.byName.get(name);
    if (!all) return [];
    if (all.length === 1 && !all[0].s.isStatic) return all;
    if (all.length === 1) return this.sees(fromFile, all[0]) ? all : [];
    const local = all.filter((f) => f.s.isStatic && this.sees(fromFile, f));
    if (local.length > 0) return local;
    return all.filter((f) => !f.s.isStatic);
  }

  private sees(fromFile: string, fn: GraphFunction): boolean {
    if (fn.file.filePath === fromFile) return true;
    this.includes ??= new IncludeVisibility(this.summaries);
    return this.includes.sees(fromFile, fn.file.filePath);
  }

  private hierarchy: ClassHierarchy<GraphFunction> | undefined;

  /** The module's C++ classes and their methods (class-hierarchy.ts), worked out when first asked for. */
  classes(): ClassHierarchy<GraphFunction> {
    return (this.hierarchy ??= new ClassHierarchy(this.summaries, this.functions));
  }

  /**
   * The functions a call may run: with a receiver class the summary knows (`step->Run()`,
   * `this->Run()`, `Base::Run()`), the methods of that class and its subclasses
   * (class-hierarchy.ts); else, or when those define none, by name (resolve).
   */
  resolveCall(call: CallSite, fromFile: string): GraphFunction[] {
    if (call.receiverClass) {
      const methods = this.classes().methodsFor(call.name, call.receiverClass, call.exactClass === true);
      if (methods) return methods;
    }
    return this.resolve(call.name, fromFile);
  }

  /**
   * A call edge's chain step: `calls Run()`, and for a method of another class than the
   * receiver's (an overrider, or an inherited method) `calls Run() on a Step, which runs ShowStep::Run()`.
   */
  private callLabel(c: CallSite, target: GraphFunction): string {
    const cls = c.receiverClass;
    if (!cls || c.exactClass) return `calls ${c.name}()`;
    const runs = classOfMethod(target.s.qualifiedName);
    if (!runs || runs === cls || !this.classes().knows(cls)) return `calls ${c.name}()`;
    return `calls ${c.name}() on a ${cls}, which runs ${target.s.qualifiedName}()`;
  }

  /** The innermost function whose definition holds the offset. */
  functionAt(filePath: string, offset: number): GraphFunction | undefined {
    const list = this.byFile.get(filePath);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].s.start <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    // hi: the last function starting at or before the offset. A function holding the offset
    // starts before it and so holds that one too: it is that one or one of its enclosing functions
    // (a lambda's function, a method of a class in a function).
    const enclosing = this.enclosingOf(filePath, list);
    for (let i = hi; i >= 0; i = enclosing[i]) {
      if (offset < list[i].s.end) return list[i];
    }
    return undefined;
  }

  /** Per function of a file (sorted by start), the index of the innermost function holding it, or -1. */
  private enclosingOf(filePath: string, list: readonly GraphFunction[]): Int32Array {
    let enclosing = this.enclosing.get(filePath);
    if (enclosing) return enclosing;
    enclosing = new Int32Array(list.length);
    const open: number[] = [];
    list.forEach((f, i) => {
      while (open.length > 0 && list[open[open.length - 1]].s.end <= f.s.start) open.pop();
      enclosing[i] = open.length > 0 ? open[open.length - 1] : -1;
      open.push(i);
    });
    this.enclosing.set(filePath, enclosing);
    return enclosing;
  }

  isDead(filePath: string, offset: number): boolean {
    const file = this.files.get(filePath);
    return !!file && file.deadRanges.some(([s, e]) => s <= offset && offset < e);
  }

  /** Works out which parameters carry the DIF code, from the entry points' first parameter through calls that pass it on. */
  computeDifParams(entryFunctions: readonly number[]): void {
    const queue: number[] = [];
    for (const id of entryFunctions) {
      this.difParam(id).add(0);
      queue.push(id);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const fn = this.functions[queue[qi]];
      const params = this.difParam(fn.id);
      for (const call of fn.s.calls) {
        for (const pa of call.paramArgs ?? []) {
          if (!params.has(pa.param)) continue;
          for (const target of this.resolveCall(call, fn.file.filePath)) {
            const set = this.difParam(target.id);
            if (!set.has(pa.arg)) {
              set.add(pa.arg);
              queue.push(target.id);
            }
          }
        }
      }
    }
  }

  private difParam(id: number): Set<number> {
    let set = this.difParams.get(id);
    if (!set) this.difParams.set(id, (set = new Set()));
    return set;
  }

  /** The guards that hold at an offset of a function. */
  guardAt(fn: GraphFunction, offset: number): SiteGuard {
    let dif = ANY_DIF;
    let post: boolean | undefined;
    let quiet = false;
    let quietClear = false;
    let impossible = false;
    const params = this.difParams.get(fn.id);
    let onParams: { param: number; dif: DifSet }[] | undefined;
    for (const r of fn.s.regions) {
      if (offset < r.start || offset >= r.end) continue;
      if (r.dif && (r.named || (r.param !== undefined && params?.has(r.param)))) dif = intersectDif(dif, r.dif);
      if (r.dif && r.param !== undefined) (onParams ??= []).push({ param: r.param, dif: r.dif });
      if (r.post !== undefined) {
        if (post !== undefined && post !== r.post) impossible = true;
        post = r.post;
      }
      if (r.quiet) quiet = true;
      if (r.quietClear) quietClear = true;
    }
    const guard: SiteGuard = onParams ? { dif, post, quiet, impossible, onParams } : { dif, post, quiet, impossible };
    if (quietClear) guard.quietClear = true;
    return guard;
  }

  /** Where a DIF code is selected at an offset of a function (the innermost case label or comparison naming it). */
  anchorAt(fn: GraphFunction, offset: number, code: string): Range | undefined {
    let best: { start: number; range: Range } | undefined;
    const params = this.difParams.get(fn.id);
    for (const r of fn.s.regions) {
      if (offset < r.start || offset >= r.end || !r.dif || !r.anchors) continue;
      if (!(r.named || (r.param !== undefined && params?.has(r.param)))) continue;
      const a = r.anchors[code];
      if (a && (!best || r.start >= best.start)) best = { start: r.start, range: a };
    }
    return best?.range;
  }

  edgesOf(id: number): Edge[] {
    let edges = this.edgesCache.get(id);
    if (!edges) this.edgesCache.set(id, (edges = this.buildEdges(this.functions[id])));
    return edges;
  }

  /** Every function a macro's expansion calls, with the macro holding the call. */
  macroTargets(name: string): { name: string; via: string }[] {
    const m = this.macros.get(name);
    if (!m) return [];
    const alias = macroAlias(m);
    if (alias) {
      const next = this.macros.get(alias);
      return next ? this.macroTargets2(next) : [{ name: alias, via: m.name }];
    }
    return expandMacroCalls(m, this.macros);
  }

  private macroTargets2(m: MacroSummary): { name: string; via: string }[] {
    // an alias of an alias: follow iteratively
    const seen = new Set<string>();
    let cur: MacroSummary | undefined = m;
    while (cur && !seen.has(cur.name)) {
      seen.add(cur.name);
      const alias = macroAlias(cur);
      if (!alias) return expandMacroCalls(cur, this.macros);
      const next = this.macros.get(alias);
      if (!next) return [{ name: alias, via: cur.name }];
      cur = next;
    }
    return [];
  }

  private buildEdges(fn: GraphFunction): Edge[] {
    const edges: Edge[] = [];
    const from = fn.file.filePath;
    for (const c of fn.s.calls) {
      const step: Range = [c.nameStart, c.nameEnd];
      if (this.macros.has(c.name)) {
        for (const t of this.macroTargets(c.name)) {
          for (const target of this.resolve(t.name, from)) {
            edges.push({ to: target.id, kind: 'macro', label: `calls ${t.name}() through macro ${c.name}`, at: c.start, stepFile: from, stepRange: step });
          }
        }
        continue;
      }
      for (const target of this.resolveCall(c, from)) {
        const edge: Edge = { to: target.id, kind: 'call', label: this.callLabel(c, target), at: c.start, stepFile: from, stepRange: step };
        if (c.paramArgs) edge.paramArgs = c.paramArgs;
        if (c.constArgs) edge.constArgs = c.constArgs;
        edges.push(edge);
      }
    }
    for (const r of fn.s.refs) {
      const step: Range = [r.start, r.end];
      const targets = this.resolve(r.name, from);
      if (targets.length > 0) {
        for (const target of targets) {
          if (target.id === fn.id && r.pointer === 'pointer' && !r.via) continue;
          if (r.dispatchDif) {
            edges.push({ to: target.id, kind: 'dispatch', dif: r.dispatchDif, label: `dispatches ${r.dispatchDif} to ${r.name}()`, at: r.start, stepFile: from, stepRange: step });
          } else {
            // stored in a local: the uses of the local are the function's (function-values.ts)
            if (r.held) continue;
            // handed to a helper of the module: what the helper makes of it
            const site = { file: from, at: r.start, range: step, holder: '' };
            const helper = r.pointer === 'pointer' && r.via ? this.functionValues.viaHelper(target, `${r.name}()`, r.via, r.viaArg ?? 0, undefined, site) : undefined;
            if (helper) edges.push(...helper);
            else edges.push({ to: target.id, kind: r.pointer, label: pointerLabel(r.pointer, `${r.name}()`, r.via), at: r.start, stepFile: from, stepRange: step });
          }
        }
        continue;
      }
      if (this.macros.has(r.name)) {
        for (const t of this.macroTargets(r.name)) {
          for (const target of this.resolve(t.name, from)) {
            edges.push({ to: target.id, kind: 'macro', label: `calls ${t.name}() through macro ${r.name}`, at: r.start, stepFile: from, stepRange: step });
          }
        }
        continue;
      }
      const init = this.inits.get(r.name);
      if (init) {
        for (const g of init.refs) {
          const ref = g.ref;
          for (const target of this.resolve(ref.name, init.file.filePath)) {
            const at: Range = [ref.start, ref.end];
            if (ref.dispatchDif) {
              edges.push({
                to: target.id,
                kind: 'dispatch',
                dif: ref.dispatchDif,
                label: `dispatches ${ref.dispatchDif} to ${ref.name}() through ${r.name}`,
                at: r.start,
                stepFile: init.file.filePath,
                stepRange: at,
              });
            } else {
              edges.push({
                to: target.id,
                kind: ref.pointer,
                label: `${pointerLabel(ref.pointer, `${ref.name}()`, ref.via)} through ${r.name}`,
                at: r.start,
                stepFile: init.file.filePath,
                stepRange: at,
              });
            }
          }
        }
      }
    }
    edges.push(...this.functionValues.flowEdges(fn));
    return edges;
  }
}
