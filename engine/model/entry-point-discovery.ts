/**
 * The entry points of a module (docs/architecture.md, Entry points): functions of installer shape
 * (entry-points.ts: the result and the parameters, read through the module's macros), confirmed
 * or named by the .def EXPORTS, __declspec(dllexport), the INF's CoInstallers32/Installer32
 * values and settings.entryPoints (of the configuration of the file that defines the function);
 * and the DIF codes each one handles.
 */
import type { DefExport, EntryPointInfo } from './contract.js';
import type { SharedSettings } from '../linter/types.js';
import { lineColumn } from '../text/line-index.js';
import { isInstallerResult, isSetupApiName, kindOfParamCount, signatureKind, undecorate } from './entry-points.js';
import { macroAlias } from './macros.js';
import type { GraphFunction, ModuleGraph } from './module-graph.js';
import type { FileSummary, MacroSummary } from './summary-types.js';

export interface ModelExtras {
  /** Names a .def file exports (also read from 'def' summaries). */
  defExports?: readonly DefExport[];
  /** Installers an INF registers (also read from 'inf' summaries). */
  infReferences?: readonly { kind: 'CoInstallers32' | 'Installer32'; entryPoint?: string }[];
  settings?: Partial<Pick<SharedSettings, 'entryPoints' | 'interactiveFunctions'>>;
  /**
   * The settings.entryPoints of the configuration that applies to a file: when given, a name
   * makes an entry point of the functions defined in the files whose configuration lists it
   * (settings.entryPoints above is then not read).
   */
  entryPointsOf?: (filePath: string) => readonly string[];
}

type Via = EntryPointInfo['via'][number];

/** The names the module exports: those given with the model, then those of its .def summaries. */
export function moduleDefExports(graph: ModuleGraph, extras: ModelExtras): DefExport[] {
  return [...(extras.defExports ?? []), ...graph.summaries.flatMap((s) => s.defExports ?? [])];
}

/** The module's entry points, with the graph function of each (same order); handledDifCodes left empty. */
export function findEntryPoints(g: ModuleGraph, extras: ModelExtras): { functions: GraphFunction[]; entryPoints: EntryPointInfo[] } {
  const via = new Map<number, Set<Via>>();
  const kinds = new Map<number, EntryPointInfo['kind']>();
  const add = (fn: GraphFunction, how: Via, kind?: EntryPointInfo['kind']) => {
    let set = via.get(fn.id);
    if (!set) via.set(fn.id, (set = new Set()));
    set.add(how);
    if (kind && !kinds.has(fn.id)) kinds.set(fn.id, kind);
  };
  const defNames = new Set<string>();
  /** exported name -> internal names, and back */
  const internalOf = new Map<string, string>();
  const exportNamesOf = new Map<string, string[]>();
  for (const d of moduleDefExports(g, extras)) {
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
  const infRefs = [...(extras.infReferences ?? []), ...g.summaries.flatMap((s) => s.infReferences ?? [])];
  // __declspec(dllexport) written directly, or through one of the module's own macros (blanked before the parse)
  const exportMacros = exportMacroNames(g.summaries.flatMap((s) => s.macros));
  const isDllexport = (fn: GraphFunction) => fn.s.dllexport || (fn.s.headerWords?.some((w) => exportMacros.has(w)) ?? false);
  const exported = (fn: GraphFunction) => isDllexport(fn) || defNames.has(fn.s.name);

  const resolve = typeResolver(g.summaries.flatMap((s) => s.macros));
  for (const fn of g.functions) {
    const sig = installerShape(fn, resolve);
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
  for (const fn of configuredEntryPoints(g, extras)) add(fn, 'config');
  // A function of installer shape that is neither exported nor registered, and that another
  // function calls, is a helper the real entry point forwards to.
  const called = new Set<number>();
  for (const fn of g.functions) for (const e of g.edgesOf(fn.id)) if (e.to !== fn.id) called.add(e.to);
  const anyExported = [...via.entries()].some(([id, s]) => s.size > 1 || !s.has('signature') || exported(g.functions[id]));
  const functions: GraphFunction[] = [];
  const entryPoints: EntryPointInfo[] = [];
  for (const [id, how] of via) {
    const fn = g.functions[id];
    if (how.size === 1 && how.has('signature') && !exported(fn) && called.has(id) && (anyExported || fn.s.isStatic)) continue;
    const entry = entryPointInfo(fn, kinds.get(id) ?? kindOfParamCount(fn.s.params) ?? 'co-installer', [...how]);
    const aliases = exportNamesOf.get(fn.s.name);
    if (aliases) entry.exportNames = aliases;
    functions.push(fn);
    entryPoints.push(entry);
  }
  return { functions, entryPoints };
}

/** The kind of installer a function's result and parameters make it, or undefined (SetupAPI's own functions never). */
function installerShape(fn: GraphFunction, resolve: (type: string) => string): EntryPointInfo['kind'] | undefined {
  if (isSetupApiName(fn.s.name)) return undefined;
  if (!isInstallerResult(fn.s.returnType === undefined ? undefined : resolve(fn.s.returnType))) return undefined;
  return signatureKind(fn.s.params, resolve);
}

/**
 * A type read through the module's object-like macros that stand for one name
 * (`#define CONTOSO_DIF DI_FUNCTION`, and macros of macros): each name of the type replaced.
 */
function typeResolver(macros: readonly MacroSummary[]): (type: string) => string {
  const alias = new Map<string, string>();
  for (const m of macros) {
    const to = macroAlias(m);
    if (to !== undefined && !alias.has(m.name)) alias.set(m.name, to);
  }
  if (alias.size === 0) return (type) => type;
  const word = (w: string) => {
    let to = w;
    for (let hops = 0; hops < 8 && alias.has(to); hops++) to = alias.get(to)!;
    return to;
  };
  return (type) => type.replace(/[A-Za-z_]\w*/g, word);
}

/**
 * The functions settings.entryPoints names: a plain name, or `Class::Method` for one member among
 * several of that name. With `entryPointsOf`, each function is looked up in the list of the
 * configuration of its own file (a subfolder's coinstaller-lint.json applies there).
 */
function configuredEntryPoints(g: ModuleGraph, extras: ModelExtras): GraphFunction[] {
  const named = (fn: GraphFunction, name: string) => {
    const own = name.slice(name.lastIndexOf(':') + 1);
    return fn.s.name === own && (own === name || fn.s.qualifiedName === name);
  };
  const perFile = extras.entryPointsOf;
  if (!perFile) {
    const out: GraphFunction[] = [];
    for (const name of extras.settings?.entryPoints ?? []) {
      for (const fn of g.byName.get(name.slice(name.lastIndexOf(':') + 1)) ?? []) if (named(fn, name)) out.push(fn);
    }
    return out;
  }
  const listOf = new Map<string, readonly string[]>();
  return g.functions.filter((fn) => {
    let list = listOf.get(fn.file.filePath);
    if (!list) listOf.set(fn.file.filePath, (list = perFile(fn.file.filePath)));
    return list.some((name) => named(fn, name));
  });
}

function entryPointInfo(fn: GraphFunction, kind: EntryPointInfo['kind'], via: Via[]): EntryPointInfo {
  const p = fn.s.params;
  return {
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
    via,
    handledDifCodes: [],
    nameLoc: locOf(fn.file, fn.s.nameStart, fn.s.nameEnd),
  };
}

function locOf(file: FileSummary, start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
  const a = lineColumn(file.lineStarts, start);
  const b = lineColumn(file.lineStarts, end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/**
 * Codes the entry point tests explicitly, in source order: its own case labels, comparisons and
 * dispatch entries, then those of the helpers it hands the DIF code to (`Handle(set, code)`).
 * Reads the graph's DIF parameters (ModuleGraph.computeDifParams runs first).
 */
export function handledCodes(graph: ModuleGraph, entry: GraphFunction): string[] {
  const out = new Set<string>();
  const queue = [entry];
  const seen = new Set<number>([entry.id]);
  for (let qi = 0; qi < queue.length; qi++) {
    const fn = queue[qi];
    const found: { at: number; code: string }[] = [];
    const params = graph.difParams.get(fn.id);
    for (const r of fn.s.regions) {
      if (!r.dif || !r.anchors || !(r.named || (r.param !== undefined && params?.has(r.param)))) continue;
      for (const [code, range] of Object.entries(r.anchors)) found.push({ at: range[0], code });
    }
    for (const e of graph.edgesOf(fn.id)) if (e.kind === 'dispatch' && e.dif) found.push({ at: e.at, code: e.dif });
    found.sort((a, b) => a.at - b.at);
    for (const f of found) out.add(f.code);
    for (const call of fn.s.calls) {
      if (!call.paramArgs?.some((pa) => params?.has(pa.param))) continue;
      for (const target of graph.resolve(call.name, fn.file.filePath)) {
        if (seen.has(target.id)) continue;
        seen.add(target.id);
        queue.push(target);
      }
    }
  }
  return [...out];
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
