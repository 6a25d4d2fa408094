/**
 * no-coinstaller-class-install-reserved: ClassInstallReserved (SP_DEVINSTALL_PARAMS) belongs to
 * the class installer, which may keep its private data there and frees it on
 * DIF_DESTROYPRIVATEDATA; co-installers must not read or write it (docs/installer-facts.md#classinstallreserved;
 * Microsoft's DIF_DESTROYPRIVATEDATA page: "Co-installers should not use the ClassInstallReserved
 * field"). Expected findings are written from that, positions counted by hand (1-based, UTF-16).
 * Here: the rule without the installer model, and the examples of its documentation page;
 * no-coinstaller-class-install-reserved-model.test.ts: the rule with the model.
 */
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester } from '../support/rule-tester.js';
import { checkDocExamples } from './rule-doc-examples.js';
import { CLASS_INSTALLER_OWN_DATA, coInstaller, DIRECT_WRITE, fixturesCompile, HEAD, ID, lines, RULE, type RuleCases } from './no-coinstaller-class-install-reserved-code.js';

// ---------------------------------------------------------------------------------------------
// Without the installer model: uses written directly in a function with the co-installer prototype.

const WITHOUT_MODEL: RuleCases = {
  valid: [
    { name: 'a class installer keeps its data there and frees it on DIF_DESTROYPRIVATEDATA', code: CLASS_INSTALLER_OWN_DATA },
    {
      name: 'a function that is no installer (without the model nothing says who calls it)',
      code: lines(...HEAD, 'void Reset(PSP_DEVINSTALL_PARAMS_W p) { p->ClassInstallReserved = 0; }'),
    },
    {
      name: 'in #if 0 and under sizeof in the co-installer',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:',
        '#if 0',
        '        params.ClassInstallReserved = 0;',
        '#endif',
        '        if (sizeof(params.ClassInstallReserved) != sizeof(ULONG_PTR)) return ERROR_INVALID_DATA;',
        '        break;',
      ]),
    },
  ],
  invalid: [
    {
      name: 'written directly in the co-installer',
      code: DIRECT_WRITE,
      output: null,
      errors: [
        {
          messageId: 'reservedInEntryPoint',
          data: { access: 'written', function: 'CoInstaller' },
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 36,
          suggestions: null,
        },
      ],
    },
  ],
};

new RuleTester().run(ID, RULE, WITHOUT_MODEL);

fixturesCompile(WITHOUT_MODEL);

checkDocExamples(ID, RULE, [installerModelProvider]);
