import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { countParseProblems } from '../../engine/parsing/parse-problems.js';

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

const problems = (text: string) => {
  const tree = parser.parseRaw(text);
  try {
    return countParseProblems(tree.rootNode);
  } finally {
    tree.delete();
  }
};

describe('countParseProblems', () => {
  it('is 0 for code that parses', () => {
    expect(problems('int x = 1;\nvoid f(void) { g(x); }\n')).toBe(0);
  });

  it('counts a MISSING node (the semicolon the parser had to assume)', () => {
    expect(problems('int x = 1\n')).toBe(1);
  });

  it('counts an ERROR node, and each broken declaration once more', () => {
    const one = problems('void f(void) { g(1 2); }\n');
    expect(one).toBeGreaterThan(0);
    expect(problems('void f(void) { g(1 2); }\nvoid h(void) { g(1 2); }\n')).toBe(2 * one);
  });
});
