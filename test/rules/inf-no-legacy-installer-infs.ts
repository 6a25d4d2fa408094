/** INF texts shared by the inf-no-legacy-installer tests. */
export const lines = (...l: string[]) => l.join('\n') + '\n';

export const DEVICE_COINSTALLER = lines(
  '[Version]',
  'Signature="$WINDOWS NT$"',
  '',
  '[Contoso.NT.CoInstallers]',
  'AddReg = Contoso.CoInst.AddReg',
  '',
  '[Contoso.CoInst.AddReg]',
  'HKR,,CoInstallers32,0x00010000,"ContosoCoInst.dll,ContosoCoInstaller"',
);

export const CLASS_INSTALLER = lines(
  '[ClassInstall32]',
  'AddReg = ContosoClass.AddReg',
  '',
  '[ContosoClass.AddReg]',
  'HKR,,,,%ClassName%',
  'HKR,,Icon,,"-5"',
  'HKR,,Installer32,,"ContosoCls.dll,ContosoClassInstaller"',
  '[Strings]',
  'ClassName = "Contoso devices"',
);

export const UNIVERSAL_INF = lines(
  '[Version]',
  'Signature   = "$WINDOWS NT$"',
  'Class       = Sample',
  'ClassGuid   = {78A1C341-4539-11d3-B88D-00C04FAD5171}',
  'Provider    = %ProviderName%',
  '',
  '[Manufacturer]',
  '%ProviderName% = Contoso, NTamd64',
  '',
  '[Contoso.NTamd64]',
  '%DeviceDesc% = Contoso_Install, Root\\ContosoDevice',
  '',
  '[Contoso_Install.NT]',
  'CopyFiles = Contoso_Files',
  'AddReg    = Contoso_AddReg',
  '',
  '[Contoso_AddReg]',
  'HKR,,CoInstallersCount,0x00010001,0',
  'HKR,,FriendlyName,,"CoInstallers32 is just text here"',
  '',
  '[Contoso_Install.NT.Services]',
  'AddService = Contoso,0x00000002,Contoso_Service',
  '',
  '[Strings]',
  'ProviderName = "Contoso"',
  'DeviceDesc   = "Contoso device, HKR,,CoInstallers32,0x00010000,""x.dll,Y"""',
);
