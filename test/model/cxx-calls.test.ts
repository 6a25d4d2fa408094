/**
 * Method calls resolved by the receiver's class (docs/architecture.md, Propagation): a virtual
 * call runs one of the overriders of the class it is made on, so the model follows the methods of
 * that name in the class and its subclasses, and only those; `Base::Run()` calls that class's
 * method only; a method the class inherits is its base's; a receiver whose class the module does
 * not define is resolved by name, as before. C++ only: C has no methods; the C analogue, calls
 * through function pointer tables, is tested in call-graph.test.ts and dif-contexts.test.ts.
 * Every case runs with LF and CRLF line ends.
 */
import { describe, expect, it } from 'vitest';
import { build, chainLabels, useParser } from './model-harness.js';

const parser = useParser();

const CODE = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#include <memory>',
  'struct Step {',
  '    virtual DWORD Run(HDEVINFO set) = 0;',
  '    DWORD Again(HDEVINFO set) { return this->Run(set); }',
  '};',
  'struct ShowStep : public Step {',
  '    DWORD Run(HDEVINFO set) override { Shown(); return 0; }',
  '};',
  'struct QuietStep : Step {',
  '    DWORD Run(HDEVINFO set) override { Quiet(); return 0; }',
  '};',
  'struct LaterStep : ShowStep { void Extra() { } };',
  'struct Report { DWORD Run(HDEVINFO set) { Reported(); return 0; } };',
  'struct Base { virtual void Notify() { BaseNotified(); } };',
  'struct Loud : Base {',
  '    void Notify() override { LoudNotified(); }',
  '    void Go() { Base::Notify(); }',
  '};',
  'DWORD RunStep(Step &step, HDEVINFO set) { return step.Run(set); }',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    std::unique_ptr<Step> step(new ShowStep);',
  '    Report report;',
  '    Loud loud;',
  '    LaterStep later;',
  '    IUnknownStep *external = NULL;',
  '    switch (Fn) {',
  '    case DIF_INSTALLDEVICE:',
  '        step->Run(Set);',
  '        loud.Go();',
  '        break;',
  '    case DIF_REMOVE:',
  '        RunStep(*step, Set);',
  '        break;',
  '    case DIF_PROPERTYCHANGE:',
  '        step->Again(Set);',
  '        later.Run(Set);',
  '        break;',
  '    case DIF_FINISHINSTALL_ACTION:',
  '        report.Run(Set);',
  '        break;',
  '    case DIF_SELECTBESTCOMPATDRV:',
  '        external->Run(Set);',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
])('method calls by the receiver class (%s)', (_, eol) => {
  const files = { 'steps.cpp': CODE.join(eol) };

  it('a virtual call through a smart pointer reaches the overriders of its class, with the DIF code and the overrider in the chain', () => {
    const b = build(parser(), files);
    expect(b.codes('steps.cpp', 'Shown()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_PROPERTYCHANGE', 'DIF_REMOVE', 'DIF_SELECTBESTCOMPATDRV']);
    expect(b.codes('steps.cpp', 'Quiet()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_PROPERTYCHANGE', 'DIF_REMOVE', 'DIF_SELECTBESTCOMPATDRV']);
    expect(chainLabels(b.contexts('steps.cpp', 'Shown()'), 'DIF_INSTALLDEVICE')).toEqual([
      'CoInstaller handles DIF_INSTALLDEVICE',
      'calls Run() on a Step, which runs ShowStep::Run()',
    ]);
  });

  it('a method of another class with the same name is not reached from a Step', () => {
    const b = build(parser(), files);
    // Report::Run runs only where a Report runs it: DIF_FINISHINSTALL_ACTION (interactive), and by name from an unknown class
    expect(b.codes('steps.cpp', 'Reported()')).toEqual(['DIF_FINISHINSTALL_ACTION/interactive', 'DIF_SELECTBESTCOMPATDRV']);
  });

  it('a reference parameter and this-> resolve by their class too', () => {
    const b = build(parser(), files);
    expect(chainLabels(b.contexts('steps.cpp', 'Shown()'), 'DIF_REMOVE')).toEqual([
      'CoInstaller handles DIF_REMOVE',
      'calls RunStep()',
      'calls Run() on a Step, which runs ShowStep::Run()',
    ]);
    expect(chainLabels(b.contexts('steps.cpp', 'Quiet()'), 'DIF_PROPERTYCHANGE')).toEqual([
      'CoInstaller handles DIF_PROPERTYCHANGE',
      'calls Again()',
      'calls Run() on a Step, which runs QuietStep::Run()',
    ]);
  });

  it('a method the class inherits is its nearest base that defines it', () => {
    const b = build(parser(), files);
    // later.Run(): LaterStep defines no Run; ShowStep does
    expect(chainLabels(b.contexts('steps.cpp', 'Shown()'), 'DIF_PROPERTYCHANGE')).toEqual([
      'CoInstaller handles DIF_PROPERTYCHANGE',
      'calls Run() on a LaterStep, which runs ShowStep::Run()',
    ]);
  });

  it('Base::Notify() calls that class method only, not the overrider', () => {
    const b = build(parser(), files);
    expect(b.codes('steps.cpp', 'BaseNotified()')).toEqual(['DIF_INSTALLDEVICE']);
    expect(b.codes('steps.cpp', 'LoudNotified()')).toEqual([]);
  });

  it('a receiver of a class the module does not define resolves by name, as before', () => {
    const b = build(parser(), files);
    expect(chainLabels(b.contexts('steps.cpp', 'Reported()'), 'DIF_SELECTBESTCOMPATDRV')).toEqual([
      'CoInstaller handles DIF_SELECTBESTCOMPATDRV',
      'calls Run()',
    ]);
  });
});

/**
 * The smart pointers of COM (COM_SMART_POINTERS: ATL, WRL, WIL, C++/WinRT) and of the standard
 * library, in any namespace, hold a pointer to their first template argument: `p->Run()` is a call
 * on that class. Another template is not a pointer to its argument: the call resolves by name.
 */
const SMART = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'struct Step { virtual DWORD Run() = 0; };',
  'struct ShowStep : Step { DWORD Run() override { Shown(); return 0; } };',
  'struct Report { DWORD Run() { Reported(); return 0; } };',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    wil::com_ptr_failfast<Step> failfast;',
  '    boost::shared_ptr<Step> shared;',
  '    CComPtr<Step> atl;',
  '    contoso::holder<Step> held;',
  '    switch (Fn) {',
  '    case DIF_INSTALLDEVICE: failfast->Run(); break;',
  '    case DIF_REMOVE: shared->Run(); break;',
  '    case DIF_PROPERTYCHANGE: atl->Run(); break;',
  '    case DIF_SELECTBESTCOMPATDRV: held->Run(); break;',
  '    default: break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
];

describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
])('method calls through smart pointers (%s)', (_, eol) => {
  it('reach the overriders of the pointee class; another template resolves by name', () => {
    const b = build(parser(), { 'smart.cpp': SMART.join(eol) });
    expect(b.codes('smart.cpp', 'Shown()')).toEqual(['DIF_INSTALLDEVICE', 'DIF_PROPERTYCHANGE', 'DIF_REMOVE', 'DIF_SELECTBESTCOMPATDRV']);
    expect(b.codes('smart.cpp', 'Reported()')).toEqual(['DIF_SELECTBESTCOMPATDRV']);
    expect(chainLabels(b.contexts('smart.cpp', 'Shown()'), 'DIF_INSTALLDEVICE')).toEqual([
      'CoInstaller handles DIF_INSTALLDEVICE',
      'calls Run() on a Step, which runs ShowStep::Run()',
    ]);
  });
});
