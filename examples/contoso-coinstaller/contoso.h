/* Contoso sensor co-installer: shared declarations. */
#ifndef CONTOSO_H
#define CONTOSO_H

#include <windows.h>
#include <setupapi.h>

/* Older SDK headers (and mingw-w64) lack the Windows Vista finish-install constants. */
#ifndef DIF_FINISHINSTALL_ACTION
#define DIF_FINISHINSTALL_ACTION 0x0000002A
#endif
#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION
#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L
#endif

void ShowFirmwareWarning(void);
DWORD RunFirmwareUpdater(void);
DWORD ShowReleaseNotes(void);
DWORD OnRemoveDevice(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData);
DWORD OnPropertyChange(void);
DWORD OnRegisterCoInstallers(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, HSPFILEQ Queue);
BOOL SaveCalibration(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, DWORD Calibration);

#endif
