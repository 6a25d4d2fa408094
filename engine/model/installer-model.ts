/**
 * buildModuleModel: the installer model of one module, from its file summaries. Finds the entry
 * points, propagates DIF contexts from them over the module graph breadth-first (so the first
 * chain that reaches a state is a shortest one, and deep or cyclic graphs never recurse), and
 * answers the rules' questions (InstallerModelService).
 */
import type {
  ChainStep,
  EntryPointInfo,
  GlobalAccess,
  InstallerModelService,
  ModuleGlobal,
  ReachingContext,
} from './contract.js';
import type { SharedSettings } from '../linter/types.js';
import { lineColumn } from '../text/line-index.js';
import { PAGE_DIF_CODES, isInteractiveDifCode } from './dif-facts.js';
import { ANY_DIF, difIn, intersectDif, isEmptyDif, type DifSet } from './dif-set.js';
import { kindOfParamCount, signatureKind, undecorate } from './entry-points.js';
import { ModuleGraph, guardWithConstants, type Edge, type GraphFunction, type SiteGuard } from './module-graph.js';
import type { FileSummary, MacroSummary, Range } from './summary-types.js';

export interface ModelExtras {
  /** Names a .def file exports (also read from 'def' summaries). */
  defExports?: readonly { name: string; internalName?: string }[];
  /** Installers an INF registers (also read from 'inf' summaries). */
  infReferences?: readonly { kind: 'CoInstallers32' | 'Installer32'; entryPoint?: string }[];
  settings?: Partial<Pick<SharedSettings, 'entryPoints' | 'interactiveFunctions'>>;
}

/** What holds at a site: the entry point, the DIF codes, and the flags. */
interface Context {
  entry: number;
  dif: DifSet;
  interactive: boolean;
  quiet: boolean;
  post?: boolean;
}

interface State {
  fn: number;
  entry: number;
  dif: DifSet;
  interactive: boolean;
  quiet: boolean;
  post?: boolean;
  /** Parameters of `fn` that hold a DIF_ constant on this path. */
  consts?: ReadonlyMap<number, string>;
  parent: number;
  edge?: Edge;
  depth: number;
}

/** The DIF_ constants the callee's parameters hold after an edge: constants passed, and constants passed on. */
function constantsPassed(s: State, edge: Edge): ReadonlyMap<number, string> | undefined {
  if (!edge.constArgs && !(s.consts && edge.paramArgs)) return undefined;
  const out = new Map<number, string>();
  for (const c of edge.constArgs ?? []) out.set(c.arg, c.code);
  if (s.consts) for (const p of edge.paramArgs ?? []) {
    const code = s.consts.get(p.param);
    if (code !== undefined) out.set(p.arg, code);
  }
  return out.size > 0 ? out : undefined;
}

/** The text a context's DIF code reads as when the code is not one name. */
export const ANY_DIF_CODE = 'any DIF code';
export const OTHER_DIF_CODE = 'any other DIF code';

export interface InstallerModel extends InstallerModelService {
  readonly graph: ModuleGraph;
  globalAt(filePath: string, offset: number): ModuleGlobal | undefined;
  accessesOf(global: ModuleGlobal): readonly GlobalAccess[];
  macroCalls(name: string): readonly string[];
}

export function buildModuleModel(summaries: readonly FileSummary[], extras: ModelExtras = {}): InstallerModel {
  return new Model(summaries, extras);
}

class Model implements InstallerModel {
  readonly graph: ModuleGraph;
  readonly entryPoints: EntryPointInfo[] = [];
  private readonly entryFns: GraphFunction[] = [];
  private readonly states: State[] = [];
  private readonly statesByFn = new Map<number, number[]>();
  private readonly interactiveFns: Set<string>;
  private fromDllMain: Set<number> | undefined;
  /** Answers already given in this model's life (one lint of the module): rules ask for the same sites. */
  private readonly contextMemo = new Map<string, ReachingContext[]>();
  private readonly singles = new Map<string, DifSet>();
  private globalsIndex: GlobalsIndex | undefined;

  constructor(summaries: readonly FileSummary[], private readonly extras: ModelExtras) {
    this.graph = new ModuleGraph(summaries);
    this.interactiveFns = new Set(extras.settings?.interactiveFunctions ?? []);
    this.findEntryPoints();
    this.graph.computeDifParams(this.entryFns.map((f) => f.id));
    this.propagate();
  }

  // ------------------------------------------------------------------------------------------
  // entry points

  private findEntryPoints(): void {
    const g = this.graph;
    const via = new Map<number, Set<EntryPointInfo['via'][number]>>();
    const kinds = new Map<number, EntryPointInfo['kind']>();
    const add = (fn: GraphFunction, how: EntryPointInfo['via'][number], kind?: EntryPointInfo['kind']) => {
      let set = via.get(fn.id);
      if (!set) via.set(fn.id, (set = new Set()));
      set.add(how);
      if (kind && !kinds.has(fn.id)) kinds.set(fn.id, kind);
    };
    const defNames = new Set<string>();
    /** exported name -> internal names, and back */
    const internalOf = new Map<string, string>();
    const exportNamesOf = new Map<string, string[]>();
    const defs = [...(this.extras.defExports ?? []), ...g.summaries.flatMap((s) => s.defExports ?? [])];
    for (const d of defs) {
      const internal = undecorate(d.internalName ?? d.name);
      defNames.add(internal);
      const exportedAs = undecorate(d.name);
      if (exportedAs !== internal) {
        internalOf.set(exportedAs, internal);
        const list = exportNamesOf.get(internal);
        if (list) list.push(exportedAs);
        else exportNamesOf.set(internal, [exportedAs]);
      }
    }
    const infRefs = [...(this.extras.infReferences ?? []), ...g.summaries.flatMap((s) => s.infReferences ?? [])];
    // __declspec(dllexport) written directly, or through one of the module's own macros (blanked before the parse)
    const exportMacros = exportMacroNames(g.summaries.flatMap((s) => s.macros));
    const isDllexport = (fn: GraphFunction) => fn.s.dllexport || (fn.s.headerWords?.some((w) => exportMacros.has(w)) ?? false);
    const exported = (fn: GraphFunction) => isDllexport(fn) || defNames.has(fn.s.name);

    for (const fn of g.functions) {
      const sig = signatureKind(fn.s.params);
      if (sig) {
        add(fn, 'signature', sig);
        if (defNames.has(fn.s.name)) add(fn, 'def');
        if (isDllexport(fn)) add(fn, 'dllexport');
      }
    }
    for (const ref of infRefs) {
      const exportedAs = undecorate(ref.entryPoint ?? (ref.kind === 'CoInstallers32' ? 'CoDeviceInstall' : 'ClassInstall'));
      const name = internalOf.get(exportedAs) ?? exportedAs;
      for (const fn of g.byName.get(name) ?? []) {
        add(fn, 'inf', ref.kind === 'CoInstallers32' ? 'co-installer' : 'class-installer');
        if (defNames.has(fn.s.name)) add(fn, 'def');
        if (isDllexport(fn)) add(fn, 'dllexport');
      }
    }
    for (const name of this.extras.settings?.entryPoints ?? []) {
      // a plain name, or `Class::Method` for one member among several of that name
      const own = name.slice(name.lastIndexOf(':') + 1);
      for (const fn of g.byName.get(own) ?? []) if (own === name || fn.s.qualifiedName === name) add(fn, 'config');
    }
    // A function of installer shape that is neither exported nor registered, and that another
    // function calls, is a helper the real entry point forwards to.
    const called = new Set<number>();
    for (const fn of g.functions) for (const e of g.edgesOf(fn.id)) if (e.to !== fn.id) called.add(e.to);
    const anyExported = [...via.entries()].some(([id, s]) => s.size > 1 || !s.has('signature') || exported(g.functions[id]));
    for (const [id, how] of via) {
      const fn = g.functions[id];
      if (how.size === 1 && how.has('signature') && !exported(fn) && called.has(id) && (anyExported || fn.s.isStatic)) continue;
      const kind = kinds.get(id) ?? kindOfParamCount(fn.s.params) ?? 'co-installer';
      const p = fn.s.params;
      this.entryFns.push(fn);
      this.entryPoints.push({
        name: fn.s.name,
        kind,
        filePath: fn.file.filePath,
        range: [fn.s.start, fn.s.end],
        nameRange: [fn.s.nameStart, fn.s.nameEnd],
        params: {
          dif: p[0]?.name ?? undefined,
          deviceInfoSet: p[1]?.name ?? undefined,
          deviceInfoData: p[2]?.name ?? undefined,
          context: kind === 'co-installer' ? (p[3]?.name ?? undefined) : undefined,
        },
        via: [...how],
        handledDifCodes: [],
        nameLoc: this.locOf(fn.file, fn.s.nameStart, fn.s.nameEnd),
      });
      const aliases = exportNamesOf.get(fn.s.name);
      if (aliases) this.entryPoints[this.entryPoints.length - 1].exportNames = aliases;
    }
  }

  /**
   * Codes the entry point tests explicitly, in source order: its own case labels, comparisons and
   * dispatch entries, then those of the helpers it hands the DIF code to (`Handle(set, code)`).
   */
  private handledCodes(entry: GraphFunction): string[] {
    const out = new Set<string>();
    const queue = [entry];
    const seen = new Set<number>([entry.id]);
    for (let qi = 0; qi < queue.length; qi++) {
      const fn = queue[qi];
      const found: { at: number; code: string }[] = [];
      const params = this.graph.difParams.get(fn.id);
      for (const r of fn.s.regions) {
        if (!r.dif || !r.anchors || !(r.named || (r.param !== undefined && params?.has(r.param)))) continue;
        for (const [code, range] of Object.entries(r.anchors)) found.push({ at: range[0], code });
      }
      for (const e of this.graph.edgesOf(fn.id)) if (e.kind === 'dispatch' && e.dif) found.push({ at: e.at, code: e.dif });
      found.sort((a, b) => a.at - b.at);
      for (const f of found) out.add(f.code);
      for (const call of fn.s.calls) {
        if (!call.paramArgs?.some((pa) => params?.has(pa.param))) continue;
        for (const target of this.graph.resolve(call.name, fn.file.filePath)) {
          if (seen.has(target.id)) continue;
          seen.add(target.id);
          queue.push(target);
        }
      }
    }
    return [...out];
  }

  // ------------------------------------------------------------------------------------------
  // propagation

  private propagate(): void {
    const seen = new Set<string>();
    let from = -1;
    let via: Edge | undefined;
    let to = -1;
    const push = (entry: number, dif: DifSet, interactive: boolean, quiet: boolean, post: boolean | undefined, consts?: ReadonlyMap<number, string>) => {
      const constKey = consts ? [...consts].map(([p, c]) => `${p}=${c}`).join(',') : '';
      const key = `${to}|${entry}|${dif.key}|${interactive ? 1 : 0}|${quiet ? 1 : 0}|${post}|${constKey}`;
      if (seen.has(key)) return;
      seen.add(key);
      const depth = from < 0 ? 0 : this.states[from].depth + 1;
      const state: State = { fn: to, entry, dif, interactive, quiet, post, parent: from, edge: via, depth };
      if (consts) state.consts = consts;
      const index = this.states.push(state) - 1;
      const list = this.statesByFn.get(to);
      if (list) list.push(index);
      else this.statesByFn.set(to, [index]);
    };
    this.entryFns.forEach((fn, entry) => {
      (this.entryPoints[entry] as { handledDifCodes: readonly string[] }).handledDifCodes = this.handledCodes(fn);
      to = fn.id;
      push(entry, ANY_DIF, this.isInteractiveFunction(fn), false, undefined);
    });
    for (let i = 0; i < this.states.length; i++) {
      const s = this.states[i];
      const fn = this.graph.functions[s.fn];
      from = i;
      for (const edge of this.graph.edgesOf(s.fn)) {
        via = edge;
        to = edge.to;
        edge.guard ??= this.graph.guardAt(fn, edge.at);
        const guard = s.consts ? guardWithConstants(this.graph, fn, edge.at, edge.guard, s.consts) : edge.guard;
        this.step(s, guard, edge, this.graph.functions[edge.to], push);
      }
    }
  }

  private isInteractiveFunction(fn: GraphFunction): boolean {
    return this.interactiveFns.size > 0 && (this.interactiveFns.has(fn.s.name) || this.interactiveFns.has(fn.s.qualifiedName));
  }

  /** One DIF code as a set, the same object every time. */
  private single(code: string): DifSet {
    let set = this.singles.get(code);
    if (!set) this.singles.set(code, (set = difIn([code])));
    return set;
  }

  /**
   * The contexts that hold past a site (an edge, or the final site when `edge` is undefined),
   * handed to `emit` one by one.
   */
  private step(
    s: State,
    guard: SiteGuard,
    edge: Edge | undefined,
    target: GraphFunction | undefined,
    emit: (entry: number, dif: DifSet, interactive: boolean, quiet: boolean, post: boolean | undefined, consts?: ReadonlyMap<number, string>) => void,
  ): void {
    if (guard.impossible) return;
    if (guard.post !== undefined && s.post !== undefined && guard.post !== s.post) return;
    let dif = intersectDif(s.dif, guard.dif);
    if (edge?.kind === 'dispatch' && edge.dif) dif = intersectDif(dif, this.single(edge.dif));
    if (isEmptyDif(dif)) return;
    const post = guard.post ?? s.post;
    const quiet = s.quiet || guard.quiet;
    const kind = this.entryPoints[s.entry].kind;
    const inherited = s.interactive || (target !== undefined && this.isInteractiveFunction(target));
    const page = edge?.kind === 'page';
    const consts = edge ? constantsPassed(s, edge) : s.consts;
    if (dif.mode === 'in') {
      for (const code of dif.codes) {
        const interactive = inherited || (page && PAGE_DIF_CODES.has(code)) || isInteractiveDifCode(code, kind);
        emit(s.entry, dif.codes.size === 1 ? dif : this.single(code), interactive, quiet, post, consts);
      }
    } else if (page) {
      // a page procedure runs only while the wizard or property sheet that shows it is up
      for (const code of PAGE_DIF_CODES) if (!dif.codes.has(code)) emit(s.entry, this.single(code), true, quiet, post, consts);
    } else {
      emit(s.entry, dif, inherited, quiet, post, consts);
    }
  }

  // ------------------------------------------------------------------------------------------
  // queries

  contextsAt(filePath: string, offset: number): ReachingContext[] {
    const key = `${filePath}\u0000${offset}`;
    let found = this.contextMemo.get(key);
    if (!found) this.contextMemo.set(key, (found = this.computeContexts(filePath, offset)));
    return [...found];
  }

  private computeContexts(filePath: string, offset: number): ReachingContext[] {
    if (this.graph.isDead(filePath, offset)) return [];
    const fn = this.graph.functionAt(filePath, offset);
    if (!fn) return [];
    const base = this.graph.guardAt(fn, offset);
    const found = new Map<string, { state: number; ctx: Context }>();
    let index = -1;
    const keep = (entry: number, dif: DifSet, interactive: boolean, quiet: boolean, post: boolean | undefined) => {
      const key = `${entry}|${dif.key}|${interactive}|${quiet}|${post}`;
      const prev = found.get(key);
      if (!prev || this.states[prev.state].depth > this.states[index].depth) found.set(key, { state: index, ctx: { entry, dif, interactive, quiet, post } });
    };
    for (const i of this.statesByFn.get(fn.id) ?? []) {
      index = i;
      const s = this.states[i];
      this.step(s, s.consts ? guardWithConstants(this.graph, fn, offset, base, s.consts) : base, undefined, undefined, keep);
    }
    return [...found.values()].map(({ state, ctx }) => this.context(state, ctx, offset));
  }

  private context(stateIndex: number, ctx: Context, offset: number): ReachingContext {
    const entry = this.entryPoints[ctx.entry];
    const path: State[] = [];
    for (let i = stateIndex; i >= 0; i = this.states[i].parent) path.push(this.states[i]);
    path.reverse();
    const code = ctx.dif.mode === 'in' ? [...ctx.dif.codes][0] : ctx.dif.codes.size === 0 ? ANY_DIF_CODE : OTHER_DIF_CODE;
    const steps: ChainStep[] = [];
    // where the entry point selects the code: a case label or comparison on the way, else its name
    const entryFn = this.entryFns[ctx.entry];
    const firstAt = path.length > 1 ? path[1].edge!.at : offset;
    let anchor: Range | undefined = ctx.dif.mode === 'in' ? this.graph.anchorAt(entryFn, firstAt, code) : undefined;
    let anchorFile = entry.filePath;
    if (!anchor && ctx.dif.mode === 'in') {
      const dispatch = path.find((p) => p.edge?.kind === 'dispatch' && p.edge.dif === code)?.edge;
      if (dispatch) {
        anchor = dispatch.stepRange;
        anchorFile = dispatch.stepFile;
      }
    }
    let label = `${entry.name} handles ${code}`;
    if (ctx.dif.mode === 'out' && ctx.dif.codes.size > 0) label = `${entry.name} handles any DIF code but ${[...ctx.dif.codes].sort().join(', ')}`;
    if (ctx.post) label += ' (post-processing)';
    steps.push(this.stepAt(anchorFile, anchor ?? entry.nameRange, label));
    for (const p of path) if (p.edge) steps.push(this.stepAt(p.edge.stepFile, p.edge.stepRange, p.edge.label));
    const result: ReachingContext = {
      entryPoint: entry,
      difCode: code,
      interactive: ctx.interactive,
      chain: steps,
    };
    if (ctx.quiet) result.quietGuarded = true;
    if (ctx.post !== undefined) result.postProcessing = ctx.post;
    if (ctx.dif.mode === 'out' && ctx.dif.codes.size > 0) result.otherThan = [...ctx.dif.codes].sort();
    return result;
  }

  private locOf(file: FileSummary, start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
    const a = lineColumn(file.lineStarts, start);
    const b = lineColumn(file.lineStarts, end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  private stepAt(filePath: string, range: Range, label: string): ChainStep {
    const file = this.graph.files.get(filePath);
    const lines = file?.lineStarts ?? [0];
    const start = lineColumn(lines, range[0]);
    const end = lineColumn(lines, range[1]);
    return { filePath, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range: [range[0], range[1]], label };
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

  private globals(): GlobalsIndex {
    this.globalsIndex ??= new GlobalsIndex(this.graph);
    return this.globalsIndex;
  }
}

const HEADER = /\.(h|hh|hpp|hxx|inl)$/i;

/** Module globals and every read and write of them, by file position. */
class GlobalsIndex {
  readonly accesses = new Map<ModuleGlobal, GlobalAccess[]>();
  private readonly sites = new Map<string, { start: number; end: number; global: ModuleGlobal }[]>();

  constructor(graph: ModuleGraph) {
    const shared = new Map<string, ModuleGlobal>();
    const sharedIsExtern = new Map<string, boolean>();
    const perFile = new Map<string, { statics: Map<string, ModuleGlobal>; locals: ModuleGlobal[] }>();
    const headerStatics = new Map<string, ModuleGlobal>();
    for (const file of graph.summaries) {
      const statics = new Map<string, ModuleGlobal>();
      const locals: ModuleGlobal[] = [];
      for (const d of file.globals) {
        const g: ModuleGlobal = {
          name: d.name,
          filePath: file.filePath,
          nameRange: [d.nameStart, d.nameEnd],
          scope: d.scope,
          isConst: d.isConst,
        };
        if (d.functionName) g.functionName = d.functionName;
        locals.push(g);
        if (d.scope === 'static-local') continue;
        if (d.isStatic) {
          if (!statics.has(d.name)) statics.set(d.name, g);
          // a static in a header is a copy in every file that includes it: one global for the model
          if (HEADER.test(file.filePath) && !headerStatics.has(d.name)) headerStatics.set(d.name, g);
        } else if (!shared.has(d.name) || (sharedIsExtern.get(d.name) && !d.isExtern)) {
          shared.set(d.name, g);
          sharedIsExtern.set(d.name, d.isExtern);
        }
      }
      perFile.set(file.filePath, { statics, locals });
    }
    for (const file of graph.summaries) {
      const mine = perFile.get(file.filePath)!;
      const sites: { start: number; end: number; global: ModuleGlobal }[] = [];
      file.globals.forEach((d, i) => {
        const declared = d.scope === 'static-local' || d.isStatic ? mine.locals[i] : (shared.get(d.name) ?? mine.locals[i]);
        sites.push({ start: d.nameStart, end: d.nameEnd, global: declared });
      });
      for (const fn of file.functions) {
        for (const r of fn.refs) {
          const g = mine.statics.get(r.name) ?? shared.get(r.name) ?? headerStatics.get(r.name);
          if (!g) continue;
          this.add(g, file.filePath, r.start, r.end, r.access, sites);
        }
        for (const a of fn.staticAccesses) this.add(mine.locals[a.global], file.filePath, a.start, a.end, a.access, sites);
      }
      sites.sort((a, b) => a.start - b.start);
      this.sites.set(file.filePath, sites);
    }
  }

  private add(global: ModuleGlobal, filePath: string, start: number, end: number, kind: 'read' | 'write', sites: { start: number; end: number; global: ModuleGlobal }[]) {
    const list = this.accesses.get(global);
    const access: GlobalAccess = { global, filePath, range: [start, end], kind };
    if (list) list.push(access);
    else this.accesses.set(global, [access]);
    sites.push({ start, end, global });
  }

  at(filePath: string, offset: number): ModuleGlobal | undefined {
    const sites = this.sites.get(filePath);
    if (!sites) return undefined;
    let lo = 0;
    let hi = sites.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sites[mid].start <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    const s = sites[hi];
    return s && offset < s.end ? s.global : undefined;
  }
}

/** The module's object-like macros that stand for `__declspec(dllexport)`, directly or through another of them. */
function exportMacroNames(macros: readonly MacroSummary[]): Set<string> {
  const objectLike = macros.filter((m) => m.params === undefined);
  const names = new Set(objectLike.filter((m) => m.calls.includes('__declspec') && m.names.includes('dllexport')).map((m) => m.name));
  for (let grew = names.size > 0; grew; ) {
    grew = false;
    for (const m of objectLike) {
      if (names.has(m.name) || !m.names.some((n) => names.has(n))) continue;
      names.add(m.name);
      grew = true;
    }
  }
  return names;
}
