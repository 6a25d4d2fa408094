/**
 * What the summary walk records for a name (summarize-walk.ts calls `identifier` for every
 * identifier it meets): a declared name becomes a local, a function static or a global; a
 * parameter or a local copy of one marks guards and is passed on to calls; a `DIF_` constant
 * marks guards and joins dispatch tables; any other name is a ref (a global, a function whose
 * address is taken, a macro, an API). The searches up the path stop at the depths kept in
 * WalkState, so that deep nesting stays linear.
 */
import { FORMATTING_APIS } from '../knowledge/api-lists.js';
import { pointerKindOfCall, pointerKindOfField } from './pointer-kinds.js';
import { argumentUse } from './summarize-arguments.js';
import { methodCalledOn, noteReceiver, noteReturned, qualifierBefore } from './summarize-cxx.js';
import type { Binding } from './scope-index.js';
import { POINTER_WRAPPER, type Frame } from './summarize-frame.js';
import type { WalkState } from './summarize-walk-state.js';
import { bindingValue, lambdaParameter, nameValue, VALUE_PARENTS } from './summarize-values.js';
import type { GlobalDecl, PointerKind, RefSite, StaticAccess } from './summary-types.js';

/** Parameter types that can carry a DIF code. */
const DIF_CAPABLE = /^(?:DI_FUNCTION|UINT|DWORD|ULONG|INT|LONG|int|long|unsigned(?: int| long)?|auto|u?int(?:32|64)_t|UINT32|DWORD32|)$/;

const DECLARATOR_TYPES = new Set([
  'init_declarator',
  'pointer_declarator',
  'array_declarator',
  'reference_declarator',
  'parenthesized_declarator',
  'attributed_declarator',
  'function_declarator',
  // `int Installer::s_calls = 0;`: a class static defined at file scope
  'qualified_identifier',
]);

/** The parents of a name that summarize-cxx.ts looks at: a returned variable, a method call's receiver. */
const CXX_PARENTS = new Set(['return_statement', 'parenthesized_expression', 'pointer_expression', 'field_expression', 'qualified_identifier']);

/** The parents under which a name may be stored in a local (summarize-values.ts). */
const STORE_PARENTS = new Set(['parenthesized_expression', 'cast_expression', 'pointer_expression', 'init_declarator', 'assignment_expression', 'initializer_pair']);

/**
 * The parameter a parameter or a local copy of one stands for; undefined for other locals, and
 * for a name a lambda summarised on its own captures (its index is another function's).
 */
function paramOfBinding(w: WalkState, name: string, binding: Binding): number | undefined {
  const param = binding.kind === 'param' ? binding.index : binding.kind === 'local' ? binding.copyOf : undefined;
  return param !== undefined && w.captured(name) ? undefined : param;
}

/** Records the identifier `name` of `frame` (not on the path: its parent is the path's last frame). */
export function identifier(w: WalkState, frame: Frame, name: string): void {
  const parent = w.parentFrame();
  if (!parent) return;
  const frames = w.frames;
  const field = frame.field;
  // declared names
  if (field === 'declarator' || parent.type === 'reference_declarator' || (parent.type === 'qualified_identifier' && field === 'name' && parent.field === 'declarator')) {
    declare(w, name, frame.start, frame.end);
    return;
  }
  if (field === 'name' && (parent.type === 'enumerator' || parent.type === 'namespace_definition')) return;
  if (parent.type === 'goto_statement' || parent.type === 'labeled_statement') return;
  // the callee of a call: the innermost frame with a call or of an argument list holds it
  const callDepths = w.callDepths;
  const callFrame = callDepths.length > 0 ? frames[callDepths[callDepths.length - 1]] : undefined;
  if (callFrame?.call && callFrame.call.nameStart === frame.start && callFrame.call.nameEnd === frame.end) {
    // `if (!SetupGetNonInteractiveMode())` guards like a DI_QUIETINSTALL test (guards.ts)
    if (name === 'SetupGetNonInteractiveMode') markGuard(w);
    // a parameter or a local holding function values, called (summarize-values.ts)
    const callee = parent.type === 'call_expression' ? w.lookup(name) : undefined;
    const calling = w.currentFn();
    if (callee && calling && callee.kind !== 'static') bindingValue(w, frame, name, callee, paramOfBinding(w, name, callee), calling);
    return;
  }
  const qualified = parent.type === 'qualified_identifier';
  const binding = qualified ? undefined : w.lookup(name);
  const fn = w.currentFn();
  if (binding) {
    const param = paramOfBinding(w, name, binding);
    if (param !== undefined) {
      // a parameter that can hold a DIF code (an integer, not HDEVINFO or a pointer) may be compared with numbers
      if (fn && DIF_CAPABLE.test(fn.params[param]?.type ?? '')) markGuard(w);
      if (parent.type === 'argument_list') {
        const call = w.frameAt(frames.length - 2)?.call;
        if (call) (call.paramArgs ??= []).push({ arg: parent.argIndex ?? 0, param });
      } else if (parent.type === 'init_declarator' && field === 'value' && parent.target?.kind === 'local') {
        parent.target.copyOf = param;
      } else if (parent.type === 'assignment_expression' && field === 'right' && parent.op === '=' && parent.target?.kind === 'local') {
        parent.target.copyOf = param;
      }
    }
    if (parent.type === 'assignment_expression' && field === 'left') {
      parent.target = binding;
      parent.targetName = name;
    } else if (parent.type === 'field_expression' && field === 'argument' && binding.kind === 'local') {
      parent.object = binding;
      parent.objectName = name;
    }
    if (fn && binding.kind !== 'static' && VALUE_PARENTS.has(parent.type)) bindingValue(w, frame, name, binding, param, fn);
    // a parameter captured by a lambda is its function's (the function the lambda is written in)
    const owner = param === undefined && binding.kind === 'param' ? w.frameAt(w.fnDepths[w.fnDepths.length - 1])?.fn : fn;
    if (binding.kind === 'param' && owner && writesThrough(w, frame, owner.params[binding.index]?.type ?? '')) owner.writesThroughParams = true;
    if (binding.kind === 'static' && fn) {
      const access: StaticAccess = { global: binding.global, start: frame.start, end: frame.end, access: accessOf(w, frame) };
      const arg = argumentUse(w, frame);
      if (arg) access.arg = arg;
      const method = CXX_PARENTS.has(parent.type) ? methodCalledOn(w, frame) : undefined;
      if (method) access.method = method;
      fn.staticAccesses.push(access);
    }
    if (fn && CXX_PARENTS.has(parent.type)) {
      if (binding.kind === 'static') noteReturned(w, fn, name, binding.global);
      else noteReceiver(w, frame, parent, binding, fn);
    }
    return;
  }
  if (name === 'DI_QUIETINSTALL') markGuard(w);
  if (name.startsWith('DIF_') && /^DIF_\w+$/.test(name)) {
    markGuard(w);
    if (parent.type === 'argument_list') {
      const call = w.frameAt(frames.length - 2)?.call;
      if (call) (call.constArgs ??= []).push({ arg: parent.argIndex ?? 0, code: name });
    }
    // { DIF_X, Handler }, { .Code = DIF_X, .Handler = Handler } (pair by pair), [DIF_X] = Handler
    const init = parent.init ?? (parent.type === 'subscript_designator' ? w.frameAt(frames.length - 2)?.init : undefined);
    if (init) init.difs.push(name);
    return;
  }
  const { pointer, via, viaArg, initList } = pointerUse(w, frame);
  const ref: RefSite = { name, start: frame.start, end: frame.end, access: accessOf(w, frame), pointer };
  // by value, `via` and `viaArg` say which argument it is; by address, `arg` says it
  const arg = argumentUse(w, frame);
  if (arg?.address) ref.arg = arg;
  if (via) {
    ref.via = via;
    ref.viaArg = viaArg;
  }
  if (initList) initList.refs.push(ref);
  if (fn && STORE_PARENTS.has(parent.type) && nameValue(w, frame, name)) ref.held = true;
  if (fn && CXX_PARENTS.has(parent.type)) {
    noteReturned(w, fn, name, undefined);
    const method = methodCalledOn(w, frame);
    if (method) ref.method = method;
  }
  if (fn) fn.refs.push(ref);
  else {
    const owner = w.ownerDeclaration();
    if (owner?.decl?.declared) w.out.globalInits.push({ owner: owner.decl.declared, ref });
  }
}

/** Marks the if or switch whose condition (or case label) holds the current node as a possible guard. */
export function markGuard(w: WalkState): void {
  const guardDepths = w.guardDepths;
  if (guardDepths.length === 0) return;
  const i = guardDepths[guardDepths.length - 1];
  const f = w.frames[i];
  if (f.type === 'if_statement' || f.type === 'switch_statement') {
    f.guard = true;
  } else if (f.type === 'case_statement') {
    // a label: the case's switch is two frames up (case -> body -> switch)
    const sw = w.frameAt(i - 2);
    if (sw && sw.type === 'switch_statement') sw.guard = true;
  }
  // compound statements, expression statements, functions and lambdas end the search
}

/** A name declared by a declarator: a local, a function static, a file-scope variable (not a prototype). */
function declare(w: WalkState, name: string, start: number, end: number): void {
  const { frames, scopes, out } = w;
  let i = frames.length - 1;
  let sawPointer = false;
  let initDecl: Frame | undefined;
  let sawFunction = false;
  let sawArray = false;
  let sawQualified = false;
  while (i >= 0 && DECLARATOR_TYPES.has(frames[i].type)) {
    const t = frames[i].type;
    if (t === 'pointer_declarator') sawPointer = true;
    if (t === 'array_declarator') sawArray = true;
    if (t === 'function_declarator' && !sawPointer) sawFunction = true;
    if (t === 'init_declarator') initDecl ??= frames[i];
    if (t === 'qualified_identifier') sawQualified = true;
    i--;
  }
  const owner = w.frameAt(i);
  if (!owner || sawFunction) return;
  if (owner.type === 'parameter_declaration' || owner.type === 'optional_parameter_declaration') {
    // parameters of a lambda are locals of its body; those of prototypes declare nothing
    for (let j = i; j >= 0; j--) {
      if (frames[j].type === 'lambda_expression') {
        scopes.set(j, name, lambdaParameter(frames[j], name) ?? { kind: 'local' });
        return;
      }
      if (frames[j].fn || frames[j].type === 'compound_statement') return;
    }
    return;
  }
  if (!owner.decl && owner.type !== 'for_range_loop' && owner.type !== 'condition_clause') return;
  const fn = w.currentFn();
  const decl = owner.decl;
  if (decl) decl.declared = name;
  if (!fn) {
    if (!decl || decl.isTypedef) return;
    const global: GlobalDecl = { name, nameStart: start, nameEnd: end, scope: 'file', isConst: decl.isConst, isStatic: decl.isStatic, isExtern: decl.isExtern };
    if (sawArray) global.isArray = true;
    const qualifier = sawQualified ? qualifierBefore(w.text, start) : undefined;
    if (qualifier) global.qualifier = qualifier;
    out.globals.push(global);
    return;
  }
  const scope = scopes.current();
  if (decl?.isStatic) {
    const global: GlobalDecl = { name, nameStart: start, nameEnd: end, scope: 'static-local', isConst: decl.isConst, isStatic: true, isExtern: false, functionName: fn.qualifiedName };
    if (sawArray) global.isArray = true;
    const index = out.globals.push(global) - 1;
    if (scope !== undefined) scopes.set(scope, name, { kind: 'static', global: index });
    return;
  }
  if (decl?.isExtern) {
    if (scope !== undefined) scopes.delete(scope, name);
    return;
  }
  const binding: Binding = decl?.typeText ? { kind: 'local', type: decl.typeText } : { kind: 'local' };
  if (scope !== undefined) scopes.set(scope, name, binding);
  if (initDecl) initDecl.target = binding;
}

/** read or write: the target of an assignment, ++/--, or an address taken (it may be written through). */
export function accessOf(w: WalkState, frame: Frame): 'read' | 'write' {
  const frames = w.frames;
  let child = frame;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f.type === 'parenthesized_expression' || (f.type === 'pointer_expression' && f.op === '*')) {
      child = f;
      continue;
    }
    // `ContosoState::s_Installs++`, `contoso::g_settings.mode = 1`: the name of a qualified name is what is written
    if (f.type === 'qualified_identifier' && child.field === 'name') {
      child = f;
      continue;
    }
    if ((f.type === 'field_expression' || f.type === 'subscript_expression') && child.field === 'argument') {
      child = f;
      continue;
    }
    if (f.type === 'assignment_expression') return child.field === 'left' ? 'write' : 'read';
    if (f.type === 'update_expression') return 'write';
    if (f.type === 'pointer_expression' && f.op === '&') return 'write';
    return 'read';
  }
  return 'read';
}

/**
 * The parameter named at `frame` is written through: the target of an assignment or `++`/`--`
 * through `->`, `.`, `*` or `[]` (or itself, when it is a C++ reference), or the buffer (first
 * argument) of a formatting API, itself or through those.
 */
function writesThrough(w: WalkState, frame: Frame, type: string): boolean {
  const frames = w.frames;
  let child = frame;
  let through = type.includes('&');
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f.type === 'parenthesized_expression' || f.type === 'cast_expression') {
      child = f;
      continue;
    }
    if ((f.type === 'pointer_expression' && f.op === '*') || ((f.type === 'field_expression' || f.type === 'subscript_expression') && child.field === 'argument')) {
      through = true;
      child = f;
      continue;
    }
    if (f.type === 'assignment_expression') return through && child.field === 'left';
    if (f.type === 'update_expression') return through;
    if (f.type === 'argument_list') return (f.argIndex ?? 0) === 0 && FORMATTING_APIS.has(w.frameAt(i - 1)?.call?.name ?? '');
    return false;
  }
  return false;
}

/** How a free name is used as a pointer: handed to a call, stored in a member, listed in an initializer. */
function pointerUse(w: WalkState, frame: Frame): { pointer: PointerKind; via?: string; viaArg?: number; initList?: Frame['init'] } {
  const frames = w.frames;
  let child = frame;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if ((f.flags & POINTER_WRAPPER) !== 0) {
      if (f.type === 'pointer_expression' && f.op !== '&') return { pointer: 'pointer' };
      child = f;
      continue;
    }
    if (f.type === 'argument_list') {
      const call = w.frameAt(i - 1)?.call;
      if (!call) return { pointer: 'pointer' };
      return { pointer: pointerKindOfCall(call.name), via: call.name, viaArg: f.argIndex ?? 0 };
    }
    if (f.type === 'assignment_expression' && child.field === 'right') return { pointer: pointerKindOfField(f.member) };
    if (f.type === 'initializer_pair' && child.field === 'value') {
      const kind = f.member ? pointerKindOfField(f.member) : listKind(w, i - 1);
      return { pointer: kind, initList: f.init };
    }
    if (f.type === 'initializer_list') return { pointer: listKind(w, i), initList: f.init };
    if (f.type === 'init_declarator' && child.field === 'value') return { pointer: 'pointer' };
    return { pointer: 'pointer' };
  }
  return { pointer: 'pointer' };
}

/** What an initializer list at depth `i` fills: a property sheet page, a window class, or anything else. */
export function listKind(w: WalkState, i: number): PointerKind {
  const declDepths = w.declDepths;
  for (let k = declDepths.length - 1; k >= 0; k--) {
    if (declDepths[k] > i) continue;
    const d = w.frames[declDepths[k]].decl!;
    return /PROPSHEETPAGE/.test(d.typeText) ? 'page' : /WNDCLASS/.test(d.typeText) ? 'wndproc' : 'pointer';
  }
  return 'pointer';
}
