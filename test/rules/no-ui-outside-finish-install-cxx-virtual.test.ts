/**
 * no-ui-outside-finish-install through C++ virtual calls: a call on a `Step` runs the overrider of
 * whichever subclass the object is, so user interface in any overrider is reported with the DIF
 * code of the call (docs/architecture.md, Propagation). User interface belongs in a finish-install
 * action (installer-guidelines: "Displaying a user interface"). A method of the same name in a
 * class that is no `Step` is not reached from a `Step`. C++ only: C has no virtual calls; the C
 * analogue, calls through a table of function pointers, is tested in no-ui-outside-finish-install.test.ts.
 * Every case runs with LF and CRLF line ends. The move fix takes the message box out of the
 * overrider, which only DIF_INSTALLDEVICE reaches, into a finish-install action.
 */
import { describe } from 'vitest';
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });

/** Lines 1-13: the classes; ShowStep::Run shows a message box on line 9, Report::Run on line 12. */
const CLASSES = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'struct Step {',
  '    virtual DWORD Run(HDEVINFO set) = 0;',
  '    DWORD Twice(HDEVINFO set) { this->Run(set); return this->Run(set); }',
  '};',
  'struct ShowStep : Step {',
  '    DWORD Run(HDEVINFO set) override { MessageBoxW(NULL, L"Ready", L"Contoso", MB_OK); return 0; }',
  '};',
  'struct Report {',
  '    DWORD Run(HDEVINFO set) { MessageBoxW(NULL, L"Done", L"Contoso", MB_OK); return 0; }',
  '};',
  '',
];
const CO = 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

/** The entry point: `step` is a Step; `body` runs under `difCode`. */
const module = (difCode: string, body: string) => [
  ...CLASSES,
  CO,
  '{',
  '    Step *step = new ShowStep;',
  '    switch (Fn) {',
  `    case ${difCode}:`,
  `        ${body}`,
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

/**
 * The fix (written by hand): the message box leaves the overrider that the chain reaches (its
 * method keeps its other work: `return 0;`) and runs in a new DIF_FINISHINSTALL_ACTION case,
 * requested on DIF_NEWDEVICEWIZARD_FINISHINSTALL; the SDK constants are guarded as mingw-w64 lacks them.
 */
const moved = (classLine: number, message: string, body: string) => {
  const classes = CLASSES.map((l, i) => (i === classLine - 1 ? l.replace(/MessageBoxW\([^;]*\); /, '') : l));
  return [
    ...classes.slice(0, 2),
    '',
    '/* Older SDK headers lack the Windows Vista finish-install constants. */',
    '#ifndef DIF_FINISHINSTALL_ACTION',
    '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
    '#endif',
    '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
    '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
    '#endif',
    ...classes.slice(2),
    CO,
    '{',
    '    Step *step = new ShowStep;',
    '    switch (Fn) {',
    '    case DIF_INSTALLDEVICE:',
    `        ${body}`,
    '        break;',
    '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {',
    '        /* Ask Windows for a finish-install action; set it here, and only when one is needed. */',
    '        SP_DEVINSTALL_PARAMS_W params;',
    '        params.cbSize = sizeof(params);',
    '        if (SetupDiGetDeviceInstallParamsW(Set, Dev, &params)) {',
    '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
    '            SetupDiSetDeviceInstallParamsW(Set, Dev, &params);',
    '        }',
    '        break;',
    '    }',
    '    case DIF_FINISHINSTALL_ACTION:',
    '        /* Interactive context: UI is allowed here. A co-installer returns NO_ERROR when done. */',
    `        MessageBoxW(NULL, L"${message}", L"Contoso", MB_OK);`,
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ];
};

const ui = (line: number, related: string[]) => ({
  messageId: 'ui',
  data: { api: 'MessageBoxW', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' },
  line,
  column: CLASSES[line - 1].indexOf('MessageBoxW') + 1,
  endLine: line,
  endColumn: CLASSES[line - 1].indexOf('MessageBoxW') + 1 + 'MessageBoxW'.length,
  related,
});

function cases(eol: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  const text = (lines: string[]) => lines.join(eol);
  const filename = 'steps.cpp';
  const valid: ValidCase[] = [
    { name: `${tag}: the virtual call under DIF_FINISHINSTALL_ACTION only`, code: text(module('DIF_FINISHINSTALL_ACTION', 'step->Run(Set);')), filename },
    { name: `${tag}: this->Run() under DIF_FINISHINSTALL_ACTION only`, code: text(module('DIF_FINISHINSTALL_ACTION', 'step->Twice(Set);')), filename },
  ];
  const handles = `ContosoCoInstaller handles DIF_INSTALLDEVICE`;
  const invalid: InvalidCase[] = [
    {
      // Report::Run has the same name, but a Step is never a Report: only ShowStep::Run is reported
      name: `${tag}: a virtual call under DIF_INSTALLDEVICE reaches the overrider`,
      code: text(module('DIF_INSTALLDEVICE', 'step->Run(Set);')),
      filename,
      output: text(moved(9, 'Ready', 'step->Run(Set);')),
      errors: [ui(9, [handles, 'calls Run() on a Step, which runs ShowStep::Run()'])],
    },
    {
      name: `${tag}: this->Run() in a method of the base class`,
      code: text(module('DIF_INSTALLDEVICE', 'step->Twice(Set);')),
      filename,
      output: text(moved(9, 'Ready', 'step->Twice(Set);')),
      errors: [ui(9, [handles, 'calls Twice()', 'calls Run() on a Step, which runs ShowStep::Run()'])],
    },
    {
      name: `${tag}: an object of the other class is its own class's method`,
      code: text(module('DIF_INSTALLDEVICE', 'Report report; report.Run(Set);')),
      filename,
      output: text(moved(12, 'Done', 'Report report; report.Run(Set);')),
      errors: [ui(12, [handles, 'calls Run()'])],
    },
  ];
  return { valid, invalid };
}

describe('no-ui-outside-finish-install: virtual calls (installer model)', () => {
  for (const eol of ['\n', '\r\n']) tester.run('no-ui-outside-finish-install', asModule, cases(eol));
});
