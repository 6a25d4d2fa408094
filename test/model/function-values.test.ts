/**
 * Function values followed through the module (docs/architecture.md, Function values): a page or
 * dialog procedure handed to a helper through parameters, locals and structure fields becomes the
 * procedure the helper makes of it, where it is handed over. A finish-install page procedure runs
 * in the wizard, interactively (docs/installer-facts.md#dif-codes-and-interactivity): its UI is not
 * the DIF_NEWDEVICEWIZARD_FINISHINSTALL handler's. Every case in C and C++, LF and CRLF.
 */
import { describe, expect, it } from 'vitest';
import { build, chainLabels, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK ContosoCo(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';
const PAGE_PROC = 'static INT_PTR CALLBACK FinishPageProc(HWND h, UINT m, WPARAM w, LPARAM l) { MessageBoxW(h, L"Done", L"Contoso", MB_OK); return FALSE; }';
const DLG_PROC = 'static INT_PTR CALLBACK ErrorDlgProc(HWND h, UINT m, WPARAM w, LPARAM l) { InErrorDlg(); return FALSE; }';
const ADD_PAGE = `static HPROPSHEETPAGE AddPage(HINSTANCE inst, DLGPROC proc)
{
    PROPSHEETPAGEW psp = { 0 };
    psp.dwSize = sizeof(psp);
    psp.pfnDlgProc = proc;
    return CreatePropertySheetPageW(&psp);
}`;
const FINISH = 'ContosoCo handles DIF_NEWDEVICEWIZARD_FINISHINSTALL';

const VARIANTS: [string, string, (t: string) => string][] = [
  ['C, LF', 'a.c', (t) => t],
  ['C, CRLF', 'a.c', (t) => t.replace(/\n/g, '\r\n')],
  ['C++, LF', 'a.cpp', (t) => t],
  ['C++, CRLF', 'a.cpp', (t) => t.replace(/\n/g, '\r\n')],
];

describe.each(VARIANTS)('%s', (_variant, file, eol) => {
  const model = (...parts: string[]) => build(parser(), { [file]: eol(parts.join('\n')) });

  it('a page procedure passed to a helper that stores it in pfnDlgProc is interactive under the finish-install code', () => {
    const b = model(PAGE_PROC, ADD_PAGE, `${CO}\n{\n    switch (Fn) {\n    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n        AddPage(NULL, FinishPageProc);\n        Inline();\n        break;\n    }\n    return NO_ERROR;\n}`);
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(b.codes(file, 'Inline()')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
    const contexts = b.contexts(file, 'MessageBoxW');
    expect(chainLabels(contexts, 'DIF_NEWDEVICEWIZARD_FINISHINSTALL')).toEqual([FINISH, 'creates a property page with procedure FinishPageProc() through AddPage()']);
    // the step points at the procedure's name where it is handed over
    const step = contexts[0].chain[1];
    expect(step.range).toEqual([b.at(file, 'FinishPageProc);'), b.at(file, 'FinishPageProc);') + 'FinishPageProc'.length]);
  });

  it('the same helper called under DIF_INSTALLDEVICE: a page created there keeps that code, not interactive', () => {
    const b = model(PAGE_PROC, ADD_PAGE, `${CO}\n{\n    if (Fn == DIF_INSTALLDEVICE) AddPage(NULL, FinishPageProc);\n    return NO_ERROR;\n}`);
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_INSTALLDEVICE']);
  });

  it('several helpers deep, the procedure passed on as a parameter each time', () => {
    const b = model(
      PAGE_PROC,
      'static void FillPage(PROPSHEETPAGEW *psp, DLGPROC dlgProc) { psp->pfnDlgProc = dlgProc; }',
      'static HPROPSHEETPAGE MakePage(DLGPROC proc) { PROPSHEETPAGEW psp = { 0 }; FillPage(&psp, proc); return CreatePropertySheetPageW(&psp); }',
      'static void AddPages(SP_NEWDEVICEWIZARD_DATA *wiz, DLGPROC first) { wiz->DynamicPages[wiz->NumDynamicPages++] = MakePage(first); }',
      `${CO}\n{\n    SP_NEWDEVICEWIZARD_DATA wiz;\n    if (Fn != DIF_NEWDEVICEWIZARD_FINISHINSTALL) return NO_ERROR;\n    AddPages(&wiz, FinishPageProc);\n    return NO_ERROR;\n}`,
    );
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(chainLabels(b.contexts(file, 'MessageBoxW'), 'DIF_NEWDEVICEWIZARD_FINISHINSTALL')).toEqual([
      FINISH,
      'creates a property page with procedure FinishPageProc() through AddPages() then MakePage() then FillPage()',
    ]);
  });

  it('a procedure kept in a local first, handed over under the code', () => {
    const b = model(
      PAGE_PROC,
      ADD_PAGE,
      `${CO}\n{\n    DLGPROC proc = FinishPageProc;\n    DLGPROC other;\n    other = FinishPageProc;\n    Log(Fn);\n    switch (Fn) {\n    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:\n        AddPage(NULL, proc);\n        break;\n    }\n    return NO_ERROR;\n}`,
    );
    // the locals' definitions are no use of the procedure: only the page is
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(chainLabels(b.contexts(file, 'MessageBoxW'), 'DIF_NEWDEVICEWIZARD_FINISHINSTALL')).toEqual([
      FINISH,
      'creates a property page with procedure FinishPageProc() through AddPage() (held in proc)',
    ]);
  });

  it('a procedure stored in a field of a local structure, read back through a parameter', () => {
    const b = model(
      'typedef struct { LPCWSTR title; DLGPROC proc; } CONTOSO_PAGE;',
      PAGE_PROC,
      'static HPROPSHEETPAGE AddPageFrom(const CONTOSO_PAGE *c) { PROPSHEETPAGEW psp = { 0 }; psp.pszTitle = c->title; psp.pfnDlgProc = c->proc; return CreatePropertySheetPageW(&psp); }',
      'static HPROPSHEETPAGE AddPageVia(CONTOSO_PAGE *c) { return AddPageFrom(c); }',
      `${CO}\n{\n    CONTOSO_PAGE page;\n    page.title = L"Contoso";\n    page.proc = FinishPageProc;\n    if (Fn == DIF_NEWDEVICEWIZARD_FINISHINSTALL) AddPageVia(&page);\n    return NO_ERROR;\n}`,
    );
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(chainLabels(b.contexts(file, 'MessageBoxW'), 'DIF_NEWDEVICEWIZARD_FINISHINSTALL')).toEqual([
      FINISH,
      'creates a property page with procedure FinishPageProc() through AddPageVia() then AddPageFrom() (held in page.proc)',
    ]);
  });

  it('a dialog procedure handed to a helper that shows it keeps the code it is shown under', () => {
    const b = model(
      DLG_PROC,
      'static INT_PTR ShowDialog(HINSTANCE inst, DLGPROC proc) { return DialogBoxParamW(inst, MAKEINTRESOURCEW(101), NULL, proc, 0); }',
      `${CO}\n{\n    switch (Fn) {\n    case DIF_INSTALLDEVICE:\n        ShowDialog(NULL, ErrorDlgProc);\n        break;\n    case DIF_FINISHINSTALL_ACTION:\n        ShowDialog(NULL, ErrorDlgProc);\n        break;\n    }\n    return NO_ERROR;\n}`,
    );
    expect(b.codes(file, 'InErrorDlg()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_INSTALLDEVICE']);
    expect(chainLabels(b.contexts(file, 'InErrorDlg()'), 'DIF_INSTALLDEVICE')).toEqual([
      'ContosoCo handles DIF_INSTALLDEVICE',
      'shows a dialog with procedure ErrorDlgProc() (DialogBoxParamW) through ShowDialog()',
    ]);
  });

  it('a thread routine in a local, handed to a helper that starts it; a routine a helper only calls', () => {
    const b = model(
      'static DWORD WINAPI Worker(LPVOID p) { InWorker(); return 0; }',
      'static void Job(void) { InJob(); }',
      'static void Start(LPTHREAD_START_ROUTINE routine) { HANDLE t = CreateThread(NULL, 0, routine, NULL, 0, NULL); CloseHandle(t); }',
      'static void Invoke(void (*fn)(void)) { fn(); }',
      `${CO}\n{\n    LPTHREAD_START_ROUTINE routine = Worker;\n    if (Fn == DIF_REMOVE) { Start(routine); Invoke(Job); }\n    return NO_ERROR;\n}`,
    );
    expect(b.codes(file, 'InWorker()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts(file, 'InWorker()'), 'DIF_REMOVE')[1]).toBe('starts a thread running Worker() (CreateThread) through Start() (held in routine)');
    expect(b.codes(file, 'InJob()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts(file, 'InJob()'), 'DIF_REMOVE')[1]).toBe('calls Job() through Invoke()');
  });

  it('a procedure kept in a local that is never handed anywhere has no context; a helper that only keeps it: the caller\'s', () => {
    const b = model(
      PAGE_PROC,
      DLG_PROC,
      'static DLGPROC g_saved;',
      'static void Keep(DLGPROC proc) { g_saved = proc; }',
      `${CO}\n{\n    DLGPROC unused = FinishPageProc;\n    if (Fn == DIF_REMOVE) Keep(ErrorDlgProc);\n    return NO_ERROR;\n}`,
    );
    expect(b.codes(file, 'MessageBoxW')).toEqual([]);
    expect(b.codes(file, 'InErrorDlg()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts(file, 'InErrorDlg()'), 'DIF_REMOVE')[1]).toBe('passes ErrorDlgProc() to Keep()');
  });
});

/**
 * C++ lambdas run where they are called or handed to, not where they are written: a lambda in a
 * local is a function of its own (`ContosoCo::<lambda show>`), reached from the calls of the local.
 */
describe.each(VARIANTS.filter(([, file]) => file.endsWith('.cpp')))('lambdas, %s', (_variant, file, eol) => {
  const model = (...parts: string[]) => build(parser(), { [file]: eol(parts.join('\n')) });
  const entry = (...body: string[]) => `${CO}\n{\n${body.map((l) => `    ${l}`).join('\n')}\n    return NO_ERROR;\n}`;

  it('a lambda defined in the entry point and called only under DIF_FINISHINSTALL_ACTION is interactive', () => {
    const b = model(
      entry(
        'auto show = [&](LPCWSTR text) { MessageBoxW(nullptr, text, L"Contoso", MB_OK); };',
        'switch (Fn) {',
        'case DIF_FINISHINSTALL_ACTION:',
        '    show(L"Done");',
        '    break;',
        '}',
      ),
    );
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
    expect(chainLabels(b.contexts(file, 'MessageBoxW'), 'DIF_FINISHINSTALL_ACTION')).toEqual(['ContosoCo handles DIF_FINISHINSTALL_ACTION', 'calls lambda show']);
    const lambda = b.model.entryPoints.length === 1 ? b.contexts(file, 'MessageBoxW')[0].chain[1] : undefined;
    expect(lambda?.range).toEqual([b.at(file, 'show(L"Done")'), b.at(file, 'show(L"Done")') + 'show'.length]);
  });

  it('called under DIF_INSTALLDEVICE: not interactive, whatever the code where it is written', () => {
    const b = model(
      entry(
        'auto show = [&]() { MessageBoxW(nullptr, L"x", L"Contoso", MB_OK); };',
        'if (Fn == DIF_FINISHINSTALL_ACTION) { auto unused = [] { Quiet(); }; }',
        'if (Fn == DIF_INSTALLDEVICE) show();',
      ),
    );
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes(file, 'Quiet()')).toEqual([]);
  });

  it('called where it is written, it runs in place', () => {
    const b = model(entry('[&]() { InPlace(); }();', 'if (Fn == DIF_REMOVE) [&] { Removed(); }();'));
    expect(b.codes(file, 'InPlace()')).toEqual(['any DIF code']);
    expect(b.codes(file, 'Removed()')).toEqual(['DIF_REMOVE']);
  });

  it('handed to a thread, a dialog or a helper that calls it; copied to another local', () => {
    const b = model(
      'template <typename F> static void Retry(F f) { f(); }',
      entry(
        'auto work = [](LPVOID) -> DWORD { InThread(); return 0; };',
        'auto again = [&] { InRetry(); };',
        'auto copy = again;',
        'switch (Fn) {',
        'case DIF_REMOVE:',
        '    CreateThread(nullptr, 0, work, nullptr, 0, nullptr);',
        '    break;',
        'case DIF_PROPERTYCHANGE:',
        '    DialogBoxParamW(nullptr, MAKEINTRESOURCEW(1), nullptr, [](HWND, UINT, WPARAM, LPARAM) -> INT_PTR { InDialog(); return 0; }, 0);',
        '    break;',
        'case DIF_INSTALLDEVICE:',
        '    Retry(copy);',
        '    break;',
        '}',
      ),
    );
    expect(b.codes(file, 'InThread()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts(file, 'InThread()'), 'DIF_REMOVE')[1]).toBe('starts a thread running lambda work (CreateThread)');
    expect(b.codes(file, 'InDialog()')).toEqual(['DIF_PROPERTYCHANGE']);
    expect(chainLabels(b.contexts(file, 'InDialog()'), 'DIF_PROPERTYCHANGE')[1]).toBe('shows a dialog with procedure a lambda (DialogBoxParamW)');
    expect(b.codes(file, 'InRetry()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(chainLabels(b.contexts(file, 'InRetry()'), 'DIF_INSTALLDEVICE')[1]).toBe('calls lambda again through Retry() (held in copy)');
  });

  it('a lambda started by std::thread; a procedure in a designated initializer of a local structure', () => {
    const b = model(
      'struct ContosoPage { LPCWSTR title; DLGPROC proc; };',
      PAGE_PROC,
      'static void AddPageFrom(const ContosoPage &c) { PROPSHEETPAGEW psp = {}; psp.pfnDlgProc = c.proc; CreatePropertySheetPageW(&psp); }',
      entry(
        'auto work = [] { InThread(); };',
        'ContosoPage page = { .title = L"Contoso", .proc = FinishPageProc };',
        'if (Fn == DIF_REMOVE) { std::thread t{work}; t.join(); }',
        'if (Fn == DIF_PROPERTYCHANGE) { std::thread t([] { InOther(); }); t.detach(); }',
        'if (Fn == DIF_ADDPROPERTYPAGE_ADVANCED) AddPageFrom(page);',
      ),
    );
    expect(b.codes(file, 'InThread()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts(file, 'InThread()'), 'DIF_REMOVE')[1]).toBe('starts a thread running lambda work (std::thread)');
    expect(b.codes(file, 'InOther()')).toEqual(['DIF_PROPERTYCHANGE']);
    expect(chainLabels(b.contexts(file, 'InOther()'), 'DIF_PROPERTYCHANGE')[1]).toBe('starts a thread running a lambda (std::thread)');
    expect(b.codes(file, 'MessageBoxW')).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED/interactive']);
  });

  it('code after many lambdas still belongs to the function that holds them', () => {
    const lambdas = Array.from({ length: 12 }, (_, i) => `auto step${i} = [&] { Step${i}(); };`);
    const b = model(entry(...lambdas, 'if (Fn == DIF_REMOVE) { step3(); After(); }'));
    expect(b.codes(file, 'After()')).toEqual(['DIF_REMOVE']);
    expect(b.codes(file, 'Step3()')).toEqual(['DIF_REMOVE']);
    expect(b.codes(file, 'Step4()')).toEqual([]);
  });

  it('a lambda guards on the DIF code it captures; a lambda never called has no context', () => {
    const b = model(entry('auto handle = [&] { if (Fn == DIF_REMOVE) OnRemove(); Always(); };', 'auto never = [&] { Never(); };', 'handle();'));
    expect(b.codes(file, 'OnRemove()')).toEqual(['DIF_REMOVE']);
    expect(b.codes(file, 'Always()')).toEqual(['any DIF code']);
    expect(b.codes(file, 'Never()')).toEqual([]);
  });
});
