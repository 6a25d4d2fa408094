/**
 * no-ui-outside-finish-install on COM dialogs (docs/rules/no-ui-outside-finish-install.md, "COM
 * dialogs"): IModalWindow::Show and the file dialogs that inherit it, and StartProgressDialog of
 * IProgressDialog and IOperationsProgressDialog, called on a name declared with one of those
 * interfaces (`pfd->Show(hwnd)` in C++, `pfd->lpVtbl->Show(pfd, hwnd)` or `IFileDialog_Show(pfd,
 * hwnd)` in C), show user interface like MessageBox. Written from the guideline, in C and C++,
 * with LF and CRLF line ends, with the installer model.
 */
import rule from '../../rules/no-ui-outside-finish-install.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import { type ExpectedError, RuleTester, type InvalidCase, type ValidCase } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const tester = new RuleTester({ serviceProviders: [installerModelProvider] });
const CO = 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

/** A co-installer whose case (line 8) declares on line 9 and calls on line 10. */
const installer = (declaration: string, call: string, label = 'DIF_INSTALLDEVICE', before: string[] = []) => [
  ...before,
  '#include <windows.h>', //      1
  '#include <setupapi.h>',
  '#include <shobjidl.h>',
  '',
  CO, //                          5
  '{',
  '    switch (Fn) {',
  `    case ${label}: {`, //      8
  `        ${declaration}`, //    9
  `        ${call}`, //          10
  '        break;',
  '    }',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

/** A method call as C (through the vtable, the receiver passed first) or C++ spells it. */
type Call = (receiver: string, method: string, args: string) => string;

const ui = (api: string, line: number, column: number, length: number, difCode = 'DIF_INSTALLDEVICE', messageId = 'ui'): ExpectedError => ({
  messageId,
  data: { api, entryPoint: 'ContosoCoInstaller', difCode },
  line,
  column,
  endLine: line,
  endColumn: column + length,
});

function cases(eol: string, filename: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const text = (lines: string[]) => lines.join(eol);
  const cpp = filename.endsWith('.cpp');
  const call: Call = (receiver, method, args) => (cpp ? `${receiver}->${method}(${args});` : `${receiver}->lpVtbl->${method}(${receiver}${args ? `, ${args}` : ''});`);
  // the method's column on line 10: `        pfd->` is 13 characters, `        pfd->lpVtbl->` 21
  const at = (receiver: string) => 8 + receiver.length + 2 + (cpp ? 0 : 8) + 1;
  const tag = `${filename}, ${eol === '\n' ? 'LF' : 'CRLF'}`;

  const valid: ValidCase[] = [
    {
      name: `${tag}: a file dialog in a finish-install action`,
      code: text(installer('IFileOpenDialog *pfd = NULL;', call('pfd', 'Show', 'NULL'), 'DIF_FINISHINSTALL_ACTION')),
      filename,
    },
    {
      name: `${tag}: another method of the file dialog`,
      code: text(installer('IFileDialog *pfd = NULL;', call('pfd', 'SetTitle', 'L"Contoso firmware"'))),
      filename,
    },
    {
      name: `${tag}: Show of an interface that is not a dialog of the list`,
      code: text(installer('IContosoBalloon *balloon = NULL;', call('balloon', 'Show', 'NULL'))),
      filename,
    },
    {
      name: `${tag}: StopProgressDialog does not show anything`,
      code: text(installer('IProgressDialog *ppd = NULL;', call('ppd', 'StopProgressDialog', ''))),
      filename,
    },
    {
      name: `${tag}: a dialog in a helper nothing calls`,
      code: text([...installer('int unused = 0;', 'unused++;'), `void ContosoAsk(IFileDialog *pfd) { ${call('pfd', 'Show', 'NULL')} }`]),
      filename,
    },
    {
      name: `${tag}: a dialog in #if 0`,
      code: text(installer('IFileDialog *pfd = NULL;', `${eol}#if 0${eol}        ${call('pfd', 'Show', 'NULL')}${eol}#endif`)),
      filename,
    },
  ];

  const invalid: InvalidCase[] = [
    ...[
      ['IFileOpenDialog', 'Show', 'NULL'],
      ['IFileSaveDialog', 'Show', 'NULL'],
      ['IFileDialog', 'Show', 'NULL'],
      ['IFileDialog2', 'Show', 'NULL'],
      ['IModalWindow', 'Show', 'NULL'],
      ['IProgressDialog', 'StartProgressDialog', 'NULL, NULL, PROGDLG_NORMAL, NULL'],
      ['IOperationsProgressDialog', 'StartProgressDialog', 'NULL, OPPROGDLG_DEFAULT'],
    ].map(
      ([iface, method, args]): InvalidCase => ({
        name: `${tag}: ${iface}::${method} on a local`,
        code: text(installer(`${iface} *dlg = NULL;`, call('dlg', method, args))),
        filename,
        errors: [ui(`${iface}::${method}`, 10, at('dlg'), method.length)],
      }),
    ),
    {
      name: `${tag}: a parameter of a helper, with the chain`,
      code: text([
        ...installer('IFileSaveDialog *save = NULL;', 'ContosoAskWhere(save);'),
        'void ContosoAskWhere(IFileSaveDialog *pfd)', // 19
        '{',
        `    ${call('pfd', 'Show', 'NULL')}`, //        21
        '}',
      ]),
      filename,
      errors: [{ ...ui('IFileSaveDialog::Show', 21, at('pfd') - 4, 4), related: ['ContosoCoInstaller handles DIF_INSTALLDEVICE', 'calls ContosoAskWhere()'] }],
    },
    {
      name: `${tag}: a file-scope variable`,
      // one line before the installer: the call is on line 11
      code: text(installer('HWND owner = NULL;', call('g_dialog', 'Show', 'owner'), 'DIF_INSTALLDEVICE', ['static IFileDialog *g_dialog;'])),
      filename,
      errors: [ui('IFileDialog::Show', 11, at('g_dialog'), 4)],
    },
    {
      name: `${tag}: the C macro IFileDialog_Show`,
      code: text(installer('IFileDialog *pfd = NULL;', 'IFileDialog_Show(pfd, NULL);')),
      filename,
      errors: [ui('IFileDialog_Show', 10, 9, 'IFileDialog_Show'.length)],
    },
    {
      name: `${tag}: under DIF_REMOVE without the quiet test`,
      code: text(installer('IFileOpenDialog *pfd = NULL;', call('pfd', 'Show', 'NULL'), 'DIF_REMOVE')),
      filename,
      errors: [ui('IFileOpenDialog::Show', 10, at('pfd'), 4, 'DIF_REMOVE', 'uiQuietNotClear')],
    },
  ];
  return { valid, invalid };
}

for (const eol of ['\n', '\r\n']) {
  for (const filename of ['installer.c', 'installer.cpp']) tester.run('no-ui-outside-finish-install', asModule, cases(eol, filename));
}

/** C++ declarations: smart pointers, a _com_ptr_t typedef, a reference, a member. */
for (const eol of ['\n', '\r\n']) {
  const text = (lines: string[]) => lines.join(eol);
  const tag = eol === '\n' ? 'LF' : 'CRLF';
  const declared = (declaration: string, receiver: string, api: string): InvalidCase => ({
    name: `C++ (${tag}): ${declaration}`,
    code: text(installer(declaration, `${receiver}->Show(NULL);`)),
    filename: 'installer.cpp',
    errors: [ui(api, 10, 8 + receiver.length + 3, 4)],
  });
  tester.run('no-ui-outside-finish-install', asModule, {
    valid: [
      {
        name: `C++ (${tag}): a smart pointer to another interface`,
        code: text(installer('CComPtr<IContosoBalloon> balloon;', 'balloon->Show(NULL);')),
        filename: 'installer.cpp',
      },
      {
        name: `C++ (${tag}): a member dialog shown from a finish-install action`,
        code: text([
          'struct ContosoPrompt { CComPtr<IFileOpenDialog> m_dialog; void Ask() { m_dialog->Show(NULL); } };',
          ...installer('ContosoPrompt prompt;', 'prompt.Ask();', 'DIF_FINISHINSTALL_ACTION'),
        ]),
        filename: 'installer.cpp',
      },
    ],
    invalid: [
      declared('CComPtr<IFileOpenDialog> dialog;', 'dialog', 'IFileOpenDialog::Show'),
      declared('CComQIPtr<IFileSaveDialog> dialog;', 'dialog', 'IFileSaveDialog::Show'),
      declared('Microsoft::WRL::ComPtr<IFileDialog> dialog;', 'dialog', 'IFileDialog::Show'),
      declared('wil::com_ptr<IFileDialog> dialog;', 'dialog', 'IFileDialog::Show'),
      declared('IFileOpenDialogPtr dialog;', 'dialog', 'IFileOpenDialog::Show'),
      {
        name: `C++ (${tag}): a reference parameter`,
        code: text([...installer('IFileDialog *pfd = NULL;', 'ContosoAsk(*pfd);'), 'void ContosoAsk(IFileDialog &dialog) { dialog.Show(NULL); }']),
        filename: 'installer.cpp',
        // `void ContosoAsk(IFileDialog &dialog) { dialog.` is 46 characters
        errors: [{ ...ui('IFileDialog::Show', 19, 47, 4), related: ['ContosoCoInstaller handles DIF_INSTALLDEVICE', 'calls ContosoAsk()'] }],
      },
      {
        name: `C++ (${tag}): a member, through this-> and without`,
        code: text([
          'struct ContosoPrompt {', //                                         1
          '    CComPtr<IFileOpenDialog> m_dialog;',
          '    void Ask() { m_dialog->Show(NULL); }', //                         3
          '    void AskAgain() { this->m_dialog->Show(NULL); }', //              4
          '};',
          ...installer('ContosoPrompt prompt;', 'prompt.Ask(); prompt.AskAgain();'),
        ]),
        filename: 'installer.cpp',
        errors: [
          // `    void Ask() { m_dialog->` is 27 characters; `    void AskAgain() { this->m_dialog->` 38
          { messageId: 'ui', data: { api: 'IFileOpenDialog::Show', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 3, column: 28, endColumn: 32 },
          { messageId: 'ui', data: { api: 'IFileOpenDialog::Show', entryPoint: 'ContosoCoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 4, column: 39, endColumn: 43 },
        ],
      },
    ],
  });
}
