/* Compliant: installation state kept as a value in the device's driver key (DIREG_DRV). */
#include "contoso.h"

BOOL SaveCalibration(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, DWORD Calibration)
{
    HKEY key = SetupDiOpenDevRegKey(DeviceInfoSet, DeviceInfoData, DICS_FLAG_GLOBAL, 0, DIREG_DRV, KEY_SET_VALUE);
    LONG status;

    if (key == INVALID_HANDLE_VALUE) {
        return FALSE;
    }
    status = RegSetValueExW(key, L"Calibration", 0, REG_DWORD, (const BYTE *)&Calibration, sizeof(Calibration));
    RegCloseKey(key);
    return status == ERROR_SUCCESS;
}
