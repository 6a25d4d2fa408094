/**
 * Function values followed across the module (docs/architecture.md, Function values): a function
 * or a lambda handed to one of the module's helpers, held in a local or in a field of one, becomes
 * what the helpers make of the parameter that receives it, several helpers deep: a property page
 * (`psp.pfnDlgProc = proc`), a dialog or a thread (a parameter handed to DialogBox*, CreateThread,
 * ...), a call (`proc(h)`), a structure's field read back (`c->proc`). The edge is taken where
 * the value is handed over (its guards apply), with the kind of what it becomes, so that
 * propagation.ts makes a page procedure interactive under the page-adding codes.
 */
import { pointerKindOfCall } from './pointer-kinds.js';
import type { Edge, GraphFunction, ModuleGraph } from './module-graph.js';
import type { FileSummary, PointerKind, Range, ValueFlow } from './summary-types.js';

/** What a value handed to a helper becomes: its kind, the API or member that makes it, and the helpers on the way. */
interface Reached {
  kind: PointerKind | 'call';
  api?: string;
  through: readonly string[];
}

/** A chain step's words for a function value of a kind (`display` is `Worker()` or `lambda show`). */
export function pointerLabel(kind: PointerKind | 'call', display: string, via?: string): string {
  switch (kind) {
    case 'thread':
      return `starts a thread running ${display}${via ? ` (${via})` : ''}`;
    case 'dialog':
      return `shows a dialog with procedure ${display}${via ? ` (${via})` : ''}`;
    case 'page':
      return `creates a property page with procedure ${display}`;
    case 'wndproc':
      return `registers window procedure ${display}`;
    case 'call':
      return `calls ${display}`;
    default:
      return via ? `passes ${display} to ${via}()` : `uses function pointer ${display}`;
  }
}

/** How a function is named in a chain: `Worker()`, `lambda show`, `a lambda`. */
export function displayName(fn: GraphFunction, name: string): string {
  const lambda = fn.s.lambda;
  if (lambda === undefined) return `${name}()`;
  return lambda ? `lambda ${lambda}` : 'a lambda';
}

export class FunctionValues {
  private readonly reached = new Map<string, Reached[]>();
  private lambdas: Map<string, GraphFunction> | undefined;

  constructor(private readonly graph: ModuleGraph) {}

  /**
   * The edges for a function value handed to argument `arg` of `callee`, a function of the module
   * (undefined when `callee` is none): one per kind it becomes, else a pointer edge to the helper.
   */
  viaHelper(target: GraphFunction, display: string, callee: string, arg: number, field: string | undefined, site: Site): Edge[] | undefined {
    if (this.graph.resolve(callee, site.file).length === 0) return undefined;
    const reached = this.reach(callee, arg, field, site.file);
    const specific = reached.filter((r) => r.kind !== 'pointer');
    if (specific.length === 0) return [edge(target, 'pointer', `${pointerLabel('pointer', display, callee)}${site.holder}`, site)];
    return specific.map((r) => {
      const through = r.through.map((t) => `${t}()`).join(' then ');
      const label = `${pointerLabel(r.kind, display, r.kind === 'page' ? undefined : r.api)} through ${through}${site.holder}`;
      return edge(target, r.kind, label, site);
    });
  }

  /** The edges of the function values a function holds in locals or hands over itself (lambdas). */
  flowEdges(fn: GraphFunction): Edge[] {
    const edges: Edge[] = [];
    const file = fn.file;
    for (const flow of fn.s.flows ?? []) {
      if (flow.param !== undefined) continue;
      for (const target of this.targets(flow, file)) {
        const display = displayName(target, flow.name ?? '');
        const holder = flow.holder && !(flow.lambda !== undefined && flow.holder === target.s.lambda) ? ` (held in ${flow.holder})` : '';
        const site: Site = { file: file.filePath, at: flow.start, range: [flow.start, flow.end], holder };
        if (flow.kind) {
          edges.push(edge(target, flow.kind, `${pointerLabel(flow.kind, display, flow.kind === 'page' ? undefined : flow.via)}${holder}`, site));
          continue;
        }
        if (flow.call === undefined) continue;
        const helper = this.viaHelper(target, display, flow.call, flow.arg ?? 0, flow.argField, site);
        if (helper) edges.push(...helper);
        else {
          const kind = flow.argField ? 'pointer' : pointerKindOfCall(flow.call);
          edges.push(edge(target, kind, `${pointerLabel(kind, display, flow.call)}${holder}`, site));
        }
      }
    }
    return edges;
  }

  /** The functions a flow's value is: by name, or the lambda that starts at the offset. */
  private targets(flow: ValueFlow, file: FileSummary): GraphFunction[] {
    if (flow.name !== undefined) return this.graph.resolve(flow.name, file.filePath);
    if (flow.lambda === undefined) return [];
    if (!this.lambdas) {
      this.lambdas = new Map();
      for (const f of this.graph.functions) if (f.s.lambda !== undefined) this.lambdas.set(`${f.file.filePath}\u0000${f.s.start}`, f);
    }
    const found = this.lambdas.get(`${file.filePath}\u0000${flow.lambda}`);
    return found ? [found] : [];
  }

  /**
   * What a value handed to argument `arg` of the module's `callee` (in its field `field`) becomes,
   * breadth first over the helpers it is passed on to (each helper, parameter and field once).
   */
  private reach(callee: string, arg: number, field: string | undefined, fromFile: string): Reached[] {
    const key = `${fromFile}\u0000${callee}\u0000${arg}\u0000${field ?? ''}`;
    const known = this.reached.get(key);
    if (known) return known;
    const out: Reached[] = [];
    const seen = new Set<string>();
    const queue: { callee: string; arg: number; field?: string; file: string; through: readonly string[] }[] = [{ callee, arg, field, file: fromFile, through: [] }];
    const add = (r: Reached) => {
      const k = `${r.kind}|${r.api}|${r.through.join(',')}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(r);
      }
    };
    const visited = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i];
      const through = [...q.through, q.callee];
      // a call of another function: a helper of the module is followed, an API is the end
      const onTo = (name: string, a: number, f: string | undefined, file: string) => {
        if (this.graph.resolve(name, file).length > 0) queue.push({ callee: name, arg: a, field: f, file, through });
        else add(f === undefined ? { kind: pointerKindOfCall(name), api: name, through } : { kind: 'pointer', api: name, through });
      };
      for (const helper of this.graph.resolve(q.callee, q.file)) {
        const vkey = `${helper.id}|${q.arg}|${q.field ?? ''}`;
        if (visited.has(vkey)) continue;
        visited.add(vkey);
        const file = helper.file.filePath;
        // the parameter passed on whole (the value, or the structure holding it in `field`)
        for (const c of helper.s.calls) for (const pa of c.paramArgs ?? []) if (pa.param === q.arg) onTo(c.name, pa.arg, q.field, file);
        for (const flow of helper.s.flows ?? []) {
          if (flow.param !== q.arg) continue;
          let next: string | undefined;
          if (q.field === undefined) {
            if (flow.field !== undefined) continue;
            next = flow.argField;
          } else if (flow.field === q.field) next = flow.argField;
          else if (flow.field === undefined && flow.argField === undefined && flow.call !== undefined) next = q.field;
          else continue;
          if (flow.kind) {
            if (next === undefined) add({ kind: flow.kind, api: flow.via, through });
          } else if (flow.call !== undefined) onTo(flow.call, flow.arg ?? 0, next, file);
        }
      }
    }
    this.reached.set(key, out);
    return out;
  }
}

/** Where a function value is handed over: the file, the offset whose guards apply, the chain step, the local it was held in. */
export interface Site {
  file: string;
  at: number;
  range: Range;
  /** ` (held in p)`, or ''. */
  holder: string;
}

function edge(target: GraphFunction, kind: PointerKind | 'call', label: string, site: Site): Edge {
  return { to: target.id, kind, label, at: site.at, stepFile: site.file, stepRange: site.range };
}
