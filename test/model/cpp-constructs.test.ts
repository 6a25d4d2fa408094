import { describe, expect, it } from 'vitest';
import { build, chainLabels, ROOT, useParser } from './model-harness.js';

const parser = useParser();

// The constructs of the C tests, written the way C++ installers write them.
describe('C++ installers', () => {
  const code = `#include "ui.hpp"
namespace contoso {
namespace {
int g_installs = 0;
const wchar_t* const kTitle = L"Contoso";
}

class Ui {
public:
    static void Warn(const wchar_t* text) { ::MessageBoxW(nullptr, text, kTitle, MB_OK); }
};

class Installer {
public:
    static int s_calls;
    static DWORD WINAPI Worker(LPVOID) { Ui::Warn(L"thread"); return 0; }
    static INT_PTR CALLBACK Page(HWND, UINT, WPARAM, LPARAM) { Ui::Warn(L"page"); return FALSE; }

    static DWORD Handle(HDEVINFO set, PSP_DEVINFO_DATA data, const UINT code, PCOINSTALLER_CONTEXT_DATA ctx)
    {
        switch (code) {
        case DIF_INSTALLDEVICE:
            if (!ctx->PostProcessing) return ERROR_DI_POSTPROCESSING_REQUIRED;
            ++g_installs;
            s_calls += 1;
            ::CreateThread(nullptr, 0, &Installer::Worker, nullptr, 0, nullptr);
            break;
        case DIF_NEWDEVICEWIZARD_FINISHINSTALL: {
            PROPSHEETPAGEW psp{};
            psp.pfnDlgProc = &Installer::Page;
            ::CreatePropertySheetPageW(&psp);
            break;
        }
        case DIF_FINISHINSTALL_ACTION: {
            auto show = [&]() { Ui::Warn(L"done"); };
            show();
            break;
        }
        default:
            break;
        }
        return NO_ERROR;
    }

    static DWORD CALLBACK Entry(_In_ DI_FUNCTION fn, _In_ HDEVINFO set, _In_opt_ PSP_DEVINFO_DATA data,
                                _Inout_ PCOINSTALLER_CONTEXT_DATA ctx)
    {
        const auto code = fn;
        return Handle(set, data, code, ctx);
    }
};

int Installer::s_calls = 0;
}  // namespace contoso
`;
  const files = { 'installer.cpp': code, 'x.def': 'EXPORTS\n  CoDeviceInstall = Entry\n' };

  it('finds the static member entry point (and not the helper of the same shape)', () => {
    const b = build(parser(), files);
    expect(b.model.entryPoints.map((e) => `${e.name}:${e.kind}:${[...e.via].sort().join('+')}`)).toEqual(['Entry:co-installer:def+signature']);
  });

  it('the DIF code copied to a const auto and passed to a member that switches on it', () => {
    const b = build(parser(), files);
    expect(b.codes('installer.cpp', '++g_installs')).toEqual(['DIF_INSTALLDEVICE/post']);
    expect(chainLabels(b.contexts('installer.cpp', '++g_installs'), 'DIF_INSTALLDEVICE')).toEqual([
      'Entry handles DIF_INSTALLDEVICE (post-processing)',
      'calls Handle()',
    ]);
  });

  it('a thread started with a static member pointer, a page procedure, a lambda', () => {
    const b = build(parser(), files);
    const contexts = b.contexts('installer.cpp', '::MessageBoxW');
    const summary = contexts.map((c) => `${c.difCode}${c.interactive ? '/interactive' : ''}`).sort();
    expect(summary).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_INSTALLDEVICE', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(chainLabels(contexts, 'DIF_INSTALLDEVICE')).toEqual([
      'Entry handles DIF_INSTALLDEVICE (post-processing)',
      'calls Handle()',
      'starts a thread running Worker() (CreateThread)',
      'calls Warn()',
    ]);
  });

  it('globals in an anonymous namespace and class statics defined out of line', () => {
    const b = build(parser(), files);
    const installs = b.model.globalAt(ROOT + 'installer.cpp', b.at('installer.cpp', 'g_installs = 0'))!;
    expect(installs).toMatchObject({ name: 'g_installs', scope: 'file', isConst: false });
    expect(b.model.accessesOf(installs).map((a) => a.kind)).toEqual(['write']);
    expect(b.model.globalAt(ROOT + 'installer.cpp', b.at('installer.cpp', 'kTitle ='))).toMatchObject({ isConst: true });
    const calls = b.model.globalAt(ROOT + 'installer.cpp', b.at('installer.cpp', 's_calls = 0'))!;
    expect(calls).toMatchObject({ name: 's_calls', scope: 'file' });
    expect(b.model.accessesOf(calls).map((a) => `${a.kind}@${a.range[0]}`)).toEqual([`write@${b.at('installer.cpp', 's_calls += 1')}`]);
  });
});

describe('configuration names for C++ members', () => {
  it('settings.entryPoints and interactiveFunctions accept Class::Method', () => {
    const code = `class A { public: static DWORD Go(UINT f, void *s, void *d, void *c) { Ui(); return 0; } static void Show() { InShow(); } };
class B { public: static DWORD Go(UINT f, void *s, void *d, void *c) { return 0; } };
class C { public: static void Show() { InOther(); } };
DWORD CALLBACK E(DI_FUNCTION f, HDEVINFO s, PSP_DEVINFO_DATA d, PCOINSTALLER_CONTEXT_DATA c) { A::Show(); C::Show(); return 0; }`;
    const b = build(parser(), { 'a.cpp': code }, { entryPoints: ['A::Go'], interactiveFunctions: ['A::Show'] });
    expect(b.model.entryPoints.map((e) => `${e.name}@${e.nameRange[0]}:${[...e.via].join('+')}`)).toEqual([
      `E@${b.at('a.cpp', 'E(')}:signature`,
      `Go@${b.at('a.cpp', 'Go(')}:config`,
    ]);
    // both Show() are called by name from E; only A::Show is named interactive
    expect(b.codes('a.cpp', 'InShow()')).toEqual(['any DIF code/interactive']);
    expect(b.codes('a.cpp', 'InOther()')).toEqual(['any DIF code']);
  });
});
