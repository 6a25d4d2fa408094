/**
 * The dispatch helpers the rules read (engine/syntax/dif-dispatch.ts) with directives inside the
 * switch: casesOf lists labels inside `#if` blocks, caseStatements runs past a directive to the
 * next label, dispatchAt gives code after `#endif` its case's labels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node, Tree } from 'web-tree-sitter';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { caseLabel, caseStatements, casesOf, difSwitches, dispatchAt } from '../../engine/syntax/dif-dispatch.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser?.delete());

const TEXT = `DWORD CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)
{
    switch (Fn) {
    case DIF_INSTALLDEVICE:
#ifdef DBG
        Trace();
#endif
        Install();
        break;
    case DIF_REMOVE:
    case DIF_PROPERTYCHANGE:
        Change();
        break;
#if (WINVER >= 0x0600)
    case DIF_FINISHINSTALL_ACTION:
        Action();
#endif
        AfterAction();
        break;
#if 0
    case DIF_DETECT:
        Dead();
#endif
    default:
        Other();
        break;
    }
    return NO_ERROR;
}
`;

function withTree<T>(text: string, use: (tree: Tree, body: Node, sw: Node) => T): T {
  const tree = parser.parse(text);
  try {
    const body = tree.rootNode.descendantsOfType('function_definition')[0].childForFieldName('body')!;
    return use(tree, body, difSwitches(body, 'Fn')[0]);
  } finally {
    tree.delete();
  }
}

/** The call statement `name();` of the tree. */
function call(tree: Tree, name: string): Node {
  const found = tree.rootNode.descendantsOfType('call_expression').find((c) => c?.childForFieldName('function')?.text === name);
  if (!found) throw new Error(`test bug: no call of ${name}`);
  return found;
}

describe.each([
  ['LF', TEXT],
  ['CRLF', TEXT.replace(/\n/g, '\r\n')],
])('dispatch across directives (%s)', (_name, text) => {
  it('casesOf: every live label in source order, those in #if blocks included, not those of #if 0', () => {
    withTree(text, (_t, _b, sw) => {
      expect(casesOf(sw).map(caseLabel)).toEqual(['DIF_INSTALLDEVICE', 'DIF_REMOVE', 'DIF_PROPERTYCHANGE', 'DIF_FINISHINSTALL_ACTION', null]);
    });
  });
  it('caseStatements: the statements up to the next label, past #endif (a block without a label is one statement)', () => {
    withTree(text, (_t, _b, sw) => {
      const texts = casesOf(sw).map((c) => caseStatements(c).map((s) => s.type));
      expect(texts).toEqual([
        ['preproc_ifdef', 'expression_statement', 'break_statement'],
        [],
        ['expression_statement', 'break_statement'],
        ['expression_statement', 'expression_statement', 'break_statement'],
        ['expression_statement', 'break_statement'],
      ]);
    });
  });
  it('dispatchAt: code after #endif runs under its case; stacked labels join; default is other', () => {
    withTree(text, (tree, body) => {
      expect(dispatchAt(call(tree, 'Trace'), body, 'Fn')).toEqual({ codes: ['DIF_INSTALLDEVICE'], other: false });
      expect(dispatchAt(call(tree, 'Install'), body, 'Fn')).toEqual({ codes: ['DIF_INSTALLDEVICE'], other: false });
      expect(dispatchAt(call(tree, 'Change'), body, 'Fn')).toEqual({ codes: ['DIF_REMOVE', 'DIF_PROPERTYCHANGE'], other: false });
      expect(dispatchAt(call(tree, 'Action'), body, 'Fn')).toEqual({ codes: ['DIF_FINISHINSTALL_ACTION'], other: false });
      expect(dispatchAt(call(tree, 'AfterAction'), body, 'Fn')).toEqual({ codes: ['DIF_FINISHINSTALL_ACTION'], other: false });
      expect(dispatchAt(call(tree, 'Other'), body, 'Fn')).toEqual({ codes: [], other: true });
    });
  });
});
