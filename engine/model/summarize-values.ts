/**
 * Function values in the summary walk (docs/architecture.md, Function values): where a function's
 * address, a lambda or a parameter that may hold one goes inside a function, so that the module
 * graph can follow it to the procedure it becomes (function-values.ts).
 *
 * - A name stored in a local (`DLGPROC p = PageProc;`, `p = PageProc;`) or in a field of a local
 *   (`ctx.proc = PageProc;`, `CONTOSO_PAGE ctx = { .proc = PageProc };`) is held there
 *   (WalkState.held): the store is no use of the function; each later use of the local is a
 *   ValueFlow (handed to a call, stored as a procedure, called, or anything else).
 * - A parameter (or a local copy of one, or a field of one: `c->proc`) stored as a procedure
 *   (`psp.pfnDlgProc = proc`), called, held in a local's field, or read through a field and handed
 *   on, is a ValueFlow of the parameter; a parameter passed whole to a call is CallSite.paramArgs.
 * - A lambda inside a function, unless called where it is written (`[&] { ... }()`, which runs in
 *   place), is summarised as a function of its own (FunctionSummary.lambda): its calls, names and
 *   guards are its own, and it runs where the local holding it is called or handed to, or where it
 *   is handed to a call itself (a thread, a dialog).
 */
import type { Binding } from './scope-index.js';
import { pointerKindOfField } from './pointer-kinds.js';
import type { Frame } from './summarize-frame.js';
import { listKind } from './summarize-names.js';
import type { Held, HeldValues, WalkState } from './summarize-walk-state.js';
import type { CallSite, FunctionSummary, PointerKind, ValueFlow } from './summary-types.js';

/** What happens to a value at a site. */
type Site =
  | { kind: 'arg'; call: CallSite; arg: number; field?: string }
  | { kind: 'store'; target: Binding; targetName: string; targetField: string; field?: string }
  | { kind: 'proc'; proc: PointerKind | 'call'; via?: string; field?: string }
  | { kind: 'other'; field?: string };

/** The types a value is looked through on its way up (`(DLGPROC)p`, `&ctx`, `*p`). */
const WRAPPERS = new Set(['parenthesized_expression', 'cast_expression', 'pointer_expression']);
/** Parents under which a parameter or a held local can go somewhere valueSite tells apart. */
export const VALUE_PARENTS = new Set([
  ...WRAPPERS,
  'field_expression',
  'argument_list',
  'assignment_expression',
  'init_declarator',
  'initializer_pair',
  'initializer_list',
  'call_expression',
  'return_statement',
]);
/** `std::thread t(f);`: declarations whose arguments start a thread. */
const THREAD_TYPES = /^(?:std::)?j?thread$/;
/** `.proc` or `->proc` right after a name. */
const MEMBER_AFTER = /\s*(?:->|\.)\s*([A-Za-z_]\w*)/y;

/**
 * Where the value at `frame` (a name or a lambda, not on the path) goes: the frames above are read
 * through parentheses, casts, `&` and `*`, and one member access right after a name (`c->proc`).
 */
function valueSite(w: WalkState, frame: Frame): Site {
  const frames = w.frames;
  let child = frame;
  let field: string | undefined;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (WRAPPERS.has(f.type)) {
      child = f;
      continue;
    }
    if (f.type === 'field_expression' && child === frame && field === undefined && frame.end >= 0) {
      MEMBER_AFTER.lastIndex = frame.end;
      const m = MEMBER_AFTER.exec(w.text);
      if (!m) return { kind: 'other' };
      field = m[1];
      child = f;
      continue;
    }
    switch (f.type) {
      case 'call_expression':
        return child.field === 'function' ? { kind: 'proc', proc: 'call', field } : { kind: 'other', field };
      case 'argument_list': {
        const call = w.frameAt(i - 1)?.call;
        if (call) return { kind: 'arg', call, arg: f.argIndex ?? 0, field };
        return threadDeclaration(w) ? { kind: 'proc', proc: 'thread', via: 'std::thread', field } : { kind: 'other', field };
      }
      case 'assignment_expression': {
        if (child.field !== 'right' || f.op !== '=') return { kind: 'other', field };
        const kind = pointerKindOfField(f.member);
        if (kind !== 'pointer') return { kind: 'proc', proc: kind, via: f.member, field };
        if (f.member !== undefined) {
          return f.object?.kind === 'local' ? { kind: 'store', target: f.object, targetName: f.objectName ?? '', targetField: f.member, field } : { kind: 'other', field };
        }
        return f.target?.kind === 'local' ? { kind: 'store', target: f.target, targetName: f.targetName ?? '', targetField: '', field } : { kind: 'other', field };
      }
      case 'init_declarator':
        // the value of a declaration (the declarator, a name, is never a value walked here)
        if (f.target?.kind === 'local') return { kind: 'store', target: f.target, targetName: w.ownerDeclaration()?.decl?.declared ?? '', targetField: '', field };
        return { kind: 'other', field };
      case 'initializer_pair': {
        if (child.field !== 'value') return { kind: 'other', field };
        const kind = f.member ? pointerKindOfField(f.member) : listKind(w, i - 1);
        if (kind !== 'pointer') return { kind: 'proc', proc: kind, via: f.member, field };
        // `CONTOSO_PAGE ctx = { .proc = PageProc };`
        const decl = w.frameAt(i - 2);
        if (f.member && w.frameAt(i - 1)?.type === 'initializer_list' && decl?.type === 'init_declarator' && decl.target?.kind === 'local') {
          return { kind: 'store', target: decl.target, targetName: w.ownerDeclaration()?.decl?.declared ?? '', targetField: f.member, field };
        }
        return { kind: 'other', field };
      }
      case 'initializer_list': {
        if (threadDeclaration(w)) return { kind: 'proc', proc: 'thread', via: 'std::thread', field };
        const kind = listKind(w, i);
        return kind !== 'pointer' ? { kind: 'proc', proc: kind, field } : { kind: 'other', field };
      }
      default:
        return { kind: 'other', field };
    }
  }
  return { kind: 'other', field };
}

/** The innermost declaration declares a `std::thread` (its arguments start a thread: `std::thread t(f)`, `std::thread t{f}`). */
function threadDeclaration(w: WalkState): boolean {
  const owner = w.ownerDeclaration()?.decl;
  return owner !== undefined && THREAD_TYPES.test(owner.typeText.replace(/\s+/g, ''));
}

function addFlow(fn: FunctionSummary, flow: ValueFlow): void {
  (fn.flows ??= []).push(flow);
}

function hold(w: WalkState, target: Binding, local: string, field: string, values: readonly Held[]): void {
  if (values.length === 0) return;
  let held = w.held.get(target);
  if (!held) w.held.set(target, (held = { local, fields: new Map() }));
  const list = held.fields.get(field);
  if (list) list.push(...values);
  else held.fields.set(field, [...values]);
}

/** The flow of one held value at a site, in `fn`. */
function flowOf(value: Held, site: Site, start: number, end: number, holder: string | undefined, argField?: string): ValueFlow | undefined {
  const flow: ValueFlow = { ...value, start, end };
  if (holder) flow.holder = holder;
  if (site.kind === 'arg') {
    flow.call = site.call.name;
    flow.arg = site.arg;
    if (argField) flow.argField = argField;
  } else if (site.kind === 'proc') {
    if (argField) return undefined;
    flow.kind = site.proc;
    if (site.via) flow.via = site.via;
  } else {
    if (argField) return undefined;
    flow.kind = 'pointer';
  }
  return flow;
}

/** Records what happens to `values` at a site: stored in a local, or flows in `fn`. */
function record(w: WalkState, fn: FunctionSummary, site: Site, values: readonly Held[], start: number, end: number, holder: string | undefined, argField?: string): void {
  if (site.kind === 'store') {
    if (!argField) hold(w, site.target, site.targetName, site.targetField, values);
    return;
  }
  for (const v of values) {
    const flow = flowOf(v, site, start, end, holder, argField);
    if (flow) addFlow(fn, flow);
  }
}

/**
 * A name that is no local or parameter (a function's address, a global): stored in a local, it is
 * held there and true is returned (the RefSite is then `held`). Any other use is the RefSite's.
 */
export function nameValue(w: WalkState, frame: Frame, name: string): boolean {
  const site = valueSite(w, frame);
  if (site.kind !== 'store' || site.field !== undefined) return false;
  hold(w, site.target, site.targetName, site.targetField, [{ name }]);
  return true;
}

/**
 * A local or parameter named at `frame`: a parameter (or a local copy of one) going somewhere
 * CallSite.paramArgs does not say, or a local holding function values, records where they go.
 */
export function bindingValue(w: WalkState, frame: Frame, name: string, binding: Binding, param: number | undefined, fn: FunctionSummary): void {
  const held = binding.kind === 'local' && param === undefined ? w.held.get(binding) : undefined;
  if (param === undefined && !held) return;
  const site = valueSite(w, frame);
  if (param !== undefined) {
    // passed whole to a call: CallSite.paramArgs; anything but a procedure, a call or a store: nothing to follow
    if ((site.kind === 'arg' && site.field === undefined) || site.kind === 'other') return;
    const value: Held = site.field !== undefined ? { param, field: site.field } : { param };
    record(w, fn, site, [value], frame.start, frame.end, undefined);
    return;
  }
  useHeld(w, fn, site, held!, frame.start, frame.end);
}

/** A local holding function values is used at a site: each value flows (or is copied) there. */
function useHeld(w: WalkState, fn: FunctionSummary, site: Site, held: HeldValues, start: number, end: number): void {
  if (site.field !== undefined) {
    record(w, fn, site, held.fields.get(site.field) ?? [], start, end, `${held.local}.${site.field}`);
    return;
  }
  for (const [field, values] of held.fields) {
    if (field === '') record(w, fn, site, values, start, end, held.local);
    else if (site.kind === 'arg') record(w, fn, site, values, start, end, `${held.local}.${field}`, field);
    else if (site.kind === 'store' && site.targetField === '') hold(w, site.target, site.targetName, field, values);
  }
}

/**
 * A lambda at `frame` (not on the path) in the function `outer`: unless it is called where it is
 * written, it becomes a function of its own, pushed on the walk's function stack (closeLambda
 * takes it off), and its value is held or flows like a function's address.
 */
export function openLambda(w: WalkState, frame: Frame, outer: FunctionSummary, start: number, end: number): void {
  const site = valueSite(w, frame);
  if (site.kind === 'proc' && site.proc === 'call') return;
  const local = site.kind === 'store' && site.targetField === '' ? site.targetName : '';
  const name = local ? `<lambda ${local}>` : '<lambda>';
  const fn: FunctionSummary = {
    name,
    qualifiedName: `${outer.qualifiedName}::${name}`,
    start,
    end,
    nameStart: start,
    nameEnd: start + 1,
    bodyStart: start,
    isStatic: true,
    dllexport: false,
    params: [],
    calls: [],
    refs: [],
    regions: [],
    staticAccesses: [],
    lambda: local,
  };
  w.out.functions.push(fn);
  record(w, outer, site, [{ lambda: start }], start, end, undefined);
  frame.lambdaFn = fn;
  w.fnStack.push(fn);
}

/** Takes the lambda of `frame` off the function stack (its frame has left the path). */
export function closeLambda(w: WalkState, frame: Frame): void {
  if (!frame.lambdaFn) return;
  w.fnStack.pop();
  w.lambdaDepths.pop();
}

/** A parameter declared in the list of a lambda summarised on its own: a parameter of that function. */
export function lambdaParameter(lambda: Frame, name: string): Binding | undefined {
  const fn = lambda.lambdaFn;
  if (!fn) return undefined;
  return { kind: 'param', index: fn.params.push({ name, type: '' }) - 1 };
}
