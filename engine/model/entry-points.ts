/**
 * Installer entry points (docs/installer-facts.md#entry-points): functions whose parameters have the
 * shape (DI_FUNCTION or UINT, HDEVINFO, PSP_DEVINFO_DATA [, PCOINSTALLER_CONTEXT_DATA]), and
 * functions the DLL exports under a name an INF, the .def file, __declspec(dllexport) or the
 * configuration names.
 */
import type { ParamSummary } from './summary-types.js';

const DIF_TYPES = /^(DI_FUNCTION|UINT|DWORD|ULONG|unsigned( int)?|unsigned long)$/;
const DEVINFO_SET_TYPES = /^HDEVINFO$/;
const DEVINFO_DATA_TYPES = /^(PSP_DEVINFO_DATA|_?SP_DEVINFO_DATA\*)$/;
const CONTEXT_TYPES = /^(PCOINSTALLER_CONTEXT_DATA|_?COINSTALLER_CONTEXT_DATA\*)$/;

/** The installer kind a parameter list has, or undefined when it is not an installer's. */
export function signatureKind(params: readonly ParamSummary[]): 'co-installer' | 'class-installer' | undefined {
  if (params.length !== 3 && params.length !== 4) return undefined;
  if (!DIF_TYPES.test(params[0].type) || !DEVINFO_SET_TYPES.test(params[1].type) || !DEVINFO_DATA_TYPES.test(params[2].type)) return undefined;
  if (params.length === 3) return 'class-installer';
  return CONTEXT_TYPES.test(params[3].type) ? 'co-installer' : undefined;
}

/** Kind from the number of parameters, for entry points found by export only. */
export function kindOfParamCount(params: readonly ParamSummary[]): 'co-installer' | 'class-installer' | undefined {
  if (params.length === 4) return 'co-installer';
  if (params.length === 3) return 'class-installer';
  return undefined;
}

/** `_CoDeviceInstall@16` -> `CoDeviceInstall` (stdcall decoration in .def files). */
export function undecorate(name: string): string {
  const m = /^_?([A-Za-z_]\w*?)@\d+$/.exec(name);
  return m ? m[1] : name;
}
