/**
 * Guideline 4, second half: where an installer may start a process (a finish-install action, a
 * page the user sees), it must not return or let the user continue before the process exits. The
 * rule reports, in code that runs in an interactive DIF context:
 *  - CreateProcess* and ShellExecuteEx* whose process is not waited on before a return: on every
 *    path from the start to a return (or the end of the function) a wait on its handle (WAIT_APIS,
 *    any timeout), a loop polling GetExitCodeProcess while STILL_ACTIVE, a module helper that waits
 *    on the handle, or a hand-off (rules/support/wait-paths.ts, wait-events.ts). Without any wait
 *    the start is reported (with a fix); with a wait that some paths miss, each such return;
 *  - ShellExecuteEx* without SEE_MASK_NOCLOSEPROCESS (it then gives no handle to wait on);
 *  - ShellExecute*, WinExec, and _spawn* with _P_NOWAITO or _P_DETACH, which give no process handle;
 *    _spawn* with _P_NOWAIT whose returned handle is not waited on (_cwait or a wait function).
 * system, _popen and _spawn* with _P_WAIT wait by themselves; process starts outside interactive
 * contexts are no-process-outside-finish-install's. Without the installer model it reports nothing.
 */
import type { Node } from 'web-tree-sitter';
import {
  ancestors,
  calleeName,
  calleeNode,
  createRule,
  descendantsByType,
  enclosingFunction,
  inDisabledCode,
  PROCESS_HANDLE_USES,
  type RelatedLocation,
  siteContext,
  WAIT_APIS,
} from '../engine/index.js';
import { waitForProcessFix, member } from './support/wait-for-process.js';
import { aliasesOf, argumentsOf, baseName, compact, ProcessEvents, structOf, type StartFacts } from './support/wait-events.js';
import { leaksOf } from './support/wait-paths.js';

const aw = (names: string[]) => names.flatMap((n) => [n, `${n}A`, `${n}W`]);
const CREATE_PROCESS = new Set(aw(['CreateProcess', 'CreateProcessAsUser', 'CreateProcessWithLogon', 'CreateProcessWithToken']));
const SHELL_EXECUTE_EX = new Set(aw(['ShellExecuteEx']));
const NO_HANDLE = new Set([...aw(['ShellExecute']), 'WinExec']);

const SPAWN = /^_w?spawn(l|le|lp|lpe|v|ve|vp|vpe)$/;
const UNDERSCORE = 0x5f;

/** The fixes' titles (Fix.desc). */
type FixTitle = 'waitForProcess' | 'addMask' | 'addMaskAndWait';
type MessageIds = 'notWaited' | 'returnsBeforeWait' | 'noCloseProcessMask' | 'noHandle' | FixTitle;

export default createRule<MessageIds, []>({
  name: 'wait-for-finish-install-process',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require waiting for a process started in a finish-install action or page before returning',
      guideline: 'Starting other processes or services',
      recommended: true,
    },
    messages: {
      notWaited:
        '{{api}} starts a process while {{entryPoint}} handles {{difCode}}, and the function returns without waiting for it: wait on {{handle}} (WaitForSingleObject) before returning or letting the user continue, then close the handles.',
      returnsBeforeWait:
        '{{where}} is reached after {{api}} (line {{line}}) starts a process while {{entryPoint}} handles {{difCode}}, with no wait on {{handle}} on the way: wait for the process on this path too before returning.',
      noCloseProcessMask:
        '{{api}} starts a process while {{entryPoint}} handles {{difCode}} without SEE_MASK_NOCLOSEPROCESS, so there is no process handle to wait on: set the flag and wait on {{handle}} before returning.',
      noHandle:
        '{{api}} starts a process while {{entryPoint}} handles {{difCode}} and gives no handle to wait on: use CreateProcess (or ShellExecuteEx with SEE_MASK_NOCLOSEPROCESS) and wait for the process before returning.',
      waitForProcess: 'Wait for the process before returning',
      addMask: 'Add SEE_MASK_NOCLOSEPROCESS to fMask so that the wait gets the process',
      addMaskAndWait: 'Add SEE_MASK_NOCLOSEPROCESS and wait for the process before returning',
    },
    fixable: 'code',
    schema: [],
  },
  create(context) {
    const model = context.services.installer;
    if (!model) return {};
    const { sourceCode } = context;
    // the nodes of a function by type, listed once per function: one finding asks for them a few times
    const nodesOf = descendantsByType(['assignment_expression', 'init_declarator', 'call_expression', 'return_statement', 'lambda_expression']);
    return {
      call_expression(call: Node) {
        const api = calleeName(call);
        if (!api) return;
        const isCreate = CREATE_PROCESS.has(api);
        const isShellEx = SHELL_EXECUTE_EX.has(api);
        const isSpawn = api.charCodeAt(0) === UNDERSCORE && SPAWN.test(api);
        if (!isCreate && !isShellEx && !isSpawn && !NO_HANDLE.has(api)) return;
        if (inDisabledCode(call)) return;
        const site = siteContext(model, context.filePath, call.startIndex, (c) => c.interactive);
        if (!site) return;
        const data = { api, entryPoint: site.entryPoint, difCode: site.difCode };
        const report = (messageId: MessageIds, handle: string | null, fix?: ReturnType<typeof waitForProcessFix>, title?: FixTitle) =>
          context.report({
            node: calleeNode(call),
            messageId,
            data: { ...data, handle: handle ?? '' },
            related: site.related,
            fix: fix ? () => fix : undefined,
            fixMessageId: fix ? title : undefined,
          });
        const fn = enclosingFunction(call);
        if (!fn) return;

        if (NO_HANDLE.has(api)) return report('noHandle', null);
        if (isSpawn) {
          const mode = argumentsOf(call)[0]?.text.replace(/\s+/g, '');
          if (mode === '_P_NOWAITO' || mode === '_P_DETACH' || mode === 'P_NOWAITO' || mode === 'P_DETACH') return report('noHandle', null);
          if (mode !== '_P_NOWAIT' && mode !== 'P_NOWAIT') return;
          const target = resultTarget(call);
          if (target === 'other') return;
          if (target === null || !waitedAfter(nodesOf, fn, call, new Set([target]), [])) return report('notWaited', target ?? 'the returned handle');
          return;
        }

        const last = argumentsOf(call).at(-1);
        const struct = last ? structOf(last) : null;
        if (!struct) return;
        const hProcess = member(struct, 'hProcess');
        const aliases = aliasesOf(nodesOf, fn, call, compact(hProcess));
        const result = resultTarget(call);
        const facts: StartFacts = { call, struct, handle: compact(hProcess), aliases, result: result === 'other' ? null : result };
        const events = new ProcessEvents(facts, model, context.filePath);
        const paths = pathsDecidable(nodesOf, fn, call, facts) ? leaksOf(fn.childForFieldName('body')!, events) : null;
        // waited on every path; else, when the walk is undecided, a wait or a hand-off follows the start anywhere
        const waited = paths
          ? paths.leaks.length === 0 && !paths.fallsOff
          : handedOff(nodesOf, fn, call, struct, [hProcess, member(struct, 'hThread')]) || waitedAfter(nodesOf, fn, call, aliases, [hProcess]);
        const noWait = paths ? !events.sawWait : !waited;
        if (isShellEx) {
          const mask = maskOf(nodesOf, fn, call, struct);
          if (!mask.noClose) {
            // the flag alone where the process is waited on; with the wait where it is waited on nowhere
            // (a wait on some paths only: adding the flag would bring those paths' findings, no fix)
            const fix =
              (mask.single || mask.setBefore) && (waited || noWait)
                ? waitForProcessFix({ sourceCode, call, fn, struct, handles: ['hProcess'], maskValue: mask.single, maskBefore: mask.setBefore, maskOnly: waited })
                : null;
            return report('noCloseProcessMask', hProcess, fix, waited ? 'addMask' : 'addMaskAndWait');
          }
        }
        if (waited) return;
        if (!paths || !events.sawWait) {
          const fix = waitForProcessFix({ sourceCode, call, fn, struct, handles: isCreate ? ['hProcess', 'hThread'] : ['hProcess'] });
          return report('notWaited', hProcess, fix, 'waitForProcess');
        }
        // some paths wait and others do not: each return (or the end) reached without a wait
        const startLine = sourceCode.getLocFromIndex(call.startIndex).line;
        const startRelated: RelatedLocation = { filePath: context.filePath, message: `${api} starts the process`, ...spanOf(sourceCode, calleeNode(call)) };
        const ends: { where: string; range: [number, number] }[] = paths.leaks.filter((r) => !inDisabledCode(r)).map((r) => ({ where: 'This return', range: [r.startIndex, r.endIndex] }));
        if (paths.fallsOff) ends.push({ where: 'The end of the function', range: [fn.endIndex - 1, fn.endIndex] });
        for (const end of ends) {
          context.report({
            loc: end.range,
            messageId: 'returnsBeforeWait',
            data: { ...data, handle: hProcess, line: startLine, where: end.where },
            related: [startRelated, ...site.related],
          });
        }
      },
    };
  },
});

/** The walk applies: the body is there, the start is not inside a lambda and no lambda mentions the process. */
function pathsDecidable(nodesOf: NodesOf, fn: Node, call: Node, facts: StartFacts): boolean {
  if (!fn.childForFieldName('body')) return false;
  const lambdas = nodesOf(fn, 'lambda_expression');
  const names = [facts.struct.text, ...facts.aliases];
  return !lambdas.some((l) => within(call, l) || names.some((n) => new RegExp(`\\b${n}\\b`).test(l.text)));
}

function spanOf(sourceCode: { getLocFromIndex(offset: number): { line: number; column: number } }, node: Node) {
  const start = sourceCode.getLocFromIndex(node.startIndex);
  const end = sourceCode.getLocFromIndex(node.endIndex);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, range: [node.startIndex, node.endIndex] as [number, number] };
}

type NodesOf = (node: Node, type: string) => readonly Node[];

/** Every node of a type in the function after the call. */
function after(nodesOf: NodesOf, fn: Node, call: Node, type: string): Node[] {
  return nodesOf(fn, type).filter((n) => n.startIndex >= call.endIndex);
}

/** A wait call after the start whose arguments mention the handle or one of its copies. */
function waitedAfter(nodesOf: NodesOf, fn: Node, call: Node, names: Set<string>, handles: string[]): boolean {
  return after(nodesOf, fn, call, 'call_expression').some((c) => {
    const name = calleeName(c);
    if (!name || !WAIT_APIS.has(name)) return false;
    const args = c.childForFieldName('arguments');
    if (!args) return false;
    if (handles.some((h) => compact(args.text).includes(h))) return true;
    return args.descendantsOfType('identifier').some((id) => id !== null && names.has(id.text));
  });
}

/**
 * True when the process is handed on after the start: the structure or a handle passed to a
 * function that is not known to leave it alone (it may wait there), returned, or stored anywhere
 * but a local variable.
 */
function handedOff(nodesOf: NodesOf, fn: Node, call: Node, struct: { text: string }, handles: string[]): boolean {
  // an identifier spelled like the structure is in the text of what holds it: read the text first
  const mentions = (n: Node) =>
    n.text.includes(struct.text) &&
    (n.descendantsOfType('identifier').some((id) => id !== null && id.text === struct.text) || (n.type === 'identifier' && n.text === struct.text));
  for (const c of after(nodesOf, fn, call, 'call_expression')) {
    const name = calleeName(c);
    if (name && (WAIT_APIS.has(name) || PROCESS_HANDLE_USES.has(name))) continue;
    const args = c.childForFieldName('arguments');
    if (args && mentions(args)) return true;
  }
  for (const r of after(nodesOf, fn, call, 'return_statement')) if (mentions(r)) return true;
  for (const a of after(nodesOf, fn, call, 'assignment_expression')) {
    const right = a.childForFieldName('right');
    if (!right || !handles.some((h) => compact(right.text) === h)) continue;
    const left = a.childForFieldName('left');
    if (!left || baseName(left) === null || left.type === 'field_expression') return true;
  }
  return false;
}

/**
 * How ShellExecuteEx's fMask is set before the call: whether it has SEE_MASK_NOCLOSEPROCESS; the one
 * plain assignment to extend (`= SEE_MASK_FLAG_NO_UI | SEE_MASK_NOCLOSEPROCESS`); else, when fMask
 * holds a value before the call (assigned, initialised, zeroed or filled by a call, or the
 * caller's through a pointer), the statement before which to add the flag with `|=`. A local
 * declared without an initialiser and never touched before the call has no value to add to.
 */
function maskOf(
  nodesOf: NodesOf,
  fn: Node,
  call: Node,
  struct: { text: string; pointer: boolean },
): { noClose: boolean; single?: Node; setBefore?: Node } {
  const field = compact(member(struct, 'fMask'));
  const assignments = nodesOf(fn, 'assignment_expression')
    .filter((a) => a.endIndex <= call.startIndex && compact(a.childForFieldName('left')?.text ?? '') === field);
  const inits = nodesOf(fn, 'init_declarator')
    .filter((d) => d.endIndex <= call.startIndex && baseName(d.childForFieldName('declarator')) === struct.text);
  const noClose = [...assignments, ...inits].some((n) => n.text.includes('SEE_MASK_NOCLOSEPROCESS'));
  const plain = assignments.filter((a) => a.childForFieldName('operator')?.text === '=' && a.parent?.type === 'expression_statement');
  const single = plain.length === 1 && assignments.length === 1 ? plain[0].childForFieldName('right') ?? undefined : undefined;
  if (noClose || single) return { noClose, single };
  const passedBefore = () =>
    nodesOf(fn, 'call_expression').some((c) => {
      if (c.endIndex > call.startIndex || c.id === call.id) return false;
      const args = c.childForFieldName('arguments');
      return !!args && args.descendantsOfType('identifier').some((id) => id?.text === struct.text);
    });
  const declaredBare = () =>
    fn.descendantsOfType('declaration').some((d) => d !== null && d.childrenForFieldName('declarator').some((x) => x?.type === 'identifier' && x.text === struct.text));
  const hasValue = struct.pointer || assignments.length > 0 || inits.length > 0 || passedBefore() || !declaredBare();
  if (!hasValue) return { noClose };
  // the statement holding the call in a block, from one walk down (a Node.parent climb is quadratic in depth)
  const up = ancestors(call);
  const k = up.findIndex((n) => n.type === 'compound_statement');
  return { noClose, setBefore: k >= 0 && within(up[k], fn) ? (k === 0 ? call : up[k - 1]) : undefined };
}

function within(node: Node, outer: Node): boolean {
  return outer.startIndex <= node.startIndex && node.endIndex <= outer.endIndex;
}

/** Where a call's result goes: a local name, 'other' (returned, passed on), or null (dropped). */
function resultTarget(call: Node): string | null {
  const up = ancestors(call);
  let i = 0;
  while (up[i]?.type === 'cast_expression' || up[i]?.type === 'parenthesized_expression') i++;
  const n = i === 0 ? call : up[i - 1];
  const p = up[i];
  if (!p || p.type === 'expression_statement') return null;
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id) return baseName(p.childForFieldName('left')) ?? 'other';
  if (p.type === 'init_declarator') return baseName(p.childForFieldName('declarator')) ?? 'other';
  return 'other';
}
