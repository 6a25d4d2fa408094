/** The 5,000-line co-installer the language server benchmark types into (also used by tests of the incremental paths). */
/** A co-installer of about `lines` lines: an entry point dispatching to helpers, some breaking the guidelines. */
export function generateInstaller(lines: number): string {
  const out: string[] = ['#include <windows.h>', '#include <setupapi.h>', ''];
  const helpers: string[] = [];
  // Each helper is 15 lines plus one line calling it in the entry point; the rest is about 20 lines.
  const count = Math.max(1, Math.floor((lines - 20) / 16));
  for (let i = 0; i < count; i++) {
    const name = `Helper${i}`;
    helpers.push(name);
    out.push(
      `static DWORD ${name}(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)`,
      '{',
      '    DWORD value = 0;',
      '    SP_DEVINSTALL_PARAMS_W params;',
      '    params.cbSize = sizeof(params);',
      '    if (!SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
      '        return GetLastError();',
      '    }',
      `    value = params.Flags + ${i};`,
      i % 25 === 0 ? '    LoadLibraryW(L"vendor.dll");' : '    value ^= 0x5a;',
      i % 40 === 0 ? '    MessageBoxW(NULL, L"Done", L"Vendor", MB_OK);' : '    value += 1;',
      '    /* keystrokes land in this comment: */',
      '    return value == 0 ? NO_ERROR : NO_ERROR;',
      '}',
      '',
    );
  }
  const codes = ['DIF_INSTALLDEVICE', 'DIF_REMOVE', 'DIF_PROPERTYCHANGE', 'DIF_INSTALLINTERFACES', 'DIF_NEWDEVICEWIZARD_FINISHINSTALL'];
  out.push(
    'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
    '                           PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    DWORD status = NO_ERROR;',
    '    switch (InstallFunction) {',
  );
  codes.forEach((code, c) => {
    out.push(`    case ${code}:`);
    for (let h = c; h < helpers.length; h += codes.length) out.push(`        status |= ${helpers[h]}(DeviceInfoSet, DeviceInfoData);`);
    out.push('        break;');
  });
  out.push('    default:', '        break;', '    }', '    return status;', '}', '');
  return out.join('\r\n');
}
