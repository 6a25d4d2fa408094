/**
 * A file's summary after an edit inside one function at file scope, without walking the rest of
 * the file: the walk keeps no state from one child of the root to the next but the numbering of
 * globals, so the summary of the new text is the old one with the part recorded inside that
 * function walked again and everything after it moved by the edit's length (globals renumbered).
 * The lint session uses it on keystrokes (engine/incremental/edit-splice.ts); a test checks it
 * against the summary of the whole new text.
 *
 * `sameShape` tells whether the function's part is the same up to an order-preserving renaming of
 * its offsets: then the module's model answers as before everywhere outside the function (the
 * model reads names, kinds and how offsets compare, never how far apart they are).
 */
import type { Node } from 'web-tree-sitter';
import { addHeaderWords } from './file-summary.js';
import { summarizeTopLevelNode } from './summarize.js';
import type { WasmBinding } from './summarize-cursor.js';
import type { CallSite, ClassSummary, FileSummary, FunctionSummary, GlobalDecl, GlobalInitRef, GuardRegion, MacroSummary, Range, RefSite } from './summary-types.js';

export interface SplicedSummary {
  summary: FileSummary;
  /** The function's part has the same shape as before (see the module comment). */
  sameShape: boolean;
}

/**
 * The summary of `text` from `old` (the summary of the text before the edit), where `node` is the
 * function at file scope that holds the edit in the new tree and `delta` the change in length.
 * Undefined when the part cannot be spliced (an #include inside the function: includes carry no offsets).
 */
export function spliceTopLevelSummary(
  old: FileSummary,
  node: Node,
  text: string,
  oldText: string,
  delta: number,
  lineStarts: readonly number[],
  binding?: WasmBinding,
  /**
   * The names a reference can mean something to the model by (moduleNames): references to other
   * names (an undeclared name being typed, an API constant) are left out of the shape. Without it
   * every reference counts.
   */
  knownNames?: ReadonlySet<string>,
): SplicedSummary | undefined {
  const start = node.startIndex;
  const newEnd = node.endIndex;
  const oldEnd = newEnd - delta;
  if (text.slice(start, newEnd).includes('#include') || oldText.slice(start, oldEnd).includes('#include')) return undefined;

  const fnFrom = firstAtOrAfter(old.functions, start, (f) => f.start);
  const fnTo = firstAtOrAfter(old.functions, oldEnd, (f) => f.start);
  const gFrom = firstAtOrAfter(old.globals, start, (g) => g.nameStart);
  const gTo = firstAtOrAfter(old.globals, oldEnd, (g) => g.nameStart);

  const part: FileSummary = {
    filePath: old.filePath,
    language: old.language,
    lineStarts,
    functions: [],
    globals: old.globals.slice(0, gFrom),
    globalInits: [],
    macros: [],
    deadRanges: [],
    includes: [],
  };
  summarizeTopLevelNode(node, text, part, binding);
  if (part.includes.length > 0) return undefined;
  addHeaderWords(part.functions, text);
  const newGlobals = part.globals.slice(gFrom);
  const renumber = newGlobals.length - (gTo - gFrom);

  const inside = (at: number) => at >= start && at < oldEnd;
  const before = (at: number) => at < start;
  const byStart = <T>(items: readonly T[], at: (item: T) => number, fresh: readonly T[], shift: (item: T) => T): T[] => [
    ...items.filter((i) => before(at(i))),
    ...fresh,
    ...items.filter((i) => at(i) >= oldEnd).map(shift),
  ];

  const summary: FileSummary = {
    ...old,
    lineStarts,
    functions: [...old.functions.slice(0, fnFrom), ...part.functions, ...old.functions.slice(fnTo).map((f) => shiftFunction(f, delta, gTo, renumber))],
    globals: [...old.globals.slice(0, gFrom), ...newGlobals, ...old.globals.slice(gTo).map((g) => shiftGlobal(g, delta))],
    globalInits: byStart(old.globalInits, (g) => g.ref.start, part.globalInits, (g) => ({ ...g, ref: shiftRef(g.ref, delta) })),
    macros: byStart(old.macros, (m) => m.start, part.macros, (m) => ({ ...m, start: m.start + delta, end: m.end + delta })),
    deadRanges: byStart(old.deadRanges, (r) => r[0], part.deadRanges, (r) => [r[0] + delta, r[1] + delta] as const),
  };
  // C++ classes defined inside the function (summarize-cxx.ts): kept only when some class is (as the walk does)
  const classes = byStart(old.classes ?? [], (c) => c.start, part.classes ?? [], (c) => ({ ...c, start: c.start + delta }));
  if (classes.length > 0) summary.classes = classes;
  else delete summary.classes;

  const oldPart = {
    functions: old.functions.slice(fnFrom, fnTo),
    globals: old.globals.slice(gFrom, gTo),
    globalInits: old.globalInits.filter((g) => inside(g.ref.start)),
    macros: old.macros.filter((m) => inside(m.start)),
    deadRanges: old.deadRanges.filter((r) => inside(r[0])),
    classes: (old.classes ?? []).filter((c) => inside(c.start)),
  };
  const newPart = { functions: part.functions, globals: newGlobals, globalInits: part.globalInits, macros: part.macros, deadRanges: part.deadRanges, classes: part.classes ?? [] };
  return { summary, sameShape: sameShape(oldPart, newPart, gFrom, knownNames) };
}

/**
 * The names the model resolves references by, in a module's summaries: its functions (plain and
 * qualified names), globals and function statics, macros, and the variables whose initializers it
 * reads. A reference to any other name is a dead end for the model (it resolves to nothing).
 */
export function moduleNames(summaries: readonly FileSummary[], extra: Iterable<string> = []): Set<string> {
  const names = new Set<string>(extra);
  for (const s of summaries) {
    for (const f of s.functions) names.add(f.name).add(f.qualifiedName);
    for (const g of s.globals) names.add(g.name);
    for (const m of s.macros) names.add(m.name);
    for (const g of s.globalInits) names.add(g.owner);
  }
  return names;
}

/** The index of the first item whose offset is at or after `at` (items in document order). */
function firstAtOrAfter<T>(items: readonly T[], at: number, offset: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offset(items[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shiftRef(r: RefSite, d: number): RefSite {
  return { ...r, start: r.start + d, end: r.end + d };
}

function shiftCall(c: CallSite, d: number): CallSite {
  return { ...c, start: c.start + d, end: c.end + d, nameStart: c.nameStart + d, nameEnd: c.nameEnd + d };
}

function shiftRegion(r: GuardRegion, d: number): GuardRegion {
  const out: GuardRegion = { ...r, start: r.start + d, end: r.end + d };
  if (r.anchors) {
    const anchors: Record<string, Range> = {};
    for (const [code, range] of Object.entries(r.anchors)) anchors[code] = [range[0] + d, range[1] + d];
    out.anchors = anchors;
  }
  return out;
}

function shiftGlobal(g: GlobalDecl, d: number): GlobalDecl {
  return { ...g, nameStart: g.nameStart + d, nameEnd: g.nameEnd + d };
}

/** A function after the edit: offsets moved by `d`, indices of globals from `firstMoved` on by `renumber`. */
function shiftFunction(f: FunctionSummary, d: number, firstMoved: number, renumber: number): FunctionSummary {
  return {
    ...f,
    start: f.start + d,
    end: f.end + d,
    nameStart: f.nameStart + d,
    nameEnd: f.nameEnd + d,
    bodyStart: f.bodyStart + d,
    calls: f.calls.map((c) => shiftCall(c, d)),
    refs: f.refs.map((r) => shiftRef(r, d)),
    regions: f.regions.map((r) => shiftRegion(r, d)),
    staticAccesses: f.staticAccesses.map((a) => ({
      ...a,
      global: a.global >= firstMoved ? a.global + renumber : a.global,
      start: a.start + d,
      end: a.end + d,
    })),
    ...(f.returns?.global !== undefined && f.returns.global >= firstMoved ? { returns: { ...f.returns, global: f.returns.global + renumber } } : {}),
    ...(f.flows ? { flows: f.flows.map((v) => ({ ...v, start: v.start + d, end: v.end + d, ...(v.lambda !== undefined ? { lambda: v.lambda + d } : {}) })) } : {}),
  };
}

interface Part {
  functions: readonly FunctionSummary[];
  globals: readonly GlobalDecl[];
  globalInits: readonly GlobalInitRef[];
  macros: readonly MacroSummary[];
  deadRanges: readonly Range[];
  classes: readonly ClassSummary[];
}

/**
 * The two parts alike but for their offsets, and their offsets in the same order (equal where
 * they were equal): each part is written out with its offsets taken aside, then the two lists of
 * offsets are compared by rank. Global indices are compared relative to the part's first global.
 */
function sameShape(a: Part, b: Part, firstGlobal: number, knownNames: ReadonlySet<string> | undefined): boolean {
  const offsetsA: number[] = [];
  const offsetsB: number[] = [];
  if (shapeOf(a, offsetsA, firstGlobal, knownNames) !== shapeOf(b, offsetsB, firstGlobal, knownNames)) return false;
  return sameOrder(offsetsA, offsetsB);
}

function shapeOf(part: Part, offsets: number[], firstGlobal: number, knownNames: ReadonlySet<string> | undefined): string {
  const at = (n: number) => {
    offsets.push(n);
    return 0;
  };
  const ref = (r: RefSite) => [r.name, at(r.start), at(r.end), r.access, r.pointer, r.via, r.viaArg, r.dispatchDif, r.arg, r.held, r.method];
  return JSON.stringify([
    part.functions.map((f) => [
      f.name,
      f.qualifiedName,
      at(f.start),
      at(f.end),
      at(f.nameStart),
      at(f.nameEnd),
      at(f.bodyStart),
      f.isStatic,
      f.dllexport,
      f.headerWords,
      f.params,
      f.returnType,
      f.calls.map((c) => [c.name, at(c.start), at(c.end), at(c.nameStart), at(c.nameEnd), c.paramArgs, c.constArgs, c.receiverClass, c.exactClass, c.resultWritten, c.resultMethod]),
      // a method's write of a name the module does not declare is a member write (globals-cxx.ts): it counts
      (knownNames ? f.refs.filter((r) => knownNames.has(r.name) || (r.access === 'write' && f.qualifiedName.includes('::'))) : f.refs).map(ref),
      f.regions.map((r) => [
        at(r.start),
        at(r.end),
        r.dif ? [r.dif.mode, [...r.dif.codes]] : null,
        r.param,
        r.named,
        r.post,
        r.quiet,
        r.quietClear,
        r.anchors ? Object.entries(r.anchors).map(([code, range]) => [code, at(range[0]), at(range[1])]) : null,
      ]),
      f.staticAccesses.map((s) => [s.global - firstGlobal, at(s.start), at(s.end), s.access, s.arg, s.method]),
      f.writesThroughParams,
      f.returns ? [f.returns.name, f.returns.global === undefined ? null : f.returns.global - firstGlobal] : null,
      f.writesThis,
      f.lambda,
      (knownNames ? f.flows?.filter((v) => v.name === undefined || knownNames.has(v.name)) : f.flows)?.map((v) => [
        v.name,
        v.lambda === undefined ? null : at(v.lambda),
        v.param,
        v.field,
        v.call,
        v.arg,
        v.argField,
        v.kind,
        v.via,
        v.holder,
        at(v.start),
        at(v.end),
      ]),
    ]),
    part.globals.map((g) => [g.name, at(g.nameStart), at(g.nameEnd), g.scope, g.isConst, g.isStatic, g.isExtern, g.functionName, g.isArray, g.qualifier]),
    part.globalInits.map((g) => [g.owner, ref(g.ref)]),
    part.macros.map((m) => [m.name, m.params, m.calls, m.names, m.writes, at(m.start), at(m.end)]),
    part.deadRanges.map((r) => [at(r[0]), at(r[1])]),
    part.classes.map((c) => [c.name, c.bases, at(c.start)]),
  ]);
}

/** Whether sorting both lists puts their positions in the same order, with ties in the same places. */
function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const order = a.map((_, i) => i).sort((i, j) => a[i] - a[j] || i - j);
  for (let k = 1; k < order.length; k++) {
    const i = order[k - 1];
    const j = order[k];
    const da = Math.sign(a[j] - a[i]);
    const db = Math.sign(b[j] - b[i]);
    if (da !== db) return false;
  }
  return true;
}
