/**
 * no-coinstaller-class-install-reserved with the installer model: any code a co-installer entry
 * point reaches may not read or write ClassInstallReserved, reported with the chain from the entry
 * point; a class installer's own use, code no co-installer reaches, and a field of the DLL's own
 * struct are not (docs/installer-facts.md#classinstallreserved). Expected findings are written from
 * that, positions counted by hand (1-based, UTF-16).
 */
import { describe } from 'vitest';
import { installerModelProvider } from '../../engine/model/index.js';
import { RuleTester } from '../support/rule-tester.js';
import {
  CALLS_HELPER,
  CLASS_INSTALLER_OWN_DATA,
  CO_SIGNATURE,
  coInstaller,
  DIRECT_WRITE,
  fixturesCompile,
  GET_PARAMS,
  HEAD,
  HELPER_FILE,
  ID,
  lines,
  OWN_STRUCT,
  RULE,
  SET_PARAMS,
  type RuleCases,
} from './no-coinstaller-class-install-reserved-code.js';

const WITH_MODEL: RuleCases = {
  valid: [
    { name: 'a class installer keeps its data there and frees it on DIF_DESTROYPRIVATEDATA', code: CLASS_INSTALLER_OWN_DATA },
    {
      name: 'the compliant co-installer: Context->PrivateData from pre- to post-processing',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:',
        '        if (!Context->PostProcessing) {',
        '            Context->PrivateData = LocalAlloc(LPTR, 64);',
        '            return ERROR_DI_POSTPROCESSING_REQUIRED;',
        '        }',
        '        LocalFree(Context->PrivateData);',
        '        break;',
      ]),
    },
    {
      name: 'code no entry point reaches (a rundll32 export of the same DLL)',
      code: coInstaller(
        ['    case DIF_INSTALLDEVICE:', '        break;'],
        [
          'void CALLBACK ResetReserved(HWND Window, HINSTANCE Instance, LPSTR CommandLine, int Show)',
          '{',
          '    SP_DEVINSTALL_PARAMS_W params;',
          '    params.ClassInstallReserved = 0;',
          '}',
        ],
      ),
    },
    {
      name: 'a helper only DllMain reaches',
      code: coInstaller(
        ['    case DIF_INSTALLDEVICE:', '        break;'],
        [
          'static void ClearReserved(PSP_DEVINSTALL_PARAMS_W Params) { Params->ClassInstallReserved = 0; }',
          'BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)',
          '{',
          '    SP_DEVINSTALL_PARAMS_W params;',
          '    if (Reason == DLL_PROCESS_ATTACH) ClearReserved(&params);',
          '    return TRUE;',
          '}',
        ],
      ),
    },
    {
      // The decision: a field of a struct the DLL declares itself is the DLL's own, not the
      // class installer's, and using it clobbers nothing. Told apart where the object's type is
      // in sight (a variable, parameter or cast of the file's own type, `this`); an object of
      // unknown type is taken to be SP_DEVINSTALL_PARAMS (the name is Windows').
      name: 'a struct of the co-installer with a field of the same name',
      code: coInstaller(
        [
          '    case DIF_INSTALLDEVICE: {',
          '        COOKIE cookie = { .Size = sizeof(COOKIE), .ClassInstallReserved = 0 };',
          '        struct { ULONG_PTR ClassInstallReserved; } local;',
          '        local.ClassInstallReserved = cookie.ClassInstallReserved;',
          '        Context->PrivateData = LocalAlloc(LPTR, sizeof(COOKIE));',
          '        ((PCOOKIE)Context->PrivateData)->ClassInstallReserved = local.ClassInstallReserved;',
          '        return ERROR_DI_POSTPROCESSING_REQUIRED;',
          '    }',
        ],
        [OWN_STRUCT, 'static void Clear(PCOOKIE c) { c->ClassInstallReserved = 0; }'],
      ),
    },
    {
      name: 'C++: a member of the DLL\'s own class, through this->',
      filename: 'installer.cpp',
      code: lines(
        ...HEAD,
        'struct Cookie {',
        '    ULONG_PTR ClassInstallReserved;',
        '    void Reset() { this->ClassInstallReserved = 0; }',
        '};',
        `extern "C" ${CO_SIGNATURE}`,
        '{',
        '    Cookie cookie;',
        '    if (InstallFunction == DIF_INSTALLDEVICE) cookie.Reset();',
        '    return NO_ERROR;',
        '}',
      ),
    },
    {
      name: 'named but not used: sizeof, comments, strings, #if 0',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:',
        '        /* params.ClassInstallReserved = 0; */',
        '        OutputDebugStringA("params.ClassInstallReserved");',
        '        if (sizeof(params.ClassInstallReserved) != sizeof(ULONG_PTR)) return ERROR_INVALID_DATA;',
        '#if 0',
        '        params.ClassInstallReserved = 0;',
        '#endif',
        '        break;',
      ]),
    },
    {
      name: 'other fields of the install parameters',
      code: coInstaller(['    case DIF_INSTALLDEVICE:', GET_PARAMS, '        params.Flags |= DI_NEEDREBOOT;', SET_PARAMS, '        break;']),
    },
  ],
  invalid: [
    {
      name: 'read directly in the co-installer',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE:', // 8
        GET_PARAMS, // 9
        '        if (params.ClassInstallReserved != 0) return NO_ERROR;', // 10
        '        break;',
      ]),
      output: null,
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'read', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 10,
          column: 20,
          endLine: 10,
          endColumn: 40,
          related: ['CoInstaller handles DIF_INSTALLDEVICE'],
          suggestions: null,
        },
      ],
    },
    {
      name: 'written directly in the co-installer',
      code: DIRECT_WRITE,
      output: null,
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 36,
          related: ['CoInstaller handles DIF_INSTALLDEVICE'],
        },
      ],
    },
    {
      name: 'written directly, CRLF line endings: the same positions',
      code: DIRECT_WRITE.replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 10, column: 16, endLine: 10, endColumn: 36 }],
    },
    {
      name: 'written through parentheses, a compound assignment and its address; sizeof is no use',
      code: coInstaller([
        '    case DIF_PROPERTYCHANGE:', // 8
        '        (params.ClassInstallReserved) |= 1;', // 9
        '        ZeroMemory(&params.ClassInstallReserved, sizeof(params.ClassInstallReserved));', // 10
        '        break;',
      ]),
      errors: [
        { messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_PROPERTYCHANGE' }, line: 9, column: 17, endColumn: 37 },
        { messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_PROPERTYCHANGE' }, line: 10, column: 28, endColumn: 48 },
      ],
    },
    {
      name: 'an initializer designator',
      code: coInstaller([
        '    case DIF_INSTALLDEVICE: {', // 8
        '        SP_DEVINSTALL_PARAMS_W fresh = { .cbSize = sizeof(fresh), .ClassInstallReserved = 0 };', // 9
        '        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &fresh);',
        '        break;',
        '    }',
      ]),
      errors: [
        { messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 9, column: 68, endLine: 9, endColumn: 88 },
      ],
    },
    {
      name: 'through a helper in another file of the module: written and read, each with the chain',
      filename: 'helpers.c',
      code: HELPER_FILE,
      moduleFiles: { 'coinstaller.c': CALLS_HELPER },
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 5,
          column: 13,
          endColumn: 33,
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls SaveCookie()'],
        },
        {
          messageId: 'reserved',
          data: { access: 'read', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' },
          line: 7,
          column: 27,
          endColumn: 47,
          related: ['CoInstaller handles DIF_INSTALLDEVICE', 'calls SaveCookie()'],
        },
      ],
    },
    {
      name: 'a helper both a class installer and a co-installer of the DLL call: reported for the co-installer',
      code: lines(
        ...HEAD,
        'static void Forget(HDEVINFO Set, PSP_DEVINFO_DATA Data)', // 3
        '{',
        '    SP_DEVINSTALL_PARAMS_W params;',
        '    params.cbSize = sizeof(params);',
        '    if (SetupDiGetDeviceInstallParamsW(Set, Data, &params)) {',
        '        params.ClassInstallReserved = 0;', // 8
        '        SetupDiSetDeviceInstallParamsW(Set, Data, &params);',
        '    }',
        '}',
        'DWORD CALLBACK ClassInstall(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
        '{',
        '    if (InstallFunction == DIF_REMOVE) Forget(DeviceInfoSet, DeviceInfoData);',
        '    return ERROR_DI_DO_DEFAULT;',
        '}',
        CO_SIGNATURE,
        '{',
        '    if (InstallFunction == DIF_REMOVE) Forget(DeviceInfoSet, DeviceInfoData);',
        '    return NO_ERROR;',
        '}',
      ),
      errors: [
        {
          messageId: 'reserved',
          data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_REMOVE' },
          line: 8,
          column: 16,
          endColumn: 36,
          related: ['CoInstaller handles DIF_REMOVE', 'calls Forget()'],
        },
      ],
    },
    {
      name: 'the co-installer has its own struct with the field, and still writes the install parameters\' one',
      code: coInstaller(
        [
          '    case DIF_INSTALLDEVICE: {', // 9
          '        COOKIE cookie = { .Size = sizeof(COOKIE), .ClassInstallReserved = 0 };', // 10
          '        params.ClassInstallReserved = cookie.ClassInstallReserved;', // 11
          '        break;',
          '    }',
        ],
        [OWN_STRUCT],
      ),
      errors: [{ messageId: 'reserved', data: { access: 'written', entryPoint: 'CoInstaller', difCode: 'DIF_INSTALLDEVICE' }, line: 11, column: 16, endColumn: 36 }],
    },
  ],
};

describe('with the installer model', () => {
  new RuleTester({ serviceProviders: [installerModelProvider] }).run(ID, RULE, WITH_MODEL);
});

fixturesCompile(WITH_MODEL);
