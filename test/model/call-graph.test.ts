import { describe, expect, it } from 'vitest';
import { MAX_CALL_DEPTH } from '../../engine/model/propagation.js';
import { build, chainLabels, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

describe('calls across the files of the module', () => {
  const files = {
    'entry.c': `#include "shared.h"
${CO}
{
    switch (Fn) {
    case DIF_INSTALLDEVICE:
        return InstallHelper(Set, Dev);
    }
    return NO_ERROR;
}`,
    'install.c': `#include "shared.h"
DWORD InstallHelper(HDEVINFO s, PSP_DEVINFO_DATA d)
{
    ShowError(L"failed");
    return NO_ERROR;
}`,
    'ui.cpp': `#include "shared.h"
void ShowError(LPCWSTR text)
{
    MessageBoxW(NULL, text, L"Setup", MB_OK);
}`,
    'shared.h': 'DWORD InstallHelper(HDEVINFO s, PSP_DEVINFO_DATA d);\nvoid ShowError(LPCWSTR text);\n',
  };
  it('reaches a UI wrapper in a third file with the shortest chain and exact steps', () => {
    const b = build(parser(), files);
    const contexts = b.contexts('ui.cpp', 'MessageBoxW');
    expect(contexts.map((c) => c.difCode)).toEqual(['DIF_INSTALLDEVICE']);
    const chain = contexts[0].chain;
    expect(chain.map((s) => s.label)).toEqual(['CoInst handles DIF_INSTALLDEVICE', 'calls InstallHelper()', 'calls ShowError()']);
    expect(chain.map((s) => `${s.filePath.slice('/virtual/mod/'.length)}:${s.line}:${s.column}-${s.endLine}:${s.endColumn}`)).toEqual([
      'entry.c:5:10-5:27',
      'entry.c:6:16-6:29',
      'install.c:4:5-4:14',
    ]);
    expect(contexts[0].entryPoint).toBe(b.model.entryPoints[0]);
  });
  it('a function nothing calls has no context', () => {
    const b = build(parser(), { ...files, 'unused.c': 'void Unused(void) { MessageBoxW(NULL, L"", L"", 0); }' });
    expect(b.contexts('unused.c', 'MessageBoxW')).toEqual([]);
  });
  it('the shortest of two chains is the one kept', () => {
    const b = build(parser(), {
      'a.c': `static void Leaf(void) { Site(); }
static void Mid3(void) { Leaf(); }
static void Mid2(void) { Mid3(); }
static void Mid1(void) { Mid2(); }
${CO} { Mid1(); Mid3(); return 0; }`,
    });
    expect(chainLabels(b.contexts('a.c', 'Site()'), 'any DIF code')).toEqual(['CoInst handles any DIF code', 'calls Mid3()', 'calls Leaf()']);
  });
  it('static functions resolve within their own file', () => {
    const b = build(parser(), {
      'a.c': `static void Helper(void) { InA(); }\n${CO} { Helper(); return 0; }`,
      'b.c': 'static void Helper(void) { InB(); }\nvoid NotCalled(void) { Helper(); }',
    });
    expect(b.codes('a.c', 'InA()')).toEqual(['any DIF code']);
    expect(b.codes('b.c', 'InB()')).toEqual([]);
  });
  it('C++ member and qualified calls resolve by name', () => {
    const b = build(parser(), {
      'a.cpp': `class Ui { public: static void Show() { Box(); } void Method() { Other(); } };
class Installer {
public:
    static DWORD CALLBACK Entry(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) {
        Ui ui;
        if (f == DIF_REMOVE) { Ui::Show(); ui.Method(); }
        return NO_ERROR;
    }
};`,
    });
    expect(b.codes('a.cpp', 'Box()')).toEqual(['DIF_REMOVE']);
    expect(b.codes('a.cpp', 'Other()')).toEqual(['DIF_REMOVE']);
  });
});

describe('function pointers', () => {
  it('threads: CreateThread, _beginthreadex, QueueUserWorkItem', () => {
    const b = build(parser(), {
      'a.c': `static DWORD WINAPI Worker(LPVOID p) { InWorker(); return 0; }
static unsigned __stdcall Worker2(void *p) { InWorker2(); return 0; }
static DWORD WINAPI Worker3(LPVOID p) { InWorker3(); return 0; }
${CO} {
  if (Fn == DIF_INSTALLDEVICE) {
    HANDLE h = CreateThread(NULL, 0, Worker, NULL, 0, NULL);
    _beginthreadex(NULL, 0, &Worker2, NULL, 0, NULL);
    QueueUserWorkItem((LPTHREAD_START_ROUTINE)Worker3, NULL, 0);
  }
  return 0;
}`,
    });
    expect(b.codes('a.c', 'InWorker()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'InWorker2()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'InWorker3()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(chainLabels(b.contexts('a.c', 'InWorker()'), 'DIF_INSTALLDEVICE')).toEqual([
      'CoInst handles DIF_INSTALLDEVICE',
      'starts a thread running Worker() (CreateThread)',
    ]);
  });
  it('dialog procedures and window procedures keep the caller\'s context', () => {
    const b = build(parser(), {
      'a.c': `static INT_PTR CALLBACK DlgProc(HWND h, UINT m, WPARAM w, LPARAM l) { InDlg(); return 0; }
static LRESULT CALLBACK WndProc(HWND h, UINT m, WPARAM w, LPARAM l) { InWnd(); return 0; }
${CO} {
  WNDCLASSW wc = { 0 };
  wc.lpfnWndProc = WndProc;
  RegisterClassW(&wc);
  if (Fn == DIF_INSTALLDEVICE) DialogBoxParamW(NULL, MAKEINTRESOURCEW(1), NULL, DlgProc, 0);
  return 0;
}`,
    });
    expect(b.codes('a.c', 'InDlg()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'InWnd()')).toEqual(['any DIF code']);
    expect(chainLabels(b.contexts('a.c', 'InDlg()'), 'DIF_INSTALLDEVICE')[1]).toBe('shows a dialog with procedure DlgProc() (DialogBoxParamW)');
    expect(chainLabels(b.contexts('a.c', 'InWnd()'), 'any DIF code')[1]).toBe('registers window procedure WndProc()');
  });
  it('a pointer handed to the module\'s own thin wrapper', () => {
    const b = build(parser(), {
      'a.c': `static void RunAsync(LPTHREAD_START_ROUTINE fn) { CloseHandle(CreateThread(NULL, 0, fn, NULL, 0, NULL)); }
static DWORD WINAPI Job(LPVOID p) { InJob(); return 0; }
${CO} { if (Fn == DIF_REMOVE) RunAsync(Job); return 0; }`,
    });
    expect(b.codes('a.c', 'InJob()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts('a.c', 'InJob()'), 'DIF_REMOVE')[1]).toBe('starts a thread running Job() (CreateThread) through RunAsync()');
  });
  it('a pointer handed to a function that only stores it', () => {
    const b = build(parser(), {
      'a.c': `static void Remember(LPTHREAD_START_ROUTINE fn) { Log(L"stored"); }
static DWORD WINAPI Job(LPVOID p) { InJob(); return 0; }
${CO} { if (Fn == DIF_REMOVE) Remember(Job); return 0; }`,
    });
    expect(chainLabels(b.contexts('a.c', 'InJob()'), 'DIF_REMOVE')[1]).toBe('passes Job() to Remember()');
  });
  it('a worker thread started from a page procedure is interactive', () => {
    const b = build(parser(), {
      'a.c': `static DWORD WINAPI Worker(LPVOID p) { InWorker(); return 0; }
static INT_PTR CALLBACK Page(HWND h, UINT m, WPARAM w, LPARAM l) { CreateThread(NULL, 0, Worker, NULL, 0, NULL); return 0; }
${CO} {
  PROPSHEETPAGE psp;
  if (Fn != DIF_NEWDEVICEWIZARD_FINISHINSTALL) return NO_ERROR;
  psp.pfnDlgProc = Page;
  CreatePropertySheetPage(&psp);
  return NO_ERROR;
}`,
    });
    expect(b.codes('a.c', 'InWorker()')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
  });
});

describe('macros of the module', () => {
  it('function-like, object-like, nested and alias macros hide calls', () => {
    const b = build(parser(), {
      'm.h': `#define SHOW_ERROR(msg) ShowError(msg) /* ShowNothing() */
#define WARN_USER SHOW_ERROR(L"warn")
#define NOTIFY() do { Notify(); } while (0)
#define Report ReportImpl
#define TEXT_ONLY "CallInString()"`,
      'a.c': `#include "m.h"
void ShowError(LPCWSTR m) { InShow(); }
void Notify(void) { InNotify(); }
void ReportImpl(int x) { InReport(); }
void ShowNothing(void) { InNothing(); }
void CallInString(void) { InString(); }
${CO} {
  switch (Fn) {
  case DIF_INSTALLDEVICE: SHOW_ERROR(L"x"); break;
  case DIF_REMOVE: WARN_USER; break;
  case DIF_PROPERTYCHANGE: NOTIFY(); break;
  case DIF_UNREMOVE: Report(1); break;
  case DIF_DETECT: { const char *s = TEXT_ONLY; } break;
  }
  return 0;
}`,
    });
    expect(b.codes('a.c', 'InShow()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_REMOVE']);
    expect(b.codes('a.c', 'InNotify()')).toEqual(['DIF_PROPERTYCHANGE']);
    expect(b.codes('a.c', 'InReport()')).toEqual(['DIF_UNREMOVE']);
    expect(b.codes('a.c', 'InNothing()')).toEqual([]);
    expect(b.codes('a.c', 'InString()')).toEqual([]);
    expect(chainLabels(b.contexts('a.c', 'InShow()'), 'DIF_INSTALLDEVICE')).toEqual([
      'CoInst handles DIF_INSTALLDEVICE',
      'calls ShowError() through macro SHOW_ERROR',
    ]);
    expect([...b.model.macroCalls('WARN_USER')]).toEqual(['ShowError']);
  });
  it('a macro that calls an API directly is visible to rules through macroCalls', () => {
    const b = build(parser(), { 'a.c': '#define ASK() MessageBoxW(NULL, L"?", L"", MB_YESNO)\nvoid f(void) { ASK(); }' });
    expect([...b.model.macroCalls('ASK')]).toEqual(['MessageBoxW']);
    expect([...b.model.macroCalls('NOT_A_MACRO')]).toEqual([]);
  });
});

describe('recursion, cycles and depth', () => {
  it('mutual recursion terminates and keeps the codes', () => {
    const b = build(parser(), {
      'a.c': `void Ping(int n); void Pong(int n) { if (n) Ping(n - 1); InPong(); }
void Ping(int n) { Pong(n); InPing(); }
${CO} { if (Fn == DIF_REMOVE) Ping(3); return 0; }`,
    });
    expect(b.codes('a.c', 'InPong()')).toEqual(['DIF_REMOVE']);
    expect(chainLabels(b.contexts('a.c', 'InPong()'), 'DIF_REMOVE')).toEqual(['CoInst handles DIF_REMOVE', 'calls Ping()', 'calls Pong()']);
  });
  /** F1 .. F<n>, each calling the next, F<n> calling Bottom(); the entry point calls F1: F<k> is k calls deep. */
  const chainCode = (n: number) => {
    const lines: string[] = [];
    for (let i = n - 1; i >= 1; i--) lines.push(`void F${i}(void) { F${i + 1}(); }`);
    return `void F${n}(void) { Bottom(); }\n${lines.join('\n')}\n${CO} { if (Fn == DIF_INSTALLDEVICE) F1(); return 0; }\n`;
  };
  it(`a call chain as deep as the budget (${MAX_CALL_DEPTH} calls) neither overflows nor loses the context`, () => {
    const n = MAX_CALL_DEPTH;
    const b = build(parser(), { 'deep.c': chainCode(n) });
    const contexts = b.contexts('deep.c', 'Bottom()');
    expect(contexts.map((c) => c.difCode)).toEqual(['DIF_INSTALLDEVICE']);
    expect(contexts[0].chain).toHaveLength(n + 1);
    expect(contexts[0].chain[n].label).toBe(`calls F${n}()`);
    expect(b.model.onlyFromDllMain('/virtual/mod/deep.c', b.at('deep.c', 'Bottom()'))).toBe(false);
    expect(b.model.notices).toEqual([]);
  });
  it('one call past the budget: the deepest function keeps its context, its calls are not followed, a notice at its name', () => {
    const n = MAX_CALL_DEPTH + 1;
    const code = chainCode(n);
    const b = build(parser(), { 'deep.c': code });
    expect(b.contexts('deep.c', 'Bottom()')).toEqual([]);
    // F<MAX_CALL_DEPTH> is reached (it calls F<n>): its call is a site with a context
    expect(b.contexts('deep.c', `F${n}()`).map((c) => c.difCode)).toEqual(['DIF_INSTALLDEVICE']);
    const name = `F${MAX_CALL_DEPTH}`;
    const start = code.indexOf(`void ${name}(void)`) + 'void '.length;
    expect(b.model.notices).toEqual([
      {
        filePath: '/virtual/mod/deep.c',
        start,
        end: start + name.length,
        message: `${name} is ${MAX_CALL_DEPTH} calls deep from CoInst, the limit of the analysis: its calls are not followed, and code reached only through them counts as reached by no entry point`,
      },
    ]);
  });
  it('deeply nested expressions do not overflow the summary', () => {
    const depth = 5000;
    const code = `${CO} { int x = ${'('.repeat(depth)}1${')'.repeat(depth)}; if (Fn == DIF_REMOVE) Leaf(); return 0; }`;
    expect(build(parser(), { 'a.c': code }).codes('a.c', 'Leaf()')).toEqual(['DIF_REMOVE']);
  });
});

describe('DllMain and unreachable code', () => {
  const code = `static void InitOnly(void) { LoadLibraryW(L"x.dll"); }
static void Shared(void) { SharedWork(); }
BOOL WINAPI DllMain(HINSTANCE i, DWORD r, LPVOID p) { InitOnly(); Shared(); InMain(); return TRUE; }
${CO} { Shared(); return 0; }
void Orphan(void) { InOrphan(); }`;
  it('helpers reachable only from DllMain have no context and are only-from-DllMain', () => {
    const b = build(parser(), { 'a.c': code });
    expect(b.codes('a.c', 'LoadLibraryW')).toEqual([]);
    expect(b.model.onlyFromDllMain('/virtual/mod/a.c', b.at('a.c', 'LoadLibraryW'))).toBe(true);
    expect(b.model.onlyFromDllMain('/virtual/mod/a.c', b.at('a.c', 'InMain()'))).toBe(true);
  });
  it('a helper also reached from an entry point is not only-from-DllMain', () => {
    const b = build(parser(), { 'a.c': code });
    expect(b.codes('a.c', 'SharedWork()')).toEqual(['any DIF code']);
    expect(b.model.onlyFromDllMain('/virtual/mod/a.c', b.at('a.c', 'SharedWork()'))).toBe(false);
  });
  it('code reachable from nothing is neither', () => {
    const b = build(parser(), { 'a.c': code });
    expect(b.codes('a.c', 'InOrphan()')).toEqual([]);
    expect(b.model.onlyFromDllMain('/virtual/mod/a.c', b.at('a.c', 'InOrphan()'))).toBe(false);
  });
});

describe('what is not code', () => {
  it('calls in comments, strings and #if 0 blocks reach nothing', () => {
    const b = build(parser(), {
      'a.c': `void Hidden(void) { InHidden(); }
void Dead(void) { InDead(); }
void Live(void) { InLive(); }
${CO} {
  // Hidden();
  /* Hidden(); */
  const char *s = "Hidden()";
#if 0
  Dead();
  MessageBoxW(NULL, L"", L"", 0);
#else
  Live();
#endif
  return 0;
}`,
    });
    expect(b.codes('a.c', 'InHidden()')).toEqual([]);
    expect(b.codes('a.c', 'InDead()')).toEqual([]);
    expect(b.codes('a.c', 'MessageBoxW')).toEqual([]);
    expect(b.codes('a.c', 'InLive()')).toEqual(['any DIF code']);
  });
  it('#if (0) and #elif 0 are dead too', () => {
    const b = build(parser(), { 'a.c': `${CO} {\n#if (0)\n  A();\n#elif 0\n  B();\n#else\n  C();\n#endif\n  return 0; }` });
    expect(b.codes('a.c', 'A()')).toEqual([]);
    expect(b.codes('a.c', 'B()')).toEqual([]);
    expect(b.codes('a.c', 'C()')).toEqual(['any DIF code']);
  });
  it('#if 1 drops its #else', () => {
    const b = build(parser(), { 'a.c': `${CO} {\n#if 1\n  A();\n#else\n  B();\n#endif\n  return 0; }` });
    expect(b.codes('a.c', 'A()')).toEqual(['any DIF code']);
    expect(b.codes('a.c', 'B()')).toEqual([]);
  });
  it('a project function whose name resembles an API is the project\'s function', () => {
    const b = build(parser(), {
      'a.c': `static void MessageBoxLog(LPCWSTR t) { OutputDebugStringW(t); }
${CO} { if (Fn == DIF_INSTALLDEVICE) MessageBoxLog(L"x"); return 0; }`,
    });
    expect(b.codes('a.c', 'OutputDebugStringW')).toEqual(['DIF_INSTALLDEVICE']);
    expect(chainLabels(b.contexts('a.c', 'OutputDebugStringW'), 'DIF_INSTALLDEVICE')).toEqual([
      'CoInst handles DIF_INSTALLDEVICE',
      'calls MessageBoxLog()',
    ]);
  });
});

describe('the finish-install scenarios of the guidelines', () => {
  it('UI only in a finish-install page procedure: no non-interactive context reaches it', () => {
    const b = build(parser(), {
      'a.c': `static INT_PTR CALLBACK FinishPage(HWND h, UINT m, WPARAM w, LPARAM l) { MessageBoxW(h, L"Done", L"", MB_OK); return 0; }
${CO} {
  if (Fn == DIF_NEWDEVICEWIZARD_FINISHINSTALL) {
    PROPSHEETPAGEW psp = { 0 };
    psp.pfnDlgProc = FinishPage;
    CreatePropertySheetPageW(&psp);
  }
  return NO_ERROR;
}`,
    });
    const contexts = b.contexts('a.c', 'MessageBoxW');
    expect(contexts.length).toBeGreaterThan(0);
    expect(contexts.every((c) => c.interactive)).toBe(true);
  });
  it('CreateProcess only under DIF_FINISHINSTALL_ACTION', () => {
    const b = build(parser(), {
      'a.c': `static DWORD Run(void) { STARTUPINFOW si; PROCESS_INFORMATION pi; return CreateProcessW(NULL, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi); }
${CO} { switch (Fn) { case DIF_FINISHINSTALL_ACTION: return Run(); default: return NO_ERROR; } }`,
    });
    expect(b.codes('a.c', 'CreateProcessW')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
  });
});
