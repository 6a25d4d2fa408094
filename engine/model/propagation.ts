/**
 * The propagation of DIF contexts over the module graph (docs/architecture.md, Propagation): a
 * breadth-first search over states (function, entry point, DIF set, interactive, quiet, quiet
 * tested clear, post-processing, DIF_ constants held by parameters) with a visited set, so the first chain that
 * reaches a state is a shortest one and nothing recurses on the call depth.
 */
import type { EntryPointInfo } from './contract.js';
import { PAGE_DIF_CODES, isInteractiveDifCode } from './dif-facts.js';
import { ANY_DIF, difIn, intersectDif, isEmptyDif, type DifSet } from './dif-set.js';
import { guardWithConstants, type Edge, type GraphFunction, type ModuleGraph, type SiteGuard } from './module-graph.js';

/**
 * Calls followed from an entry point: the calls of a function reached this deep are not followed
 * (a budget: a chain of 100,000 calls cost tens of seconds; docs/architecture.md, Known limits).
 */
export const MAX_CALL_DEPTH = 1_000;

export interface State {
  fn: number;
  /** Index of the entry point, in the order of the model's entryPoints. */
  entry: number;
  dif: DifSet;
  interactive: boolean;
  quiet: boolean;
  /** DI_QUIETINSTALL was tested clear on this path (SiteGuard.quietClear). */
  quietClear: boolean;
  post?: boolean;
  /** Parameters of `fn` that hold a DIF_ constant on this path. */
  consts?: ReadonlyMap<number, string>;
  /** The state this one was reached from (-1 for an entry point's first state). */
  parent: number;
  edge?: Edge;
  depth: number;
}

/** What holds past a site, handed out by Propagation.step. */
export type Emit = (
  entry: number,
  dif: DifSet,
  interactive: boolean,
  quiet: boolean,
  quietClear: boolean,
  post: boolean | undefined,
  consts?: ReadonlyMap<number, string>,
) => void;

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

export class Propagation {
  /** Every state reached, in the order of the search (parents before children). */
  readonly states: State[] = [];
  private readonly statesByFn = new Map<number, number[]>();
  private readonly singles = new Map<string, DifSet>();
  /** The first state whose calls were not followed, at MAX_CALL_DEPTH; undefined when every chain was followed to its end. */
  cut: number | undefined;

  constructor(
    private readonly graph: ModuleGraph,
    private readonly entryFns: readonly GraphFunction[],
    private readonly entryPoints: readonly EntryPointInfo[],
    private readonly interactiveFns: ReadonlySet<string>,
  ) {
    this.run();
  }

  /** Indices of the states of a function. */
  statesOf(fnId: number): readonly number[] {
    return this.statesByFn.get(fnId) ?? [];
  }

  private run(): void {
    const seen = new Set<string>();
    let from = -1;
    let via: Edge | undefined;
    let to = -1;
    const push: Emit = (entry, dif, interactive, quiet, quietClear, post, consts) => {
      const constKey = consts ? [...consts].map(([p, c]) => `${p}=${c}`).join(',') : '';
      const key = `${to}|${entry}|${dif.key}|${interactive ? 1 : 0}|${quiet ? 1 : 0}${quietClear ? 1 : 0}|${post}|${constKey}`;
      if (seen.has(key)) return;
      seen.add(key);
      const depth = from < 0 ? 0 : this.states[from].depth + 1;
      const state: State = { fn: to, entry, dif, interactive, quiet, quietClear, post, parent: from, edge: via, depth };
      if (consts) state.consts = consts;
      const index = this.states.push(state) - 1;
      const list = this.statesByFn.get(to);
      if (list) list.push(index);
      else this.statesByFn.set(to, [index]);
    };
    this.entryFns.forEach((fn, entry) => {
      to = fn.id;
      push(entry, ANY_DIF, this.isInteractiveFunction(fn), false, false, undefined);
    });
    for (let i = 0; i < this.states.length; i++) {
      const s = this.states[i];
      const fn = this.graph.functions[s.fn];
      from = i;
      const edges = this.graph.edgesOf(s.fn);
      if (s.depth >= MAX_CALL_DEPTH) {
        if (edges.length > 0) this.cut ??= i;
        continue;
      }
      for (const edge of edges) {
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
  step(s: State, guard: SiteGuard, edge: Edge | undefined, target: GraphFunction | undefined, emit: Emit): void {
    if (guard.impossible) return;
    if (guard.post !== undefined && s.post !== undefined && guard.post !== s.post) return;
    let dif = intersectDif(s.dif, guard.dif);
    if (edge?.kind === 'dispatch' && edge.dif) dif = intersectDif(dif, this.single(edge.dif));
    if (isEmptyDif(dif)) return;
    const post = guard.post ?? s.post;
    const quiet = s.quiet || guard.quiet;
    const quietClear = s.quietClear || guard.quietClear === true;
    const kind = this.entryPoints[s.entry].kind;
    const inherited = s.interactive || (target !== undefined && this.isInteractiveFunction(target));
    const page = edge?.kind === 'page';
    const consts = edge ? constantsPassed(s, edge) : s.consts;
    if (dif.mode === 'in') {
      for (const code of dif.codes) {
        const interactive = inherited || (page && PAGE_DIF_CODES.has(code)) || isInteractiveDifCode(code, kind);
        emit(s.entry, dif.codes.size === 1 ? dif : this.single(code), interactive, quiet, quietClear, post, consts);
      }
    } else if (page) {
      // a page procedure runs only while the wizard or property sheet that shows it is up
      for (const code of PAGE_DIF_CODES) if (!dif.codes.has(code)) emit(s.entry, this.single(code), true, quiet, quietClear, post, consts);
    } else {
      emit(s.entry, dif, inherited, quiet, quietClear, post, consts);
    }
  }
}
