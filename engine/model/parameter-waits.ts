/**
 * Whether a function of the module waits on the handle it is given in one parameter
 * (InstallerModelService.waitsOnParameter, contract.ts): read from the file summaries' calls, which
 * record the arguments that are a parameter of the caller or a local copy of one
 * (CallSite.paramArgs). A wait is a wait API (WAIT_HANDLE_ARGUMENT, engine/knowledge/api-lists.ts)
 * given the parameter as its handle argument, or a module function given it that waits on its own
 * parameter, through any depth. The summaries do not follow the parameter's address (`&process`)
 * nor members read through it (`p->hProcess`): a function that waits on anything, or reaches a
 * module function that does, without the wait being traced to the parameter answers 'unknown'.
 */
import { PROCESS_HANDLE_USES, WAIT_APIS, WAIT_HANDLE_ARGUMENT } from '../knowledge/api-lists.js';
import type { ParameterWait } from './contract.js';
import type { ModuleEffectsIndex } from './module-effects.js';
import type { GraphFunction, ModuleGraph } from './module-graph.js';

export class ParameterWaitsIndex {
  private readonly memo = new Map<string, ParameterWait>();
  /** Per function id: it, or a module function it reaches, calls a wait API. */
  private readonly waitsAtAll = new Map<number, boolean>();

  constructor(
    private readonly graph: ModuleGraph,
    private readonly effects: ModuleEffectsIndex,
  ) {}

  /** Undefined when the module defines no (live) function of that name seen from `fromFile`. */
  waitsOnParameter(name: string, fromFile: string, index: number): ParameterWait | undefined {
    const functions = this.live(name, fromFile);
    if (functions.length === 0) return undefined;
    const key = `${fromFile}\u0000${name}\u0000${index}`;
    let answer = this.memo.get(key);
    // only whole answers are kept: one found inside a cycle may lean on the cycle's placeholder
    if (!answer) this.memo.set(key, (answer = this.judge(functions, name, fromFile, index, new Set())));
    return answer;
  }

  private live(name: string, fromFile: string): GraphFunction[] {
    return this.graph.resolve(name, fromFile).filter((f) => !this.graph.isDead(f.file.filePath, f.s.start));
  }

  private judge(functions: readonly GraphFunction[], name: string, fromFile: string, index: number, visiting: Set<string>): ParameterWait {
    const key = `${fromFile}\u0000${name}\u0000${index}`;
    // a cycle adds nothing the functions on it do not show elsewhere
    if (visiting.has(key)) return 'none';
    visiting.add(key);
    const writes = this.effects.effectsOf(name, fromFile)?.writes ?? false;
    let answer: ParameterWait = writes || functions.some((f) => this.reachesWait(f)) ? 'unknown' : 'none';
    for (const fn of functions) {
      for (const call of fn.s.calls) {
        for (const pa of call.paramArgs ?? []) {
          if (pa.param !== index) continue;
          const seen = this.callee(call.name, fn.file.filePath, pa.arg, visiting);
          if (seen === 'waits') answer = 'waits';
          else if (seen === 'unknown' && answer === 'none') answer = 'unknown';
        }
      }
    }
    visiting.delete(key);
    return answer;
  }

  private callee(name: string, fromFile: string, arg: number, visiting: Set<string>): ParameterWait {
    const handleArgument = WAIT_HANDLE_ARGUMENT.get(name);
    if (handleArgument !== undefined) return handleArgument === arg ? 'waits' : 'none';
    if (PROCESS_HANDLE_USES.has(name)) return 'none';
    const targets = this.live(name, fromFile);
    if (targets.length === 0) return 'unknown';
    return this.judge(targets, name, fromFile, arg, visiting);
  }

  /** The function, or a module function it calls through any depth, calls a wait API. */
  private reachesWait(start: GraphFunction): boolean {
    const known = this.waitsAtAll.get(start.id);
    if (known !== undefined) return known;
    const seen = new Set<number>([start.id]);
    const queue = [start];
    let found = false;
    for (let i = 0; i < queue.length && !found; i++) {
      for (const call of queue[i].s.calls) {
        if (WAIT_APIS.has(call.name)) found = true;
        for (const t of this.live(call.name, queue[i].file.filePath)) {
          if (!seen.has(t.id)) {
            seen.add(t.id);
            queue.push(t);
          }
        }
      }
    }
    this.waitsAtAll.set(start.id, found);
    return found;
  }
}
