/**
 * K&R definitions (engine/parsing/knr-definitions.ts): the declaration list between the names and
 * the body becomes spaces (newlines and comments kept), the function parses as a
 * function_definition without problems, and the declared types are read from the original text.
 * Only C has K&R definitions (C++ never had them), so the texts are C; a C++ file holding one is
 * read the same way and must not fail. LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasInstallerShapedDefinition } from '../../engine/batch/prefilter.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { knrDefinitionAt, knrParameterTypes } from '../../engine/parsing/knr-definitions.js';
import { blankWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { countParseProblems } from '../../engine/parsing/parse-problems.js';
import { functionName } from '../../engine/syntax/functions.js';

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

const CO_INSTALLER = `DWORD CALLBACK ContosoCo(f, s, d, c)
    DI_FUNCTION f;          /* the DIF code */
    HDEVINFO s;
    PSP_DEVINFO_DATA d;
    PCOINSTALLER_CONTEXT_DATA c;
{
    return NO_ERROR;
}
`;

const SHAPES = `static int
ContosoShapes(a, b, p, q, buf, set, dev, none)
    register int a;
    unsigned long b, *p;
    char * const q;
    _In_reads_(16) WCHAR buf[16];
    IN HDEVINFO set;
    struct _SP_DEVINFO_DATA *dev;
{
    return a;
}
`;

describe('K&R definitions', () => {
  let parser: CppParser;
  beforeAll(async () => {
    parser = await CppParser.create();
  });
  afterAll(() => parser.delete());

  for (const [eol, convert] of [
    ['LF', (t: string) => t],
    ['CRLF', crlf],
  ] as const) {
    it(`blanks the declaration list but its comments, and the definition parses (${eol})`, () => {
      const text = convert(CO_INSTALLER);
      const blanked = blankWindowsMacros(text);
      // CALLBACK is a Windows macro; the declarations go, the comment stays
      expect(blanked).toBe(
        mask(text, 'CALLBACK', 'DI_FUNCTION f;', 'HDEVINFO s;', 'PSP_DEVINFO_DATA d;', 'PCOINSTALLER_CONTEXT_DATA c;'),
      );
      const tree = parser.parse(text);
      try {
        expect(countParseProblems(tree.rootNode)).toBe(0);
        const fn = tree.rootNode.namedChildren[0];
        expect(fn.type).toBe('function_definition');
        expect(functionName(fn)).toBe('ContosoCo');
        expect(fn.childForFieldName('body')?.startIndex).toBe(text.indexOf('{'));
      } finally {
        tree.delete();
      }
    });

    it(`reads every declared type, pointers and arrays included (${eol})`, () => {
      const text = convert(SHAPES);
      const open = text.indexOf('(');
      expect(knrParameterTypes(text, open, text.indexOf('{'))).toEqual([
        { name: 'a', type: 'int' },
        { name: 'b', type: 'unsigned long' },
        { name: 'p', type: 'unsigned long*' },
        { name: 'q', type: 'char*' },
        { name: 'buf', type: '_In_reads_(16) WCHAR*' },
        { name: 'set', type: 'IN HDEVINFO' },
        { name: 'dev', type: 'struct _SP_DEVINFO_DATA*' },
        // not declared: C's implicit int
        { name: 'none', type: 'int' },
      ]);
      const tree = parser.parse(text);
      try {
        expect(countParseProblems(tree.rootNode)).toBe(0);
        expect(tree.rootNode.namedChildren[0].type).toBe('function_definition');
      } finally {
        tree.delete();
      }
    });
  }

  it('leaves prototypes, calls, definitions with a prototype and other text alone', () => {
    const texts = [
      'DWORD ContosoCo(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d);\n',
      'DWORD ContosoCo(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d)\n{\n    return 0;\n}\n',
      'int ContosoUnnamed(HANDLE, DWORD);\nint g_x;\n',
      'ContosoDeclare(a, b)\nint g_x;\nstruct S { int y; };\n',
      'int ContosoF(a) int b; { return 0; }\n', // `b` is not a parameter: not a K&R list
      'int ContosoG(a) int a { return 0; }\n', // no `;`
      'int ContosoH(a) int (*a)(); { return 0; }\n', // a function pointer parameter: not read
      'void f() const { }\n',
    ];
    for (const text of texts) {
      const open = text.indexOf('(');
      expect(knrDefinitionAt(text, open), text).toBeNull();
      expect(blankWindowsMacros(text), text).toBe(text);
    }
  });

  it('a K&R definition in a C++ file does not fail (read as in C)', () => {
    const text = 'int ContosoOld(a)\n    int a;\n{\n    return a;\n}\nclass C { int m(int x) { return x; } };\n';
    const tree = parser.parse(text);
    try {
      expect(tree.rootNode.namedChildren[0].type).toBe('function_definition');
      expect(countParseProblems(tree.rootNode)).toBe(0);
    } finally {
      tree.delete();
    }
  });

  it('the prefilter sees an installer in a K&R declaration list, and not in a global or a structure', () => {
    expect(hasInstallerShapedDefinition(CO_INSTALLER)).toBe(true);
    expect(hasInstallerShapedDefinition(crlf(CO_INSTALLER))).toBe(true);
    expect(hasInstallerShapedDefinition('HDEVINFO g_set;\nPSP_DEVINFO_DATA g_dev;\nvoid f(void) { }\n')).toBe(false);
    expect(hasInstallerShapedDefinition('struct S { HDEVINFO set; SP_DEVINFO_DATA dev; };\n')).toBe(false);
  });
});
