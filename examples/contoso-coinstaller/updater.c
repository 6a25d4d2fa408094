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

/* Opens the release notes in Notepad from the finish-install action, but does not wait for it. */
DWORD ShowReleaseNotes(void)
{
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    WCHAR commandLine[] = L"notepad.exe ContosoReleaseNotes.txt";

    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    if (!CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        return GetLastError();
    }
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return NO_ERROR;
}
