/* User interface helpers of the Contoso co-installer. */
#include "contoso.h"

/* A thin wrapper: whoever calls it shows a message box. */
void ShowFirmwareWarning(void)
{
    MessageBoxW(NULL, L"Update the sensor firmware before first use.", L"Contoso Setup",
                MB_OK | MB_ICONWARNING);
}
