/**
 * The module's globals (docs/architecture.md, Globals): file-scope variables and function statics,
 * `extern` declarations merged with their definition, `static` ones per file, and every read and
 * write of them by file position (what globalAt and accessesOf answer).
 *
 * A global handed to a call is written when the parameter it is handed to is written through:
 * `&g` is a write unless the parameter only reads (`&g_Mode` to RegSetValueExW's lpData), and an
 * array passed itself is a write when the parameter is an output (`g_Name` to lstrcpynW's
 * destination); a non-const C++ reference writes the argument itself. The parameter's direction
 * comes from the module's own prototypes and definitions first (engine/syntax/parameter-directions.ts),
 * then from the Windows API table (engine/knowledge/api-parameters.ts).
 *
 * C++ (globals-cxx.ts): a static data member (`DWORD ContosoState::s_Installs = 0;`) is a global
 * named by its last name, with its class; a singleton accessor (a function with a reference or
 * pointer result that returns a function static or a global: `Settings& Instance() { static
 * Settings s; return s; }`) makes each call of it an access of that variable, at the callee's
 * name: a write when the result is written through (`Settings::Instance().mode = 2`) or has a
 * method called on it that writes a member (`Settings::Instance().SetMode(2)`), else a read.
 */
import { argumentDirection, directionsByName, type ParameterDirection } from '../syntax/parameter-directions.js';
import type { GlobalAccess, ModuleGlobal } from './contract.js';
import type { ModuleGraph } from './module-graph.js';
import type { ArgumentUse } from './summary-types.js';
import { memberWriter, singletonAccesses } from './globals-cxx.js';

const HEADER = /\.(h|hh|hpp|hxx|inl)$/i;

/** Module globals and every read and write of them, by file position. */
export class GlobalsIndex {
  readonly accesses = new Map<ModuleGlobal, GlobalAccess[]>();
  private readonly sites = new Map<string, { start: number; end: number; global: ModuleGlobal }[]>();

  constructor(graph: ModuleGraph) {
    const directions = directionsByName(graph.summaries.flatMap((s) => s.declaredParameters ?? []));
    const arrays = new Set<ModuleGlobal>();
    // a method of the module called on a global object writes it when it writes a member (globals-cxx.ts)
    let methodWrites: ReturnType<typeof memberWriter> | undefined;
    const kindOf = (global: ModuleGlobal, access: 'read' | 'write', arg: ArgumentUse | undefined, method: string | undefined, filePath: string) => {
      if (method && access === 'read') return (methodWrites ??= memberWriter(graph, globalNamed))(method, undefined, filePath) ? 'write' : 'read';
      return arg ? accessThroughCall(access, arg, arrays.has(global), directions) : access;
    };
    const shared = new Map<string, ModuleGlobal>();
    const sharedIsExtern = new Map<string, boolean>();
    const perFile = new Map<string, { statics: Map<string, ModuleGlobal>; locals: ModuleGlobal[] }>();
    const headerStatics = new Map<string, ModuleGlobal>();
    const globalNamed = (name: string, filePath: string) => perFile.get(filePath)?.statics.get(name) ?? shared.get(name) ?? headerStatics.get(name);
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
        if (d.qualifier && graph.classes().knows(d.qualifier)) g.className = d.qualifier;
        if (d.isArray) arrays.add(g);
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
          const arg = r.arg ?? (r.via !== undefined ? { callee: r.via, index: r.viaArg ?? 0, address: false } : undefined);
          this.add(g, file.filePath, r.start, r.end, kindOf(g, r.access, arg, r.method, file.filePath), sites);
        }
        for (const a of fn.staticAccesses) {
          const g = mine.locals[a.global];
          this.add(g, file.filePath, a.start, a.end, kindOf(g, a.access, a.arg, a.method, file.filePath), sites);
        }
      }
      this.sites.set(file.filePath, sites);
    }
    for (const a of singletonAccesses(graph, (filePath, index) => perFile.get(filePath)?.locals[index], globalNamed)) {
      this.add(a.global, a.filePath, a.start, a.end, a.kind, this.sites.get(a.filePath)!);
    }
    for (const sites of this.sites.values()) sites.sort((a, b) => a.start - b.start);
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

/** Read or write, for a global handed to a call (see the module comment); `access` is what the syntax alone says. */
function accessThroughCall(access: 'read' | 'write', arg: ArgumentUse, isArray: boolean, directions: ReadonlyMap<string, ParameterDirection[]>): 'read' | 'write' {
  const direction = argumentDirection(directions, arg.callee, arg.index);
  // `&g` (or `(TYPE) & g`, which the syntax alone reads as an and) may be written through unless the parameter only reads
  if (arg.address) return direction === 'in' ? 'read' : 'write';
  if (direction === 'ref' || (direction === 'out' && isArray)) return 'write';
  return access;
}
