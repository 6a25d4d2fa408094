/**
 * The names declared in the scopes open on summarizeCppFile's walk, indexed by name: a lookup
 * reads the innermost declaration of one name without walking the enclosing scopes, so that
 * code nested thousands of levels deep is summarised in linear time.
 */

/** What a name declared in a function stands for. */
export type Binding =
  | { kind: 'param'; index: number }
  /** `type`: the declared type as written (a C++ call's receiver class is read from it: summarize-cxx.ts). */
  | { kind: 'local'; copyOf?: number; type?: string }
  | { kind: 'static'; global: number };

interface Entry {
  /** Depth on the walk's path of the scope that declares the name. */
  depth: number;
  binding: Binding;
}

export class ScopeIndex {
  /** Per name, its declarations in the open scopes, outermost first. */
  private readonly byName = new Map<string, Entry[]>();
  /** Depths of the open scopes, outermost first. */
  private readonly open_: number[] = [];
  /** Names declared per open scope (parallel to open_; undefined until the scope declares one). */
  private readonly names: (Set<string> | undefined)[] = [];
  /** Counts the entries a lookup or update reads (for tests: it grows with names, not with depth). */
  visits = 0;

  /** A scope begins at `depth` (deeper than every open scope). */
  open(depth: number): void {
    this.open_.push(depth);
    this.names.push(undefined);
  }

  /** The scope at `depth` (the innermost open one) ends: its names go out of sight. */
  close(depth: number): void {
    if (this.open_.length === 0 || this.open_[this.open_.length - 1] !== depth) return;
    this.open_.pop();
    const names = this.names.pop();
    if (names) for (const name of names) this.delete(depth, name);
  }

  /** Depth of the innermost open scope. */
  current(): number | undefined {
    return this.open_.length > 0 ? this.open_[this.open_.length - 1] : undefined;
  }

  /** Declares (or re-declares) `name` in the open scope at `depth`. */
  set(depth: number, name: string, binding: Binding): void {
    const k = this.indexOfScope(depth);
    if (k < 0) return;
    (this.names[k] ??= new Set()).add(name);
    let list = this.byName.get(name);
    if (!list) this.byName.set(name, (list = []));
    let i = list.length;
    while (i > 0 && list[i - 1].depth > depth) {
      i--;
      this.visits++;
    }
    if (i > 0 && list[i - 1].depth === depth) list[i - 1].binding = binding;
    else list.splice(i, 0, { depth, binding });
  }

  /** Removes `name` from the scope at `depth` (an outer declaration shows again). */
  delete(depth: number, name: string): void {
    const list = this.byName.get(name);
    if (!list) return;
    for (let i = list.length - 1; i >= 0; i--) {
      this.visits++;
      if (list[i].depth === depth) {
        list.splice(i, 1);
        break;
      }
      if (list[i].depth < depth) break;
    }
    if (list.length === 0) this.byName.delete(name);
  }

  /** The innermost declaration of `name` in a scope at `minDepth` or deeper. */
  lookup(name: string, minDepth: number): Binding | undefined {
    this.visits++;
    const list = this.byName.get(name);
    const top = list?.[list.length - 1];
    return top && top.depth >= minDepth ? top.binding : undefined;
  }

  private indexOfScope(depth: number): number {
    for (let k = this.open_.length - 1; k >= 0; k--) {
      if (this.open_[k] === depth) return k;
      if (this.open_[k] < depth) return -1;
    }
    return -1;
  }
}
