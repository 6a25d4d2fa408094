/*
 * Contoso sensor co-installer. This example breaks each guideline of "Writing Class Installers
 * and Co-Installers" once, next to code that follows them.
 */
#include "contoso.h"

#pragma comment(lib, "setupapi.lib")       /* a system library: fine */
#pragma comment(lib, "contosohelper.lib")  /* guideline 3: a link dependency on our own DLL */

static HMODULE g_Module;        /* set in DllMain only: not installation state */
static DWORD g_DevicesInstalled; /* guideline 2: written while a DIF code runs */

BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved)
{
    UNREFERENCED_PARAMETER(Reserved);
    if (Reason == DLL_PROCESS_ATTACH) {
        g_Module = Instance;
        DisableThreadLibraryCalls(Instance);
    }
    return TRUE;
}

static DWORD OnInstallDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)
{
    HMODULE helper;
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    WCHAR commandLine[] = L"ContosoTray.exe";

    g_DevicesInstalled++;                                  /* guideline 2 */
    SaveCalibration(DeviceInfoSet, DeviceInfoData, 42);    /* compliant: driver key */

    helper = LoadLibraryW(L"contosohelper.dll");           /* guideline 3 */
    if (helper != NULL) {
        FreeLibrary(helper);
    }

    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    if (CreateProcessW(NULL, commandLine, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) { /* guideline 4 */
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    }

    ShowFirmwareWarning();                                 /* guideline 1, through ui.c */
    return NO_ERROR;
}

static DWORD RequestFinishInstallAction(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)
{
    SP_DEVINSTALL_PARAMS_W params;

    params.cbSize = sizeof(params);
    if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {
        params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;
        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);
    }
    return NO_ERROR;
}

DWORD CALLBACK
ContosoCoInstaller(_In_ DI_FUNCTION InstallFunction,
                   _In_ HDEVINFO DeviceInfoSet,
                   _In_ PSP_DEVINFO_DATA DeviceInfoData,
                   _Inout_ PCOINSTALLER_CONTEXT_DATA Context)
{
    UNREFERENCED_PARAMETER(Context);

    switch (InstallFunction) {
    case DIF_INSTALLDEVICE:
        return OnInstallDevice(DeviceInfoSet, DeviceInfoData);

    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:
        return RequestFinishInstallAction(DeviceInfoSet, DeviceInfoData);

    case DIF_FINISHINSTALL_ACTION:
        /* Interactive, administrator: UI and a waited-for process are fine here. */
        ShowFirmwareWarning();
        ShowReleaseNotes();                                /* guideline 4: started, not waited for */
        return RunFirmwareUpdater();

    case DIF_REMOVE:
        return OnRemoveDevice(DeviceInfoSet, DeviceInfoData);

    case DIF_PROPERTYCHANGE:
        return OnPropertyChange();

    case DIF_REGISTER_COINSTALLERS:
        return OnRegisterCoInstallers(DeviceInfoSet, DeviceInfoData, NULL);

    case DIF_ASSIGNRESOURCES:                              /* reserved for the system */
        return ERROR_NOT_SUPPORTED;

    default:
        return ERROR_DI_DO_DEFAULT;                        /* co-installers return NO_ERROR here */
    }
}
