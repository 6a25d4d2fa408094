/**
 * inf-no-legacy-installer reports once per registration: each CoInstallers32 / Installer32 string,
 * and a [DDInstall.CoInstallers] section only when it has no value to point at; every message
 * names the target settings.target gives.
 */
import { RuleTester, type InvalidCase } from '../support/rule-tester.js';
import rule from '../../rules/inf-no-legacy-installer.js';
import { lines } from './inf-no-legacy-installer-infs.js';

const REGISTRATIONS = lines(
  '[Contoso.NT.CoInstallers]',
  'AddReg = Contoso.CoAddReg',
  '',
  '[Contoso.CoAddReg]',
  'HKR,,CoInstallers32,0x00010000,"contosoco.dll,ContosoCo", \\',
  '    "WdfCoInstaller01011.dll,WdfCoInstaller"',
  '',
  '[ClassInstall32]',
  'AddReg = ContosoClass.AddReg',
  '',
  '[ContosoClass.AddReg]',
  'HKR,,Installer32,,"contosocls.dll,ContosoClassInstaller"',
  '',
  '[Empty.NT.CoInstallers]',
);
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** The four findings of REGISTRATIONS under a target: the three values and the empty section. */
function registrationCase(name: string, code: string, target: 'windows-driver' | 'universal', targetName: string): InvalidCase {
  const tail = `not allowed when the package targets ${targetName} (settings.target).`;
  return {
    name,
    code,
    filename: 'contoso.inf',
    settings: { target },
    errors: [
      { message: `CoInstallers32 registers the co-installer "contosoco.dll,ContosoCo": co-installers are ${tail}`, line: 5, column: 32, endLine: 5, endColumn: 57 },
      { message: `CoInstallers32 registers the co-installer "WdfCoInstaller01011.dll,WdfCoInstaller": co-installers are ${tail}`, line: 6, column: 5, endLine: 6, endColumn: 45 },
      { message: `Installer32 registers the class installer "contosocls.dll,ContosoClassInstaller": class installers are ${tail}`, line: 12, column: 19, endLine: 12, endColumn: 57 },
      { message: `[Empty.NT.CoInstallers] is a DDInstall.CoInstallers section: co-installers are ${tail}`, line: 14, column: 2, endLine: 14, endColumn: 23 },
    ],
  };
}

new RuleTester().run('inf-no-legacy-installer (one finding per registration)', rule, {
  valid: [
    { name: 'legacy target: nothing', code: REGISTRATIONS, filename: 'contoso.inf', settings: { target: 'legacy' } },
    { name: 'legacy target, CRLF: nothing', code: crlf(REGISTRATIONS), filename: 'contoso.inx', settings: { target: 'legacy' } },
  ],
  invalid: [
    registrationCase('Windows Drivers: the values and the empty section, never the sections that have values', REGISTRATIONS, 'windows-driver', 'Windows Drivers'),
    registrationCase('Windows Drivers, CRLF: same findings, same positions', crlf(REGISTRATIONS), 'windows-driver', 'Windows Drivers'),
    registrationCase('universal: the message names the universal target', REGISTRATIONS, 'universal', 'universal drivers'),
    {
      name: 'the default target is Windows Drivers',
      code: lines('[D.CoInstallers]', '[X]'),
      filename: 'x.inf',
      errors: [{ messageId: 'coInstallersSection', data: { section: 'D.CoInstallers', target: 'Windows Drivers' }, line: 1, column: 2, endColumn: 16 }],
    },
    {
      name: 'a section given twice, once empty: Windows merges them, the value is the only finding',
      code: lines('[D.NT.CoInstallers]', '', '[R]', 'HKR,,CoInstallers32,0x00010000,"c.dll,Co"', '[d.nt.coinstallers]', 'AddReg = R'),
      filename: 'x.inf',
      errors: [{ messageId: 'coInstaller', line: 4, column: 32, endColumn: 42 }],
    },
    {
      name: 'two decorated sections sharing one AddReg section: one finding for the one value',
      code: lines('[D.NTx86.CoInstallers]', 'AddReg = R', '[D.NTamd64.CoInstallers]', 'AddReg = R', '[R]', 'HKR,,CoInstallers32,0x00010000,"c.dll,Co"'),
      filename: 'x.inf',
      errors: [{ messageId: 'coInstaller', line: 6, column: 32, endColumn: 42 }],
    },
    {
      name: 'no value to point at: an AddReg section that does not exist, an empty string, CopyFiles only',
      code: lines(
        '[A.CoInstallers]',
        'AddReg = Missing',
        '[B.CoInstallers]',
        'AddReg = Blank',
        '[Blank]',
        'HKR,,CoInstallers32,0x00010000,""',
        '[C.CoInstallers]',
        'CopyFiles = CoFiles',
      ),
      filename: 'x.inf',
      errors: [
        { messageId: 'coInstallersSection', data: { section: 'A.CoInstallers', target: 'Windows Drivers' }, line: 1, column: 2, endColumn: 16 },
        { messageId: 'coInstallersSection', data: { section: 'B.CoInstallers', target: 'Windows Drivers' }, line: 3, column: 2, endColumn: 16 },
        { messageId: 'coInstallersSection', data: { section: 'C.CoInstallers', target: 'Windows Drivers' }, line: 7, column: 2, endColumn: 16 },
      ],
    },
  ],
});
