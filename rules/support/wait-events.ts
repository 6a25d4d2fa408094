/**
 * What the code after one process start does to the process, for the path walk of
 * wait-paths.ts (docs/rules/wait-for-finish-install-process.md): the start itself (live when it
 * succeeds), waits on its handle (WAIT_APIS, with any timeout), a loop polling GetExitCodeProcess
 * while the code is STILL_ACTIVE, a module helper that waits on the handle it is given (the
 * installer model's waitsOnParameter), hand-offs (the structure or handle passed to code that may
 * wait, returned, or stored outside a local variable), and conditions that tell the start failed
 * or the handle is NULL (then there is no process to wait for).
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, type InstallerModelService, PROCESS_HANDLE_USES, WAIT_APIS } from '../../engine/index.js';
import { LIVE, notStarted, type PathEvents, type States, waited } from './wait-paths.js';

export const compact = (t: string): string => t.replace(/\s+/g, '');

export function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
}

/** The structure a start fills, as written: `&pi` → pi (a structure), `ppi` → ppi (a pointer). */
export interface StartStruct {
  text: string;
  pointer: boolean;
}

export function structOf(arg: Node): StartStruct | null {
  if (arg.type === 'pointer_expression' && arg.childForFieldName('operator')?.text === '&') {
    const operand = arg.childForFieldName('argument');
    if (operand?.type === 'identifier') return { text: operand.text, pointer: false };
    return null;
  }
  if (arg.type === 'identifier') return { text: arg.text, pointer: true };
  return null;
}

/** The identifier under subscripts and parentheses: `handles[0]` → handles. */
export function baseName(node: Node | null): string | null {
  let n = node;
  while (n && (n.type === 'subscript_expression' || n.type === 'array_declarator' || n.type === 'parenthesized_expression')) {
    n = n.childForFieldName('argument') ?? n.childForFieldName('declarator') ?? n.namedChild(0);
  }
  return n?.type === 'identifier' ? n.text : null;
}

/**
 * Names that hold a copy of the process handle anywhere after the start: `h = pi.hProcess`,
 * `handles[0] = pi.hProcess`, `HANDLE h = pi.hProcess`, `HANDLE handles[] = { pi.hProcess, ... }`.
 */
export function aliasesOf(nodesOf: (node: Node, type: string) => readonly Node[], fn: Node, call: Node, handle: string): Set<string> {
  const names = new Set<string>();
  for (const a of nodesOf(fn, 'assignment_expression')) {
    if (a.startIndex < call.endIndex || compact(a.childForFieldName('right')?.text ?? '') !== handle) continue;
    const base = baseName(a.childForFieldName('left'));
    if (base) names.add(base);
  }
  for (const d of nodesOf(fn, 'init_declarator')) {
    if (d.startIndex < call.endIndex) continue;
    const value = d.childForFieldName('value');
    const holds =
      compact(value?.text ?? '') === handle ||
      (value?.type === 'initializer_list' && value.namedChildren.some((c) => c !== null && compact(c.text) === handle));
    if (!holds) continue;
    const base = baseName(d.childForFieldName('declarator'));
    if (base) names.add(base);
  }
  return names;
}

export interface StartFacts {
  /** The CreateProcess* / ShellExecuteEx* call. */
  call: Node;
  struct: StartStruct;
  /** `pi.hProcess` / `ppi->hProcess`, spaces removed. */
  handle: string;
  /** Names holding a copy of the handle. */
  aliases: ReadonlySet<string>;
  /** The variable the call's result is kept in (`BOOL ok = CreateProcessW(...)`), if any. */
  result: string | null;
}

export class ProcessEvents implements PathEvents {
  /** Some path after the start waits for the process or hands it on. */
  sawWait = false;

  constructor(
    private readonly facts: StartFacts,
    private readonly model: InstallerModelService,
    private readonly filePath: string,
  ) {}

  effect(node: Node, s: States): States {
    if (s === 0 || node.type === 'lambda_expression') return s;
    let at = s;
    for (const c of node.namedChildren) if (c) at = this.effect(c, at);
    if (node.id === this.facts.call.id) return at | LIVE;
    if (node.type === 'call_expression') return this.call(node, at);
    if (node.type === 'assignment_expression') return this.assignment(node, at);
    return at;
  }

  truth(atom: Node, s: States): { t: States; f: States } | null {
    let e = atom;
    while (e.type === 'parenthesized_expression' || e.type === 'cast_expression') {
      const inner = e.type === 'cast_expression' ? e.childForFieldName('value') : e.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (!inner) break;
      e = inner;
    }
    const start = e.type === 'assignment_expression' ? e.childForFieldName('right') : e;
    if (start?.id === this.facts.call.id) {
      // succeeded: a process runs; failed: nothing started
      let before = s;
      for (const a of argumentsOf(start)) before = this.effect(a, before);
      return { t: s === 0 ? 0 : LIVE, f: before };
    }
    const text = compact(e.text);
    const aboutProcess = e.type === 'identifier' ? e.text === this.facts.result || this.facts.aliases.has(e.text) : text === this.facts.handle;
    return aboutProcess ? { t: s, f: notStarted(s) } : null;
  }

  polls(loop: Node): boolean {
    if (!loop.text.includes('STILL_ACTIVE')) return false;
    const polls = loop.descendantsOfType('call_expression').some((c) => c !== null && calleeName(c) === 'GetExitCodeProcess' && this.isHandle(argumentsOf(c)[0]));
    if (polls) this.sawWait = true;
    return polls;
  }

  handsOff(ret: Node): boolean {
    return ret.namedChildren.some((c) => c !== null && this.mentions(c));
  }

  private call(call: Node, s: States): States {
    const name = calleeName(call);
    if (!name) return s;
    const args = argumentsOf(call);
    if (WAIT_APIS.has(name)) return args.some((a) => this.mentions(a)) ? this.wait(s) : s;
    if (PROCESS_HANDLE_USES.has(name)) return s;
    let at = s;
    args.forEach((a, i) => {
      if (!this.mentions(a)) return;
      const answer = this.model.waitsOnParameter(name, this.filePath, i);
      // a helper that does not wait on the handle it is given leaves the process live; given the
      // structure, it may read the handle through it, which the model does not follow
      if (answer === 'none' && this.isHandle(a)) return;
      at = this.wait(at);
    });
    return at;
  }

  /** Storing the handle anywhere but a local variable hands it on. */
  private assignment(a: Node, s: States): States {
    const right = a.childForFieldName('right');
    const left = a.childForFieldName('left');
    if (!right || !left || !this.mentions(right)) return s;
    let base: Node | null = left;
    while (base && (base.type === 'subscript_expression' || base.type === 'parenthesized_expression')) base = base.childForFieldName('argument') ?? base.namedChild(0);
    const local = base?.type === 'identifier' && !this.model.globalAt(this.filePath, base.startIndex);
    return local ? s : this.wait(s);
  }

  private wait(s: States): States {
    const after = waited(s);
    if (after !== s) this.sawWait = true;
    return after;
  }

  private isHandle(arg: Node | undefined): boolean {
    if (!arg) return false;
    const text = compact(arg.text).replace(/^\(HANDLE\)/, '');
    return text === this.facts.handle || text === `&${this.facts.handle}` || this.facts.aliases.has(text);
  }

  /**
   * The node holds the process: its handle or a copy, or the structure itself (`&pi`, `pi`,
   * `ppi`); a member other than hProcess (`pi.dwProcessId`, `pi.hThread`) is not the process.
   */
  private mentions(node: Node): boolean {
    const { struct, handle, aliases } = this.facts;
    if (compact(node.text).includes(handle)) return true;
    const ids = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
    return ids.some((id) => {
      if (!id) return false;
      if (aliases.has(id.text)) return true;
      if (id.text !== struct.text) return false;
      const parent = id.parent;
      return !(parent?.type === 'field_expression' && parent.childForFieldName('argument')?.id === id.id);
    });
  }
}
