/*
 * Maintenance work of the Contoso co-installer: what it does on removal, property changes and
 * re-registration. Each function here breaks one of the page's other "must not"s.
 */
#include "contoso.h"

/* Removal: a co-installer must not call the default handler (Windows does, after it). */
DWORD OnRemoveDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)
{
    if (!SetupDiRemoveDevice(DeviceInfoSet, DeviceInfoData)) {   /* default DIF handler */
        return GetLastError();
    }
    return NO_ERROR;
}

/* Property change: restarts the Contoso service and asks for a window station. */
DWORD OnPropertyChange(void)
{
    SC_HANDLE manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE service;
    DWORD status = NO_ERROR;

    if (manager == NULL) {
        return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;         /* never fail a DIF code with this */
    }
    service = OpenServiceW(manager, L"ContosoSensorSvc", SERVICE_START);
    if (service != NULL) {
        if (!StartServiceW(service, 0, NULL)) {                  /* services belong in the INF */
            status = GetLastError();
        }
        CloseServiceHandle(service);
    }
    CloseServiceHandle(manager);
    return status;
}

/* Re-registration: queues a file copy of its own and asks for the finish-install action too early. */
DWORD OnRegisterCoInstallers(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, HSPFILEQ Queue)
{
    SP_DEVINSTALL_PARAMS_W params;

    SetupQueueCopyW(Queue, L"C:\\Contoso", NULL, L"contoso.ini", NULL, NULL,   /* file queues belong to Windows */
                    L"C:\\Windows\\INF", NULL, SP_COPY_NEWER);

    params.cbSize = sizeof(params);
    if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {
        params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;       /* only on DIF_NEWDEVICEWIZARD_FINISHINSTALL */
        params.ClassInstallReserved = 0;                          /* reserved for the class installer */
        SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);
    }
    return NO_ERROR;
}
