/**
 * The answer to contextsAt (docs/architecture.md, Propagation): the states of the innermost
 * function holding a site, the guards at the site applied to them, and for each context that
 * remains the shortest chain from its entry point, rebuilt from the states' parent links.
 */
import type { ChainStep, EntryPointInfo, ReachingContext } from './contract.js';
import type { DifSet } from './dif-set.js';
import { lineColumn } from '../text/line-index.js';
import { guardWithConstants, type GraphFunction, type ModuleGraph } from './module-graph.js';
import type { Propagation, State } from './propagation.js';
import type { Range } from './summary-types.js';

/** The text a context's DIF code reads as when the code is not one name. */
export const ANY_DIF_CODE = 'any DIF code';
export const OTHER_DIF_CODE = 'any other DIF code';

/** What holds at a site: the entry point, the DIF codes, and the flags. */
interface Context {
  entry: number;
  dif: DifSet;
  interactive: boolean;
  quiet: boolean;
  quietClear: boolean;
  post?: boolean;
}

/** The propagated model a site's contexts are read from. */
export interface PropagatedModule {
  readonly graph: ModuleGraph;
  readonly entryPoints: readonly EntryPointInfo[];
  /** The graph function of each entry point, same order. */
  readonly entryFns: readonly GraphFunction[];
  readonly propagation: Propagation;
}

/** Every context (one per entry point, DIF set and flags, with its shortest chain) reaching a site. */
export function reachingContexts(m: PropagatedModule, filePath: string, offset: number): ReachingContext[] {
  const { graph, propagation } = m;
  if (graph.isDead(filePath, offset)) return [];
  const fn = graph.functionAt(filePath, offset);
  if (!fn) return [];
  const base = graph.guardAt(fn, offset);
  const found = new Map<string, { state: number; ctx: Context }>();
  let index = -1;
  const keep = (entry: number, dif: DifSet, interactive: boolean, quiet: boolean, quietClear: boolean, post: boolean | undefined) => {
    const key = `${entry}|${dif.key}|${interactive}|${quiet}|${quietClear}|${post}`;
    const prev = found.get(key);
    if (!prev || propagation.states[prev.state].depth > propagation.states[index].depth) found.set(key, { state: index, ctx: { entry, dif, interactive, quiet, quietClear, post } });
  };
  for (const i of propagation.statesOf(fn.id)) {
    index = i;
    const s = propagation.states[i];
    propagation.step(s, s.consts ? guardWithConstants(graph, fn, offset, base, s.consts) : base, undefined, undefined, keep);
  }
  return [...found.values()].map(({ state, ctx }) => reachingContext(m, state, ctx, offset));
}

function reachingContext(m: PropagatedModule, stateIndex: number, ctx: Context, offset: number): ReachingContext {
  const { graph, propagation } = m;
  const entry = m.entryPoints[ctx.entry];
  const path: State[] = [];
  for (let i = stateIndex; i >= 0; i = propagation.states[i].parent) path.push(propagation.states[i]);
  path.reverse();
  const code = ctx.dif.mode === 'in' ? [...ctx.dif.codes][0] : ctx.dif.codes.size === 0 ? ANY_DIF_CODE : OTHER_DIF_CODE;
  const steps: ChainStep[] = [];
  // where the entry point selects the code: a case label or comparison on the way, else its name
  const entryFn = m.entryFns[ctx.entry];
  const firstAt = path.length > 1 ? path[1].edge!.at : offset;
  let anchor: Range | undefined = ctx.dif.mode === 'in' ? graph.anchorAt(entryFn, firstAt, code) : undefined;
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
  steps.push(chainStep(graph, anchorFile, anchor ?? entry.nameRange, label));
  for (const p of path) if (p.edge) steps.push(chainStep(graph, p.edge.stepFile, p.edge.stepRange, p.edge.label));
  const result: ReachingContext = {
    entryPoint: entry,
    difCode: code,
    interactive: ctx.interactive,
    chain: steps,
  };
  if (ctx.quiet) result.quietGuarded = true;
  if (ctx.quietClear) result.quietClear = true;
  if (ctx.post !== undefined) result.postProcessing = ctx.post;
  if (ctx.dif.mode === 'out' && ctx.dif.codes.size > 0) result.otherThan = [...ctx.dif.codes].sort();
  return result;
}

function chainStep(graph: ModuleGraph, filePath: string, range: Range, label: string): ChainStep {
  const file = graph.files.get(filePath);
  const lines = file?.lineStarts ?? [0];
  const start = lineColumn(lines, range[0]);
  const end = lineColumn(lines, range[1]);
  return { filePath, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range: [range[0], range[1]], label };
}
