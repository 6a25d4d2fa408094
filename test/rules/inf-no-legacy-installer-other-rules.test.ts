/**
 * The INF's entry point check beside the other rules, over one module linted with every rule: a
 * finding that no function of the module answers to the name an INF gives never sits beside a
 * finding "while <that name> handles ...". The INF names ContosoCo; the module defines it, a
 * misspelt ContosoCoo in the INF, no ContosoCo at all, and a ContosoCo without an installer's
 * parameters. C and C++, LF and CRLF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Linter } from '../../engine/linter/linter.js';
import type { LintMessage } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { allRulesConfig, realLinter } from '../robustness/invariants.js';
import { lines } from './inf-no-legacy-installer-infs.js';

const inf = (entry: string) =>
  lines('[Contoso.NT.CoInstallers]', 'AddReg = Contoso.CoAddReg', '[Contoso.CoAddReg]', `HKR,,CoInstallers32,0x00010000,"contosoco.dll,${entry}"`);

/** A co-installer named `name` that shows a message box while it handles DIF_INSTALLDEVICE (line 7). */
const coInstaller = (name: string, cpp: boolean) =>
  lines(
    '#include <windows.h>',
    '#include <setupapi.h>',
    `${cpp ? 'extern "C" ' : ''}DWORD CALLBACK ${name}(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)`,
    '{',
    '    switch (Fn) {',
    '    case DIF_INSTALLDEVICE:',
    '        MessageBoxW(NULL, L"Installed", L"Contoso", MB_OK);',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
  );

/** ContosoCo with one DWORD parameter (not an installer's prototype), showing a message box (line 4). */
const notAnInstaller = lines(
  '#include <windows.h>',
  'DWORD WINAPI ContosoCo(DWORD Flags)',
  '{',
  '    MessageBoxW(NULL, L"Flags", L"Contoso", MB_OK);',
  '    return Flags;',
  '}',
);

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

const crlf = (t: string) => t.replace(/\n/g, '\r\n');

function lint(files: Record<string, string>, eol: 'LF' | 'CRLF'): (LintMessage & { file: string })[] {
  const config = allRulesConfig();
  const inputs = Object.entries(files).map(([name, text]) => ({ filePath: `/virtual/module/${name}`, text: eol === 'CRLF' ? crlf(text) : text }));
  return linter
    .lintModule(inputs, () => config)
    .flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath.slice('/virtual/module/'.length) })));
}

/** `file:line:column ruleId messageId` of each finding. */
const brief = (ms: readonly (LintMessage & { file: string })[]) => ms.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId} ${m.messageId}`);

/** The names the INF rule calls missing, and the names other findings say handle a DIF code. */
function contradictions(ms: readonly LintMessage[]): string[] {
  const missing = ms.filter((m) => m.messageId === 'unknownEntryPoint').map((m) => /names (\w+) in/.exec(m.message)![1]);
  return missing.filter((name) => ms.some((m) => new RegExp(`\\b${name} handles\\b`).test(m.message)));
}

describe.each(['LF', 'CRLF'] as const)('inf-no-legacy-installer beside the other rules (%s)', (eol) => {
  describe.each([
    ['C', 'coinst.c', false],
    ['C++', 'coinst.cpp', true],
  ] as const)('%s', (_lang, source, cpp) => {
    const ext = source.slice(source.indexOf('.'));
    const ui = `${source}:7:9 no-ui-outside-finish-install ui`;

    it('present: the value is tied to ContosoCo, which handles DIF_INSTALLDEVICE', () => {
      const ms = lint({ 'contoso.inf': inf('ContosoCo'), [source]: coInstaller('ContosoCo', cpp) }, eol);
      expect(brief(ms)).toEqual(['contoso.inf:4:32 inf-no-legacy-installer coInstaller', ui]);
      expect(ms[1].message).toMatch(/^MessageBoxW shows user interface while ContosoCo handles DIF_INSTALLDEVICE,/);
      expect(contradictions(ms)).toEqual([]);
    });

    it('misspelt: ContosoCoo is missing; the findings in the C code name ContosoCo', () => {
      const ms = lint({ 'contoso.inf': inf('ContosoCoo'), [source]: coInstaller('ContosoCo', cpp) }, eol);
      expect(brief(ms)).toEqual(['contoso.inf:4:32 inf-no-legacy-installer coInstaller', 'contoso.inf:4:47 inf-no-legacy-installer unknownEntryPoint', ui]);
      expect(ms[1].message).toBe('CoInstallers32 names ContosoCoo in contosoco.dll, but no function of this module has an installer signature under that name.');
      expect(contradictions(ms)).toEqual([]);
    });

    it('absent: the module defines another co-installer only', () => {
      const ms = lint({ 'contoso.inf': inf('ContosoCo'), [source]: coInstaller('FabrikamCo', cpp) }, eol);
      expect(brief(ms)).toEqual(['contoso.inf:4:32 inf-no-legacy-installer coInstaller', 'contoso.inf:4:47 inf-no-legacy-installer unknownEntryPoint', ui]);
      expect(ms[2].message).toMatch(/ while FabrikamCo handles DIF_INSTALLDEVICE,/);
      expect(contradictions(ms)).toEqual([]);
    });

    it('without an installer prototype: ContosoCo is named, not called missing', () => {
      const ms = lint({ 'contoso.inf': inf('ContosoCo'), [source]: coInstaller('FabrikamCo', cpp), [`other${ext}`]: notAnInstaller }, eol);
      // The model takes ContosoCo for the entry point the INF names, and judges its message box.
      expect(brief(ms)).toEqual([
        'contoso.inf:4:32 inf-no-legacy-installer coInstaller',
        'contoso.inf:4:47 inf-no-legacy-installer notInstallerSignature',
        ui,
        `other${ext}:4:5 no-ui-outside-finish-install ui`,
      ]);
      expect(ms[3].message).toMatch(/ while ContosoCo handles /);
      expect(contradictions(ms)).toEqual([]);
    });
  });
});
