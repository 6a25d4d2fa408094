import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blankWindowsMacros, findWindowsMacros } from '../../engine/parsing/macro-blanking.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');

/**
 * The text with each listed piece replaced by spaces (newlines kept), found left to right, each
 * after the previous one: the expected result written from what the macros are, independently of
 * the scanner.
 */
function mask(text: string, ...pieces: string[]): string {
  let out = text;
  let from = 0;
  for (const piece of pieces) {
    const at = out.indexOf(piece, from);
    if (at < 0) throw new Error(`test bug: ${JSON.stringify(piece)} not in the text after ${from}`);
    out = out.slice(0, at) + piece.replace(/[^\r\n]/g, ' ') + out.slice(at + piece.length);
    from = at + piece.length;
  }
  return out;
}

/** Like mask, but only from offset `from` on (what comes before stays as it is). */
function maskFrom(text: string, from: number, ...pieces: string[]): string {
  if (from < 0) throw new Error('test bug: no such offset');
  return text.slice(0, from) + mask(text.slice(from), ...pieces);
}

/** Length, newlines and every character that is not blanked (to a space) are the input's. */
function expectSameShape(input: string, output: string): void {
  expect(output.length).toBe(input.length);
  for (let i = 0; i < input.length; i++) {
    const a = input[i];
    const b = output[i];
    if (a === '\n' || a === '\r') expect(b, `newline at ${i}`).toBe(a);
    else if (b !== a) expect(b, `offset ${i}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`).toMatch(/[ :]|[a-z]/);
  }
}

describe('blankWindowsMacros: offsets never move', () => {
  const inputs = [
    'DWORD CALLBACK f(_In_ HDEVINFO h, _Out_writes_(n) PWSTR b, IN DWORD n OPTIONAL);',
    '_When_(a == (b + (c)),\r\n       _Out_) int g(_Inout_opt_ PVOID p);\r\n',
    'void h(__in LPCWSTR s, __out_ecount(n) LPWSTR d, __deref_out_opt PVOID *pp);\n',
    'STDMETHOD_(ULONG, AddRef)(THIS) PURE;\nSTDAPI_(BOOL) Foo(void);\nCONST CHAR *p;\n',
    '/* WINAPI */ "CALLBACK" \'IN\' // _In_\n#define X WINAPI\nint WINAPI y(void);\n',
  ];
  for (const input of inputs) {
    it(JSON.stringify(input.slice(0, 40)), () => {
      expectSameShape(input, blankWindowsMacros(input));
    });
  }

  it('keeps every file of the examples and the domain example the same shape, CRLF included', () => {
    const files = [
      path.join(REPO, 'examples/contoso-coinstaller/coinstaller.c'),
      path.join(REPO, 'examples/contoso-coinstaller/ui.c'),
      path.join(HERE, 'fixtures/sal-heavy-coinstaller.c'),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expectSameShape(text, blankWindowsMacros(text));
      const crlf = text.replace(/\n/g, '\r\n');
      expectSameShape(crlf, blankWindowsMacros(crlf));
    }
  });

  it('keeps newlines inside a blanked argument list, LF and CRLF', () => {
    const input = 'int f(_When_(x,\r\n y) _Out_writes_(a +\n b) int *p);';
    expect(blankWindowsMacros(input)).toBe(mask(input, '_When_(x,\r\n y)', '_Out_writes_(a +\n b)'));
  });

  it('is idempotent', () => {
    const input = readFileSync(path.join(HERE, 'fixtures/sal-heavy-coinstaller.c'), 'utf8');
    const once = blankWindowsMacros(input);
    expect(blankWindowsMacros(once)).toBe(once);
  });
});

describe('blankWindowsMacros: what is blanked', () => {
  it('blanks bare SAL annotations, calling conventions and parameter markers', () => {
    const input = 'DWORD CALLBACK f(_In_ DI_FUNCTION a, _Inout_opt_ PVOID b, IN OUT PDWORD c OPTIONAL);';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'CALLBACK', '_In_', '_Inout_opt_', 'IN', 'OUT', 'OPTIONAL'));
  });

  it('blanks SAL annotations with their argument lists', () => {
    const input = 'BOOL g(_Out_writes_(n) PWSTR s, _Out_writes_bytes_to_(cb, *pcb) PVOID d, _In_range_(0, 5) int r);';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, '_Out_writes_(n)', '_Out_writes_bytes_to_(cb, *pcb)', '_In_range_(0, 5)'),
    );
  });

  it('never takes the parenthesised declarator after a bare annotation for its arguments', () => {
    const input = 'void f(_In_opt_ (*callback)(int), __in (*other)(void));\ntypedef void (__stdcall *PFN)(int);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, '_In_opt_', '__in', '__stdcall'));
  });

  it('blanks _When_ with nested parentheses, and what follows it stays', () => {
    const input = '_When_((flags & (F_A | F_B)) != 0, _At_(*p, _Post_notnull_)) _Success_(return != FALSE) BOOL h(PVOID *p);';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, '_When_((flags & (F_A | F_B)) != 0, _At_(*p, _Post_notnull_))', '_Success_(return != FALSE)'),
    );
  });

  it('blanks _Ret_maybenull_, _Check_return_, _Use_decl_annotations_ and the IRQL family', () => {
    const input =
      '_Use_decl_annotations_ _Check_return_ _Ret_maybenull_ _IRQL_requires_max_(PASSIVE_LEVEL) _IRQL_requires_same_ PVOID k(void);';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, '_Use_decl_annotations_', '_Check_return_', '_Ret_maybenull_', '_IRQL_requires_max_(PASSIVE_LEVEL)', '_IRQL_requires_same_'),
    );
  });

  it('blanks the legacy annotations (__in, __out, __inout, __in_opt, __deref_out, __success(x))', () => {
    const input = '__success(return == 0) int m(__in LPCWSTR a, __out PDWORD b, __inout PVOID c, __in_opt PVOID d, __deref_out PVOID *e);';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, '__success(return == 0)', '__in', '__out', '__inout', '__in_opt', '__deref_out'),
    );
  });

  it('blanks the Windows calling conventions and the compiler keywords', () => {
    const input = 'int WINAPI a(void); int APIENTRY b(void); int WINAPIV c(int, ...); LONG NTAPI d(void); int __stdcall e(void); int __cdecl f(void); int __fastcall g(void);';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'WINAPI', 'APIENTRY', 'WINAPIV', 'NTAPI', '__stdcall', '__cdecl', '__fastcall'));
  });

  it('blanks import linkage macros and DECLSPEC_* with or without arguments', () => {
    const input =
      'WINBASEAPI BOOL WINAPI A(void);\nWINUSERAPI int WINAPI B(void);\nWINADVAPI LONG WINAPI C(void);\nWINSETUPAPI BOOL WINAPI D(void);\nNTSYSAPI ULONG NTAPI E(void);\n' +
      'DECLSPEC_IMPORT DECLSPEC_NORETURN void F(void);\ntypedef struct DECLSPEC_ALIGN(16) _G { int x; } G;\n';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, 'WINBASEAPI', 'WINAPI', 'WINUSERAPI', 'WINAPI', 'WINADVAPI', 'WINAPI', 'WINSETUPAPI', 'WINAPI', 'NTSYSAPI', 'NTAPI',
        'DECLSPEC_IMPORT', 'DECLSPEC_NORETURN', 'DECLSPEC_ALIGN(16)'),
    );
  });

  it('blanks EXTERN_C, FORCEINLINE, __forceinline, __inline, __attribute__((...)) and __MINGW_NOTHROW', () => {
    const input = 'EXTERN_C FORCEINLINE int a(void) { return 0; }\n__forceinline int b(void);\nstatic __inline int c(void);\nint d(const char *f, ...) __attribute__((format(printf, 1, 2))) __MINGW_NOTHROW;\n';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, 'EXTERN_C', 'FORCEINLINE', '__forceinline', '__inline', '__attribute__((format(printf, 1, 2)))', '__MINGW_NOTHROW'),
    );
  });
});

describe('blankWindowsMacros: __declspec', () => {
  it('keeps __declspec(dllexport), with or without spaces inside', () => {
    const input = '__declspec(dllexport) DWORD CALLBACK A(void);\n__declspec( dllexport ) DWORD B(void);\nextern "C" __declspec(dllexport) int C;\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'CALLBACK'));
  });

  it('keeps __attribute__((dllexport)), mingw\'s spelling, and blanks other attributes', () => {
    const input = '__attribute__((dllexport)) DWORD WINAPI A(void);\nint b(void) __attribute__((noreturn));\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'WINAPI', '__attribute__((noreturn))'));
  });

  it('blanks every other __declspec: dllimport, noreturn, align(n), uuid("...")', () => {
    const input = '__declspec(dllimport) int a;\n__declspec(noreturn) void b(void);\n__declspec(align(16)) int c;\nstruct __declspec(uuid("0000-0000")) D;\n';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, '__declspec(dllimport)', '__declspec(noreturn)', '__declspec(align(16))', '__declspec(uuid("0000-0000"))'),
    );
  });
});

describe('blankWindowsMacros: identifiers only, never inside literals or comments', () => {
  it('leaves longer identifiers that contain a macro name alone', () => {
    const input = 'INPUT in; INx a; xIN b; IN_ADDR c; WINAPIX d; MyWINAPI e; _In_x f; x_In_ g; __input h; __inline_x i; OUTPUT j; ÄIN k; IN$ l;';
    expect(blankWindowsMacros(input)).toBe(input);
  });

  it('blanks _In_range_(lo, hi) whole, not as _In_ followed by range_(...)', () => {
    const input = 'void f(_In_range_(0, 10) int level);';
    expect(blankWindowsMacros(input)).toBe('void f(' + ' '.repeat('_In_range_(0, 10)'.length) + ' int level);');
  });

  it('leaves string, character and raw string literals alone', () => {
    const input =
      'const char *a = "WINAPI _In_ \\" IN";\nwchar_t *b = L"CALLBACK";\nint c = \'IN\';\nconst char *d = R"x(_In_ ") OUT)x";\nconst char *e = u8R"(WINAPI)";\nint f(_In_ int z);\n';
    expect(blankWindowsMacros(input)).toBe(maskFrom(input, input.indexOf('int f('), '_In_'));
  });

  it('leaves block and line comments alone, and a comment inside a blanked argument list too', () => {
    const input = '/* WINAPI _In_ */ int a; // CALLBACK __in\n/* multi\n   IN OUT */\nint g(_In_reads_(n /* IN count */) const int *v);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, '_In_reads_(n', ')'));
  });

  it('is not fooled by a digit separator or a quote inside a number', () => {
    const input = "int big = 1'000'000; int f(_In_ int x); char c = 'a'; int g(_Out_ int *y);";
    expect(blankWindowsMacros(input)).toBe(mask(input, '_In_', '_Out_'));
  });

  it('copes with thousands of argument lists that never close: names blanked, the rest kept', () => {
    const unit = '_In_reads_(count ';
    const input = unit.repeat(20000) + '\nint f(_In_ int x);\n';
    const output = blankWindowsMacros(input);
    expect(output).toBe(' '.repeat('_In_reads_'.length).concat('(count ').repeat(20000) + '\nint f(     int x);\n');
  });

  it('leaves an unbalanced argument list alone, blanking only the name, and goes on', () => {
    const input = 'int f(_Out_writes_(n, int x;\nint g(_In_ int y);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, '_Out_writes_', '_In_'));
  });
});

describe('blankWindowsMacros: preprocessor directives are left as they are', () => {
  it('keeps #define names and bodies, #if expressions and #pragma lines', () => {
    const input =
      '#define WINAPI __stdcall\n#define MYAPI __declspec(dllimport) WINAPI\n#define LOG(p) _In_ p\n#if defined(_In_) && IN\n#pragma warning(disable: 4100) // WINAPI\n#endif\nint WINAPI f(_In_ int a);\n';
    expect(blankWindowsMacros(input)).toBe(maskFrom(input, input.indexOf('int WINAPI f'), 'WINAPI', '_In_'));
  });

  it('follows line splices and comments that continue a directive', () => {
    const input = '#define A(x) \\\n    _In_ x \\\n    WINAPI\n#define B /* spans\n lines */ OUT\nint f(_In_ int y);\n';
    expect(blankWindowsMacros(input)).toBe(maskFrom(input, input.indexOf('int f('), '_In_'));
  });

  it('blanks the braces of the C++ guard of a C header, and nothing else of it', () => {
    const input = '#ifdef __cplusplus\nextern "C" {\n#endif\nint a;\n#ifdef __cplusplus\n}\n#endif\n#if defined(__cplusplus)\nextern "C" {\n#endif\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'extern "C" {', '}', 'extern "C" {'));
  });

  it('blanks the brace of a guard closed with `};` (the `;` stays, an empty declaration) and before #else', () => {
    const input = '#ifdef __cplusplus\nextern "C" {\n#endif\nint a;\n#ifdef __cplusplus\n};\n#else\nint b;\n#endif\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'extern "C" {', '}'));
  });

  it('pairs the braces of a guard closed and reopened around C++-only code (the WIDL header pattern)', () => {
    const input =
      '#ifdef __cplusplus\nextern "C" {\n#endif\nint a;\n#if defined(__cplusplus) && !defined(CINTERFACE)\n} /* extern "C" */\n' +
      'namespace ABI { struct I { }; }\nextern "C" {\n#ifdef X\nint x;\n#endif\n#else\nint c;\n#endif\n#ifdef __cplusplus\n}\n#endif\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'extern "C" {', '}', 'extern "C" {', '}'));
  });

  it('leaves code under another condition alone, and a guard followed by more code', () => {
    const input = '#ifdef FOO\n}\n#endif\n#ifdef __cplusplus\nextern "C" { int x; }\n#endif\n';
    expect(blankWindowsMacros(input)).toBe(input);
  });

  it('leaves a plain extern "C" block alone, and one inside a function body', () => {
    const input = 'extern "C" {\nint a;\n}\nextern "C" int b;\nextern int c;\n';
    expect(blankWindowsMacros(input)).toBe(input);
  });
});

describe('blankWindowsMacros: COM and return-type macros', () => {
  it('keeps STDAPI as the return type and unwraps STDAPI_(type)', () => {
    const input = 'STDAPI DllRegisterServer(void);\nSTDAPI_(BOOL) DllMain2(void);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'STDAPI_(', ')'));
  });

  it('reads STDMETHOD(name) as a method returning STDMETHOD and STDMETHOD_(type, name) as type name', () => {
    const input = 'STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;\nSTDMETHOD_(ULONG, AddRef)(THIS) PURE;\n';
    expect(blankWindowsMacros(input)).toBe(
      mask(input, '(', ')', 'THIS_', 'PURE', 'STDMETHOD_(', ',', ')', 'THIS', 'PURE'),
    );
  });

  it('respells CONST as const, and CONST_VTBL as const and spaces', () => {
    expect(blankWindowsMacros('void f(CONST CHAR *p);')).toBe('void f(const CHAR *p);');
    expect(blankWindowsMacros('CONST_VTBL struct IFooVtbl *lpVtbl;')).toBe('const      struct IFooVtbl *lpVtbl;');
  });

  it('opens a struct for MIDL_INTERFACE, DECLARE_INTERFACE_ and the interface keyword', () => {
    expect(blankWindowsMacros('MIDL_INTERFACE("00000000-0000") IFoo : public IUnknown {};')).toBe(
      'struct                          IFoo : public IUnknown {};',
    );
    expect(blankWindowsMacros('DECLARE_INTERFACE_(IFoo, IUnknown) {};')).toBe('struct             IFoo: IUnknown  {};');
    expect(blankWindowsMacros('typedef interface IFoo IFoo;')).toBe('typedef struct    IFoo IFoo;');
    expect(blankWindowsMacros('int interface = 1;')).toBe('int interface = 1;');
    expect(blankWindowsMacros('typedef _COM_interface IStream IStream;')).toBe('typedef struct         IStream IStream;');
  });
});

describe('blankWindowsMacros: macros told by their position', () => {
  it('blanks an unknown linkage macro before a type, and an unknown calling convention after one', () => {
    const input = 'UPSAPI VOID NTAPI UPSCancelWait(VOID);\nint DIAMONDAPI FCIAddFile(int a);\ntypedef BOOL (DIAMONDAPI *PFNFCI)(int);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'UPSAPI', 'NTAPI', 'DIAMONDAPI', 'DIAMONDAPI'));
  });

  it('blanks such a macro before a parenthesised pointer declarator and between struct and its tag', () => {
    const input = 'extern void WINPTHREAD_API (**key_dest)(void *);\ntypedef struct LOOKASIDE_ALIGN _GENERAL_LOOKASIDE { int a; } L;\nstruct FOO bar;\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'WINPTHREAD_API', 'LOOKASIDE_ALIGN'));
  });

  it('unwraps an unknown XXXAPI_(type) return-type macro', () => {
    const input = 'THEMEAPI_(BOOL) BeginPanningFeedback(HWND hwnd);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, 'THEMEAPI_(', ')'));
  });

  it('keeps such a name where it is the type or the declared name', () => {
    const input =
      'LDAPAPI x;\nMYAPI *p;\nWINOLECTLAPI OleCreatePropertyFrame(HWND h);\nstruct FOOAPI s;\nstatic const PFN_ENTRY table[2];\n' +
      'void f(DWORD a, MY_CALLBACK cb, const MY_CALLBACK cb2, volatile MY_FN *p);\ntypedef VOID MY_CALLBACK (PVOID Context);\nDRIVER_INITIALIZE DriverEntry;\n';
    expect(blankWindowsMacros(input)).toBe(input);
    // A return type shaped like a macro, before a calling convention, stays the return type.
    const params = 'VOID F(HCN_PORT_RANGE_ENTRY* Entries);\nHRESULT G(SPNOTIFYCALLBACK *pfnCallback, int a);\nVOID H(IN PFOO_CALLBACK Callback OPTIONAL);\n';
    expect(blankWindowsMacros(params)).toBe(mask(params, 'IN', 'OPTIONAL'));
    const returns = 'PCTL_ENTRY WINAPI CertFindSubjectInCTL(DWORD a);\nSNMPAPI SNMP_FUNC_TYPE SnmpUtilOidCpy(int a);\n';
    expect(blankWindowsMacros(returns)).toBe(mask(returns, 'WINAPI', 'SNMP_FUNC_TYPE'));
  });

  it('blanks a file-scope line that is only a macro call, but never one inside a function body', () => {
    const input =
      '__CRT_UUID_DECL(IFoo, 0x1, 0x2)\nDEFINE_THINGS(a, b)\nint x;\nvoid f(void)\n{\n    TRACE_ENTER(f)\n    g();\n}\nDECLARE_HANDLE(HFOO);\n';
    expect(blankWindowsMacros(input)).toBe(mask(input, '__CRT_UUID_DECL(IFoo, 0x1, 0x2)', 'DEFINE_THINGS(a, b)'));
  });
});

describe('blankWindowsMacros: the module\'s own macros that stand for Windows macros', () => {
  it('blanks the uses of a #define whose body is only Windows macros, extern "C" or nothing', () => {
    const input =
      '#define COINST_API extern "C" __declspec(dllexport)\n#define MYCALL WINAPI /* calling convention */\n#define MARKER\n' +
      'COINST_API DWORD MYCALL CoInstaller(MARKER int a);\n';
    expect(blankWindowsMacros(input)).toBe(maskFrom(input, input.indexOf('COINST_API DWORD'), 'COINST_API', 'MYCALL', 'MARKER'));
  });

  it('keeps names defined as anything else, defined two ways, defined later, or function-like', () => {
    const input =
      'MARK int early;\n#define BUFSIZE 260\n#ifdef DEBUG\n#define MARK\n#else\n#define MARK volatile\n#endif\n#define F(x)\n' +
      'char b[BUFSIZE]; MARK int x; F(1);\n';
    expect(blankWindowsMacros(input)).toBe(input);
  });

  it('tells findWindowsMacros what the alias stands for, so that an exported entry point stays known', () => {
    const input = '#define COINST_API __declspec(dllexport)\nCOINST_API DWORD CALLBACK CoInstaller(int a);\n';
    const alias = findWindowsMacros(input).find((u) => u.treatment === 'alias');
    expect(alias).toEqual({ name: 'COINST_API', treatment: 'alias', start: input.indexOf('COINST_API DWORD'), end: input.indexOf(' DWORD'), aliasBody: '__declspec(dllexport)' });
  });
});

describe('findWindowsMacros', () => {
  it('lists each macro with its range and treatment, arguments included', () => {
    const input = 'DWORD CALLBACK f(_In_ int a, _Out_writes_(n) int *b, __declspec(dllexport) int c);';
    const uses = findWindowsMacros(input).map((u) => ({ name: u.name, treatment: u.treatment, text: input.slice(u.start, u.end) }));
    expect(uses).toEqual([
      { name: 'CALLBACK', treatment: 'word', text: 'CALLBACK' },
      { name: '_In_', treatment: 'word', text: '_In_' },
      { name: '_Out_writes_', treatment: 'call', text: '_Out_writes_(n)' },
      { name: '__declspec', treatment: 'declspec', text: '__declspec(dllexport)' },
    ]);
  });
});
