/**
 * Files too deep or too big in tokens to analyse (engine/parsing/parse-limits.ts): the scan's
 * counts, written by hand for small texts; a text over a limit is parsed blank (an empty tree
 * over the same offsets) with its notice, and the linter reports the notice first, as a warning
 * at 1:1 with no rule; a text at the limit is analysed (no-dll-load finds the load). C and C++, LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-dll-load.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { analysisNoticeOf, CppParser } from '../../engine/parsing/cpp-parser.js';
import { analysisLimit, blankText, MAX_EXPRESSION_TOKENS, MAX_NESTING, MAX_TOKENS, textShape } from '../../engine/parsing/parse-limits.js';

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = new Linter({ rules: new Map([['no-dll-load', rule]]), parser, serviceProviders: [installerModelProvider] });
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

const config: ResolvedConfig = {
  filePath: null,
  rules: { 'no-dll-load': { severity: 2, options: [] } },
  settings: defaultSettings(),
  ignores: [],
  reportUnusedDisableDirectives: 0,
};

/** A co-installer whose DIF_INSTALLDEVICE case holds `body` on line 7 (C) or line 8 (C++: in a namespace). */
function installer(cpp: boolean, body: string, eol: string): string {
  const lines = [
    '#include <windows.h>',
    '#include <setupapi.h>',
    ...(cpp ? ['namespace Contoso {'] : []),
    'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    switch (Fn) {',
    '    case DIF_INSTALLDEVICE:',
    `        ${body}`,
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    ...(cpp ? ['}'] : []),
    '',
  ];
  return lines.join(eol);
}

/** A DLL loaded under DIF_INSTALLDEVICE: no-dll-load reports LoadLibraryW (guideline: no DLL loads in an installer). */
const UI = 'LoadLibraryW(L"contoso.dll");';

describe('textShape', () => {
  it('counts tokens, nesting and the longest expression; comments and literals are no tokens or brackets', () => {
    // tokens: int g_a [ 2 ] = { 1 , ( 2 ) } ; (14) then the string and ; (16)
    const s = textShape('int g_a[2] = {1, (2)}; /* ((( */ // {{{\n"((" ;\r\n');
    expect(s.tokens).toBe(16);
    expect(s.nesting).toBe(2); // { (
    expect(s.nestingLine).toBe(1);
    // the separators ; , { } end runs and are in none: the longest is `int g_a [ 2 ] =` (6 tokens)
    expect(s.expression).toBe(6);
    expect(s.expressionLine).toBe(1);
  });

  it('blankText keeps every line end (LF, CRLF, lone CR) where it is, and spaces elsewhere', () => {
    expect(blankText('ab\r\ncd\re\nfg')).toBe('  \r\n  \r \n  ');
    expect(blankText('')).toBe('');
    expect(blankText('\uD83D\uDE00(')).toBe('   '); // a surrogate pair is two UTF-16 code units: two spaces
  });

  it('#if levels count as nesting; a lone CR, LF and CRLF each end a line', () => {
    const s = textShape('#if A\r#ifdef B\n#  ifndef C\r\n#endif\n#endif\n#endif\n(');
    expect(s.nesting).toBe(3);
    expect(s.nestingLine).toBe(3);
  });
});

describe('analysis limits', () => {
  for (const cpp of [false, true]) {
    for (const eol of ['\n', '\r\n']) {
      const name = `${cpp ? 'C++' : 'C'} ${eol === '\n' ? 'LF' : 'CRLF'}`;
      const uiLine = cpp ? 8 : 7;

      it(`${name}: nested one level over the limit: a blank tree, the notice, no finding`, () => {
        // the function's `{` and the switch's (and the namespace's) are open around the body, the call's `(` inside it
        const open = cpp ? 4 : 3;
        const braces = MAX_NESTING - open + 1;
        const text = installer(cpp, '{'.repeat(braces) + UI + '}'.repeat(braces), eol);
        const notice = `file is nested ${MAX_NESTING + 1} levels deep (line ${uiLine}), over the limit of ${MAX_NESTING} levels; not analysed`;
        expect(analysisLimit(text)).toBe(notice);
        const tree = parser.parse(text);
        try {
          expect(analysisNoticeOf(tree)).toBe(notice);
          expect(tree.rootNode.type).toBe('translation_unit');
          expect(tree.rootNode.childCount).toBe(0);
          expect(tree.rootNode.endIndex).toBe(text.length);
        } finally {
          tree.delete();
        }
        const messages = linter.lintText(text, cpp ? 'installer.cpp' : 'installer.c', config);
        expect(messages).toEqual([{ ruleId: null, severity: 1, message: notice, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] }]);
      });

      it(`${name}: nested exactly at the limit: analysed, the DLL load found`, () => {
        const open = cpp ? 4 : 3;
        const braces = MAX_NESTING - open;
        const text = installer(cpp, '{'.repeat(braces) + UI + '}'.repeat(braces), eol);
        expect(analysisLimit(text)).toBeUndefined();
        const messages = linter.lintText(text, cpp ? 'installer.cpp' : 'installer.c', config);
        expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-dll-load', uiLine, 9 + braces]]);
      });

      it(`${name}: too many tokens (statements on one line): the notice names the count`, () => {
        // `g_Count++;` is four tokens (g_Count + + ;)
        const statements = MAX_TOKENS / 4;
        const text = installer(cpp, UI + 'g_Count++;'.repeat(statements), eol);
        const shape = textShape(text);
        expect(shape.tokens).toBeGreaterThan(MAX_TOKENS);
        // the parser scans the text after macro blanking (macro-blanking.ts): CALLBACK is blanked, one token less
        const notice = `file has ${shape.tokens - 1} tokens, over the limit of ${MAX_TOKENS} tokens; not analysed`;
        const messages = linter.lintText(text, cpp ? 'installer.cpp' : 'installer.c', config);
        expect(messages.map((m) => [m.ruleId, m.severity, m.message, m.line, m.column])).toEqual([[null, 1, notice, 1, 1]]);
      });

      it(`${name}: one expression too long (a chain of +): the notice names its line`, () => {
        const text = installer(cpp, `g_x = ${'x+'.repeat(MAX_EXPRESSION_TOKENS / 2)}x;`, eol);
        // after the switch's `{`: case DIF_INSTALLDEVICE : g_x = then x + ... x: 3 + 2 + MAX_EXPRESSION_TOKENS + 1 tokens before the `;`
        const notice = `file has an expression of ${MAX_EXPRESSION_TOKENS + 6} tokens (line ${uiLine}), over the limit of ${MAX_EXPRESSION_TOKENS} tokens; not analysed`;
        expect(analysisLimit(text)).toBe(notice);
        expect(linter.lintText(text, 'installer.c', config).map((m) => m.message)).toEqual([notice]);
      });

      it(`${name}: a long line of a comment or a string is analysed`, () => {
        const text = installer(cpp, `/* ${'('.repeat(MAX_TOKENS * 2)} */ g_s = "${'{'.repeat(MAX_NESTING * 2)}"; ${UI}`, eol);
        expect(analysisLimit(text)).toBeUndefined();
        const messages = linter.lintText(text, cpp ? 'installer.cpp' : 'installer.c', config);
        expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['no-dll-load', uiLine]]);
      });
    }
  }

  it('an incremental parse from a blank tree parses the new text whole', () => {
    const deep = installer(false, '{'.repeat(MAX_NESTING) + UI + '}'.repeat(MAX_NESTING), '\n');
    const blank = parser.parse(deep);
    const fine = installer(false, UI, '\n');
    const next = parser.parse(fine, blank);
    try {
      expect(analysisNoticeOf(blank)).toBeDefined();
      expect(analysisNoticeOf(next)).toBeUndefined();
      expect(next.rootNode.endIndex).toBe(fine.length);
      expect(next.rootNode.hasError).toBe(false);
      expect(next.rootNode.descendantsOfType('call_expression').length).toBe(1);
    } finally {
      blank.delete();
      next.delete();
    }
  });
});
