/**
 * no-reserved-dif-code on comparisons with the DIF parameter written in different shapes (the
 * rule finds them from where the text spells the parameter's name).
 */
import rule from '../../rules/no-reserved-dif-code.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { RuleTester } from '../support/rule-tester.js';

const asModule: RuleModule = rule;
const CLASS = 'DWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)';
/** A class installer whose body line is line 3. */
const cls = (line: string) => ['#include <setupapi.h>', CLASS + ' {', line, '    return ERROR_DI_DO_DEFAULT;', '}', ''].join('\n');
const reserved = (difCode: string, column: number, endColumn: number) => ({
  messageId: 'reserved',
  data: { entryPoint: 'ClassInstall', difCode },
  line: 3,
  column,
  endColumn,
});

new RuleTester().run('no-reserved-dif-code', asModule, {
  valid: [
    { name: 'the parameter compared with a code that is not reserved', code: cls('    if (InstallFunction == DIF_INSTALLDEVICE) return NO_ERROR;') },
    { name: 'a longer name that starts like the parameter', code: cls('    if (InstallFunctionCopy == DIF_CALCDISKSPACE) return NO_ERROR;') },
    { name: 'the parameter inside a call, not an operand', code: cls('    if (Map(InstallFunction) == DIF_CALCDISKSPACE) return NO_ERROR;') },
    { name: 'a comment inside the parentheses', code: cls('    if ((/* dif */ InstallFunction) == DIF_CALCDISKSPACE) return NO_ERROR;') },
  ],
  invalid: [
    {
      name: 'the parameter in parentheses, the code on the left',
      // "    if (DIF_CALCDISKSPACE != ((InstallFunction))) return NO_ERROR;": the code at columns 9-26
      code: cls('    if (DIF_CALCDISKSPACE != ((InstallFunction))) return NO_ERROR;'),
      errors: [reserved('DIF_CALCDISKSPACE', 9, 26)],
    },
    {
      name: 'two comparisons in one condition',
      // "    if (InstallFunction == DIF_FOUNDDEVICE || (InstallFunction) == DIF_DETECTVERIFY)"
      code: cls('    if (InstallFunction == DIF_FOUNDDEVICE || (InstallFunction) == DIF_DETECTVERIFY) return NO_ERROR;'),
      errors: [reserved('DIF_FOUNDDEVICE', 28, 43), reserved('DIF_DETECTVERIFY', 68, 84)],
    },
  ],
});
