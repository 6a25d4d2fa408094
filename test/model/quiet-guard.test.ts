/**
 * DI_QUIETINSTALL and SetupGetNonInteractiveMode tests: which way they go (engine/model/quiet-guard.ts),
 * the regions where the installation is known not quiet (`quietClear`), carried through calls,
 * and the interactivity the DIF table gives each code (docs/installer-facts.md#dif-codes-and-interactivity).
 * Expectations written from the C meaning of each condition.
 */
import { describe, expect, it } from 'vitest';
import { mayShowUserInterface } from '../../engine/model/dif-facts.js';
import { build, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';
const CLASS = 'DWORD CALLBACK ClassInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev)';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** "code[/quiet][/clear]" per context at the call `needle`, sorted. */
function quietOf(b: ReturnType<typeof build>, file: string, needle: string): string[] {
  return b
    .contexts(file, needle)
    .map((c) => c.difCode + (c.quietGuarded ? '/quiet' : '') + (c.quietClear ? '/clear' : ''))
    .sort();
}

const REMOVE = `${CO}
{
    SP_DEVINSTALL_PARAMS_W p;
    if (Fn != DIF_REMOVE) return NO_ERROR;
    if (!(p.Flags & DI_QUIETINSTALL)) { NotFlag(); } else { FlagElse(); }
    if ((p.Flags & DI_QUIETINSTALL) == 0) { EqualsZero(); }
    if ((p.Flags & DI_QUIETINSTALL) != 0) { NotZero(); }
    if ((p.Flags & DI_QUIETINSTALL) == DI_QUIETINSTALL) { EqualsFlag(); } else { EqualsFlagElse(); }
    if (!(p.Flags & (DI_NOFILECOPY | DI_QUIETINSTALL))) { NeitherFlag(); } else { EitherFlag(); }
    if (!SetupGetNonInteractiveMode()) { Interactive(); }
    if (SetupGetNonInteractiveMode() == FALSE) { InteractiveFalse(); }
    if (SetupGetNonInteractiveMode() || (p.Flags & DI_QUIETINSTALL)) { EitherQuiet(); } else { NeitherQuiet(); }
    if (Ready && !(p.Flags & DI_QUIETINSTALL)) { ReadyAndClear(); } else { NotReadyOrSet(); }
    Between();
    if (p.Flags & DI_QUIETINSTALL) return NO_ERROR;
    AfterEarlyReturn();
    return NO_ERROR;
}
`;

describe.each([
  ['C, LF', 'a.c', REMOVE],
  ['C, CRLF', 'a.c', crlf(REMOVE)],
  ['C++, LF', 'a.cpp', REMOVE],
  ['C++, CRLF', 'a.cpp', crlf(REMOVE)],
])('which way a quiet test goes (%s)', (_name, file, text) => {
  const expectations: [string, string[]][] = [
    ['NotFlag()', ['DIF_REMOVE/quiet/clear']],
    ['FlagElse()', ['DIF_REMOVE/quiet']],
    ['EqualsZero()', ['DIF_REMOVE/quiet/clear']],
    ['NotZero()', ['DIF_REMOVE/quiet']],
    ['EqualsFlag()', ['DIF_REMOVE/quiet']],
    ['EqualsFlagElse()', ['DIF_REMOVE/quiet/clear']],
    ['NeitherFlag()', ['DIF_REMOVE/quiet/clear']],
    ['EitherFlag()', ['DIF_REMOVE/quiet']],
    ['Interactive()', ['DIF_REMOVE/quiet/clear']],
    ['InteractiveFalse()', ['DIF_REMOVE/quiet/clear']],
    ['EitherQuiet()', ['DIF_REMOVE/quiet']],
    ['NeitherQuiet()', ['DIF_REMOVE/quiet/clear']],
    ['ReadyAndClear()', ['DIF_REMOVE/quiet/clear']],
    ['NotReadyOrSet()', ['DIF_REMOVE/quiet']],
    ['Between()', ['DIF_REMOVE']],
    ['AfterEarlyReturn()', ['DIF_REMOVE/quiet/clear']],
  ];
  it.each(expectations)('%s', (needle, expected) => {
    expect(quietOf(build(parser(), { [file]: text }), file, needle)).toEqual(expected);
  });
});

describe('a clear test carries into helpers', () => {
  it('a helper called where the flag is clear is clear; the same helper called elsewhere is not', () => {
    const b = build(parser(), {
      'a.c': `static void AskUser(void) { Ui(); }
${CO}
{
    SP_DEVINSTALL_PARAMS_W p;
    switch (Fn) {
    case DIF_REMOVE:
        if (!(p.Flags & DI_QUIETINSTALL)) AskUser();
        break;
    case DIF_ALLOW_INSTALL:
        AskUser();
        break;
    }
    return NO_ERROR;
}
`,
    });
    expect(quietOf(b, 'a.c', 'Ui()')).toEqual(['DIF_ALLOW_INSTALL', 'DIF_REMOVE/quiet/clear']);
  });
});

describe('UI allowed by the DIF table and the quiet test (mayShowUserInterface)', () => {
  const allowed = (b: ReturnType<typeof build>, needle: string) =>
    b
      .contexts('a.c', needle)
      .map((c) => `${c.difCode}:${mayShowUserInterface(c)}`)
      .sort();
  it('under DIF_ALLOW_INSTALL and DIF_REMOVE once the flag is clear, under core installation codes never', () => {
    const b = build(parser(), {
      'a.c': `${CLASS}
{
    SP_DEVINSTALL_PARAMS_W p;
    switch (Fn) {
    case DIF_ALLOW_INSTALL:
    case DIF_REMOVE:
    case DIF_INSTALLDEVICE:
        if (!(p.Flags & DI_QUIETINSTALL)) { Clear(); }
        Plain();
        break;
    }
    return ERROR_DI_DO_DEFAULT;
}
`,
    });
    expect(allowed(b, 'Clear()')).toEqual(['DIF_ALLOW_INSTALL:true', 'DIF_INSTALLDEVICE:false', 'DIF_REMOVE:true']);
    expect(allowed(b, 'Plain()')).toEqual(['DIF_ALLOW_INSTALL:false', 'DIF_INSTALLDEVICE:false', 'DIF_REMOVE:false']);
  });
  it('DIF_TROUBLESHOOTER is interactive (the table\'s row), for co-installers and class installers', () => {
    const sw = '{ switch (Fn) { case DIF_TROUBLESHOOTER: Troubleshoot(); break; } return NO_ERROR; }';
    expect(build(parser(), { 'a.c': CO + sw }).codes('a.c', 'Troubleshoot()')).toEqual(['DIF_TROUBLESHOOTER/interactive']);
    expect(build(parser(), { 'a.c': CLASS + sw }).codes('a.c', 'Troubleshoot()')).toEqual(['DIF_TROUBLESHOOTER/interactive']);
  });
  it('a numeric label is named from the table: case 0x26 is DIF_TROUBLESHOOTER', () => {
    const sw = '{ switch (Fn) { case 0x26: Troubleshoot(); break; case 0x30: Reserved2(); break; } return NO_ERROR; }';
    const b = build(parser(), { 'a.c': CO + sw });
    expect(b.codes('a.c', 'Troubleshoot()')).toEqual(['DIF_TROUBLESHOOTER/interactive']);
    expect(b.codes('a.c', 'Reserved2()')).toEqual(['DIF_RESERVED2']);
  });
});
