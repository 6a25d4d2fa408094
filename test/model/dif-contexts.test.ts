import { describe, expect, it } from 'vitest';
import { build, chainLabels, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';
const CLASS = 'DWORD CALLBACK ClassInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev)';

describe('switch on the DIF code', () => {
  const code = `${CO}
{
    switch (Fn) {
    case DIF_INSTALLDEVICE:
    case DIF_INSTALLINTERFACES:
        One();
        break;
    case DIF_REMOVE:
        Two();
        /* fall through */
    case DIF_PROPERTYCHANGE:
        {
            if (Dev) { Three(); }
        }
        break;
    case DIF_FINISHINSTALL_ACTION:
        return Four();
    default:
        Five();
        break;
    }
    Six();
    return NO_ERROR;
}`;
  it('several labels on one case', () => {
    expect(build(parser(), { 'a.c': code }).codes('a.c', 'One()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_INSTALLINTERFACES']);
  });
  it('fall-through adds the codes of the case above; nested blocks keep them', () => {
    const b = build(parser(), { 'a.c': code });
    expect(b.codes('a.c', 'Two()')).toEqual(['DIF_REMOVE']);
    expect(b.codes('a.c', 'Three()')).toEqual(['DIF_PROPERTYCHANGE', 'DIF_REMOVE']);
  });
  it('the finish-install action is interactive', () => {
    expect(build(parser(), { 'a.c': code }).codes('a.c', 'Four()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
  });
  it('default is every other code, non-interactive', () => {
    const b = build(parser(), { 'a.c': code });
    const [c] = b.contexts('a.c', 'Five()');
    expect(c.difCode).toBe('any other DIF code');
    expect(c.interactive).toBe(false);
    expect((c as { otherThan?: string[] }).otherThan).toEqual([
      'DIF_FINISHINSTALL_ACTION',
      'DIF_INSTALLDEVICE',
      'DIF_INSTALLINTERFACES',
      'DIF_PROPERTYCHANGE',
      'DIF_REMOVE',
    ]);
  });
  it('after the switch: every code', () => {
    expect(build(parser(), { 'a.c': code }).codes('a.c', 'Six()')).toEqual(['any DIF code']);
  });
  it('the chain starts at the case label', () => {
    const b = build(parser(), { 'a.c': code });
    const [c] = b.contexts('a.c', 'Four()');
    expect(c.chain).toHaveLength(1);
    const label = code.indexOf('DIF_FINISHINSTALL_ACTION');
    const line = code.slice(0, label).split('\n').length;
    expect(c.chain[0]).toMatchObject({ label: 'CoInst handles DIF_FINISHINSTALL_ACTION', filePath: '/virtual/mod/a.c', line, column: 10, range: [label, label + 24] });
  });
  it('numeric labels when the switch is on the DIF parameter', () => {
    const b = build(parser(), { 'a.c': `${CO} { switch (Fn) { case 0x2A: A(); break; case 0x99: B(); break; } return 0; }` });
    expect(b.codes('a.c', 'A()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
    expect(b.codes('a.c', 'B()')).toEqual(['0x99']);
  });
  it('a switch on something else is no guard', () => {
    const b = build(parser(), { 'a.c': `${CO} { switch (Set == NULL) { case 1: A(); break; } return 0; }` });
    expect(b.codes('a.c', 'A()')).toEqual(['any DIF code']);
  });
});

describe('if / else-if chains', () => {
  it('== and else if and else', () => {
    const b = build(parser(), {
      'a.c': `${CO} {
  if (Fn == DIF_INSTALLDEVICE) { A(); }
  else if (DIF_FINISHINSTALL_ACTION == Fn || Fn == DIF_REMOVE) { B(); }
  else { C(); }
  return 0;
}`,
    });
    expect(b.codes('a.c', 'A()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'B()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_REMOVE']);
    expect(b.codes('a.c', 'C()')).toEqual(['any other DIF code']);
  });
  it('!= with an early return guards the rest of the block', () => {
    const b = build(parser(), {
      'a.c': `${CO} {
  Before();
  if (Fn != DIF_FINISHINSTALL_ACTION) {
      return NO_ERROR;
  }
  After();
  return 0;
}`,
    });
    expect(b.codes('a.c', 'Before()')).toEqual(['any DIF code']);
    expect(b.codes('a.c', 'After()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
  });
  it('the DIF code copied to a local', () => {
    const b = build(parser(), {
      'a.c': `${CO} {
  DI_FUNCTION code = Fn;
  UINT other;
  other = Fn;
  if (code == DIF_INSTALLDEVICE) A();
  switch (other) { case 0x2A: B(); break; }
  return 0;
}`,
    });
    expect(b.codes('a.c', 'A()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'B()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
  });
  it('a comparison with a dispatch-table field is not a guard', () => {
    const b = build(parser(), { 'a.c': `${CO} { if (Table[0].Code == Fn) A(); return 0; }` });
    expect(b.codes('a.c', 'A()')).toEqual(['any DIF code']);
  });
});

describe('helpers that switch on the DIF code they are passed', () => {
  it('the parameter carrying the DIF code guards the helper', () => {
    const b = build(parser(), {
      'a.c': `static DWORD Handle(HDEVINFO s, UINT what) {
  switch (what) { case 0x2: Inst(); break; case DIF_FINISHINSTALL_ACTION: Act(); break; }
  return 0;
}
${CO} { DI_FUNCTION f = Fn; return Handle(Set, f); }`,
    });
    expect(b.codes('a.c', 'Inst()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'Act()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
    expect(chainLabels(b.contexts('a.c', 'Act()'), 'DIF_FINISHINSTALL_ACTION')).toEqual(['CoInst handles DIF_FINISHINSTALL_ACTION', 'calls Handle()']);
  });
  it('a call made under a case narrows the helper', () => {
    const b = build(parser(), {
      'a.c': `static void Work(void) { Deep(); }
${CO} { switch (Fn) { case DIF_INSTALLDEVICE: Work(); break; case DIF_REMOVE: Work(); break; } return 0; }`,
    });
    expect(b.codes('a.c', 'Deep()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_REMOVE']);
  });
});

describe('helpers called with a DIF_ constant', () => {
  it('the constant decides the helper\'s guard on that parameter, passed on through another helper', () => {
    const b = build(parser(), {
      'a.c': `static void Handle(HDEVINFO s, UINT what) {
  switch (what) { case DIF_INSTALLDEVICE: Inst(); break; case DIF_REMOVE: Rem(); break; }
}
static void Forward(UINT w) { Handle(NULL, w); }
${CO} {
  switch (Fn) {
  case DIF_FINISHINSTALL_ACTION: Handle(Set, DIF_INSTALLDEVICE); break;
  case DIF_PROPERTYCHANGE: Forward(DIF_REMOVE); break;
  }
  Handle(Set, Fn);
  return NO_ERROR;
}`,
    });
    expect(b.codes('a.c', 'Inst()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'Rem()')).toEqual(['DIF_PROPERTYCHANGE', 'DIF_REMOVE']);
    expect(chainLabels(b.contexts('a.c', 'Rem()'), 'DIF_PROPERTYCHANGE')).toEqual([
      'CoInst handles DIF_PROPERTYCHANGE',
      'calls Forward()',
      'calls Handle()',
    ]);
  });
});

describe('dispatch tables', () => {
  it('{ DIF code, handler } entries reach each handler under its code', () => {
    const b = build(parser(), {
      'a.c': `typedef DWORD (*HANDLER)(HDEVINFO, PSP_DEVINFO_DATA);
static DWORD OnInstall(HDEVINFO s, PSP_DEVINFO_DATA d) { InstallWork(); return 0; }
static DWORD OnAction(HDEVINFO s, PSP_DEVINFO_DATA d) { ActionWork(); return 0; }
static const struct { DI_FUNCTION Code; HANDLER Handler; } Table[] = {
    { DIF_INSTALLDEVICE, OnInstall },
    { DIF_FINISHINSTALL_ACTION, &OnAction },
};
${CO} {
  int i;
  for (i = 0; i < 2; i++) if (Table[i].Code == Fn) return Table[i].Handler(Set, Dev);
  return NO_ERROR;
}`,
    });
    expect(b.codes('a.c', 'InstallWork()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('a.c', 'ActionWork()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive']);
    expect(chainLabels(b.contexts('a.c', 'InstallWork()'), 'DIF_INSTALLDEVICE')).toEqual([
      'CoInst handles DIF_INSTALLDEVICE',
      'dispatches DIF_INSTALLDEVICE to OnInstall() through Table',
    ]);
    expect(b.model.entryPoints[0].handledDifCodes).toEqual(['DIF_INSTALLDEVICE', 'DIF_FINISHINSTALL_ACTION']);
  });
  it('designated initializers: { .Code = DIF_X, .Handler = F } and [DIF_X] = F', () => {
    const b = build(parser(), {
      'a.c': `static DWORD OnA(void) { WorkA(); return 0; }
static DWORD OnB(void) { WorkB(); return 0; }
static DWORD OnC(void) { WorkC(); return 0; }
static const HANDLER_ENTRY Named[] = { { .Code = DIF_REMOVE, .Handler = OnA } };
static const HANDLER ByCode[0x30] = { [DIF_PROPERTYCHANGE] = OnB, [DIF_UNREMOVE] = OnC };
${CO} { Run(Named, ByCode, Fn); return NO_ERROR; }`,
    });
    expect(b.codes('a.c', 'WorkA()')).toEqual(['DIF_REMOVE']);
    expect(b.codes('a.c', 'WorkB()')).toEqual(['DIF_PROPERTYCHANGE']);
    expect(b.codes('a.c', 'WorkC()')).toEqual(['DIF_UNREMOVE']);
  });
  it('a local table in the entry point', () => {
    const b = build(parser(), {
      'a.c': `static DWORD OnRemove(void) { RemoveWork(); return 0; }
${CO} {
  const struct { UINT c; DWORD (*h)(void); } t[] = { { DIF_REMOVE, OnRemove } };
  return t[0].c == Fn ? t[0].h() : 0;
}`,
    });
    expect(b.codes('a.c', 'RemoveWork()')).toEqual(['DIF_REMOVE']);
  });
});

describe('post-processing', () => {
  it('Context->PostProcessing branches and the early return asking for post-processing', () => {
    const b = build(parser(), {
      'a.c': `${CO} {
  switch (Fn) {
  case DIF_INSTALLDEVICE:
      if (!Ctx->PostProcessing) {
          Pre();
          return ERROR_DI_POSTPROCESSING_REQUIRED;
      }
      Post();
      break;
  case DIF_REMOVE:
      if (Ctx->PostProcessing == TRUE) PostRemove(); else PreRemove();
      break;
  }
  return NO_ERROR;
}`,
    });
    expect(b.codes('a.c', 'Pre()')).toEqual(['DIF_INSTALLDEVICE/pre']);
    expect(b.codes('a.c', 'Post()')).toEqual(['DIF_INSTALLDEVICE/post']);
    expect(b.codes('a.c', 'PostRemove()')).toEqual(['DIF_REMOVE/post']);
    expect(b.codes('a.c', 'PreRemove()')).toEqual(['DIF_REMOVE/pre']);
    expect(chainLabels(b.contexts('a.c', 'Post()'), 'DIF_INSTALLDEVICE')).toEqual(['CoInst handles DIF_INSTALLDEVICE (post-processing)']);
  });
  it('a combined test: the code and pre-processing hold together, the else branch knows neither', () => {
    const b = build(parser(), {
      'a.c': `${CO} {
  if (Fn == DIF_INSTALLDEVICE && !Ctx->PostProcessing) { Both(); } else { Either(); }
  if (Fn != DIF_REMOVE || Ctx->PostProcessing) { Any(); } else { PreRemove(); }
  return NO_ERROR;
}`,
    });
    expect(b.codes('a.c', 'Both()')).toEqual(['DIF_INSTALLDEVICE/pre']);
    expect(b.codes('a.c', 'Either()')).toEqual(['any DIF code']);
    expect(b.codes('a.c', 'Any()')).toEqual(['any DIF code']);
    expect(b.codes('a.c', 'PreRemove()')).toEqual(['DIF_REMOVE/pre']);
  });
});

describe('interactive contexts', () => {
  it('DIF_SELECTDEVICE is interactive for a class installer only', () => {
    const sw = '{ switch (Fn) { case DIF_SELECTDEVICE: Pick(); break; } return ERROR_DI_DO_DEFAULT; }';
    expect(build(parser(), { 'a.c': CLASS + sw }).codes('a.c', 'Pick()')).toEqual(['DIF_SELECTDEVICE/interactive']);
    expect(build(parser(), { 'a.c': CO + sw }).codes('a.c', 'Pick()')).toEqual(['DIF_SELECTDEVICE']);
  });
  it('the finish-install wizard handler itself is not interactive, its page procedure is', () => {
    const b = build(parser(), {
      'a.c': `INT_PTR CALLBACK PageProc(HWND h, UINT m, WPARAM w, LPARAM l) { MessageBoxW(h, L"x", L"y", MB_OK); return FALSE; }
UINT CALLBACK PageCallback(HWND h, UINT m, LPPROPSHEETPAGE p) { return 1; }
static DWORD AddPages(HDEVINFO s, PSP_DEVINFO_DATA d) {
  PROPSHEETPAGE page;
  SP_NEWDEVICEWIZARD_DATA wiz;
  page.pfnDlgProc = PageProc;
  page.pfnCallback = PageCallback;
  wiz.DynamicPages[wiz.NumDynamicPages++] = CreatePropertySheetPage(&page);
  Inline();
  return NO_ERROR;
}
${CO} { switch (Fn) { case DIF_NEWDEVICEWIZARD_FINISHINSTALL: return AddPages(Set, Dev); } return NO_ERROR; }`,
    });
    expect(b.codes('a.c', 'Inline()')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL']);
    expect(b.codes('a.c', 'MessageBoxW')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(b.codes('a.c', 'return 1')).toEqual(['DIF_NEWDEVICEWIZARD_FINISHINSTALL/interactive']);
    expect(chainLabels(b.contexts('a.c', 'MessageBoxW'), 'DIF_NEWDEVICEWIZARD_FINISHINSTALL')).toEqual([
      'CoInst handles DIF_NEWDEVICEWIZARD_FINISHINSTALL',
      'calls AddPages()',
      'creates a property page with procedure PageProc()',
    ]);
  });
  it('pages of DIF_ADDPROPERTYPAGE_ADVANCED through a PROPSHEETPAGE initializer', () => {
    const b = build(parser(), {
      'a.c': `static INT_PTR CALLBACK AdvProc(HWND h, UINT m, WPARAM w, LPARAM l) { Ui(); return 0; }
${CO} {
  if (Fn == DIF_ADDPROPERTYPAGE_ADVANCED) {
    PROPSHEETPAGEW psp = { sizeof(psp), PSP_DEFAULT, NULL, NULL, NULL, NULL, AdvProc };
    CreatePropertySheetPageW(&psp);
  }
  return NO_ERROR;
}`,
    });
    expect(b.codes('a.c', 'Ui()')).toEqual(['DIF_ADDPROPERTYPAGE_ADVANCED/interactive']);
  });
  it('settings.interactiveFunctions', () => {
    const b = build(parser(), { 'a.c': `static void Vendor(void) { Ui(); }\n${CO} { Vendor(); Other(); return 0; }` }, { interactiveFunctions: ['Vendor'] });
    expect(b.codes('a.c', 'Ui()')).toEqual(['any DIF code/interactive']);
    expect(b.codes('a.c', 'Other()')).toEqual(['any DIF code']);
  });
  it('a DI_QUIETINSTALL test is recorded, not made interactive', () => {
    const b = build(parser(), {
      'a.c': `static void Warn(HDEVINFO s, PSP_DEVINFO_DATA d) {
  SP_DEVINSTALL_PARAMS p;
  SetupDiGetDeviceInstallParams(s, d, &p);
  if (p.Flags & DI_QUIETINSTALL) return;
  Ui();
}
${CO} { if (Fn == DIF_REMOVE) { Warn(Set, Dev); } if (!(Flags & DI_QUIETINSTALL)) { Also(); } return 0; }`,
    });
    expect(b.codes('a.c', 'Ui()')).toEqual(['DIF_REMOVE/quiet']);
    expect(b.codes('a.c', 'Also()')).toEqual(['any DIF code/quiet']);
    expect(b.codes('a.c', 'SetupDiGetDeviceInstallParams')).toEqual(['DIF_REMOVE']);
  });
});
