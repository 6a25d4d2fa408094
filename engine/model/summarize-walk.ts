/**
 * The summary walk: depth first over the tree with one cursor, a frame per node it descends into.
 * `enter` runs on every node (punctuation costs one type read); what a node records is decided in
 * steps: what its parent takes from it (enterUnder), what its own type opens (openNode: functions,
 * declarations, calls, directives, initializers), and which depth stacks its frame joins
 * (pushFrame). `leave` closes a frame: guards are read from switch and if statements, initializers
 * become dispatch entries. Names are handled by summarize-names.ts.
 */
import type { Language, Node } from 'web-tree-sitter';
import { ifRegions, switchRegions } from './guards.js';
import type { WalkCursor } from './summarize-cursor.js';
import { CLASS, Frame, GUARD_STOP, IS_NAME, ON_CALLS, ON_CLASSES, ON_DECLS, ON_GUARDS, POSITIONED, SCOPE, SKIP } from './summarize-frame.js';
import { functionHeader } from './summarize-header.js';
import { macroAt } from './summarize-macro.js';
import { noteCallResult, noteClass, noteQualifier, noteThis } from './summarize-cxx.js';
import { accessOf, identifier, markGuard } from './summarize-names.js';
import { calleeName } from './summarize-nodes.js';
import { closeLambda, openLambda } from './summarize-values.js';
import { WalkState } from './summarize-walk-state.js';
import { constantCondition } from '../syntax/constant-condition.js';
import type { CallSite, FileSummary } from './summary-types.js';

/** Walks the subtree under `cursor` (the whole file, or one child of the root), adding to `out`; deletes the cursor. */
export function walk(cursor: WalkCursor, language: Language, text: string, out: FileSummary): void {
  const w = new WalkState(cursor, language, text, out);
  try {
    // Depth first. leave() runs for the nodes enter() descended into (those with a frame), when the
    // cursor is back on them: after their last child, or at once when they have no children.
    let descend = enter(w);
    for (;;) {
      if (descend) {
        if (cursor.gotoFirstChild()) {
          descend = enter(w);
          continue;
        }
        leave(w);
      }
      let done = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
        leave(w);
      }
      if (done) break;
      descend = enter(w);
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Enters the node under the cursor. Returns true when the walk descends into it: then its frame
 * is on the path and leave() runs when the walk comes back up. Nodes it does not descend into
 * (tokens, leaves, skipped subtrees) leave no frame: everything they record is done here.
 */
function enter(w: WalkState): boolean {
  const cursor = w.cursor;
  const typeId = cursor.nodeTypeId;
  const slot = w.slotOf(typeId);
  let flags = w.typeFlags[slot];
  if (flags < 0) flags = w.learnType(typeId);
  const type = w.typeNames[slot];
  const parent = w.parentFrame();
  if (flags === 0) {
    // punctuation and keywords: only operators matter, and they need no position
    if (parent !== undefined && parent.op === undefined && parent.takesOp) {
      if (parent.type !== 'assignment_expression' || type.endsWith('=')) parent.op = type;
    }
    return false;
  }
  // a node's field is read only where some test looks at it: under the parents that name one, and for names
  const field =
    parent !== undefined && (parent.childFields || parent.pendingCall || parent.deadBody || parent.deadAlt || (parent.nameChildFields && (flags & IS_NAME) !== 0))
      ? w.fieldOf(cursor.currentFieldId)
      : null;
  const positioned =
    (flags & POSITIONED) !== 0 ||
    (parent !== undefined &&
      (parent.deadBody ||
        parent.deadAlt ||
        (parent.decl !== undefined && (field === 'type' || type === 'storage_class_specifier' || type === 'type_qualifier')) ||
        (field === 'name' && (parent.type === 'class_specifier' || parent.type === 'struct_specifier'))));
  const start = positioned ? cursor.startIndex : -1;
  const end = positioned ? cursor.endIndex : -1;
  const frame = (w.pool[w.frames.length] ??= new Frame()).reset(type, field, start, end, flags);
  if (parent !== undefined && !enterUnder(w, parent, type, field, start, end)) return false;
  if ((flags & SKIP) !== 0) {
    if (type === 'this') noteThis(w, frame, accessOf);
    return false;
  }
  if (!openNode(w, frame, parent, type, start, end)) return false;
  pushFrame(w, frame, flags, type);
  return true;
}

/**
 * What the parent takes from a named child: a call its callee, an argument list its count, a
 * declaration its storage class, qualifiers and type, a class its name. False when the child is
 * not walked: the dead part of `#if 0` / `#if 1 ... #else`, a function definition's header (read
 * by functionHeader).
 */
function enterUnder(w: WalkState, parent: Frame, type: string, field: string | null, start: number, end: number): boolean {
  const text = w.text;
  if (parent.pendingCall) resolveCall(w, parent, type, field, start, end);
  if (parent.type === 'argument_list' && type !== 'comment') parent.argIndex = (parent.argIndex ?? -1) + 1;
  // #if 0 / #if 1 ... #else
  if ((parent.deadBody || parent.deadAlt) && field !== 'condition') {
    const isAlt = field === 'alternative';
    if ((parent.deadBody && !isAlt) || (parent.deadAlt && isAlt)) {
      w.out.deadRanges.push([start, end]);
      return false;
    }
  }
  if (parent.type === 'function_definition' && (field === 'declarator' || field === 'type')) return false;
  if (parent.decl && type === 'storage_class_specifier') {
    const word = text.slice(start, end);
    if (word === 'static') parent.decl.isStatic = true;
    else if (word === 'extern') parent.decl.isExtern = true;
  } else if (parent.decl && type === 'type_qualifier' && text.slice(start, end) === 'const') parent.decl.isConst = true;
  else if (parent.decl && field === 'type') parent.decl.typeText = text.slice(start, end);
  if ((parent.type === 'class_specifier' || parent.type === 'struct_specifier') && field === 'name') parent.className = text.slice(start, end);
  return true;
}

/**
 * What a node of its type opens or records. False when the walk does not descend into it (names,
 * type definitions, directives read whole, prototype parameter lists with nothing to record).
 */
function openNode(w: WalkState, frame: Frame, parent: Frame | undefined, type: string, start: number, end: number): boolean {
  const { cursor, text, out } = w;
  switch (type) {
    case 'identifier':
      identifier(w, frame, text.slice(start, end));
      return false;
    case 'function_definition': {
      const fn = functionHeader(w.header, w.innermostClass());
      frame.scope = true;
      if (fn) {
        frame.fn = fn;
        w.fnStack.push(fn);
        out.functions.push(fn);
      }
      return true;
    }
    case 'declaration':
      frame.decl = { isStatic: false, isConst: false, isExtern: false, isTypedef: false, typeText: '' };
      return true;
    case 'field_declaration_list':
      noteClass(w);
      return true;
    case 'type_definition':
    case 'field_declaration':
    case 'preproc_params':
      return false;
    case 'preproc_def':
    case 'preproc_function_def': {
      const m = macroAt(w.header);
      if (m) out.macros.push(m);
      return false;
    }
    case 'preproc_include': {
      const path = cursor.currentNode.childForFieldName('path');
      if (path && path.type === 'string_literal') out.includes.push(text.slice(path.startIndex + 1, path.endIndex - 1));
      return false;
    }
    case 'preproc_if':
    case 'preproc_elif': {
      const cond = cursor.currentNode.childForFieldName('condition');
      const constant = cond ? constantCondition(text.slice(cond.startIndex, cond.endIndex)) : undefined;
      if (constant === false) frame.deadBody = true;
      else if (constant === true) frame.deadAlt = true;
      return true;
    }
    case 'call_expression': {
      // the callee is the first child: its name is read when the walk gets there
      const call: CallSite = { name: '', start, end, nameStart: -1, nameEnd: -1 };
      frame.call = call;
      frame.pendingCall = true;
      w.currentFn()?.calls.push(call);
      return true;
    }
    case 'argument_list':
      frame.argIndex = -1;
      return true;
    case 'lambda_expression': {
      const outer = w.currentFn();
      if (outer) openLambda(w, frame, outer, cursor.startIndex, cursor.endIndex);
      return true;
    }
    case 'parameter_list':
      // A prototype's parameters outside functions, in a declaration that declared no variable
      // yet: names there are neither refs (no function) nor initializers of a variable, and
      // calls there belong to no function. Only a block (a lambda's or a struct's body) or a
      // directive (#if 0, #define) inside could record something: without `{` and `#` the list
      // is skipped.
      return !(w.fnStack.length === 0 && w.ownerDeclaration()?.decl?.declared === undefined && !holdsBlockOrDirective(text, cursor.startIndex, cursor.endIndex));
    case 'initializer_list':
    case 'initializer_pair':
      frame.init = { difs: [], refs: [] };
      return true;
    case 'field_identifier':
      if (parent) {
        const name = text.slice(start, end);
        if (name === 'PostProcessing') markGuard(w);
        if (parent.type === 'field_expression') parent.member = name;
        else if (parent.type === 'field_designator' && w.frames.length >= 2) w.frames[w.frames.length - 2].member = name;
      }
      return false;
    default:
      return true;
  }
}

/** Puts the frame on the path: its scope opened, its parameters bound, the depth stacks it joins. */
function pushFrame(w: WalkState, frame: Frame, flags: number, type: string): void {
  if ((flags & SCOPE) !== 0) frame.scope = true;
  const depth = w.frames.length;
  w.frames.push(frame);
  if (frame.scope) w.scopes.open(depth);
  if (frame.lambdaFn) w.lambdaDepths.push(depth);
  if (frame.fn) {
    w.fnDepths.push(depth);
    const scopes = w.scopes;
    frame.fn.params.forEach((p, index) => {
      if (p.name) scopes.set(depth, p.name, { kind: 'param', index });
    });
  }
  if (frame.call || type === 'argument_list') {
    w.callDepths.push(depth);
    frame.stacks |= ON_CALLS;
  }
  if (frame.fn || (flags & GUARD_STOP) !== 0) {
    w.guardDepths.push(depth);
    frame.stacks |= ON_GUARDS;
  }
  if (frame.decl) {
    w.declDepths.push(depth);
    frame.stacks |= ON_DECLS;
  }
  if ((flags & CLASS) !== 0) {
    w.classDepths.push(depth);
    frame.stacks |= ON_CLASSES;
  }
}

/** Takes the last frame off the path; the cursor is back on its node. */
function leave(w: WalkState): void {
  const { cursor, frames } = w;
  const depth = frames.length - 1;
  const frame = frames.pop()!;
  // a call with no named child (an error): its callee, if any, is read from the node
  if (frame.pendingCall) {
    frame.pendingCall = false;
    nameCall(w, frame, calleeName(cursor.currentNode.childForFieldName('function')));
  }
  if (frame.call) noteCallResult(w, frame);
  if (frame.fn) {
    w.fnStack.pop();
    w.fnDepths.pop();
    if (w.fnStack.length === 0 && w.held.size > 0) w.held.clear();
  }
  closeLambda(w, frame);
  if (frame.scope) w.scopes.close(depth);
  const stacks = frame.stacks;
  if (stacks !== 0) {
    if ((stacks & ON_CALLS) !== 0) w.callDepths.pop();
    if ((stacks & ON_GUARDS) !== 0) w.guardDepths.pop();
    if ((stacks & ON_DECLS) !== 0) w.declDepths.pop();
    if ((stacks & ON_CLASSES) !== 0) w.classDepths.pop();
  }
  const parent = w.parentFrame();
  // switch and if statements whose condition or labels name the DIF code, PostProcessing or
  // DI_QUIETINSTALL: read them now, the cursor is on them (the others are never materialised)
  if (frame.guard) {
    const fn = w.currentFn();
    if (fn && frame.type === 'switch_statement') fn.regions.push(...switchRegions(cursor.currentNode, w.paramOf));
    else if (fn && frame.type === 'if_statement') {
      const block = parent && (parent.type === 'compound_statement' || parent.type === 'case_statement') ? parent.end : undefined;
      const blockEnd = block !== undefined && parent?.type === 'compound_statement' ? block - 1 : block;
      // a statement of a case (in its case_statement, or after a directive ended it): the rest runs to the next label
      const inCase = parent?.type === 'case_statement' || (parent?.type === 'compound_statement' && w.frameAt(w.frames.length - 2)?.type === 'switch_statement');
      fn.regions.push(...ifRegions(cursor.currentNode, blockEnd, w.paramOf, w.text, inCase));
    }
  }
  if (frame.init) closeInitializer(frame, parent);
  if (parent && parent.type === 'assignment_expression' && frame.field === 'left') {
    parent.member = frame.member;
    parent.object = frame.object;
    parent.objectName = frame.objectName;
  }
}

/**
 * Names the call of `frame` from its first named child (the cursor is on it): an identifier in
 * the `function` field is the name; any other callee is read as a node (calleeName). A call of
 * no name is dropped, as if never recorded (it is the last call recorded: its callee is unvisited).
 */
function resolveCall(w: WalkState, frame: Frame, type: string, field: string | null, start: number, end: number): void {
  frame.pendingCall = false;
  const call = frame.call!;
  if (field === 'function' && (type === 'identifier' || type === 'field_identifier')) {
    call.name = w.text.slice(start, end);
    call.nameStart = start;
    call.nameEnd = end;
    return;
  }
  const node = w.cursor.currentNode;
  nameCall(w, frame, calleeName(field === 'function' ? node : (node.parent?.childForFieldName('function') ?? null)));
  if (field === 'function' && type === 'qualified_identifier' && frame.call) noteQualifier(frame.call, node);
}

function nameCall(w: WalkState, frame: Frame, name: Node | undefined): void {
  const call = frame.call!;
  if (name) {
    call.name = name.text;
    call.nameStart = name.startIndex;
    call.nameEnd = name.endIndex;
    return;
  }
  frame.call = undefined;
  const calls = w.currentFn()?.calls;
  const k = calls ? calls.lastIndexOf(call) : -1;
  if (k >= 0) calls!.splice(k, 1);
}

/** An initializer with one DIF code and names is a dispatch entry; a pair that is not one joins its list. */
function closeInitializer(frame: Frame, parent: Frame | undefined): void {
  const init = frame.init!;
  if (init.difs.length === 1 && init.refs.length > 0) {
    for (const r of init.refs) r.dispatchDif = init.difs[0];
  } else if (frame.type === 'initializer_pair' && parent?.init) {
    parent.init.difs.push(...init.difs);
    parent.init.refs.push(...init.refs);
  }
}

/** Whether text[start, end) holds a `{` or a `#`. */
function holdsBlockOrDirective(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x23) return true;
  }
  return false;
}
