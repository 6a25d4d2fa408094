/**
 * The module's C++ classes as the call graph needs them (docs/architecture.md, Propagation): which
 * class derives from which (FileSummary.classes), and the methods of each class (the functions
 * whose qualified name is `Class::Name`). A method call whose receiver's class the summary knows
 * (CallSite.receiverClass: `step->Run()`, `this->Run()`, `Base::Run()`) resolves to the methods of
 * that name in that class and in the classes derived from it: a virtual call runs one of the
 * overriders, and the model cannot tell which, so it follows them all. A qualified call
 * (`Base::Run()`) calls that class's method only. When the class has no method of that name
 * (it inherits one), the nearest bases that have one are taken. A class the module does not know,
 * or a name none of those classes defines, leaves the call resolved by name.
 */
import { classOfMethod } from './summarize-cxx.js';
import type { FileSummary, FunctionSummary } from './summary-types.js';

export class ClassHierarchy<F extends { s: FunctionSummary }> {
  private readonly derived = new Map<string, Set<string>>();
  private readonly bases = new Map<string, Set<string>>();
  /** The classes defined with a body in the module. */
  private readonly declared = new Set<string>();
  /** Methods by class, then by name. */
  private readonly methods = new Map<string, Map<string, F[]>>();

  constructor(summaries: readonly FileSummary[], functions: readonly F[]) {
    for (const file of summaries) {
      for (const c of file.classes ?? []) {
        this.declared.add(c.name);
        for (const base of c.bases) {
          if (base === c.name) continue;
          add(this.derived, base, c.name);
          add(this.bases, c.name, base);
        }
      }
    }
    for (const fn of functions) {
      const cls = classOfMethod(fn.s.qualifiedName);
      if (!cls) continue;
      let byName = this.methods.get(cls);
      if (!byName) this.methods.set(cls, (byName = new Map<string, F[]>()));
      const list = byName.get(fn.s.name);
      if (list) list.push(fn);
      else byName.set(fn.s.name, [fn]);
    }
  }

  /** Whether the module defines that class, a method of it, or a class derived from it. */
  knows(cls: string): boolean {
    return this.declared.has(cls) || this.methods.has(cls) || this.derived.has(cls);
  }

  /**
   * The methods a call of `name` on an object of class `cls` may run (see the module comment);
   * undefined when the module cannot tell (then the call resolves by name).
   */
  methodsFor(name: string, cls: string, exact: boolean): F[] | undefined {
    if (!this.knows(cls)) return undefined;
    const out: F[] = [];
    const classes = exact ? [cls] : this.withDerived(cls);
    for (const c of classes) out.push(...(this.methods.get(c)?.get(name) ?? []));
    if (out.length > 0) return out;
    // inherited: the nearest bases that define it, breadth first
    let level = [...(this.bases.get(cls) ?? [])];
    const seen = new Set<string>([cls]);
    while (level.length > 0) {
      const next: string[] = [];
      for (const b of level) {
        if (seen.has(b)) continue;
        seen.add(b);
        out.push(...(this.methods.get(b)?.get(name) ?? []));
        next.push(...(this.bases.get(b) ?? []));
      }
      if (out.length > 0) return out;
      level = next;
    }
    return undefined;
  }

  /** The class and every class derived from it, directly or not. */
  private withDerived(cls: string): string[] {
    const out = [cls];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      for (const d of this.derived.get(out[i]) ?? []) {
        if (seen.has(d)) continue;
        seen.add(d);
        out.push(d);
      }
    }
    return out;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
