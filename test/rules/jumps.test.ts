/** The jump-statement sets of engine/syntax/jumps.ts, read on parsed C and C++ statements. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { statementsOf } from '../../engine/syntax/functions.js';
import { CASE_EXITS, holdsJumpOrLabel, isJump, JUMP_STATEMENTS } from '../../engine/syntax/jumps.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser?.delete());

/** What `read` says of each statement of the body of `f` (the grammar is C++'s: `throw` parses). */
function each<T>(body: string, read: (statement: Node) => T): T[] {
  const text = `void f(int x) {\n${body}\n}\n`;
  const tree = parser.parse(text);
  try {
    const fn = tree.rootNode.descendantsOfType('function_definition')[0];
    return statementsOf(fn.childForFieldName('body')!).map(read);
  } finally {
    tree.delete();
  }
}

const BODY = 'for (;;) { break; continue; }\nreturn;\ngoto out;\nthrow 1;\nout: x++;\nx = 2;\nif (x) { goto out; }';

describe('jump statements', () => {
  it("isJump: C's four jump statements and throw, never a label or an expression", () => {
    expect(each(BODY, (s) => isJump(s))).toEqual([false, true, true, true, false, false, false]);
    expect(isJump(undefined)).toBe(false);
  });

  it('JUMP_STATEMENTS leaves throw out; CASE_EXITS holds break and return only', () => {
    expect(each(BODY, (s) => JUMP_STATEMENTS.has(s.type))).toEqual([false, true, true, false, false, false, false]);
    expect([...CASE_EXITS].sort()).toEqual(['break_statement', 'return_statement']);
    expect([...JUMP_STATEMENTS].sort()).toEqual(['break_statement', 'continue_statement', 'goto_statement', 'return_statement']);
  });

  it('holdsJumpOrLabel: a jump or a label anywhere inside, not a throw', () => {
    expect(each(BODY, (s) => holdsJumpOrLabel(s))).toEqual([true, true, true, false, true, false, true]);
  });
});
