/**
 * Static functions defined in headers (docs/architecture.md, Modules): the preprocessor pastes a
 * header into every file that includes it, so its `static`, `static inline`, `static __inline`
 * and `static __forceinline` functions belong to each of those files, and a call from one of them
 * reaches the header's definition. A static of a header the caller does not include, or of
 * another source file, is not the caller's. Written by hand from the C rules of internal
 * linkage; in C and C++ sources, with LF and CRLF line ends.
 */
import { describe, expect, it } from 'vitest';
import { IncludeVisibility, normalisedPath } from '../../engine/model/include-visibility.js';
import type { FileSummary } from '../../engine/model/summary-types.js';
import { build, chainLabels, ROOT, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

/** A header with one UI wrapper per way of writing an inline static, and one nobody calls. */
const UI_H = [
  '#pragma once',
  'static __inline int ContosoAsk(HWND owner, LPCWSTR text)',
  '{',
  '    return MessageBoxExW(owner, text, L"Contoso", MB_YESNO, 0);',
  '}',
  'static inline int ContosoAskInline(HWND owner)',
  '{',
  '    return MessageBoxW(owner, L"inline", L"Contoso", MB_OK);',
  '}',
  'static __forceinline int ContosoAskForced(HWND owner)',
  '{',
  '    return MessageBoxW(owner, L"forced", L"Contoso", MB_OK);',
  '}',
  'static int ContosoAskUnused(HWND owner)',
  '{',
  '    return MessageBoxW(owner, L"unused", L"Contoso", MB_OK);',
  '}',
];

/** An entry point calling `calls` under `code`. */
const entry = (include: string, code: string, calls: string[]) => [
  `#include "${include}"`,
  CO,
  '{',
  '    switch (Fn) {',
  `    case ${code}:`,
  ...calls.map((c) => `        ${c};`),
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
];

for (const ext of ['c', 'cpp']) {
  for (const eol of ['\n', '\r\n']) {
    const tag = `${ext}, ${eol === '\n' ? 'LF' : 'CRLF'}`;
    const src = `coinst.${ext}`;
    const text = (lines: string[]) => lines.join(eol);

    describe(`static functions of headers (${tag})`, () => {
      it('a call from a file that includes the header reaches every kind of inline static, with the chain from the DIF code', () => {
        const b = build(parser(), {
          'ui.h': text(UI_H),
          [src]: text(entry('ui.h', 'DIF_INSTALLDEVICE', ['ContosoAsk(NULL, L"Install?")', 'ContosoAskInline(NULL)', 'ContosoAskForced(NULL)'])),
        });
        expect(b.codes('ui.h', 'MessageBoxExW')).toEqual(['DIF_INSTALLDEVICE']);
        expect(b.codes('ui.h', 'L"inline"')).toEqual(['DIF_INSTALLDEVICE']);
        expect(b.codes('ui.h', 'L"forced"')).toEqual(['DIF_INSTALLDEVICE']);
        const [context] = b.contexts('ui.h', 'MessageBoxExW');
        expect(context.chain.map((s) => s.label)).toEqual(['ContosoCo handles DIF_INSTALLDEVICE', 'calls ContosoAsk()']);
        // the steps are in the caller: the case label (line 5) and the call's name (line 6)
        expect(context.chain.map((s) => `${s.filePath.slice(ROOT.length)}:${s.line}:${s.column}-${s.endColumn}`)).toEqual([
          `${src}:5:10-27`,
          `${src}:6:9-19`,
        ]);
      });

      it('a static of a header that nobody in the module calls has no context', () => {
        const b = build(parser(), {
          'ui.h': text(UI_H),
          [src]: text(entry('ui.h', 'DIF_INSTALLDEVICE', ['ContosoAsk(NULL, L"Install?")'])),
        });
        expect(b.codes('ui.h', 'L"unused"')).toEqual([]);
        expect(b.codes('ui.h', 'L"inline"')).toEqual([]);
      });

      it('a header included through another header (in a subfolder, written with a backslash) is seen too', () => {
        const b = build(parser(), {
          'inc/common.h': text(['#pragma once', '#include "prompts\\ui.h"']),
          'inc/prompts/ui.h': text(UI_H),
          [`src/${src}`]: text(entry('../inc/common.h', 'DIF_INSTALLDEVICE', ['ContosoAskInline(NULL)'])),
        });
        expect(b.codes('inc/prompts/ui.h', 'L"inline"')).toEqual(['DIF_INSTALLDEVICE']);
        expect(chainLabels(b.contexts('inc/prompts/ui.h', 'L"inline"'), 'DIF_INSTALLDEVICE')).toEqual([
          'ContosoCo handles DIF_INSTALLDEVICE',
          'calls ContosoAskInline()',
        ]);
      });

      it('an include that does not resolve beside the file names a header of the module by the end of its path, in any case', () => {
        const b = build(parser(), {
          'inc/Contoso/UI.H': text(UI_H),
          [`src/${src}`]: text(entry('contoso/ui.h', 'DIF_INSTALLDEVICE', ['ContosoAskForced(NULL)'])),
        });
        expect(b.codes('inc/Contoso/UI.H', 'L"forced"')).toEqual(['DIF_INSTALLDEVICE']);
      });

      it('two files including the header: each call brings its own DIF code', () => {
        const b = build(parser(), {
          'ui.h': text(UI_H),
          [src]: text(entry('ui.h', 'DIF_INSTALLDEVICE', ['ContosoAsk(NULL, L"Install?")'])),
          [`finish.${ext}`]: text([
            '#include "ui.h"',
            'DWORD ContosoFinish(HWND owner)',
            '{',
            '    return ContosoAsk(owner, L"Done") == IDYES ? NO_ERROR : ERROR_CANCELLED;',
            '}',
          ]),
          [`entry2.${ext}`]: text([
            'DWORD ContosoFinish(HWND owner);',
            'DWORD CALLBACK ContosoCo2(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
            '{',
            '    if (Fn == DIF_FINISHINSTALL_ACTION) return ContosoFinish(NULL);',
            '    return NO_ERROR;',
            '}',
          ]),
        });
        expect(b.codes('ui.h', 'MessageBoxExW')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_INSTALLDEVICE']);
      });

      it('a header static is not seen from a file that does not include the header', () => {
        const b = build(parser(), {
          'ui.h': text(UI_H),
          'other.h': text(['#pragma once', 'int ContosoOther(void);']),
          [src]: text(entry('other.h', 'DIF_INSTALLDEVICE', ['ContosoAsk(NULL, L"Install?")'])),
        });
        expect(b.codes('ui.h', 'MessageBoxExW')).toEqual([]);
      });

      it('two headers with a static of the same name: the caller reaches the one it includes', () => {
        const ask = (what: string) => ['#pragma once', 'static __inline int ContosoAsk(HWND owner, LPCWSTR text)', '{', `    return ${what}(owner, text, L"Contoso", MB_OK);`, '}'];
        const b = build(parser(), {
          'ui.h': text(ask('MessageBoxW')),
          'quiet.h': text(ask('ContosoLogOnly')),
          [src]: text(entry('quiet.h', 'DIF_INSTALLDEVICE', ['ContosoAsk(NULL, L"Install?")'])),
        });
        expect(b.codes('quiet.h', 'ContosoLogOnly')).toEqual(['DIF_INSTALLDEVICE']);
        expect(b.codes('ui.h', 'MessageBoxW')).toEqual([]);
      });

      it('statics of the same name in two source files stay per file', () => {
        const b = build(parser(), {
          [src]: text(['#include "ui.h"', 'static void ContosoHelper(void) { ContosoInA(); }', `${CO} { ContosoHelper(); return NO_ERROR; }`]),
          [`other.${ext}`]: text(['#include "ui.h"', 'static void ContosoHelper(void) { ContosoInB(); }']),
          'ui.h': text(['#pragma once', 'int ContosoShared(void);']),
        });
        expect(b.codes(src, 'ContosoInA')).toEqual(['any DIF code']);
        expect(b.codes(`other.${ext}`, 'ContosoInB')).toEqual([]);
      });
    });
  }
}

describe('IncludeVisibility', () => {
  const summary = (filePath: string, includes: string[]): FileSummary => ({
    filePath,
    language: 'cpp',
    lineStarts: [0],
    functions: [],
    globals: [],
    globalInits: [],
    macros: [],
    deadRanges: [],
    includes,
  });
  it('normalises separators, dot segments and case', () => {
    expect(normalisedPath('C:\\Src\\Contoso\\..\\Inc\\.\\UI.h')).toBe('c:/src/inc/ui.h');
    expect(normalisedPath('/m/src/../inc/ui.h')).toBe('/m/inc/ui.h');
    expect(normalisedPath('../inc/ui.h')).toBe('../inc/ui.h');
  });
  it('follows includes transitively, through cycles, and not backwards', () => {
    const v = new IncludeVisibility([
      summary('/m/a.c', ['a.h']),
      summary('/m/a.h', ['b.h']),
      summary('/m/b.h', ['a.h']),
      summary('/m/c.c', []),
    ]);
    expect([...v.includedBy('/m/a.c')].sort()).toEqual(['/m/a.h', '/m/b.h']);
    expect(v.sees('/m/a.c', '/m/b.h')).toBe(true);
    expect(v.sees('/m/b.h', '/m/a.c')).toBe(false);
    expect(v.sees('/m/c.c', '/m/a.h')).toBe(false);
    expect(v.sees('/m/c.c', '/m/c.c')).toBe(true);
  });
  it('prefers the header beside the includer to one that only ends with the same path', () => {
    const v = new IncludeVisibility([summary('/m/src/a.c', ['ui.h']), summary('/m/src/ui.h', []), summary('/m/inc/ui.h', [])]);
    expect([...v.includedBy('/m/src/a.c')]).toEqual(['/m/src/ui.h']);
  });
});
