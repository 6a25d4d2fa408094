/**
 * The call-depth budget of the propagation (engine/model/propagation.ts MAX_CALL_DEPTH): a chain
 * of calls from the entry point is followed MAX_CALL_DEPTH calls deep; a function reached that deep
 * still has its contexts, its calls are not followed, and the linter says so at its name (a
 * warning with no rule). Checked through no-ui-outside-finish-install (guideline: no UI under
 * DIF_INSTALLDEVICE), in C and C++, LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-ui-outside-finish-install.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { MAX_CALL_DEPTH } from '../../engine/model/propagation.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = new Linter({ rules: new Map([['no-ui-outside-finish-install', rule]]), parser, serviceProviders: [installerModelProvider] });
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

const config: ResolvedConfig = {
  filePath: null,
  rules: { 'no-ui-outside-finish-install': { severity: 2, options: [] } },
  settings: defaultSettings(),
  ignores: [],
  reportUnusedDisableDirectives: 0,
};

const UI = 'MessageBoxW(NULL, L"x", L"y", MB_OK);';

/**
 * c0 .. c<last>, each calling the next, c<last> showing UI; the entry point calls c0 under
 * DIF_INSTALLDEVICE. Lines 1-2 include; c<k> is on line 3 + last - k (defined callee first),
 * its name at column 13. C++: the functions take a reference.
 */
function chain(cpp: boolean, last: number, eol: string): string {
  const param = cpp ? 'int &n' : 'int n';
  const lines = ['#include <windows.h>', '#include <setupapi.h>'];
  lines.push(`static void c${last}(${param}) { ${UI} }`);
  for (let k = last - 1; k >= 0; k--) lines.push(`static void c${k}(${param}) { c${k + 1}(n); }`);
  lines.push(
    'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    int n = 0;',
    '    if (Fn == DIF_INSTALLDEVICE) c0(n);',
    '    return NO_ERROR;',
    '}',
    '',
  );
  return lines.join(eol);
}

describe('call-depth budget', () => {
  for (const cpp of [false, true]) {
    for (const eol of ['\n', '\r\n']) {
      const name = `${cpp ? 'C++' : 'C'} ${eol === '\n' ? 'LF' : 'CRLF'}`;
      const file = cpp ? 'installer.cpp' : 'installer.c';

      it(`${name}: UI ${MAX_CALL_DEPTH} calls deep (c${MAX_CALL_DEPTH - 1}) is found, with no notice`, () => {
        const last = MAX_CALL_DEPTH - 1;
        const messages = linter.lintText(chain(cpp, last, eol), file, config);
        // c<last> is on line 3; MessageBoxW after `static void c999(int n) { `
        const column = `static void c${last}(${cpp ? 'int &n' : 'int n'}) { `.length + 1;
        expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-ui-outside-finish-install', 3, column]]);
      });

      it(`${name}: UI one call deeper is not followed: a notice at the name of c${MAX_CALL_DEPTH - 1}, no finding`, () => {
        const last = MAX_CALL_DEPTH;
        const messages = linter.lintText(chain(cpp, last, eol), file, config);
        const cut = MAX_CALL_DEPTH - 1;
        // c<cut> is on line 3 + last - cut = 4
        expect(messages).toEqual([
          {
            ruleId: null,
            severity: 1,
            message: `c${cut} is ${MAX_CALL_DEPTH} calls deep from ContosoCoInstaller, the limit of the analysis: its calls are not followed, and code reached only through them counts as reached by no entry point`,
            line: 4,
            column: 13,
            endLine: 4,
            endColumn: 13 + `c${cut}`.length,
            range: expect.any(Array),
          },
        ]);
      });
    }
  }
});
