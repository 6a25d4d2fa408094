/**
 * C++ singletons as accesses of the variable they return (globals-index.ts, docs/architecture.md
 * Globals): a function whose result is a reference or a pointer and that returns a function
 * static or a global (`Settings& Settings::Instance() { static Settings s; return s; }`,
 * `Settings* Get() { static Settings *g = new Settings; return g; }`, `return *s_instance;`) is
 * an accessor of that variable. Each call of an accessor is an access of the variable at the
 * callee's name: a write when the call's result is written through (`Settings::Instance().mode
 * = 2`, `Get()->mode = 3`) or has a method of the module called on it that writes a member
 * (`Settings::Instance().SetMode(2)` where SetMode does `mode = m` or `this->mode = m`), else a
 * read. A method writes a member when it writes through `this`, or writes a name that is no
 * global of the module (a member, since members are not in the summary). Methods the module does
 * not define (`std::wstring::assign`) count as reads.
 */
import type { ModuleGlobal } from './contract.js';
import type { GraphFunction, ModuleGraph } from './module-graph.js';
import { classOfMethod, classOfType } from './summarize-cxx.js';
import type { CallSite } from './summary-types.js';

export interface SingletonAccess {
  global: ModuleGlobal;
  filePath: string;
  start: number;
  end: number;
  kind: 'read' | 'write';
}

/**
 * Whether calling `method` on an object (of class `cls` when known, else any class of the module
 * with a method of that name) writes one of its members: a method of the module that writes
 * through `this`, or writes a name that is no global of the module nor a function (a member).
 */
export function memberWriter(
  graph: ModuleGraph,
  globalNamed: (name: string, filePath: string) => ModuleGlobal | undefined,
): (method: string, cls: string | undefined, fromFile: string) => boolean {
  const writesMembers = (m: GraphFunction) =>
    m.s.writesThis === true ||
    (classOfMethod(m.s.qualifiedName) !== undefined && m.s.refs.some((r) => r.access === 'write' && !globalNamed(r.name, m.file.filePath) && !graph.byName.has(r.name)));
  return (method, cls, fromFile) => {
    const call: CallSite = { name: method, start: 0, end: 0, nameStart: 0, nameEnd: 0 };
    if (cls) call.receiverClass = cls;
    return graph.resolveCall(call, fromFile).some(writesMembers);
  };
}

/**
 * Every call of a singleton accessor of the module, as an access of the variable it returns.
 * `staticOf` gives a file's function static by index, `globalNamed` the global a name means in a file.
 */
export function singletonAccesses(
  graph: ModuleGraph,
  staticOf: (filePath: string, index: number) => ModuleGlobal | undefined,
  globalNamed: (name: string, filePath: string) => ModuleGlobal | undefined,
): SingletonAccess[] {
  const accessors = new Map<number, { global: ModuleGlobal; cls?: string }>();
  const names = new Set<string>();
  for (const fn of graph.functions) {
    const returned = fn.s.returns;
    const type = fn.s.returnType;
    if (!returned || !type || !/[&*]$/.test(type)) continue;
    const global = returned.global !== undefined ? staticOf(fn.file.filePath, returned.global) : globalNamed(returned.name, fn.file.filePath);
    if (!global || global.isConst) continue;
    accessors.set(fn.id, { global, cls: classOfType(type) });
    names.add(fn.s.name);
  }
  if (accessors.size === 0) return [];
  const methodWrites = memberWriter(graph, globalNamed);
  const out: SingletonAccess[] = [];
  for (const fn of graph.functions) {
    const filePath = fn.file.filePath;
    for (const call of fn.s.calls) {
      if (!names.has(call.name)) continue;
      const accessor = graph
        .resolveCall(call, filePath)
        .map((t) => accessors.get(t.id))
        .find((a) => a !== undefined);
      if (!accessor) continue;
      const written = call.resultWritten === true || (call.resultMethod !== undefined && methodWrites(call.resultMethod, accessor.cls, filePath));
      out.push({ global: accessor.global, filePath, start: call.nameStart, end: call.nameEnd, kind: written ? 'write' : 'read' });
    }
  }
  return out;
}
