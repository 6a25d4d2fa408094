/**
 * Conditional directives inside a parameter list at file scope (engine/parsing/directives-in-parens.ts):
 * the first branch is kept, the directive lines and the later branches become spaces (newlines and
 * comments kept), and the function parses as a function_definition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { blankWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { countParseProblems } from '../../engine/parsing/parse-problems.js';
import { functionName, parameters } from '../../engine/syntax/functions.js';

/** `text` with each piece (found left to right) as spaces, newlines kept: written independently of the scanner. */
function mask(text: string, ...pieces: string[]): string {
  let out = text;
  let from = 0;
  for (const piece of pieces) {
    const at = out.indexOf(piece, from);
    if (at < 0) throw new Error(`test bug: ${JSON.stringify(piece)} not in the text`);
    out = out.slice(0, at) + piece.replace(/[^\r\n]/g, ' ') + out.slice(at + piece.length);
    from = at + piece.length;
  }
  return out;
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

const IFDEF_ELSE = `DWORD CoInst(
#ifdef CONTOSO_UINT_DIF
    UINT Fn,
#else /* older headers */
    DI_FUNCTION Fn,
#endif
    HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)
{
    return 0;
}
`;

const IF_NO_ELSE = `DWORD ClassInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev
#if CONTOSO_CO
    , PCOINSTALLER_CONTEXT_DATA Ctx
#endif
    )
{
    return 0;
}
`;

const NESTED_ELIF = `DWORD CoInst(
#if A
# ifdef B
    UINT Fn,
# else
    DWORD Fn,
# endif
#elif C
    int Fn,
#else
    long Fn,
#endif
    HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)
{
    return 0;
}
`;

describe.each([
  ['LF', (t: string) => t],
  ['CRLF', crlf],
])('a conditional group inside a parameter list (%s)', (_name, eol) => {
  it('#ifdef / #else / #endif: the first branch stays, the rest is blanked, the comment stays', () => {
    const text = eol(IFDEF_ELSE);
    expect(blankWindowsMacros(text)).toBe(mask(text, '#ifdef CONTOSO_UINT_DIF', '#else', 'DI_FUNCTION Fn,', '#endif'));
  });
  it('#if without #else: its line and #endif', () => {
    const text = eol(IF_NO_ELSE);
    expect(blankWindowsMacros(text)).toBe(mask(text, '#if CONTOSO_CO', '#endif'));
  });
  it('nested groups and #elif: the first branch of each group', () => {
    const text = eol(NESTED_ELIF);
    expect(blankWindowsMacros(text)).toBe(
      mask(text, '#if A', '# ifdef B', '# else', 'DWORD Fn,', '# endif', '#elif C', 'int Fn,', '#else', 'long Fn,', '#endif'),
    );
  });
});

describe('outside a parameter list nothing changes', () => {
  it('directives at file scope and in a function body stay', () => {
    const text = '#ifdef A\nint a;\n#else\nint b;\n#endif\nvoid f(void)\n{\n    g(1,\n#ifdef A\n      2\n#else\n      3\n#endif\n    );\n}\n';
    expect(blankWindowsMacros(text)).toBe(text);
  });
  it('a group opened outside the parentheses is left alone, even when its #else is inside them', () => {
    const text = '#ifdef A\nint f(int a,\n#else\nint f(long a,\n#endif\n    int b);\n';
    expect(blankWindowsMacros(text)).toBe(text);
  });
});

describe('the parser sees the function', () => {
  let parser: CppParser;
  beforeAll(async () => {
    parser = await CppParser.create();
  });
  afterAll(() => parser.delete());

  it.each([
    ['CoInst', IFDEF_ELSE, ['UINT', 'HDEVINFO', 'PSP_DEVINFO_DATA', 'PCOINSTALLER_CONTEXT_DATA']],
    ['ClassInst', IF_NO_ELSE, ['DI_FUNCTION', 'HDEVINFO', 'PSP_DEVINFO_DATA', 'PCOINSTALLER_CONTEXT_DATA']],
    ['CoInst', NESTED_ELIF, ['UINT', 'HDEVINFO', 'PSP_DEVINFO_DATA', 'PCOINSTALLER_CONTEXT_DATA']],
  ])('%s: a function_definition without parse errors, with the first branch\'s parameters', (name, text, types) => {
    const tree = parser.parse(text);
    try {
      expect(countParseProblems(tree.rootNode)).toBe(0);
      const fn = tree.rootNode.descendantsOfType('function_definition')[0];
      expect(functionName(fn)).toBe(name);
      expect(parameters(fn).map((p) => p.type)).toEqual(types);
    } finally {
      tree.delete();
    }
  });
});
