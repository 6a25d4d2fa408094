import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { calleeName } from '../../engine/syntax/calls.js';
import { inDisabledCode } from '../../engine/syntax/disabled-code.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser?.delete());

/** The callee names of the calls in disabled code. */
function disabled(text: string): string[] {
  const tree = parser.parse(text);
  try {
    return tree.rootNode
      .descendantsOfType('call_expression')
      .filter((c): c is Node => c !== null && inDisabledCode(c))
      .map((c) => calleeName(c) ?? '?');
  } finally {
    tree.delete();
  }
}

describe('inDisabledCode', () => {
  it('the body of #if 0 and #elif FALSE, not #else, #ifdef or live code', () => {
    const text = [
      'void f(void) {',
      '  a();',
      '#if 0',
      '  b();',
      '#else',
      '  c();',
      '#endif',
      '#  if X',
      '  d();',
      '#elif FALSE',
      '  e();',
      '#endif',
      '#ifdef Y',
      '  g();',
      '#endif',
      '}',
      '',
    ].join('\n');
    expect(disabled(text)).toEqual(['b', 'e']);
  });

  it('a text with no #if or #elif has no disabled code (#ifdef and #if in strings or words do not count)', () => {
    expect(disabled('void f(void) {\n#ifdef Z\n  a();\n#endif\n  b("#if 0");\n}\n')).toEqual([]);
  });
});
