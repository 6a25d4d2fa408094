/**
 * Which identifiers of Windows-style C are macros that tree-sitter-cpp cannot parse, and what
 * macro-blanking.ts does with each. Everything here keeps the text's length: a macro is either
 * blanked to spaces or, for a few, its punctuation is.
 */

/**
 * - `word`: blank the name only (bare annotations, calling conventions, IN/OUT/OPTIONAL).
 * - `call`: blank the name and, when an argument list follows, the whole list
 *   (`_Out_writes_(n)`, `DECLSPEC_ALIGN(16)`, `__attribute__((x))`); without one, the name only.
 * - `unwrap`: blank the name, its parentheses and the commas between its arguments, keeping the
 *   arguments: `STDAPI_(BOOL)` leaves `BOOL`, `STDMETHOD_(ULONG, AddRef)` leaves `ULONG AddRef`.
 * - `type-name`: keep the name (it reads as the return type) and blank only its parentheses:
 *   `STDMETHOD(Foo)` leaves `STDMETHOD Foo`, a declaration returning the type `STDMETHOD`.
 * - `declspec`: `__declspec(...)` and `__attribute__((...))` are blanked unless they name
 *   `dllexport`, which the installer model reads (and tree-sitter-cpp parses).
 * - `const`: `CONST` is respelled `const` (same length; `CONST_VTBL` as `const` and spaces), which is
 *   what it expands to; blanking it would lose the qualifier, keeping it makes `CONST CHAR *p` two
 *   type names in a row.
 * - `struct-head`: `MIDL_INTERFACE("...")` and `DECLARE_INTERFACE_(IFoo, IBase)` open a struct:
 *   the name is respelled `struct` (padded with spaces), the first comma `:`, the rest blanked.
 * - `struct-keyword`: `interface` and `_COM_interface` (defined as `struct`) before a name are respelled
 *   `struct` and spaces.
 */
export type MacroTreatment = 'word' | 'call' | 'unwrap' | 'type-name' | 'declspec' | 'const' | 'struct-head' | 'struct-keyword';

const WORD_MACROS = [
  // Calling conventions and their Windows spellings.
  'CALLBACK', 'WINAPI', 'WINAPIV', 'APIENTRY', 'APIENTRYP', 'APIPRIVATE', 'PASCAL', 'NTAPI', 'NTAPI_INLINE',
  'WSAAPI', 'WSPAPI', 'RPC_ENTRY', 'RPC_VAR_ENTRY', 'STDAPICALLTYPE', 'STDAPIVCALLTYPE', 'STDMETHODCALLTYPE',
  'STDMETHODVCALLTYPE', 'STDCALL', 'CDECL', 'FASTCALL', 'IMAGEAPI', 'GLAPIENTRY', 'GLAPIENTRYP', 'KHRONOS_APIENTRY',
  'NET_API_FUNCTION', 'SEC_ENTRY', 'SEC_FAR', 'WDBGAPI', 'WMIAPI', 'CRYPTDLG_API',
  '__stdcall', '__cdecl', '__fastcall', '__thiscall', '__vectorcall', '__clrcall', '_stdcall', '_cdecl', '_fastcall',
  '__RPC_API', '__RPC_USER', '__RPC_STUB', '__RPC_FAR', '__RPC_CALLEE', '__CRTDECL', '__CLRCALL_OR_CDECL',
  '__CLRCALL_PURE_OR_CDECL', '__CLR_OR_THIS_CALL', '__MINGW_NOTHROW',
  // Import/export linkage macros (DECLSPEC_IMPORT and friends; the export spelling stays visible via __declspec).
  'WINBASEAPI', 'WINUSERAPI', 'WINADVAPI', 'WINSETUPAPI', 'WINGDIAPI', 'WINSPOOLAPI', 'WINMMAPI', 'WINCRYPT32API',
  'WINCFGMGR32API', 'CMAPI', 'WINSOCK_API_LINKAGE', 'NTSYSAPI', 'NTSYSCALLAPI', 'NTKERNELAPI', 'NTHALAPI', 'WINIMPM',
  'WINNORMALIZEAPI', 'WINPATHCCHAPI', 'WINSHELLAPI', 'WINCOMMCTRLAPI', 'GLAPI', 'WINAPI_INLINE', 'DSGETDCAPI',
  'IPHLPAPI_DLL_LINKAGE', 'NTDSAPI', 'NTDSAPI_POSTXP', 'USERENVAPI', 'WINHTTPAPI', 'COMBASEAPI',
  '_CRTIMP', '_CRTIMP2', '_CRTIMP_ALT', '_CRTIMP_PURE', '_CRTIMP2_PURE', '_CRTNOALIAS', '_CRTRESTRICT', '_CRT_JIT_INTRINSIC',
  '_SECIMP', '__MINGW_IMPORT', '__CRT_INLINE', '__MINGW_INTRIN_INLINE', '__mingw_ovr', '__mingw_static_ovr',
  '__mingw_bos_ovr', '__mingw_bos_extern_ovr', '__mingw_attribute_artificial', 'D2D1FORCEINLINE', 'ExternC',
  '_CRTALLOCATOR', '_ACRTIMP', '_ACRTIMP_ALT', '_DCRTIMP', '_UCRTIMP', '_VCRTIMP', '_CRT_STDIO_INLINE',
  // Parameter markers and pointer decorations that expand to nothing.
  'IN', 'OUT', 'OPTIONAL', 'FAR', 'NEAR', 'UNALIGNED', 'UNALIGNED64', 'RESTRICTED_POINTER', 'POINTER_32', 'POINTER_64',
  'POINTER_SIGNED', 'POINTER_UNSIGNED', 'SPOINTER_32', 'UPOINTER_32', '__ptr32', '__ptr64', '__sptr', '__uptr',
  'HUGEP', '_huge', '__huge', '_far', '__far', '_near', '__near', 'DBTFAR', '__restrict__',
  '__unaligned', '__RPC_unique_pointer', '__RPC_ref_pointer', '__RPC_string', '__RPC_full_pointer',
  // Inline and linkage wrappers.
  'FORCEINLINE', 'CFORCEINLINE', '__forceinline', '__inline', '__inline__', 'EXTERN_C', 'EXTERN_C_START',
  'EXTERN_C_END', 'EXTERN_C_BEGIN', '__BEGIN_DECLS', '__END_DECLS', '_CRT_BEGIN_C_HEADER', '_CRT_END_C_HEADER', 'BEGIN_INTERFACE',
  'END_INTERFACE', 'PURE', 'THIS_', 'THIS', '__MINGW_EXTENSION', '__extension__', '_ANONYMOUS_UNION',
  '_ANONYMOUS_STRUCT', '__C89_NAMELESS', '__GNU_EXTENSION', 'ATL_NO_VTABLE', 'WINCRYPT_DWORD_CPP_ONLY',
  // The C++ library's namespace and linkage brackets (`namespace std {` ... `}`), blanked in pairs.
  '_C_LIB_DECL', '_END_C_LIB_DECL', '_C_STD_BEGIN', '_C_STD_END', '_STD_BEGIN', '_STD_END', '_EXTERN_C', '_END_EXTERN_C',
  // Bare annotations of other annotation families.
  '__nothrow', '__specstrings', '__checkReturn', '__fallthrough', '__override', '__callback', '__reserved',
  '__nullterminated', '__nullnullterminated', '__format_string', '__notnull', '__maybenull', '__encoded_pointer',
  '__kernel_code', '__kernel_driver', '__user_code', '__user_driver', '__internal_kernel_driver', '__refparam',
  '__possibly_notnullterminated', '__post', '__pre', '__drv_aliasesMem', '__drv_floatUsed', '__drv_floatSaved',
  '__drv_floatRestored', '__drv_nonConstant', '__drv_savesIRQL', '__drv_restoresIRQL', '__drv_useCancelIRQL',
  '__drv_dispatchType_other', '__drv_sameIRQL', '__drv_isCancelIRQL', '__drv_interlocked', '__drv_inTry',
] as const;

const CALL_MACROS = [
  '__pragma', '_Pragma', '__MINGW_ATTRIB_DEPRECATED_MSG', '__MINGW_BROKEN_INTERFACE',
  '_CRT_INSECURE_DEPRECATE', '_CRT_INSECURE_DEPRECATE_CORE', '_CRT_INSECURE_DEPRECATE_MEMORY', '_CRT_DEPRECATE_TEXT',
  '_CRT_NONSTDC_DEPRECATE', '_CRT_OBSOLETE', '__CRT_UUID_DECL', '_CRT_ALIGN', '__success', '__range', '__typefix', '__ecount',
  '__bcount', '__xcount', '__field_ecount', '__field_bcount', '__exceptthat', '__inexpressible_readableTo',
  '__declspec_selectany', '__MINGW_ATTRIB_NONNULL', '__MINGW_ATTRIB_MALLOC', '__MINGW_ATTRIB_PURE',
  '__MINGW_ATTRIB_CONST', '__MINGW_ATTRIB_NORETURN', '__MINGW_ATTRIB_UNUSED', '__MINGW_ATTRIB_USED',
  '__MINGW_ATTRIB_DEPRECATED', '__MINGW_ASM_CALL', '__MINGW_ASM_CRT_CALL', '__MINGW_SELECTANY',
  '__MINGW_GNU_PRINTF', '__MINGW_GNU_SCANF', '__MINGW_MS_PRINTF', '__MINGW_MS_SCANF', '__MINGW_PRINTF_FORMAT',
  '__MINGW_ATTRIB_DEPRECATED_SEC_WARN', '__MINGW_ATTRIB_DEPRECATED_MSVC2005', '__MINGW_ATTRIB_NO_OPTIMIZE',
  '__MINGW_DEPRECATED_MSG',
  '__drv_when', '__drv_at', '__drv_requiresIRQL', '__drv_maxIRQL', '__drv_minIRQL', '__drv_setsIRQL',
  '__drv_raisesIRQL', '__drv_savesIRQLGlobal', '__drv_restoresIRQLGlobal', '__drv_allocatesMem', '__drv_freesMem',
  '__drv_preferredFunction', '__drv_functionClass', '__drv_dispatchType', '__drv_neverHold',
  '__drv_mustHold', '__drv_acquiresResource', '__drv_releasesResource', '__drv_innerMustHoldGlobal',
  '__drv_innerNeverHoldGlobal', '__drv_acquiresResourceGlobal', '__drv_releasesResourceGlobal', '__drv_valueIs',
  '__drv_constant', '__drv_formatString', '__drv_strictType', '__drv_strictTypeMatch', '__drv_reportError',
  '__drv_isObjectPointer', '__drv_clearDoInitRecord',
] as const;

/** Return-type macros with the type as argument: `STDAPI_(BOOL) Foo(void)` is `BOOL Foo(void)`. */
const UNWRAP_MACROS = [
  'STDAPI_', 'STDAPIV_', 'STDMETHODIMP_', 'STDMETHODIMPV_', 'STDMETHOD_', 'STDMETHODV_', 'WINOLEAPI_',
  'WINOLEAUTAPI_', 'LWSTDAPI_', 'LWSTDAPIV_', 'SHSTDAPI_', 'SHDOCAPI_', 'SHFOLDERAPI_', 'PSSTDAPI_', 'STDOVERRIDEMETHODIMP_',
  'IFACEMETHODIMP_', 'WINPATHCCHAPI_', 'SHSTDAPIV_', 'INTERNETAPI_', 'URLCACHEAPI_', 'DECLARE_STDCALL_P', 'WINOLECTLAPI_',
  'DWMAPI_', '__MINGW_NAME_AW', '__MINGW_NAME_UAW', '__MINGW_NAME_AW_EXT',
] as const;

/** `STDMETHOD(Foo)` keeps its name as the declaration's type; the name inside stays the declarator. */
const TYPE_NAME_MACROS = ['STDMETHOD', 'STDMETHODV', 'IFACEMETHOD'] as const;

const STRUCT_HEAD_MACROS = [
  'MIDL_INTERFACE', 'DECLARE_INTERFACE', 'DECLARE_INTERFACE_', 'DECLARE_INTERFACE_IID_', 'DECLARE_MAPI_INTERFACE',
  'DECLARE_MAPI_INTERFACE_',
] as const;

/**
 * Modern SAL 2 annotations (`_In_`, `_Out_writes_bytes_to_(a, b)`, `_When_(c, a)`, `_IRQL_requires_max_(x)`):
 * `_` + one of these words + `_` ... + `_`. Names starting with `_` and a capital letter are reserved
 * to the implementation, so no user identifier has this shape.
 */
const SAL_FIRST_WORDS = new Set([
  'In', 'Out', 'Inout', 'Outptr', 'Outref', 'Ret', 'Deref', 'Pre', 'Post', 'Field', 'Struct', 'When', 'At', 'Success',
  'Return', 'Check', 'Must', 'Use', 'IRQL', 'Kernel', 'Acquires', 'Releases', 'Requires', 'Guarded', 'Write',
  'Interlocked', 'Analysis', 'Printf', 'Scanf', 'Format', 'COM', 'Frees', 'Null', 'NullNull', 'Notnull', 'Maybenull',
  'Maybe', 'Result', 'Readable', 'Writable', 'Always', 'On', 'Group', 'Benign', 'Lock', 'Create', 'Has', 'No', 'Const',
  'Reserved', 'Notref', 'Points', 'Literal', 'Notliteral', 'Strict', 'Enum', 'Param', 'Old', 'Curr', 'Inexpressible',
  'Nullterm', 'String', 'Dispatch', 'Function', 'Satisfies', 'Unchanged', 'Raises', 'Called', 'Valid', 'Notvalid',
  'Translates', 'Memory', 'Alloc', 'Callback', 'Drv', 'Allocator',
]);

/**
 * Bare SAL annotations that take no argument list: a parenthesis after one of them belongs to the
 * declarator (`_In_opt_ (*callback)(int)`), so it is left alone.
 */
const SAL_BARE = new Set([
  '_In_', '_In_opt_', '_In_z_', '_In_opt_z_', '_In_nz_', '_In_opt_nz_', '_Out_', '_Out_opt_', '_Inout_', '_Inout_opt_',
  '_Inout_z_', '_Inout_opt_z_', '_Inout_nz_', '_Inout_opt_nz_', '_Outptr_', '_Outptr_opt_', '_Outptr_result_maybenull_',
  '_Outptr_opt_result_maybenull_', '_Outptr_result_z_', '_Outptr_opt_result_z_', '_Outptr_result_maybenull_z_',
  '_Outptr_opt_result_maybenull_z_', '_Outptr_result_nullonfailure_', '_Outptr_opt_result_nullonfailure_',
  '_COM_Outptr_', '_COM_Outptr_opt_', '_COM_Outptr_result_maybenull_', '_COM_Outptr_opt_result_maybenull_',
  '_Outref_', '_Outref_result_maybenull_', '_Outref_result_nullonfailure_', '_Ret_', '_Ret_z_', '_Ret_maybenull_',
  '_Ret_maybenull_z_', '_Ret_notnull_', '_Ret_null_', '_Ret_valid_', '_Check_return_', '_Must_inspect_result_',
  '_Use_decl_annotations_', '_Reserved_', '_Const_', '_Pre_', '_Post_', '_Deref_', '_Deref_out_', '_Deref_out_opt_',
  '_Deref_opt_out_', '_Deref_opt_out_opt_', '_Deref_in_', '_Deref_inout_', '_Field_z_', '_Null_terminated_',
  '_NullNull_terminated_', '_Notnull_', '_Maybenull_', '_Null_', '_Pre_notnull_', '_Pre_maybenull_', '_Pre_null_',
  '_Post_notnull_', '_Post_maybenull_', '_Post_null_', '_Post_z_', '_Post_valid_', '_Post_invalid_', '_Post_ptr_invalid_',
  '_Pre_valid_', '_Pre_z_', '_Printf_format_string_', '_Scanf_format_string_', '_Scanf_s_format_string_',
  '_Result_nullonfailure_', '_Result_zeroonfailure_', '_Frees_ptr_', '_Frees_ptr_opt_', '_Literal_', '_Notliteral_',
  '_Points_to_data_', '_Strict_type_match_', '_Interlocked_', '_Interlocked_operand_', '_Enum_is_bitflag_',
  '_Benign_race_begin_', '_Benign_race_end_', '_No_competing_thread_', '_No_competing_thread_begin_',
  '_No_competing_thread_end_', '_Requires_no_locks_held_', '_IRQL_requires_same_', '_IRQL_saves_', '_IRQL_restores_',
  '_IRQL_is_cancel_', '_IRQL_uses_cancel_',
  '_Kernel_float_saved_', '_Kernel_float_restored_', '_Kernel_float_used_', '_Analysis_noreturn_',
  '_Maybe_raises_SEH_exception_', '_Raises_SEH_exception_', '_Post_equals_last_error_', '_Notref_', '_Curr_',
  '_Unreferenced_parameter_', '_Pre_defensive_',
  '_Post_defensive_', '_Ret_notnull_z_', '_Ret_opt_', '_Ret_opt_z_',
]);

/**
 * Legacy (SAL 1, specstrings.h and driverspecs.h) annotations: `__in`, `__out_opt`, `__deref_out_ecount(n)`,
 * `__drv_aliasesMem`, `__RPC__in_opt`: `__` + one of these words, then nothing or `_` and more.
 */
const LEGACY_FIRST_WORDS = new Set(['in', 'out', 'inout', 'deref', 'drv', 'field', 'elem', 'byte', 'struct']);
/** Legacy annotations of the second kind whose tails must not collide: `__field_ecount` yes, `__field` alone no. */
const LEGACY_NEEDS_TAIL = new Set(['field', 'elem', 'byte', 'struct']);
/** A legacy annotation made only of these words takes no argument list (`__in_opt`, `__deref_opt_out_z`). */
const LEGACY_BARE_WORDS = new Set(['in', 'out', 'inout', 'deref', 'opt', 'z', 'nz', 'string']);

const EXACT = new Map<string, MacroTreatment>();
for (const name of WORD_MACROS) EXACT.set(name, 'word');
for (const name of CALL_MACROS) EXACT.set(name, 'call');
for (const name of UNWRAP_MACROS) EXACT.set(name, 'unwrap');
for (const name of TYPE_NAME_MACROS) EXACT.set(name, 'type-name');
for (const name of STRUCT_HEAD_MACROS) EXACT.set(name, 'struct-head');
// `__attribute__((dllexport))`, mingw's spelling of the export, stays visible like `__declspec(dllexport)`.
for (const name of ['__declspec', '__attribute__', '__attribute']) EXACT.set(name, 'declspec');
for (const name of ['CONST', 'CONST_VTBL', '_CONST_RETURN', 'OLE_CONST', 'DHCP_CONST', 'GDIPCONST', '_WConst_return']) {
  EXACT.set(name, 'const');
}
EXACT.set('_COM_interface', 'struct-keyword');

/** The longest name worth looking up; longer identifiers are not macros of this table. */
export const MAX_MACRO_NAME_LENGTH = 64;

/** What to do with an identifier, or undefined when it is not a known Windows macro. */
export function classifyIdentifier(name: string): MacroTreatment | undefined {
  const exact = EXACT.get(name);
  if (exact !== undefined) return exact;
  if (name.charCodeAt(0) !== 0x5f /* _ */) {
    // DECLSPEC_IMPORT, DECLSPEC_NORETURN, DECLSPEC_ALIGN(16), DECLSPEC_UUID("..."), DECLSPEC_XFGVIRT(a, b) ...
    return name.startsWith('DECLSPEC_') ? 'call' : undefined;
  }
  const second = name.charCodeAt(1);
  if (second === 0x5f /* __ */) return classifyLegacy(name);
  if (second >= 0x41 && second <= 0x5a && name.length >= 3 && name.charCodeAt(name.length - 1) === 0x5f) {
    const end = name.indexOf('_', 1);
    if (SAL_FIRST_WORDS.has(name.slice(1, end))) return SAL_BARE.has(name) ? 'word' : 'call';
  }
  return undefined;
}

function classifyLegacy(name: string): MacroTreatment | undefined {
  // __MINGW_ATTRIB_NONNULL(1), and the CRT's C++ overload generators __DEFINE_CPP_OVERLOAD_SECURE_FUNC_0_1(...).
  if (name.startsWith('__MINGW_ATTRIB_') || name.startsWith('__DEFINE_CPP_OVERLOAD_')) return 'call';
  const rpc = name.startsWith('__RPC__');
  const body = name.slice(rpc ? 7 : 2);
  const words = body.split('_');
  if (!rpc) {
    if (!LEGACY_FIRST_WORDS.has(words[0])) return undefined;
    if (words.length === 1 && LEGACY_NEEDS_TAIL.has(words[0])) return undefined;
  }
  if (words.some((w) => w === '')) return rpc ? 'call' : undefined;
  return words.every((w) => LEGACY_BARE_WORDS.has(w)) ? 'word' : 'call';
}
