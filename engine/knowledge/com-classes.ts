/**
 * COM facts the DLL-loading and user-interface guidelines rest on
 * (docs/installer-facts.md#com-classes-and-dialogs): the functions that create a COM object from a
 * class identifier, the class contexts that run the class's code in the caller's process (its DLL
 * is loaded into the installer), the classes Windows itself provides, and the COM dialogs.
 */

/** Where a COM creation function takes its class identifier and its class context (0-based arguments). */
export interface ComCreationApi {
  clsid: number;
  classContext: number;
}

/**
 * The functions that create an object (or its class object) from a CLSID: CoCreateInstance(rclsid,
 * pUnkOuter, dwClsContext, riid, ppv), CoCreateInstanceEx(clsid, punkOuter, dwClsCtx, pServerInfo,
 * dwCount, pResults), CoCreateInstanceFromApp (the same), CoGetClassObject(rclsid, dwClsContext,
 * pvReserved, riid, ppv).
 */
export const COM_CREATION_APIS: ReadonlyMap<string, ComCreationApi> = new Map([
  ['CoCreateInstance', { clsid: 0, classContext: 2 }],
  ['CoCreateInstanceEx', { clsid: 0, classContext: 2 }],
  ['CoCreateInstanceFromApp', { clsid: 0, classContext: 2 }],
  ['CoGetClassObject', { clsid: 0, classContext: 1 }],
]);

/**
 * The C++ wrappers' methods: ATL's CComPtr<T>::CoCreateInstance(rclsid, pUnkOuter = NULL,
 * dwClsContext = CLSCTX_ALL) and the compiler's _com_ptr_t::CreateInstance(rclsid, pOuter = NULL,
 * dwClsContext = CLSCTX_ALL): without a class context they ask for CLSCTX_ALL.
 */
export const COM_CREATION_METHODS: ReadonlyMap<string, ComCreationApi> = new Map([
  ['CoCreateInstance', { clsid: 0, classContext: 2 }],
  ['CreateInstance', { clsid: 0, classContext: 2 }],
]);

/** The class context the wrappers of COM_CREATION_METHODS ask for when none is given. */
export const DEFAULT_METHOD_CLASS_CONTEXT = 'CLSCTX_ALL';

/** The CLSCTX values of the Windows SDK (wtypesbase.h), and the combinations it defines (combaseapi.h). */
export const CLSCTX_VALUES: ReadonlyMap<string, number> = new Map([
  ['CLSCTX_INPROC_SERVER', 0x1],
  ['CLSCTX_INPROC_HANDLER', 0x2],
  ['CLSCTX_LOCAL_SERVER', 0x4],
  ['CLSCTX_INPROC_SERVER16', 0x8],
  ['CLSCTX_REMOTE_SERVER', 0x10],
  ['CLSCTX_INPROC_HANDLER16', 0x20],
  ['CLSCTX_NO_CODE_DOWNLOAD', 0x400],
  ['CLSCTX_NO_CUSTOM_MARSHAL', 0x1000],
  ['CLSCTX_ENABLE_CODE_DOWNLOAD', 0x2000],
  ['CLSCTX_NO_FAILURE_LOG', 0x4000],
  ['CLSCTX_DISABLE_AAA', 0x8000],
  ['CLSCTX_ENABLE_AAA', 0x10000],
  ['CLSCTX_FROM_DEFAULT_CONTEXT', 0x20000],
  ['CLSCTX_ACTIVATE_X86_SERVER', 0x40000],
  ['CLSCTX_ACTIVATE_32_BIT_SERVER', 0x40000],
  ['CLSCTX_ACTIVATE_64_BIT_SERVER', 0x80000],
  ['CLSCTX_ENABLE_CLOAKING', 0x100000],
  ['CLSCTX_APPCONTAINER', 0x400000],
  ['CLSCTX_ACTIVATE_AAA_AS_IU', 0x800000],
  ['CLSCTX_ACTIVATE_ARM32_SERVER', 0x2000000],
  ['CLSCTX_INPROC', 0x3],
  ['CLSCTX_SERVER', 0x15],
  ['CLSCTX_ALL', 0x17],
]);

/** The bits of a class context that run the class in the caller's process: CLSCTX_INPROC_SERVER, CLSCTX_INPROC_HANDLER. */
export const IN_PROCESS_CLASS_CONTEXT = 0x1 | 0x2;

const WINDOWS_CLASSES: readonly string[] = [
  // shell (shobjidl_core.h, shobjidl.h, shlguid.h, shldisp.h, exdisp.h, commoncontrols.h)
  'FileOpenDialog', 'FileSaveDialog', 'ShellLink', 'TaskbarList', 'DragDropHelper', 'ProgressDialog',
  'FileOperation', 'ShellItem', 'ShellLibrary', 'KnownFolderManager', 'DestinationList',
  'EnumerableObjectCollection', 'ApplicationAssociationRegistration', 'ApplicationActivationManager',
  'ApplicationDestinations', 'ApplicationDocumentLists', 'DesktopWallpaper', 'QueryAssociations',
  'NamespaceWalker', 'SearchFolderItemFactory', 'ShellDesktop', 'ActiveDesktop', 'InternetShortcut',
  'Shell', 'ShellWindows', 'InternetExplorer', 'WebBrowser', 'ImageList',
  // WMI (wbemcli.h, wbemdisp.h)
  'WbemLocator', 'WbemContext', 'UnsecuredApartment', 'WbemClassObject', 'WbemStatusCodeText',
  'WbemBackupRestore', 'WbemRefresher', 'WbemObjectTextSrc', 'SWbemLocator', 'SWbemNamedValueSet',
  'SWbemDateTime', 'SWbemObjectPath', 'SWbemRefresher', 'SWbemSink', 'SWbemLastError',
  // Task Scheduler (taskschd.h, mstask.h), Windows Firewall (netfw.h), networking (netlistmgr.h, netcon.h, netcfgx.h)
  'TaskScheduler', 'CTaskScheduler', 'CTask',
  'NetFwMgr', 'NetFwPolicy2', 'NetFwRule', 'NetFwOpenPort', 'NetFwAuthorizedApplication', 'NetFwProduct', 'NetFwProducts',
  'NetworkListManager', 'NetSharingManager', 'CNetCfg',
  // MSXML (msxml2.h, msxml6.h)
  'DOMDocument', 'DOMDocument26', 'DOMDocument30', 'DOMDocument40', 'DOMDocument60',
  'FreeThreadedDOMDocument', 'FreeThreadedDOMDocument26', 'FreeThreadedDOMDocument30', 'FreeThreadedDOMDocument40', 'FreeThreadedDOMDocument60',
  'XMLHTTP', 'XMLHTTP26', 'XMLHTTP30', 'XMLHTTP40', 'XMLHTTP60', 'ServerXMLHTTP', 'ServerXMLHTTP30', 'ServerXMLHTTP40', 'ServerXMLHTTP60',
  'SAXXMLReader', 'SAXXMLReader30', 'SAXXMLReader40', 'SAXXMLReader60', 'XMLSchemaCache', 'XMLSchemaCache30', 'XMLSchemaCache40', 'XMLSchemaCache60',
  'MXXMLWriter', 'MXXMLWriter30', 'MXXMLWriter40', 'MXXMLWriter60', 'XSLTemplate', 'XSLTemplate30', 'XSLTemplate40', 'XSLTemplate60',
  // COM and OLE (combaseapi.h, comcat.h, olectl.h, comadmin.h, propsys.h, urlmon.h, oleacc.h)
  'StdGlobalInterfaceTable', 'StdComponentCategoriesMgr', 'InProcFreeMarshaler', 'StdFont', 'StdPicture',
  'COMAdminCatalog', 'PropertySystem', 'InMemoryPropertyStore', 'InternetSecurityManager', 'InternetZoneManager',
  'AccPropServices', 'CUIAutomation', 'CUIAutomation8',
  // Windows Update (wuapi.h), BITS (bits*.h)
  'UpdateSession', 'UpdateSearcher', 'UpdateInstaller', 'UpdateDownloader', 'UpdateCollection', 'UpdateServiceManager',
  'AutomaticUpdates', 'WindowsUpdateAgentInfo', 'SystemInformation',
  'BackgroundCopyManager', 'BackgroundCopyManager1_5', 'BackgroundCopyManager2_0', 'BackgroundCopyManager2_5',
  'BackgroundCopyManager3_0', 'BackgroundCopyManager4_0', 'BackgroundCopyManager5_0', 'BackgroundCopyManager10_1',
  // devices and media (PortableDeviceApi.h, PortableDeviceTypes.h, sensorsapi.h, mmdeviceapi.h, wincodec.h, uuids.h, dinput.h, dsound.h, sapi.h, mlang.h, msctf.h)
  'PortableDeviceManager', 'PortableDevice', 'PortableDeviceFTM', 'PortableDeviceValues', 'PortableDeviceKeyCollection',
  'PortableDevicePropVariantCollection', 'SensorManager', 'MMDeviceEnumerator',
  'WICImagingFactory', 'WICImagingFactory1', 'WICImagingFactory2', 'FilterGraph', 'CaptureGraphBuilder2', 'SystemDeviceEnum',
  'DirectInput', 'DirectInput8', 'DirectSound', 'DirectSound8', 'SpVoice', 'CMultiLanguage', 'TF_ThreadMgr', 'TF_InputProcessorProfiles',
];

/**
 * Classes Windows provides, by their `CLSID_` names in the Windows SDK headers (the coclass names,
 * as `__uuidof(FileOpenDialog)` spells them, are the same without the prefix). Not the whole SDK:
 * the common ones; the rule's `allowedClasses` option adds others.
 */
export const WINDOWS_CLSIDS: ReadonlySet<string> = new Set(WINDOWS_CLASSES.map((c) => `CLSID_${c}`));

/**
 * The C++ smart pointers of COM, by their last name: ATL's CComPtr<T> and CComQIPtr<T>, WRL's
 * Microsoft::WRL::ComPtr<T>, WIL's wil::com_ptr<T> (com_ptr_nothrow, com_ptr_failfast) and
 * C++/WinRT's winrt::com_ptr<T>. Each holds a T*: `p->Show(hwnd)` calls T's method.
 */
export const COM_SMART_POINTERS: ReadonlySet<string> = new Set(['CComPtr', 'CComQIPtr', 'ComPtr', 'com_ptr', 'com_ptr_nothrow', 'com_ptr_failfast']);

/**
 * COM dialogs, by interface and the method that shows them: IModalWindow::Show, which the common
 * file dialogs inherit (IFileDialog, IFileDialog2, IFileOpenDialog, IFileSaveDialog), and
 * StartProgressDialog of IProgressDialog and IOperationsProgressDialog.
 */
export const COM_DIALOG_METHODS: ReadonlyMap<string, string> = new Map([
  ['IModalWindow', 'Show'],
  ['IFileDialog', 'Show'],
  ['IFileDialog2', 'Show'],
  ['IFileOpenDialog', 'Show'],
  ['IFileSaveDialog', 'Show'],
  ['IProgressDialog', 'StartProgressDialog'],
  ['IOperationsProgressDialog', 'StartProgressDialog'],
]);

/** The C macros the headers define for those methods under COBJMACROS: `IFileDialog_Show(pfd, hwnd)`. */
export const COM_DIALOG_MACROS: readonly string[] = [...COM_DIALOG_METHODS].map(([iface, method]) => `${iface}_${method}`);
