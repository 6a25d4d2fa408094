/* Compliant: the firmware updater runs from the finish-install action, which waits for it. */
#include "contoso.h"

DWORD RunFirmwareUpdater(void)
{
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    WCHAR commandLine[] = L"ContosoFirmwareUpdate.exe /quiet";
    DWORD exitCode = ERROR_SUCCESS;

    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        return GetLastError();
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &exitCode);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return exitCode;
}
